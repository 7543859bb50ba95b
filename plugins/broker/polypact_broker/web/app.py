"""The broker as a WSGI application.

``BrokerApp(config)`` opens the database, runs the migrations, and answers the Pact
Broker's HAL JSON API. Every refusal is a 4xx with ``{"error": {"message"}, "errors"}``;
an unexpected failure is logged and answered with a 500 that names no internals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from polypact_broker.config import BrokerConfig
from polypact_broker.db.engine import Database
from polypact_broker.errors import BrokerError
from polypact_broker.web import auth
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import REASONS, Request, Response, error_body
from polypact_broker.web.resources import build_router
from polypact_broker.web.urls import Urls, base_url

log = logging.getLogger("polypact.broker")


class BrokerApp:
    """A Pact Broker-compatible WSGI app over one database."""

    def __init__(self, config: BrokerConfig | None = None, *, database: Database | None = None):
        self.config = config or BrokerConfig()
        self.db = database or Database(self.config.database_url)
        self.db.migrate()
        self.router = build_router()
        from polypact_broker.webhooks.dispatcher import Dispatcher

        self.events = Dispatcher(self.db, self.config.webhooks)

    def handle(self, environ: dict[str, Any]) -> Response:
        """Answer one request (never raises)."""
        try:
            request = Request.from_environ(environ, self.config.max_body_bytes)
            auth.check(request, self.config.auth)
            handler, params, allowed = self.router.match(request.method, request.path)
            if handler is None:
                if allowed:
                    return Response(405, error_body(f"{request.method} is not allowed on "
                                                    f"{request.path} (allowed: {', '.join(allowed)})"),
                                    {"Allow": ", ".join(allowed)})
                return Response(404, error_body(f"no resource at {request.path}"))
            urls = Urls(base_url(environ, self.config.public_url, self.config.trust_forwarded_headers))
            result = handler(Ctx(request, self.db, urls, self.events,
                                 self.config.main_branch.effective_candidates), **params)
            return result if isinstance(result, Response) else Response(200, result)
        except BrokerError as exc:
            headers = {"WWW-Authenticate": self._challenge()} if exc.status == 401 else {}
            return Response(exc.status, error_body(str(exc), exc.errors or None), headers)
        except Exception:  # noqa: BLE001 - the client gets a 500, the log gets the details
            log.exception("broker: unexpected error answering %s %s",
                          environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            return Response(500, error_body("internal error (see the broker's log)"))

    def _challenge(self) -> str:
        """The 401 challenge: Basic when users are configured (browsers then ask for a
        user name and password, e.g. for the web UI), else Bearer."""
        scheme = "Basic" if self.config.auth.users else "Bearer"
        return f'{scheme} realm="polypact-broker"'

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = self.handle(environ)
        payload = response.encode()
        if environ.get("REQUEST_METHOD") == "HEAD":
            payload = b""
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(payload))),
                   *response.headers.items()]
        start_response(f"{response.status} {REASONS.get(response.status, '')}".strip(), headers)
        return [payload]

    def close(self) -> None:
        """Stop webhook workers and close database connections."""
        self.events.close()
        self.db.dispose()
