"""Fixtures for the SOAP plugin tests: the example users provider, its WSDL, pacts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.plugins.plugin_support import example_on_path

EXAMPLE = example_on_path("soap")

WSDL = EXAMPLE / "users_soap_provider" / "users.wsdl"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
USERS = "http://example.com/users"


@pytest.fixture
def wsdl() -> Path:
    """The example service's WSDL (SOAP 1.1 and 1.2 bindings, GetUser and ListUsers)."""
    return WSDL


@pytest.fixture
def pact(tmp_path):
    """A fresh consumer pact writing into ``tmp_path/pacts``."""
    from polypact import Pact

    return Pact("users-web", "users-soap", pact_dir=tmp_path / "pacts")


@pytest.fixture
def serve() -> Callable:
    """``with serve(app) as url``: the example's threaded WSGI server on 127.0.0.1."""
    from users_soap_provider import serve as serve_app

    return serve_app


@pytest.fixture
def users_service():
    """A fresh example provider (WSGI app)."""
    from users_soap_provider import UsersService

    return UsersService()


def declare_get_user(pact, wsdl: Path, version: str = "1.1", **extra) -> None:
    """Declare the "get user 1" interaction used by several tests."""
    from polypact import integer, like

    (pact.upon_receiving(f"a SOAP {version} request for user 1").given("user 1 exists")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 1}, version=version, **extra)
        .will_respond_with_soap(body={"user": {
            "@status": like("active"), "id": integer(1), "name": like("Ann")}}))
