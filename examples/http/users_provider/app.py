"""The users service: a WSGI app over an in-memory store.

Routes: ``GET /users/<id>``, ``GET /users?name=...&limit=...``, ``POST /users`` (JSON),
and, for contract tests only, ``POST /_pact/provider-states`` taking the Pact state-change
body ``{"state": ..., "params": {...}, "action": "setup" | "teardown"}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs

STATE_CHANGE_PATH = "/_pact/provider-states"
_USER = re.compile(r"^/users/(\d+)$")
_STATUS = {200: "200 OK", 201: "201 Created", 400: "400 Bad Request", 404: "404 Not Found"}

StartResponse = Callable[..., Any]


class UsersService:
    """The provider. ``users`` is its store; :meth:`set_state` prepares it for a test."""

    def __init__(self) -> None:
        self.users: dict[int, dict[str, Any]] = {}

    # -- provider states (used by contract verification) -------------------------------
    def set_state(self, state: str, params: dict[str, Any] | None = None,
                  action: str = "setup") -> dict[str, Any]:
        """Put the store into a named provider state (or clean it up on teardown). The
        empty state (an interaction without provider states) needs nothing."""
        params = params or {}
        if action == "setup" and state == "":
            return {}
        if action == "teardown" or state == "no users exist":
            self.users.clear()
            return {}
        if state == "a user exists":
            user = self._add(int(params.get("id", 1)), str(params.get("name", "Ann")))
            return {"id": user["id"]}
        if state == "users named Ann exist":
            for user_id in range(1, int(params.get("count", 2)) + 1):
                self._add(user_id, f"Ann {user_id}")
            return {}
        raise LookupError(f"unknown provider state {state!r}")

    def _add(self, user_id: int, name: str) -> dict[str, Any]:
        user = {
            "id": user_id,
            "name": name,
            "email": f"{name.split()[0].lower()}{user_id}@example.com",
            "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        }
        self.users[user_id] = user
        return user

    # -- WSGI ---------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse
                 ) -> Iterable[bytes]:
        """Route one request."""
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if method == "POST" and path == STATE_CHANGE_PATH:
            change = _body(environ) or {}
            try:
                values = self.set_state(change.get("state", ""), change.get("params"),
                                        change.get("action", "setup"))
            except LookupError as error:
                return _reply(start_response, 400, {"error": str(error)})
            return _reply(start_response, 200, values)
        found = _USER.match(path)
        if method == "GET" and found:
            user = self.users.get(int(found.group(1)))
            if user is None:
                return _reply(start_response, 404, {"error": "user not found"})
            return _reply(start_response, 200, user)
        if method == "GET" and path == "/users":
            name = query.get("name", [""])[0]
            limit = int(query.get("limit", ["10"])[0])
            hits = [u for u in self.users.values() if name.lower() in u["name"].lower()]
            return _reply(start_response, 200, {"users": hits[:limit]})
        if method == "POST" and path == "/users":
            data = _body(environ)
            if not isinstance(data, dict) or not data.get("name") or not data.get("email"):
                return _reply(start_response, 400, {"error": "name and email are required"})
            user = self._add(max(self.users, default=0) + 1, str(data["name"]))
            user["email"] = str(data["email"])
            return _reply(start_response, 201, user)
        return _reply(start_response, 404, {"error": f"no route {method} {path}"})


def _body(environ: dict[str, Any]) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if not length:
        return None
    try:
        return json.loads(environ["wsgi.input"].read(length))
    except ValueError:
        return None


def _reply(start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
    data = json.dumps(payload).encode()
    start_response(_STATUS[status], [("Content-Type", "application/json"),
                                     ("Content-Length", str(len(data)))])
    return [data]
