"""Serving the broker: a threaded WSGI server (stdlib ``wsgiref``), loopback by default."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from polypact_broker.config import BrokerConfig
from polypact_broker.web.app import BrokerApp


class _Handler(WSGIRequestHandler):
    """Request handler without the per-request access log on stderr."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Drop access log lines."""


class ThreadedServer(ThreadingMixIn, WSGIServer):
    """One thread per connection; threads die with the process."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def make_broker_server(config: BrokerConfig, host: str = "127.0.0.1",
                       port: int = 0) -> tuple[ThreadedServer, BrokerApp]:
    """A server bound to ``host:port`` (0 picks a free port) serving a new broker app."""
    app = BrokerApp(config)
    server = make_server(host, port, app, server_class=ThreadedServer, handler_class=_Handler)
    return server, app


def serve_forever(config: BrokerConfig, host: str = "127.0.0.1", port: int = 0) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); prints the base URL first."""
    server, app = make_broker_server(config, host, port)
    url = f"http://{host}:{server.server_port}"
    print(f"polypact broker listening on {url}", flush=True)

    def stop(_signum: int, _frame: Any) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        app.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        print("polypact broker stopped", file=sys.stderr, flush=True)


@contextmanager
def running_broker(config: BrokerConfig | None = None, host: str = "127.0.0.1") -> Iterator[tuple[str, BrokerApp]]:
    """Run a broker on ``host`` and a free port in a background thread; yield
    ``(base_url, app)``. The server stops when the block ends."""
    server, app = make_broker_server(config or BrokerConfig(), host, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="polypact-broker", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}", app
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        app.close()
