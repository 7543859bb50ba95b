"""The web UI's routes, mounted on the broker's router.

Reads are governed by the broker's own auth check (the app runs it before any handler),
so the UI is readable exactly when the API is. ``GET /`` answers HTML only to clients
whose ``Accept`` header prefers ``text/html`` (browsers); API clients keep the HAL index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from polypact_broker.errors import BrokerError
from polypact_broker.ui import pages
from polypact_broker.ui.html import tag
from polypact_broker.ui.layout import page, stylesheet
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response
from polypact_broker.web.router import Route, Router

Handler = Callable[..., Any]


def prefix(ctx: Ctx) -> str:
    """The path prefix of the broker's base URL (``""`` at the root, ``/broker`` behind
    a proxy that mounts it there): UI links are same-origin paths under it."""
    return urlsplit(ctx.urls.base).path.rstrip("/")


def _quality(accept: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in accept.split(","):
        kind, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if kind:
            out[kind.lower()] = max(q, out.get(kind.lower(), 0.0))
    return out


def prefers_html(accept: str | None) -> bool:
    """True when ``text/html`` is explicitly accepted with a higher quality than every
    JSON type (``*/*`` alone means an API client)."""
    if not accept:
        return False
    q = _quality(accept)
    html_q = max(q.get("text/html", 0.0), q.get("application/xhtml+xml", 0.0))
    json_q = max(q.get("application/hal+json", 0.0), q.get("application/json", 0.0))
    return html_q > 0 and html_q > json_q


def _html_errors(handler: Handler) -> Handler:
    """Answer broker errors raised while building a page as an HTML page."""

    def wrapped(ctx: Ctx, **params: str) -> Response:
        try:
            return handler(ctx, prefix(ctx), **params)
        except BrokerError as exc:
            if exc.status in (401, 403):
                raise
            return page(prefix(ctx), "Error", tag("p", str(exc)), status=exc.status)

    wrapped.__doc__ = handler.__doc__
    return wrapped


def negotiate_root(router: Router) -> None:
    """Make ``GET /`` answer the UI's index to browsers and the HAL index otherwise
    (both with ``Vary: Accept``)."""
    index_page = _html_errors(pages.index_page)
    for route in router.routes:
        if route.method == "GET" and route.template == "/":
            api = route.handler

            def root(ctx: Ctx, _api: Handler = api) -> Response:
                if prefers_html(ctx.request.headers.get("accept")):
                    response = index_page(ctx)
                else:
                    result = _api(ctx)
                    response = result if isinstance(result, Response) else Response(200, result)
                response.headers.setdefault("Vary", "Accept")
                return response

            root.__doc__ = api.__doc__
            route.handler = root


def add_pattern(router: Router, pattern: str, handler: Handler) -> None:
    """A GET route whose parameters may span segments: the server decodes ``%2F`` in a
    name such as ``team/web`` to ``/`` before routing, and the page must still open."""
    router.routes.append(Route("GET", re.compile(f"^{pattern}$"), pattern, handler))


def register(router: Router) -> None:
    """Add the UI's routes (and content negotiation on ``GET /``)."""
    router.add("GET", "/ui", _html_errors(pages.index_page))
    router.add("GET", "/ui/static/ui.css", lambda ctx: stylesheet())
    router.add("GET", "/ui/matrix", _html_errors(pages.matrix_page))
    add_pattern(router, "/ui/pacticipants/(?P<name>.+)", _html_errors(pages.pacticipant_page))
    add_pattern(router, "/ui/pacts/provider/(?P<provider>.+?)/consumer/(?P<consumer>.+)/latest",
                _html_errors(pages.pact_page))
    add_pattern(router, "/ui/pacts/provider/(?P<provider>.+?)/consumer/(?P<consumer>.+?)"
                        "/version/(?P<version>.+)", _html_errors(pages.pact_page))
    negotiate_root(router)
