"""Serve a WSGI app on 127.0.0.1 from a background thread (a threaded wsgiref server).

The one server of the examples' providers (``with serve(UsersService()) as url``); the
test suite and the benchmarks use it too (``tests/interop/server.py``). ``running`` is the
thread-and-shutdown part alone, for any ``socketserver`` server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from socketserver import BaseServer, ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

__all__ = ["ThreadingWSGIServer", "running", "serve"]


class _QuietHandler(WSGIRequestHandler):
    """A request handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Drop the access log line."""


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """A WSGI server answering each connection on its own daemon thread."""

    daemon_threads = True


@contextmanager
def running(server: BaseServer, name: str = "provider") -> Iterator[str]:
    """Run ``server`` on a daemon thread while the ``with`` block runs; yield its base URL
    (``http://HOST:PORT``). On exit the server stops and its port is released."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=name, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(app: Callable[..., Any], host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the WSGI ``app`` while the ``with`` block runs; yield its base URL (no
    trailing slash). ``port=0`` lets the operating system pick a free port."""
    server = make_server(host, port, app, server_class=ThreadingWSGIServer,
                         handler_class=_QuietHandler)
    with running(server, name="wsgi-provider") as url:
        yield url
