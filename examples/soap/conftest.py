"""pytest set-up for the example SOAP consumer tests.

Pacts go to ``$POLYPACT_PACT_DIR`` when set (the demo uses a temporary folder), else to
``examples/soap/pacts`` (git-ignored).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from polypact import Pact

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture
def pact_dir() -> Path:
    """Where the consumer tests write their pact files."""
    return Path(os.environ.get("POLYPACT_PACT_DIR", HERE / "pacts"))


@pytest.fixture
def pact(pact_dir: Path) -> Pact:
    """The contract between the example consumer ("users-web") and the SOAP service."""
    return Pact("users-web", "users-soap", pact_dir=pact_dir)


@pytest.fixture
def wsdl() -> Path:
    """The service's WSDL (the consumer keeps a copy of it; here they share the file)."""
    return HERE / "users_soap_provider" / "users.wsdl"
