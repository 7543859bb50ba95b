"""pytest set-up for the SOAP example's consumer tests: the service's WSDL (``pact`` and
``pact_dir`` come from ``examples/conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def wsdl() -> Path:
    """The service's WSDL (the consumer keeps a copy of it; here they share the file)."""
    return Path(__file__).resolve().parent / "users_soap_provider" / "users.wsdl"
