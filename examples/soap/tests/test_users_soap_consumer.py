"""Consumer tests for ``users_soap_client``: each declares a SOAP operation the client
needs, runs the client (plain zeep) against polypact's mock and, on success, records the
interaction in ``users-web-users-soap.json``.

The envelopes come from the WSDL; the tests only say which operation, which elements and
how strictly to match them.
"""

from __future__ import annotations

import pytest
from polypact import Pact, each_like, integer, like, regex
from users_soap_client import User, UserNotFound, UsersClient

#: The contract these tests write (the ``pact`` fixture of ``examples/conftest.py``).
PACT_BETWEEN = ("users-web", "users-soap")

USER = {"@status": like("active"), "id": integer(1), "name": like("Ann"),
        "email": regex(r"[^@\s]+@[^@\s]+", "ann@example.com")}


def test_get_user(pact: Pact, wsdl) -> None:
    """The profile page reads one user."""
    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 1}, validate=True)
        .will_respond_with_soap(body={"user": USER}))
    with pact.serve() as mock:
        user = UsersClient(wsdl, mock.url + "/soap").user(1)
    assert user == User(1, "Ann", "active")


def test_list_users(pact: Pact, wsdl) -> None:
    """The admin page lists every user."""
    (pact.upon_receiving("a request for every user")
        .given("users exist")
        .with_soap(wsdl=wsdl, operation="ListUsers")
        .will_respond_with_soap(body={"user": each_like(USER)}))
    with pact.serve() as mock:
        users = UsersClient(wsdl, mock.url + "/soap").users()
    assert users == [User(1, "Ann", "active")]


def test_unknown_user_is_a_client_fault(pact: Pact, wsdl) -> None:
    """An unknown user is a SOAP Client fault (HTTP 500), which the client turns into
    ``UserNotFound``."""
    (pact.upon_receiving("a request for a user that does not exist")
        .given("no users exist")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 999})
        .will_respond_with_fault(code="soap:Client", string=like("user 999 not found")))
    with pact.serve() as mock, pytest.raises(UserNotFound, match="user 999 not found"):
        UsersClient(wsdl, mock.url + "/soap").user(999)


def test_get_user_over_soap_12(pact: Pact, wsdl) -> None:
    """The mobile backend uses the SOAP 1.2 binding."""
    (pact.upon_receiving("a SOAP 1.2 request for user 1")
        .given("user 1 exists")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 1}, version="1.2")
        .will_respond_with_soap(body={"user": USER}))
    with pact.serve() as mock:
        user = UsersClient(wsdl, mock.url + "/soap", version="1.2").user(1)
    assert user.name == "Ann"
