"""The HTTP consumer DSL: builder methods registered on
:class:`polypact.consumer.InteractionBuilder` through the registry.

::

    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists", id=1)
        .with_request("GET", regex(r"/users/\\d+", "/users/1"), query={"fields": "name"},
                      headers={"Accept": "application/json"})
        .will_respond_with(200, body={"id": integer(1), "name": like("Ann")}))

Matchers from :mod:`polypact.dsl` may be used for the path, each query value, each header
value, the status and anywhere in the body; they become matching rules (and generators) of
the ``path``, ``query``, ``header``, ``status`` and ``body`` categories. Bodies are built by
:func:`polypact_http.bodies.build_body` (JSON, text, XML, bytes, form, multipart).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from polypact.consumer.parts import checked_status, http_interaction
from polypact.errors import UsageError
from polypact.model import (
    Generator,
    Generators,
    HttpRequest,
    HttpResponse,
    MatchingRules,
    RuleList,
    SynchronousHttp,
    find_header,
)

from polypact_http.bodies import BuiltBody, build_body, extract_single

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})


def _interaction(builder: Any) -> SynchronousHttp:
    """The builder's HTTP interaction, created on first use."""
    return http_interaction(builder, "HTTP methods cannot be added to it")


def _where(builder: Any, part: str) -> str:
    return f"interaction {builder.description!r} {part}"


def _multimap(
    values: Mapping[str, Any] | None,
    category: str,
    rules: MatchingRules,
    generators: Generators,
    where: str,
    allow_none: bool = False,
) -> dict[str, list[Any]]:
    """Query or header values (each a value, matcher or list) as a multimap of examples,
    recording rules and generators keyed by name."""
    out: dict[str, list[Any]] = {}
    for name, raw in (values or {}).items():
        items = list(raw) if isinstance(raw, (list, tuple)) else [raw]
        examples: list[Any] = []
        for item in items:
            example, rule_list, generator = extract_single(item)
            if example is None and not allow_none:
                raise UsageError(f"{where} {name!r}: expected a string value, got None")
            if example is not None and not isinstance(example, str):
                if isinstance(example, bool):
                    example = "true" if example else "false"
                elif isinstance(example, (int, float)):
                    example = str(example)
                else:
                    raise UsageError(f"{where} {name!r}: expected a string value, got {example!r}")
            examples.append(example)
            if rule_list and str(name) not in rules.category(category):
                rules.set(category, str(name), rule_list)
            if generator is not None:
                generators.add(category, str(name), generator)
        out[str(name)] = examples
    return out


def _apply_body(
    part: HttpRequest | HttpResponse, built: BuiltBody | None, explicit_type: str | None
) -> None:
    """Store a built body on ``part``, with its rules, generators and Content-Type header."""
    if built is None:
        if explicit_type and part.header("Content-Type") is None:
            part.headers["Content-Type"] = [explicit_type]
        return
    part.body = built.body
    for path, rule_list in built.rules.items():
        part.matching_rules.set("body", path, rule_list)
    for path, generator in built.generators.items():
        part.generators.add("body", path, generator)
    for name, rule_list in built.header_rules.items():
        if name not in part.matching_rules.category("header"):
            part.matching_rules.set("header", name, rule_list)
    if built.content_type and find_header(part.headers, "Content-Type") is None:
        part.headers["Content-Type"] = [built.content_type]


def _record(
    part: HttpRequest | HttpResponse, category: str, rule_list: RuleList | None, generator: Generator | None
) -> None:
    """Store the rules and generator of a single-valued category (``path``, ``status``)."""
    if rule_list:
        part.matching_rules.set(category, "", rule_list)
    if generator is not None:
        part.generators.add(category, "", generator)


def with_request(
    builder: Any,
    method: str,
    path: Any = "/",
    *,
    query: Mapping[str, Any] | None = None,
    headers: Mapping[str, Any] | None = None,
    body: Any = None,
    content_type: str | None = None,
    form: Mapping[str, Any] | None = None,
    multipart: Mapping[str, Any] | None = None,
) -> Any:
    """Describe the request: method, path (a string or matcher), query (name to value or
    list of values), headers, and a body (``body=``, ``form=`` or ``multipart=``)."""
    interaction = _interaction(builder)
    where = _where(builder, "request")
    if not isinstance(method, str) or method.upper() not in METHODS:
        raise UsageError(f"{where}: unknown HTTP method {method!r} (expected one of {', '.join(sorted(METHODS))})")
    request = HttpRequest(method=method.upper())
    example, rule_list, generator = extract_single(path)
    if not isinstance(example, str) or not example.startswith("/"):
        raise UsageError(f"{where}: the path must be a string starting with '/', got {example!r}")
    request.path = example
    _record(request, "path", rule_list, generator)
    request.query = _multimap(
        query, "query", request.matching_rules, request.generators, f"{where} query parameter", allow_none=True
    )
    request.query_given = query is not None
    request.headers = _multimap(headers, "header", request.matching_rules, request.generators, f"{where} header")
    built = build_body(body, content_type, form=form, multipart=multipart, where=f"{where} body")
    _apply_body(request, built, content_type)
    interaction.request = request
    return builder


def will_respond_with(
    builder: Any,
    status: Any = 200,
    *,
    headers: Mapping[str, Any] | None = None,
    body: Any = None,
    content_type: str | None = None,
    form: Mapping[str, Any] | None = None,
    multipart: Mapping[str, Any] | None = None,
) -> Any:
    """Describe the response: status (an int or a ``status_code`` matcher), headers and a
    body (``body=``, ``form=`` or ``multipart=``)."""
    interaction = _interaction(builder)
    where = _where(builder, "response")
    response = HttpResponse()
    example, rule_list, generator = extract_single(status)
    response.status = checked_status(example, where)
    _record(response, "status", rule_list, generator)
    response.headers = _multimap(headers, "header", response.matching_rules, response.generators, f"{where} header")
    built = build_body(body, content_type, form=form, multipart=multipart, where=f"{where} body")
    _apply_body(response, built, content_type)
    interaction.response = response
    return builder


def _add_header(part: HttpRequest | HttpResponse, name: str, value: Any, where: str) -> None:
    values = _multimap({name: value}, "header", part.matching_rules, part.generators, where)
    existing = find_header(part.headers, name)
    if existing is not None:
        existing.extend(values[name])
    else:
        part.headers[name] = values[name]


def with_request_header(builder: Any, name: str, value: Any) -> Any:
    """Add one request header (a value, matcher or list); call after ``with_request``."""
    interaction = _interaction(builder)
    _add_header(interaction.request, name, value, _where(builder, "request header"))
    return builder


def with_response_header(builder: Any, name: str, value: Any) -> Any:
    """Add one response header (a value, matcher or list); call after ``will_respond_with``."""
    interaction = _interaction(builder)
    _add_header(interaction.response, name, value, _where(builder, "response header"))
    return builder


def with_query_parameter(builder: Any, name: str, value: Any) -> Any:
    """Add one query parameter value (a value, matcher or list); call after ``with_request``."""
    interaction = _interaction(builder)
    request = interaction.request
    values = _multimap(
        {name: value}, "query", request.matching_rules, request.generators,
        _where(builder, "query parameter"), allow_none=True,
    )
    request.query.setdefault(name, []).extend(values[name])
    request.query_given = True
    return builder


#: The DSL methods this plugin registers, by name.
BUILDERS: dict[str, Callable[..., Any]] = {
    "with_request": with_request,
    "will_respond_with": will_respond_with,
    "with_request_header": with_request_header,
    "with_response_header": with_response_header,
    "with_query_parameter": with_query_parameter,
}
