"""Bodies and message contents of any pact version, decoded and pretty-printed by
content type (JSON, XML, GraphQL, forms, text; binary shown by type and size)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from polypact_broker.ui.render.graphqltext import pretty_graphql
from polypact_broker.ui.render.xmltext import pretty_xml

#: Longest text shown for one body; the rest is cut with a note.
MAX_TEXT = 100_000

_BODY_KEYS = {"content", "contentType", "encoded", "contentTypeHint"}


@dataclass
class BodyView:
    """What the UI shows for one body."""

    content_type: str | None
    text: str | None  #: pretty-printed text (``None`` for binary content)
    size: int  #: size in bytes of the (decoded) content
    note: str | None = None  #: e.g. "binary", "cut at 100000 characters"
    value: Any = None  #: the decoded JSON value, when the content is JSON


def header(headers: Any, name: str) -> str | None:
    """The first value of header ``name`` (case-insensitive) in a pact headers map."""
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if isinstance(key, str) and key.lower() == name.lower():
            if isinstance(value, list):
                value = value[0] if value else None
            return str(value) if value is not None else None
    return None


def media_type(content_type: str | None) -> str:
    """``application/json`` from ``application/json; charset=utf-8`` (lower case)."""
    return (content_type or "").split(";")[0].strip().lower()


def is_json(ct: str) -> bool:
    """A JSON media type (``application/json``, ``*/*+json``)."""
    return ct.endswith("/json") or ct.endswith("+json")


def is_xml(ct: str) -> bool:
    """An XML media type (``text/xml``, ``application/soap+xml``, ...)."""
    return ct.endswith("/xml") or ct.endswith("+xml")


def is_textual(ct: str) -> bool:
    """Content that is text (JSON, XML, GraphQL, forms, ``text/*``)."""
    return (ct.startswith("text/") or is_json(ct) or is_xml(ct)
            or ct in ("application/graphql", "application/x-www-form-urlencoded",
                      "application/javascript", "application/yaml", "application/x-yaml"))


def is_body_object(value: Any) -> bool:
    """A V4 body object (``{"content", "contentType", "encoded"}``)."""
    return isinstance(value, dict) and "content" in value and set(value) <= _BODY_KEYS


def view_body(body: Any, content_type: str | None = None) -> BodyView | None:
    """The view of ``body`` (a V4 body object or a V2/V3 raw value); ``content_type``
    (from headers or metadata) is used when the body does not name one. ``None`` when
    there is no body."""
    if body is None:
        return None
    encoded: Any = False
    if is_body_object(body):
        content_type = body.get("contentType") or content_type
        encoded = body.get("encoded", False)
        body = body.get("content")
        if body is None:
            return None
    if isinstance(encoded, str) and encoded.lower() == "base64" and isinstance(body, str):
        return _from_bytes(body, content_type)
    if isinstance(encoded, str) and encoded.upper() == "JSON" and isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            pass
    if not isinstance(body, str):
        return json_view(body, content_type or "application/json")
    return _text_view(body, content_type)


def _from_bytes(b64: str, content_type: str | None) -> BodyView:
    try:
        raw = base64.b64decode(b64, validate=False)
    except (binascii.Error, ValueError):
        return BodyView(content_type, None, len(b64), "base64 content that does not decode")
    ct = media_type(content_type)
    if is_textual(ct):
        try:
            return _text_view(raw.decode("utf-8"), content_type)
        except UnicodeDecodeError:
            pass
    return BodyView(content_type, None, len(raw), "binary")


def json_view(value: Any, content_type: str | None) -> BodyView:
    """The view of a JSON value: indented, cut when very long."""
    text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)
    return _cut(BodyView(content_type, text, len(text.encode("utf-8")), value=value))


def _text_view(text: str, content_type: str | None) -> BodyView:
    ct = media_type(content_type)
    size = len(text.encode("utf-8"))
    if is_json(ct) or (not ct and text.lstrip()[:1] in ("{", "[")):
        try:
            value = json.loads(text)
        except ValueError:
            return _cut(BodyView(content_type, text, size))
        view = json_view(value, content_type)
        view.size = size
        return view
    if is_xml(ct) or (not ct and text.lstrip().startswith("<")):
        return _cut(BodyView(content_type, pretty_xml(text), size))
    if ct == "application/graphql":
        return _cut(BodyView(content_type, pretty_graphql(text), size))
    if ct == "application/x-www-form-urlencoded":
        pairs = parse_qsl(text, keep_blank_values=True)
        shown = "\n".join(f"{k} = {v}" for k, v in pairs) if pairs else text
        return _cut(BodyView(content_type, shown, size))
    return _cut(BodyView(content_type, text, size))


def _cut(view: BodyView) -> BodyView:
    if view.text is not None and len(view.text) > MAX_TEXT:
        view.text = view.text[:MAX_TEXT]
        view.note = f"cut at {MAX_TEXT} characters"
    return view
