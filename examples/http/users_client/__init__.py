"""A tiny client library for the example "users" service (standard library only).

This is the *consumer* in the example: the code whose expectations of the provider the
consumer tests (``examples/http/tests``) turn into a pact.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

__all__ = ["User", "UsersApiError", "UsersClient"]


class UsersApiError(Exception):
    """The users service answered with a status the client does not expect."""


@dataclass(frozen=True)
class User:
    """A user as the client sees it."""

    id: int
    name: str
    email: str
    created: str


class UsersClient:
    """Talks to the users service at ``base_url`` (e.g. ``http://127.0.0.1:8000``)."""

    def __init__(self, base_url: str, *, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def get_user(self, user_id: int) -> User | None:
        """The user with ``user_id``, or ``None`` when the service has no such user."""
        status, body = self._call("GET", f"/users/{user_id}")
        if status == 404:
            return None
        _expect(status, 200, body)
        return _user(body)

    def find_users(self, *, name: str, limit: int = 10) -> list[User]:
        """Users whose name contains ``name`` (at most ``limit``)."""
        query = urllib.parse.urlencode({"name": name, "limit": limit})
        status, body = self._call("GET", f"/users?{query}")
        _expect(status, 200, body)
        return [_user(item) for item in body["users"]]

    def create_user(self, name: str, email: str) -> User:
        """Create a user; returns it as stored by the service."""
        status, body = self._call("POST", "/users", {"name": name, "email": email})
        _expect(status, 201, body)
        return _user(body)

    def _call(self, method: str, path: str, payload: Any = None) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        data = None
        if payload is not None:
            data = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _decode(response.read())
        except urllib.error.HTTPError as error:
            return error.code, _decode(error.read())


def _decode(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _expect(status: int, wanted: int, body: Any) -> None:
    if status != wanted:
        raise UsersApiError(f"expected HTTP {wanted}, got {status}: {body!r}")


def _user(data: dict[str, Any]) -> User:
    return User(id=int(data["id"]), name=str(data["name"]), email=str(data["email"]),
                created=str(data["created"]))
