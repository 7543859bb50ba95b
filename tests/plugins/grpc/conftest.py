"""Fixtures of the gRPC plugin tests: the example service on sys.path, pacts in tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plugins.plugin_support import example_on_path

EXAMPLE = example_on_path("grpc")


@pytest.fixture
def pact(tmp_path: Path):
    """A consumer pact writing into a temporary folder."""
    from polypact import Pact

    return Pact("area-client", "area-calculator", pact_dir=tmp_path)
