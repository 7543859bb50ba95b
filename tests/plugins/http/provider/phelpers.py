"""Helpers for HTTP provider tests: a users WSGI/ASGI provider, a real local server, pacts."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

USERS = {1: {"id": 1, "name": "Ann"}, 2: {"id": 2, "name": "Bob"}}


class UsersApp:
    """A WSGI users provider; ``broken=True`` answers a wrong name. Records requests."""

    def __init__(self, broken: bool = False):
        self.broken = broken
        self.users = {k: dict(v) for k, v in USERS.items()}
        self.requests: list[dict[str, Any]] = []
        self.states: list[dict[str, Any]] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8")
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        record = {
            "method": environ["REQUEST_METHOD"], "path": path,
            "query": parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True),
            "headers": headers, "body": body,
        }
        if path == "/_pact/state":
            self.states.append(json.loads(body))
            state = self.states[-1]
            if state["state"] == "fails":
                return self._reply(start_response, 500, {"error": "cannot set up"})
            if state["action"] == "setup" and "id" in state["params"]:
                uid = int(state["params"]["id"])
                self.users[uid] = {"id": uid, "name": state["params"].get("name", "Zed")}
                return self._reply(start_response, 200, {"id": uid})
            return self._reply(start_response, 200, None)
        self.requests.append(record)
        return self._route(record, start_response)

    def _route(self, req: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        parts = req["path"].strip("/").split("/")
        if req["method"] == "GET" and parts[0] == "users" and len(parts) == 2 and parts[1].isdigit():
            user = self.users.get(int(parts[1]))
            if user is None:
                return self._reply(start_response, 404, {"error": "not found"})
            if self.broken:
                user = {**user, "name": user["name"].upper()}
            return self._reply(start_response, 200, user)
        if req["path"] == "/echo":
            echoed = {
                "method": req["method"], "query": req["query"],
                "authorization": req["headers"].get("authorization"),
                "signed": req["headers"].get("x-signed"),
                "body": json.loads(req["body"]) if req["body"] else None,
            }
            return self._reply(start_response, 200, echoed)
        return self._reply(start_response, 404, {"error": "no route"})

    @staticmethod
    def _reply(start_response: Callable[..., Any], status: int, body: Any) -> list[bytes]:
        data = b"" if body is None else json.dumps(body).encode()
        headers = [("Content-Length", str(len(data)))]
        if body is not None:
            headers.append(("Content-Type", "application/json"))
        start_response(f"{status} X", headers)
        return [data]


def asgi_from_wsgi(app: Callable[..., Any]) -> Callable[..., Any]:
    """A raw ASGI app delegating to a WSGI app (tests the ASGI driver, lifespan included)."""
    from polypact_http.wsgi import build_environ, call_wsgi

    lifespan_events: list[str] = []

    async def asgi(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                lifespan_events.append(message["type"])
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k.decode(), v.decode()) for k, v in scope["headers"]]
        environ = build_environ(scope["method"], scope["path"], scope["query_string"].decode(), headers, body)
        status, out_headers, data = call_wsgi(app, environ)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode(), v.encode()) for k, v in out_headers]})
        await send({"type": "http.response.body", "body": data[:3], "more_body": True})
        await send({"type": "http.response.body", "body": data[3:]})

    asgi.lifespan_events = lifespan_events  # type: ignore[attr-defined]
    return asgi


@contextlib.contextmanager
def serve(app: Callable[..., Any], *, close_every: int = 0) -> Iterator[Any]:
    """Serve a WSGI app over real HTTP/1.1 (keep-alive) on 127.0.0.1, port 0.

    ``close_every=N`` closes the connection after every N-th response. The server object
    has ``url`` and ``connections`` (how many TCP connections were accepted).
    """
    from polypact_http.wsgi import build_environ, call_wsgi

    counter = {"responses": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 65536  # one send per response (no Nagle/delayed-ACK stalls)
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            server.connections += 1

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path, _, query = self.path.partition("?")
            from urllib.parse import unquote

            environ = build_environ(self.command, unquote(path), query, list(self.headers.items()), body)
            status, headers, data = call_wsgi(app, environ)
            counter["responses"] += 1
            closing = close_every and counter["responses"] % close_every == 0
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if closing:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.connections = 0
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _body(value: Any) -> dict[str, Any]:
    return {"contentType": "application/json", "encoded": False, "content": value}


def http_interaction(description: str, request: dict[str, Any], response: dict[str, Any], *,
                     states: list[dict[str, Any]] | None = None, pending: bool = False) -> dict[str, Any]:
    """A V4 Synchronous/HTTP interaction as JSON."""
    out: dict[str, Any] = {"type": "Synchronous/HTTP", "description": description,
                           "request": request, "response": response}
    if states:
        out["providerStates"] = states
    if pending:
        out["pending"] = True
    return out


def get_user(uid: int = 1, name: str = "Ann", **extra: Any) -> dict[str, Any]:
    """GET /users/<uid> answered by {"id", "name"} with an integer rule on id."""
    return http_interaction(
        f"a request for user {uid}",
        {"method": "GET", "path": f"/users/{uid}"},
        {"status": 200, "headers": {"Content-Type": ["application/json"]},
         "body": _body({"id": uid, "name": name}),
         "matchingRules": {"body": {"$.id": {"combine": "AND", "matchers": [{"match": "integer"}]}}}},
        **extra,
    )


def write_pact(directory: Path, interactions: list[dict[str, Any]], *, consumer: str = "web",
               provider: str = "users", name: str | None = None) -> Path:
    """Write a V4 pact file and return its path."""
    doc = {"consumer": {"name": consumer}, "provider": {"name": provider}, "interactions": interactions,
           "metadata": {"pactSpecification": {"version": "4.0"}}}
    path = directory / (name or f"{consumer}-{provider}.json")
    path.write_text(json.dumps(doc, indent=2))
    return path


def body(value: Any) -> dict[str, Any]:
    """A V4 JSON body object."""
    return _body(value)
