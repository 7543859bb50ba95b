"""pytest set-up for the gRPC example consumer tests.

Pacts go to ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary folder), else to
``examples/grpc/pacts`` (git-ignored).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from polypact import Pact  # noqa: E402


@pytest.fixture
def pact_dir() -> Path:
    """Where the consumer tests write their pact files."""
    return Path(os.environ.get("POLYPACT_PACT_DIR", HERE / "pacts"))


@pytest.fixture
def pact(pact_dir: Path) -> Pact:
    """The contract between the example consumer ("area-client") and the calculator."""
    return Pact("area-client", "area-calculator", pact_dir=pact_dir)
