"""HTTP interactions (and the HTTP parts shared by GraphQL and SOAP)."""

from __future__ import annotations

from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.bodies import header, view_body
from polypact_broker.ui.render.parts import (
    body_section,
    generators_section,
    headers_table,
    query_text,
    rules_section,
)


def request_line(request: dict[str, Any]) -> Safe:
    """``GET /path?query`` as code."""
    method = str(request.get("method", "GET")).upper()
    path = str(request.get("path", "/"))
    query = query_text(request.get("query"))
    return tag("p", tag("code", method, " ", path, ("?" + query) if query else None,
                        class_="request-line"))


def http_request(request: Any, body_title: str = "Body") -> Safe:
    """The request: method, path, query, headers, body, matching rules, generators."""
    if not isinstance(request, dict):
        return Safe("")
    ct = header(request.get("headers"), "Content-Type")
    return render([
        request_line(request),
        headers_table(request.get("headers")),
        body_section(body_title, view_body(request.get("body"), ct)),
        rules_section(request.get("matchingRules")),
        generators_section(request.get("generators")),
    ])


def status_line(response: dict[str, Any]) -> Safe:
    """``Status 200`` as a paragraph."""
    return tag("p", "Status ", tag("code", str(response.get("status", 200)), class_="status"))


def http_response(response: Any, body_title: str = "Body") -> Safe:
    """The response: status, headers, body, matching rules, generators."""
    if not isinstance(response, dict):
        return Safe("")
    ct = header(response.get("headers"), "Content-Type")
    return render([
        status_line(response),
        headers_table(response.get("headers")),
        body_section(body_title, view_body(response.get("body"), ct)),
        rules_section(response.get("matchingRules")),
        generators_section(response.get("generators")),
    ])


def two_columns(left_title: str, left: Safe, right_title: str, right: Safe) -> Safe:
    """Request and response side by side."""
    return tag("div", tag("div", tag("h4", left_title, class_="side"), left, class_="side-left"),
               tag("div", tag("h4", right_title, class_="side"), right, class_="side-right"),
               class_="pair")


def render_http(interaction: dict[str, Any]) -> Safe:
    """A plain HTTP interaction."""
    return two_columns("Request", http_request(interaction.get("request")),
                       "Response", http_response(interaction.get("response")))
