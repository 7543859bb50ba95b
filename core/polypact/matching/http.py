"""HTTP request and response comparison (method, path, query, headers, status, body).

Requests are strict (unexpected body keys, query parameters fail); responses follow Postel
(extra body keys and headers are fine). Each part is compared under its own rule category.
"""

from __future__ import annotations

from typing import Any

from polypact.matching.body import match_body
from polypact.matching.context import MatchContext
from polypact.matching.headers import match_headers
from polypact.matching.mismatch import Mismatch
from polypact.matching.multimap import match_multimap
from polypact.model.body import Body
from polypact.model.interactions import HttpRequest, HttpResponse
from polypact.model.rules import MatchingRules


def _registry(registry: Any) -> Any:
    if registry is None:
        from polypact.registry import get_registry

        return get_registry()
    return registry


def _body_with_type(body: Body, content_type: str | None) -> Body:
    if content_type and content_type != body.content_type:
        return body.with_content_type(content_type)
    return body


def body_rules(rules: MatchingRules) -> dict:
    """The body rules of a part (``body``, or the V4 message aliases ``content``/``contents``)."""
    for name in ("body", "content", "contents"):
        found = rules.category(name)
        if found:
            return found
    return {}


def _content_type_rule(header_ctx: MatchContext):
    path = ("$", "content-type")
    found = header_ctx.resolve(path)
    if found is None:
        return None
    rules, cascaded = found

    def accepted(actual_ct: str) -> bool:
        return not header_ctx.apply_rules(rules, cascaded, "", actual_ct, path)

    return accepted


def _match_scalar(category: str, expected: Any, actual: Any, ctx: MatchContext, label: str) -> list[Mismatch]:
    found = ctx.resolve(("$",))
    if found is None:
        if expected == actual and type(expected) is type(actual):
            return []
        return [Mismatch(category, "", f"Expected {label} {expected!r} but was {actual!r}", expected, actual, "equality")]
    rules, cascaded = found
    return [Mismatch(category, "", reason, expected, actual, rule.kind)
            for rule, reason in ctx.apply_rules(rules, cascaded, expected, actual, ("$",))]


def _match_headers_and_body(
    expected: HttpRequest | HttpResponse,
    actual: HttpRequest | HttpResponse,
    rules: MatchingRules,
    common: dict[str, Any],
    **body_options: Any,
) -> list[Mismatch]:
    """Headers, then the body (each body typed by its Content-Type header; a header rule on
    Content-Type decides which actual content types are accepted). ``common`` goes to both
    contexts, ``body_options`` to the body's only."""
    header_ctx = MatchContext("header", rules.category("header"), text_values=True, **common)
    out = match_headers(expected.headers, actual.headers, header_ctx)
    body_ctx = MatchContext("body", body_rules(rules), **body_options, **common)
    out.extend(match_body(
        _body_with_type(expected.body, expected.content_type()),
        _body_with_type(actual.body, actual.content_type()),
        body_ctx,
        content_type_accepted=_content_type_rule(header_ctx),
    ))
    return out


def match_request(
    expected: HttpRequest, actual: HttpRequest, *, registry: Any = None, interaction: Any = None
) -> list[Mismatch]:
    """Compare an actual request with the expected one; the mismatches (empty: it matches)."""
    registry = _registry(registry)
    rules = expected.matching_rules
    common = {"registry": registry, "interaction": interaction, "part": "request", "allow_unexpected_keys": False}
    out: list[Mismatch] = []
    if (expected.method or "").upper() != (actual.method or "").upper():
        out.append(Mismatch("method", "", f"Expected method {expected.method} but was {actual.method}",
                            expected.method, actual.method, "equality"))
    path_ctx = MatchContext("path", rules.category("path"), text_values=True, **common)
    out.extend(_match_scalar("path", expected.path, actual.path, path_ctx, "path"))
    query_ctx = MatchContext("query", rules.category("query"), text_values=True, **common)
    query_matcher = registry.query_matcher(interaction) if interaction is not None else None
    if query_matcher is not None:
        out.extend(query_matcher.match(expected.query or {}, actual.query or {}, query_ctx))
    else:
        out.extend(match_multimap(expected.query or {}, actual.query or {}, query_ctx))
    out.extend(_match_headers_and_body(expected, actual, rules, common))
    return out


def match_response(
    expected: HttpResponse, actual: HttpResponse, *, registry: Any = None, interaction: Any = None
) -> list[Mismatch]:
    """Compare an actual response with the expected one; the mismatches (empty: it matches)."""
    registry = _registry(registry)
    rules = expected.matching_rules
    common = {"registry": registry, "interaction": interaction, "part": "response"}
    out: list[Mismatch] = []
    status_ctx = MatchContext("status", rules.category("status"), **common)
    out.extend(_match_scalar("status", expected.status, actual.status, status_ctx, "status"))
    out.extend(_match_headers_and_body(expected, actual, rules, common, allow_unexpected_keys=True))
    return out
