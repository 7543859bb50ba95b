"""The ``contentType`` matcher: sniff the media type of a value's bytes and compare.

Binary formats are recognised by their magic numbers (PNG, JPEG, GIF, PDF, ZIP, GZIP, BMP,
WEBP, TIFF); text is classified as JSON, XML, HTML or plain text. A string value is taken as
base64 when it decodes as such (the reference core does the same), else as its UTF-8 bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from polypact.matchers.basic import with_validator
from polypact.matchers.values import json_text
from polypact.matching.sniff import sniff_magic
from polypact.model.body import media_type
from polypact.model.rules import Rule

#: Media types that name the same thing.
_ALIASES = {
    "text/xml": "application/xml",
    "application/x-gzip": "application/gzip",
    "application/x-zip-compressed": "application/zip",
    "image/jpg": "image/jpeg",
}


def sniff_content_type(data: bytes) -> str:
    """The media type detected from ``data`` (``application/octet-stream`` when unknown)."""
    magic = sniff_magic(data, extended=True)
    if magic and magic != "application/octet-stream":
        return magic
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    if any(ord(c) < 32 and c not in "\t\r\n\f" for c in text[:4096]):
        return "application/octet-stream"
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        try:
            json.loads(stripped)
            return "application/json"
        except ValueError:
            pass
    lowered = stripped[:512].lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html"):
        return "text/html"
    if stripped.startswith("<?xml") or (stripped.startswith("<") and stripped.rstrip().endswith(">")):
        return "application/xml"
    return "text/plain"


def value_bytes(value: Any) -> bytes:
    """The bytes a value stands for: bytes as is, base64 strings decoded, other strings as
    UTF-8, everything else as JSON text."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True) if value else b""
        except (binascii.Error, ValueError):
            return value.encode("utf-8")
    return json_text(value).encode("utf-8")


def same_media_type(expected: str, detected: str) -> bool:
    """True when two media types name the same thing (parameters ignored)."""
    e, d = media_type(expected), media_type(detected)
    e, d = _ALIASES.get(e, e), _ALIASES.get(d, d)
    if e == d:
        return True
    if d == "application/json" and (e.endswith("+json") or e.endswith("/json")):
        return True
    if d == "application/xml" and (e.endswith("+xml") or e.endswith("/xml")):
        return True
    return False


def _validate(rule: Rule) -> str | None:
    value = rule.get("value")
    if not isinstance(value, str) or "/" not in value:
        return f"a contentType rule needs a media type 'value' (like 'image/png'), got {value!r}"
    return None


@with_validator(_validate)
def match_content_type(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """The media type sniffed from the actual value equals the rule's ``value``."""
    wanted = str(rule.get("value", ""))
    detected = sniff_content_type(value_bytes(actual))
    if same_media_type(wanted, detected):
        return None
    return (
        f"Expected binary contents to have content type '{wanted}' "
        f"but detected contents was '{detected}'"
    )
