"""pytest set-up for the example consumer tests.

Pacts go to ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary folder), else to
``examples/http/pacts`` (git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from polypact import Pact

HERE = Path(__file__).resolve().parent


@pytest.fixture
def pact_dir() -> Path:
    """Where the consumer tests write their pact files."""
    return Path(os.environ.get("POLYPACT_PACT_DIR", HERE / "pacts"))


@pytest.fixture
def pact(pact_dir: Path) -> Pact:
    """The contract between the example consumer ("users-web") and the users service."""
    return Pact("users-web", "users-service", pact_dir=pact_dir)
