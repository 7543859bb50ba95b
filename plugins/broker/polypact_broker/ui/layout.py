"""The page frame of the web UI, its stylesheet route and its security headers."""

from __future__ import annotations

from polypact_broker.ui.html import Child, Safe, tag
from polypact_broker.ui.static import CSS
from polypact_broker.web.http import Response

HTML = "text/html; charset=utf-8"

#: Everything comes from the broker itself: no inline script, no external resource.
CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

NAV = (("Network", "/ui"), ("Matrix", "/ui/matrix"))


def page(base: str, title: str, *content: Child, status: int = 200) -> Response:
    """A complete HTML page (``base`` is the broker's base URL path prefix)."""
    nav = tag("nav", tag("a", "polypact broker", href=base + "/ui", class_="brand"),
              [tag("a", label, href=base + href) for label, href in NAV])
    document = Safe("<!DOCTYPE html>") + tag(
        "html",
        tag("head", tag("meta", charset="utf-8"),
            tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
            tag("title", title, " · polypact broker"),
            tag("link", rel="stylesheet", href=base + "/ui/static/ui.css")),
        tag("body", tag("header", nav), tag("main", tag("h1", title), *content)),
        lang="en")
    return html_response(document, status)


def html_response(document: str, status: int = 200) -> Response:
    """An HTML response with the UI's security headers."""
    return Response(status, document, dict(SECURITY_HEADERS), content_type=HTML)


def stylesheet() -> Response:
    """The UI's stylesheet (served by the broker itself: no CDN, no external font)."""
    headers = {**SECURITY_HEADERS, "Cache-Control": "max-age=300"}
    return Response(200, CSS, headers, content_type="text/css; charset=utf-8")
