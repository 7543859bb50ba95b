"""Headers and query strings: reading every version's shape, writing V2 and V3/V4 shapes.

- Headers: V1-V3 write ``name: "value"``; V4 writes ``name: ["value", ...]``. Reading either
  shape in any version, a string value is split on commas only for the known multi-value
  headers (``Accept``, ``Cache-Control``, ...), as the reference core's ``parse_header``
  does since 2026: a ``Date`` or a custom JSON-valued header keeps its commas.
- Query: V1/V2 write a query string (``a=1&b=2``), parsed into a multimap with values
  URL-decoded (``+`` is a space) and order kept; V3/V4 write ``{name: [values]}`` (values
  taken as written, not decoded; a bare string value is a one-value list).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from polypact.pactfile._context import child, describe, expect_object, fail

#: Headers whose comma-separated values are separate values (reference ``MULTI_VALUE_HEADERS``).
MULTI_VALUE_HEADERS = frozenset({
    "accept", "accept-encoding", "accept-language", "access-control-allow-headers",
    "access-control-allow-methods", "access-control-expose-headers",
    "access-control-request-headers", "allow", "cache-control", "if-match", "if-none-match",
    "vary",
})


def parse_header_value(name: str, value: str) -> list[str]:
    """Split one header string into values (only known multi-value headers are split)."""
    if name.lower() in MULTI_VALUE_HEADERS:
        return [v.strip() for v in value.split(",")]
    return [value.strip()]


def parse_headers(value: Any, *, source: str | None, path: str) -> dict[str, list[str]]:
    """A headers multimap from ``{name: "a, b"}`` or ``{name: ["a", "b"]}``."""
    obj = expect_object(value, source, path)
    return {
        name: _member_values(raw, source, child(path, name), partial(parse_header_value, name))
        for name, raw in obj.items()
    }


def _member_values(
    raw: Any, source: str | None, path: str, from_string: Callable[[str], list], allow_null: bool = False
) -> list:
    """The values of one header or query member: ``from_string`` of a string, or an array
    of strings (and ``null`` items when ``allow_null``) copied as written."""
    if isinstance(raw, str):
        return from_string(raw)
    if not isinstance(raw, list):
        raise fail(f"expected a string or an array of strings, found {describe(raw)}", source, path)
    for i, item in enumerate(raw):
        if not isinstance(item, str) and not (allow_null and item is None):
            raise fail(f"expected a string, found {describe(item)}", source, child(path, i))
    return list(raw)


def headers_to_json(headers: dict[str, list[str]], spec_version: str) -> dict[str, Any]:
    """Headers as written in a pact of ``spec_version`` (joined strings before V4)."""
    if spec_version == "4.0":
        return {name: list(values) for name, values in headers.items()}
    return {name: ", ".join(values) for name, values in headers.items()}


def _decode(text: str) -> str:
    """Percent-decode as the reference ``decode_query`` does (``+`` is a space; bad escapes
    are kept literally)."""
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c == 0x25:  # '%'
            pair = raw[i + 1 : i + 3]
            if len(pair) == 2 and re.fullmatch(rb"[0-9A-Fa-f]{2}", pair):
                out.append(int(pair, 16))
                i += 3
                continue
            out.append(c)
            i += 1
            continue
        out.append(0x20 if c == 0x2B else c)
        i += 1
    return out.decode("utf-8", errors="replace")


def parse_query_string(query: str) -> dict[str, list[str | None]]:
    """A query multimap from ``a=1&b=2&a=3`` (decoded; order kept; ``a`` alone is ``None``)."""
    result: dict[str, list[str | None]] = {}
    if not query:
        return result
    for part in query.split("&"):
        if not part:
            continue
        name, sep, value = part.partition("=")
        result.setdefault(_decode(name), []).append(_decode(value) if sep else None)
    return result


def parse_query(value: Any, *, source: str | None, path: str) -> dict[str, list[str | None]]:
    """A query multimap from a query string or a ``{name: [values]}`` object."""
    if isinstance(value, str):
        return parse_query_string(value)
    if not isinstance(value, dict):
        raise fail(f"expected a query string or an object, found {describe(value)}", source, path)
    return {
        name: _member_values(raw, source, child(path, name), lambda text: [text], allow_null=True)
        for name, raw in value.items()
    }


def _encode(text: str) -> str:
    return quote(text, safe="-._~!$'()*,;:@/?").replace("%20", "+")


def build_query_string(query: dict[str, list[str | None]]) -> str:
    """The V1/V2 query string of a multimap (order kept, values percent-encoded)."""
    parts = []
    for name, values in query.items():
        for value in values:
            parts.append(_encode(name) if value is None else f"{_encode(name)}={_encode(value)}")
    return "&".join(parts)


def query_to_json(query: dict[str, list[str | None]], spec_version: str) -> Any:
    """The query as written in a pact of ``spec_version``."""
    if spec_version in ("3.0", "4.0"):
        return {name: list(values) for name, values in query.items()}
    return build_query_string(query)
