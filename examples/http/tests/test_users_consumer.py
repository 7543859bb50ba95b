"""Consumer tests for ``users_client``: each declares what the client needs from the users
service, runs the client against polypact's mock and, on success, records the interaction
in ``users-web-users-service.json``."""

from __future__ import annotations

import pytest
from polypact import Pact, each_like, integer, like, regex
from polypact import datetime as datetime_matcher
from users_client import User, UsersApiError, UsersClient

#: The contract these tests write (the ``pact`` fixture of ``examples/conftest.py``).
PACT_BETWEEN = ("users-web", "users-service")

EMAIL = r"[^@\s]+@[^@\s]+\.[a-z]+"
ISO_DATETIME = "yyyy-MM-dd'T'HH:mm:ssXXX"


def test_get_an_existing_user(pact: Pact) -> None:
    """GET /users/1 returns the user; the client turns it into a ``User``."""
    (pact.upon_receiving("a request for user 1")
        .given("a user exists", id=1, name="Ann")
        .with_request("GET", "/users/1", headers={"Accept": "application/json"})
        .will_respond_with(200, headers={"Content-Type": "application/json"}, body={
            "id": integer(1),
            "name": like("Ann"),
            "email": regex(EMAIL, "ann1@example.com"),
            "created": datetime_matcher("2024-05-01T10:00:00+00:00", ISO_DATETIME),
        }))
    with pact.serve() as mock:
        user = UsersClient(mock.url).get_user(1)
    assert user == User(1, "Ann", "ann1@example.com", "2024-05-01T10:00:00+00:00")


def test_get_a_missing_user(pact: Pact) -> None:
    """A 404 becomes ``None``."""
    (pact.upon_receiving("a request for a user that does not exist")
        .given("no users exist")
        .with_request("GET", "/users/404", headers={"Accept": "application/json"})
        .will_respond_with(404))
    with pact.serve() as mock:
        assert UsersClient(mock.url).get_user(404) is None


def test_find_users_by_name(pact: Pact) -> None:
    """The search sends a query and reads a list of at least one user."""
    (pact.upon_receiving("a search for users named Ann")
        .given("users named Ann exist", count=2)
        .with_request("GET", "/users", query={"name": "Ann", "limit": "10"},
                      headers={"Accept": "application/json"})
        .will_respond_with(200, body={"users": each_like({
            "id": integer(1),
            "name": regex(r"Ann.*", "Ann 1"),
            "email": regex(EMAIL, "ann1@example.com"),
            "created": datetime_matcher("2024-05-01T10:00:00+00:00", ISO_DATETIME),
        }, min=1)}))
    with pact.serve() as mock:
        users = UsersClient(mock.url).find_users(name="Ann")
    assert [u.name for u in users] == ["Ann 1"]


def test_create_a_user(pact: Pact) -> None:
    """POST /users sends JSON and gets the stored user back with its new id."""
    (pact.upon_receiving("a request to create a user")
        .given("no users exist")
        .with_request("POST", "/users", headers={"Content-Type": "application/json"},
                      body={"name": "Bob", "email": "bob@example.com"})
        .will_respond_with(201, body={
            "id": integer(1),
            "name": "Bob",
            "email": "bob@example.com",
            "created": datetime_matcher("2024-05-01T10:00:00+00:00", ISO_DATETIME),
        }))
    with pact.serve() as mock:
        user = UsersClient(mock.url).create_user("Bob", "bob@example.com")
    assert (user.id, user.name) == (1, "Bob")


def test_client_reports_unexpected_status(pact: Pact) -> None:
    """The client raises ``UsersApiError`` when the service refuses a creation."""
    (pact.upon_receiving("a request to create a user without an email")
        .with_request("POST", "/users", headers={"Content-Type": "application/json"},
                      body={"name": "Bob", "email": ""})
        .will_respond_with(400, body={"error": like("name and email are required")}))
    with pact.serve() as mock, pytest.raises(UsersApiError, match="400"):
        UsersClient(mock.url).create_user("Bob", "")
