"""In-process HTTP servers for the provider scenarios (stdlib, 127.0.0.1, port 0).

- :class:`ProviderServer` answers each request with the response of the interaction
  definition whose method and path it names (404 otherwise), as the suite's providers do.
- :class:`StateCallbackServer` is a provider-state change endpoint: it records each
  ``{state, params, action}`` POST and answers 200 (or 500 when told to fail).

Both append to one shared :class:`EventLog` so steps can check what happened in which order.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .interactions import InteractionDefinition


@dataclass
class Received:
    """One request a server received."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        """Every value of a header (case-insensitive)."""
        return [v for k, v in self.headers if k.lower() == name.lower()]


@dataclass
class EventLog:
    """What the servers saw, in order: ``("provider", Received)`` and
    ``("state", {"state", "params", "action"})`` events."""

    events: list[tuple[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, item: Any) -> None:
        """Record an event."""
        with self.lock:
            self.events.append((kind, item))

    def indexes(self, kind: str, predicate: Callable[[Any], bool] = lambda _: True) -> list[int]:
        """Positions of the events of ``kind`` accepted by ``predicate``."""
        return [i for i, (k, item) in enumerate(self.events) if k == kind and predicate(item)]

    def of(self, kind: str) -> list[Any]:
        """The items of every event of ``kind``."""
        return [item for k, item in self.events if k == kind]


Reply = tuple[int, list[tuple[str, str]], bytes]


class _Server:
    """A threading HTTP/1.1 server calling ``handle(received) -> (status, headers, body)``."""

    def __init__(self, handle: Callable[[Received], Reply]):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                received = Received(
                    self.command, parts.path, parse_qsl(parts.query, keep_blank_values=True),
                    list(self.headers.items()), body,
                )
                status, headers, data = outer.handle(received)
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                """Keep test output quiet."""

        self.handle = handle
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        """The base URL."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.httpd.shutdown()
        self.httpd.server_close()


class ProviderServer(_Server):
    """A provider answering with the responses of interaction definitions."""

    def __init__(self, definitions: list[InteractionDefinition], log: EventLog):
        self.definitions = list(definitions)
        self.log = log
        super().__init__(self._answer)

    def _answer(self, received: Received) -> Reply:
        self.log.add("provider", received)
        for definition in self.definitions:
            if definition.method.upper() == received.method and definition.path == received.path:
                data, content_type = definition.response_content()
                headers = list(definition.response_headers)
                if content_type and data:
                    headers.append(("Content-Type", content_type))
                return definition.status, headers, data
        return 404, [("Content-Type", "text/plain")], f"no route for {received.method} {received.path}".encode()

    def requests(self) -> list[Received]:
        """The requests received so far."""
        return self.log.of("provider")


class StateCallbackServer(_Server):
    """A provider-state change endpoint that records every call."""

    def __init__(self, log: EventLog, *, fail: bool = False):
        self.log = log
        self.fail = fail
        super().__init__(self._answer)

    def _answer(self, received: Received) -> Reply:
        call = json.loads(received.body or b"{}")
        self.log.add("state", call)
        if self.fail:
            return 500, [("Content-Type", "text/plain")], b"state callback failed on purpose"
        return 200, [("Content-Type", "application/json")], b"{}"

    def calls(self, action: str | None = None) -> list[dict[str, Any]]:
        """The state-change calls so far (of one action when given)."""
        return [c for c in self.log.of("state") if action is None or c.get("action") == action]
