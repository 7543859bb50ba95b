"""The interop provider: a small "users" WSGI app both verifiers are pointed at.

It answers the interactions that :mod:`tests.interop.contracts` describes (JSON and XML
bodies, query, headers, a POST with a generated body) and exposes a state-change endpoint,
``POST /_pact/state`` with ``{"state", "params", "action"}`` (the Pact convention both
verifiers speak). A state-change call answers with JSON values that feed ``ProviderState``
generators (``{"id": ...}``): without an ``id`` parameter, "user exists" picks a fresh id
(1000 and up), so a verifier only reaches the user if it applies the generator. Requests are
logged in ``requests`` (method, path, query, body) for tests to inspect.

``make_app(broken=True)`` returns the same app with one deliberate contract break: the
user's ``name`` is a number (a verifier must report the path ``$.name``) and the XML
``<id>`` is not an integer.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qs

STATE_PATH = "/_pact/state"
_USER_PATH = re.compile(r"^/users/(\d+)(\.xml)?$")

Start = Callable[..., Any]


class UsersProvider:
    """The provider's state (a dict of users) and its WSGI entry point."""

    def __init__(self, *, broken: bool = False) -> None:
        self.broken = broken
        self.users: dict[int, dict[str, Any]] = {}
        self.state_calls: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.next_id = 100
        self.next_state_id = 1000

    # -- provider states ----------------------------------------------------------------
    def change_state(self, state: str, params: dict[str, Any] | None, action: str) -> dict:
        """Set up or tear down one provider state; return values for generators."""
        params = params or {}
        self.state_calls.append({"state": state, "params": params, "action": action})
        if state == "user exists":
            if "id" in params:
                user_id = int(params["id"])
            elif action == "setup":
                self.next_state_id += 1
                user_id = self.next_state_id
            else:
                user_id = self.next_state_id
            if action == "setup":
                self.users[user_id] = {"id": user_id, "name": str(params.get("name", "Ann"))}
            else:
                self.users.pop(user_id, None)
            return {"id": user_id}
        if state == "no users":
            self.users.clear()
        return {}

    # -- WSGI ---------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Start) -> Iterable[bytes]:
        """Route one request."""
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "POST" and path == STATE_PATH:
            body = _read_json(environ) or {}
            values = self.change_state(body.get("state", ""), body.get("params"),
                                       body.get("action", "setup"))
            return _json(start_response, 200, values)
        self.requests.append({"method": method, "path": path, "query": query})
        if method == "GET" and path == "/users":
            return self._list(start_response, query)
        if method == "POST" and path == "/users":
            return self._create(environ, start_response)
        match = _USER_PATH.match(path)
        if method == "GET" and match:
            user = self.users.get(int(match.group(1)))
            if user is None:
                return _json(start_response, 404, {"error": "no such user"})
            if match.group(2):
                return self._user_xml(start_response, user)
            return self._user_json(environ, start_response, user)
        return _json(start_response, 404, {"error": f"no route for {method} {path}"})

    def _full_user(self, user: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        return {
            "id": user["id"],
            "name": 42 if self.broken else user["name"],
            "active": True,
            "score": 7.5,
            "tags": ["admin", "early-adopter"],
            "email": f"user{user['id']}@example.com",
            "created": now.strftime("%Y-%m-%dT%H:%M:%S"),
            "token": str(uuid.uuid4()),
        }

    def _user_json(self, environ: dict[str, Any], start: Start,
                   user: dict[str, Any]) -> Iterable[bytes]:
        if environ.get("HTTP_ACCEPT", "application/json") not in ("application/json", "*/*"):
            return _json(start, 406, {"error": "only application/json"})
        body = self._full_user(user)
        request_id = f"req-{uuid.uuid4().int % 100000}"
        return _json(start, 200, body, [("X-Request-Id", request_id)])

    def _user_xml(self, start: Start, user: dict[str, Any]) -> Iterable[bytes]:
        user_id = "one" if self.broken else user["id"]
        text = (f'<?xml version="1.0" encoding="UTF-8"?>'
                f'<user kind="member"><id>{user_id}</id><name>{user["name"]}</name></user>')
        start("200 OK", [("Content-Type", "application/xml; charset=utf-8")])
        return [text.encode()]

    def _list(self, start: Start, query: dict[str, list[str]]) -> Iterable[bytes]:
        page = int(query.get("page", ["1"])[0])
        users = [self._full_user(u) for u in self.users.values()] if page == 1 else []
        return _json(start, 200, {"page": page, "users": users})

    def _create(self, environ: dict[str, Any], start: Start) -> Iterable[bytes]:
        body = _read_json(environ)
        self.requests[-1]["body"] = body
        if not isinstance(body, dict) or not isinstance(body.get("name"), str) \
                or not isinstance(body.get("age"), int):
            return _json(start, 400, {"error": "expected {name: str, age: int}"})
        self.next_id += 1
        created = {"id": self.next_id, "name": 42 if self.broken else body["name"],
                   "age": body["age"]}
        return _json(start, 201, created, [("Location", f"/users/{self.next_id}")])


def make_app(*, broken: bool = False) -> UsersProvider:
    """A fresh interop provider (``broken``: with the ``$.name`` contract break)."""
    return UsersProvider(broken=broken)


def _read_json(environ: dict[str, Any]) -> Any:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


_REASONS = {200: "OK", 201: "Created", 400: "Bad Request", 404: "Not Found",
            406: "Not Acceptable"}


def _json(start: Start, status: int, body: Any,
          headers: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start(f"{status} {_REASONS.get(status, 'OK')}",
          [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
           *(headers or [])])
    return [data]


def register_states(verifier: Any, app: UsersProvider) -> None:
    """Register ``app``'s provider states as Python handlers on a polypact ``Verifier``."""
    for state in ("user exists", "no users"):
        verifier.state_handler(state)(_state_handler(app, state))


def _state_handler(app: UsersProvider, state: str) -> Callable[[dict, str], dict]:
    def handler(params: dict, action: str) -> dict:
        return app.change_state(state, params, action)

    handler.__name__ = f"state_{state.replace(' ', '_')}"
    return handler
