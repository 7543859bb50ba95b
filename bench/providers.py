"""Fast local providers for the benchmarks: a threaded, keep-alive HTTP server.

Both verifiers (polypact and pact-python) are pointed at the same server, so its cost is
in both figures. It answers from precomputed bytes: ``GET /items/<n>`` (a small JSON
object), and whatever extra routes a benchmark registers (``routes[path] = bytes``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.interop.server import running


def item(n: int) -> dict:
    """The JSON object ``GET /items/<n>`` answers with."""
    return {"id": n, "name": f"item {n}", "price": n * 1.25 + 0.5, "active": n % 2 == 0,
            "tags": ["a", "b"]}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms Nagle/delayed-ACK stalls on keep-alive
    server: _BenchServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Answer from the route table, else ``/items/<n>``, else 404."""
        body = self.server.routes.get(self.path)
        if body is None and self.path.startswith("/items/"):
            try:
                body = json.dumps(item(int(self.path[7:]))).encode()
            except ValueError:
                body = None
        if body is None:
            self.wfile.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            return
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.wfile.write(head + body)  # one write: headers and body in one segment

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log."""


class _BenchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes


@contextmanager
def serve(routes: dict[str, bytes] | None = None) -> Iterator[str]:
    """Run the benchmark provider on 127.0.0.1 (free port); yield its base URL."""
    with running(_BenchServer(dict(routes or {})), name="bench-provider") as url:
        yield url
