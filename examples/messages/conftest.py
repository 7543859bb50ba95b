"""pytest set-up for the example consumer tests.

Pacts go to ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary folder), else to
``examples/messages/pacts`` (git-ignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from polypact import Pact

HERE = Path(__file__).resolve().parent


@pytest.fixture
def pact() -> Pact:
    """The contract between the shipping service and the order service."""
    pact_dir = Path(os.environ.get("POLYPACT_PACT_DIR", HERE / "pacts"))
    return Pact("shipping-service", "order-service", pact_dir=pact_dir)
