"""Reading and writing bodies: V1-V3 raw JSON values and V4 body objects.

Mirrors the reference core (``pact_models`` ``body_from_json`` for V1-V3 and
``v4::http_parts::body_from_json`` for V4 body objects ``{"content", "contentType",
"encoded", "contentTypeHint"}``).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from polypact.matching.sniff import decode_head
from polypact.matching.sniff import detect_text_content_type as detect_content_type
from polypact.model.body import Body, BodyState, is_json_type, is_text_type, media_type
from polypact.pactfile._context import child, describe, expect_object, fail

#: Members a V4 body object may have.
BODY_ATTRIBUTES = frozenset({"content", "contentType", "contentTypeHint", "encoded"})
HINTS = ("TEXT", "BINARY", "DEFAULT")
#: ``encoded`` schemes (any case); ``false``/``true`` are accepted too (``true`` with no
#: scheme reads the content raw, as the reference does).
ENCODINGS = ("base64", "json")
_BINARY_MAIN_TYPES = ("audio", "font", "image", "video")


def detect_content_type_from_bytes(data: bytes) -> str | None:
    """Guess a content type from the first bytes of a body (``None`` when not UTF-8)."""
    text = decode_head(data, 32)
    return None if text is None else detect_content_type(text)


def is_binary_type(content_type: str | None) -> bool:
    """True for media types whose content is binary (images, audio, protobuf, ...)."""
    mt = media_type(content_type)
    main = mt.partition("/")[0]
    if main in _BINARY_MAIN_TYPES:
        return True
    if main == "text":
        return False
    return bool(mt) and not is_text_type(mt)


def _is_json_string_or_object(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, (str, dict))


def body_from_raw(value: Any, content_type: str | None, present: bool) -> Body:
    """A body from a V1-V3 ``body``/``contents`` value.

    ``content_type`` is the Content-Type header (or message metadata) if any; ``present``
    is False when the member was absent (a missing body).
    """
    if not present:
        return Body.missing()
    if value is None:
        return Body.null()
    if isinstance(value, str):
        if value == "":
            return Body.empty(content_type)
        ct = content_type or detect_content_type(value)
        if is_json_type(ct):
            text = value if _is_json_string_or_object(value) else json.dumps(value, ensure_ascii=False)
            return Body(BodyState.PRESENT, text.encode("utf-8"), ct)
        if is_text_type(ct) or not content_type:
            return Body(BodyState.PRESENT, value.encode("utf-8"), ct)
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return Body(BodyState.PRESENT, value.encode("utf-8"), ct)
        if not data:
            return Body(BodyState.PRESENT, value.encode("utf-8"), ct)
        return Body(BodyState.PRESENT, data, ct)
    return Body.from_json(value, content_type or "application/json")


def body_from_v4(
    value: Any, content_type: str | None, present: bool, *, source: str | None, path: str,
    strict: bool = True,
) -> Body:
    """A body from a V4 body object (``{"content", "contentType", "encoded", ...}``).

    A value that is not an object is read as a raw JSON body (as the reference does). With
    ``strict`` an ``encoded`` string other than ``"base64"``/``"json"`` (any case) is a
    :class:`PactFileError`; without, the content is read raw (the reference warns and does
    the same).
    """
    if not present:
        return Body.missing()
    if value is None:
        return Body.null()
    if not isinstance(value, dict):
        return body_from_raw(value, content_type, True)
    attrs = expect_object(value, source, path)
    if "content" not in attrs:
        if all(k in BODY_ATTRIBUTES for k in attrs):
            return Body.missing()
        return Body.from_json(attrs, content_type or "application/json")
    content = attrs["content"]
    if content is None:
        return Body.null()
    ct = attrs.get("contentType")
    if ct is not None and not isinstance(ct, str):
        raise fail(f"expected a string, found {describe(ct)}", source, child(path, "contentType"))
    ct = ct or content_type
    hint = attrs.get("contentTypeHint")
    if hint is not None and hint not in HINTS:
        raise fail(
            f"expected one of {', '.join(HINTS)}, found {describe(hint)}",
            source,
            child(path, "contentTypeHint"),
        )
    encoded = attrs.get("encoded", False)
    if not isinstance(encoded, (bool, str)) or (
            strict and isinstance(encoded, str) and encoded.lower() not in ENCODINGS):
        raise fail(
            f"expected false, \"base64\" or \"json\", found {describe(encoded)}",
            source,
            child(path, "encoded"),
        )
    data = _decode_v4_content(content, ct, encoded, source, child(path, "content"))
    extra = {k: v for k, v in attrs.items() if k not in BODY_ATTRIBUTES}
    if not data:
        return Body(BodyState.EMPTY, b"", ct, hint, extra=extra)
    if not ct:
        ct = detect_content_type_from_bytes(data)
    return Body(BodyState.PRESENT, data, ct, hint, extra=extra)


def _decode_v4_content(
    content: Any, ct: str | None, encoded: bool | str, source: str | None, path: str
) -> bytes:
    if encoded is True or isinstance(encoded, str):
        scheme = encoded.lower() if isinstance(encoded, str) else ""
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        if scheme == "base64":
            if not isinstance(content, str):
                raise fail(f"expected a base64 string, found {describe(content)}", source, path)
            try:
                return base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError):
                raise fail("expected valid base64 content (encoded is \"base64\")", source, path) from None
        return text.encode("utf-8")
    if is_json_type(ct):
        if content == "":
            return b""
        return json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if isinstance(content, str):
        return content.encode("utf-8")
    return json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# -- writing -----------------------------------------------------------------------------
def effective_content_type(body: Body, header_ct: str | None) -> str | None:
    """The content type to record for a body: its own, else the header's, else detected."""
    if body.content_type:
        return body.content_type
    if header_ct:
        return header_ct
    if body.state is BodyState.PRESENT:
        return detect_content_type_from_bytes(body.content)
    return None


