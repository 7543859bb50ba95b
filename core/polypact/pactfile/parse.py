"""Converting decoded pact JSON into the model: requests, responses and messages.

Each function takes the JSON object of one part, the specification version of the file
it came from (``"1.0"``, ``"1.1"``, ``"2.0"``, ``"3.0"`` or ``"4.0"``), the ``source``
(file name) and the JSON ``path`` of the object, used in error messages. Unknown members
are kept in the part's ``extra``.
"""

from __future__ import annotations

from typing import Any

from polypact.model.body import Body
from polypact.model.generators import Generators
from polypact.model.interactions import HttpRequest, HttpResponse, MessageContents, find_header
from polypact.model.rules import MatchingRules
from polypact.pactfile._context import (
    attempt,
    checked,
    child,
    describe,
    expect_int,
    expect_object,
    expect_str,
    extra_fields,
    fail,
)
from polypact.pactfile.bodies import body_from_raw, body_from_v4
from polypact.pactfile.httpparts import parse_headers, parse_query
from polypact.pactfile.rules import parse_generators, parse_matching_rules

SPEC_VERSIONS = ("1.0", "1.1", "2.0", "3.0", "4.0")
REQUEST_FIELDS = frozenset({"method", "path", "query", "headers", "body", "matchingRules",
                            "generators"})
RESPONSE_FIELDS = frozenset({"status", "headers", "body", "matchingRules", "generators"})
MESSAGE_FIELDS = frozenset({"contents", "metadata", "metaData", "matchingRules", "generators"})


def check_spec_version(spec_version: str) -> str:
    """``spec_version`` if it is one polypact reads, else a :class:`ValueError`."""
    if spec_version not in SPEC_VERSIONS:
        raise ValueError(f"spec_version must be one of {', '.join(SPEC_VERSIONS)}, "
                         f"not {spec_version!r}")
    return spec_version


def _header_content_type(headers: dict[str, list[str]]) -> str | None:
    values = find_header(headers, "Content-Type")
    return values[0] if values else None


def _body(obj: dict[str, Any], name: str, spec_version: str, content_type: str | None,
          source: str | None, path: str, strict: bool) -> Body:
    present = name in obj
    value = obj.get(name)
    if spec_version == "4.0":
        return body_from_v4(value, content_type, present, source=source, path=child(path, name),
                            strict=strict)
    return body_from_raw(value, content_type, present)


def parse_http_request(obj: Any, spec_version: str, *, source: str | None = None,
                       path: str = "$.request", strict: bool = True) -> HttpRequest:
    """An :class:`HttpRequest` from a pact's ``request`` object."""
    check_spec_version(spec_version)
    obj = expect_object(obj, source, path)
    method = checked(expect_str, obj.get("method", "GET"), "GET", source, child(path, "method")).upper()
    req_path = checked(expect_str, obj.get("path", "/"), "/", source, child(path, "path"))
    query_given = obj.get("query") not in (None, "")
    query = attempt(lambda: parse_query(obj["query"], source=source, path=child(path, "query")),
                    {}) if query_given else {}
    headers, body, rules, generators = _http_parts(obj, spec_version, source, path, strict)
    return HttpRequest(
        method=method,
        path=req_path,
        query=query,
        headers=headers,
        body=body,
        matching_rules=rules,
        generators=generators,
        extra=extra_fields(obj, REQUEST_FIELDS),
        query_given=query_given,
    )


def _headers(obj: dict[str, Any], source: str | None, path: str) -> dict[str, list[str]]:
    if obj.get("headers") is None:
        return {}
    return attempt(lambda: parse_headers(obj["headers"], source=source, path=child(path, "headers")),
                   {})


def _http_parts(obj: dict[str, Any], spec_version: str, source: str | None, path: str,
                strict: bool) -> tuple[dict[str, list[str]], Body, MatchingRules, Generators]:
    """The headers, body (typed by its Content-Type header), matching rules and generators
    of an HTTP request or response, parsed in that order."""
    headers = _headers(obj, source, path)
    body = attempt(lambda: _body(obj, "body", spec_version, _header_content_type(headers), source,
                                 path, strict), Body.missing)
    return (headers, body, *_rules_and_generators(obj, spec_version, source, path, strict))


def _rules_and_generators(obj: dict[str, Any], spec_version: str, source: str | None, path: str,
                          strict: bool) -> tuple[MatchingRules, Generators]:
    """The matching rules and generators of an interaction part."""
    rules = attempt(lambda: parse_matching_rules(
        obj.get("matchingRules"), spec_version, source=source, path=child(path, "matchingRules"),
        strict=strict), MatchingRules)
    return rules, attempt(lambda: parse_generators(
        obj.get("generators"), spec_version, source=source, path=child(path, "generators"),
        strict=strict), Generators)


def parse_http_response(obj: Any, spec_version: str, *, source: str | None = None,
                        path: str = "$.response", strict: bool = True) -> HttpResponse:
    """An :class:`HttpResponse` from a pact's ``response`` object."""
    check_spec_version(spec_version)
    obj = expect_object(obj, source, path)
    status = checked(_status, obj.get("status", 200), 200, source, child(path, "status"))
    headers, body, rules, generators = _http_parts(obj, spec_version, source, path, strict)
    return HttpResponse(
        status=status,
        headers=headers,
        body=body,
        matching_rules=rules,
        generators=generators,
        extra=extra_fields(obj, RESPONSE_FIELDS),
    )


def _status(value: Any, source: str | None, path: str) -> int:
    status = expect_int(value, source, path)
    if not 100 <= status <= 999:
        raise fail(f"expected an HTTP status code (100-999), found {status}", source, path)
    return status


def _metadata_content_type(metadata: dict[str, Any]) -> str | None:
    for key, value in metadata.items():
        if key.lower() in ("contenttype", "content-type") and isinstance(value, str):
            return value
    return None


def parse_message_contents(obj: Any, spec_version: str, *, source: str | None = None,
                           path: str = "$", strict: bool = True,
                           other_fields: frozenset[str] = frozenset()) -> MessageContents:
    """A :class:`MessageContents` from a message object.

    V3 messages hold ``contents`` as a raw JSON value (``metadata``, or the older
    ``metaData``); V4 holds a body object. ``matchingRules``/``generators`` categories
    ``content``/``contents`` are read as ``body``. Members in ``other_fields`` belong to
    the enclosing interaction and are not kept in ``extra``.
    """
    check_spec_version(spec_version)
    obj = expect_object(obj, source, path)
    meta_key = "metadata" if "metadata" in obj else "metaData"
    raw_meta = obj.get(meta_key)
    metadata = {} if raw_meta is None else dict(
        checked(expect_object, raw_meta, {}, source, child(path, meta_key)))
    ct = _metadata_content_type(metadata)
    body = attempt(lambda: _body(obj, "contents", spec_version, ct, source, path, strict),
                   Body.missing)
    if spec_version != "4.0" and ct and body.is_present:
        body = body.with_content_type(ct)
    extra = extra_fields(obj, MESSAGE_FIELDS | other_fields)
    if meta_key == "metadata" and "metaData" in obj:
        extra["metaData"] = obj["metaData"]
    rules, generators = _rules_and_generators(obj, spec_version, source, path, strict)
    return MessageContents(
        contents=body,
        metadata=metadata,
        matching_rules=rules,
        generators=generators,
        extra=extra,
    )


__all__ = [
    "SPEC_VERSIONS", "check_spec_version", "describe", "parse_http_request",
    "parse_http_response", "parse_message_contents",
]
