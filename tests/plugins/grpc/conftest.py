"""Fixtures of the gRPC plugin tests: the example service on sys.path, pacts in tmp dirs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "grpc"
if str(EXAMPLE) not in sys.path:
    sys.path.insert(0, str(EXAMPLE))


@pytest.fixture
def pact(tmp_path: Path):
    """A consumer pact writing into a temporary folder."""
    from polypact import Pact

    return Pact("area-client", "area-calculator", pact_dir=tmp_path)