def body_to_v4(body: Body, header_ct: str | None) -> dict[str, Any] | None:
    """The V4 body object for ``body`` (``None`` for a missing body)."""
    if body.state is BodyState.MISSING:
        return None
    if body.state is BodyState.NULL:
        return {"content": None}
    ct = effective_content_type(body, header_ct)
    if body.state is BodyState.EMPTY:
        out: dict[str, Any] = {**body.extra, "content": ""}
        if body.content_type:
            out["contentType"] = body.content_type
        if body.content_type_hint:
            out["contentTypeHint"] = body.content_type_hint
        return out
    content, encoded = _encode_content(body, ct)
    out = {**body.extra, "content": content, "contentType": ct or "application/octet-stream",
           "encoded": encoded}
    if body.content_type_hint:
        out["contentTypeHint"] = body.content_type_hint
    return out


def _encode_content(body: Body, ct: str | None) -> tuple[Any, Any]:
    b64 = base64.b64encode(body.content).decode("ascii")
    if is_json_type(ct):
        try:
            return json.loads(body.content.decode("utf-8")), False
        except ValueError:
            return b64, "base64"
    if body.content_type_hint == "BINARY" or (body.content_type_hint != "TEXT" and is_binary_type(ct)):
        return b64, "base64"
    try:
        return body.content.decode("utf-8"), False
    except UnicodeDecodeError:
        return b64, "base64"


def body_to_raw(body: Body, header_ct: str | None) -> tuple[bool, Any]:
    """The V1-V3 form of ``body``: ``(present, value)`` (JSON as JSON, text as a string,
    binary as base64)."""
    if body.state is BodyState.MISSING:
        return False, None
    if body.state is BodyState.NULL:
        return True, None
    if body.state is BodyState.EMPTY:
        return True, ""
    ct = effective_content_type(body, header_ct)
    if is_json_type(ct):
        try:
            return True, json.loads(body.content.decode("utf-8"))
        except ValueError:
            pass
    try:
        text = body.content.decode("utf-8")
    except UnicodeDecodeError:
        return True, base64.b64encode(body.content).decode("ascii")
    if is_binary_type(ct) and body.content_type_hint != "TEXT":
        return True, base64.b64encode(body.content).decode("ascii")
    return True, text
