"""Fixtures for HTTP consumer tests: a pact writing into a temporary directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from polypact.consumer import Pact


@pytest.fixture
def pact(tmp_path: Path) -> Pact:
    """A consumer ``web`` / provider ``users`` pact written under ``tmp_path``."""
    return Pact("web", "users", pact_dir=tmp_path)


@pytest.fixture
def read_written(tmp_path: Path):
    """Read the pact file the ``pact`` fixture wrote (as JSON)."""

    def read() -> dict:
        return json.loads((tmp_path / "web-users.json").read_text())

    return read
