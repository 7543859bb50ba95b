"""Content-type detection: magic numbers for binary data, and JSON/XML/text sniffing.

:func:`sniff_magic` recognises PNG, JPEG, GIF, PDF and ZIP by their leading bytes;
:func:`detect_content_type` adds the reference core's text heuristics (an XML declaration
or a leading tag is XML, a leading ``{``/``[``/literal is JSON, other UTF-8 is text) and
is what the engine uses when a body declares no content type.
"""

from __future__ import annotations

import re

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"PK\x05\x06", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"RIFF", "application/octet-stream"),
)

_XML_DECL = re.compile(r"^\s*<\?xml\s*version")
_HTML = re.compile(r"^\s*(<!DOCTYPE\s+HTML|<HTML)", re.IGNORECASE)
_XML_TAG = re.compile(r"^\s*<[\w:.-]+[\s/>]")
_JSON = re.compile(r'^\s*(true|false|null|-?[0-9]+|"|\{\s*(\}|")|\[)')


def sniff_magic(data: bytes) -> str | None:
    """The media type a binary signature announces (``None`` when none is recognised)."""
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    return None


def detect_content_type(data: bytes) -> str:
    """Best guess of the media type of ``data`` (magic numbers first, then text rules).

    Returns ``application/octet-stream`` for bytes that are not UTF-8 text.
    """
    magic = sniff_magic(data)
    if magic:
        return magic
    head = data[:256]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
    if _XML_DECL.match(text):
        return "application/xml"
    if _HTML.match(text):
        return "text/html"
    if _XML_TAG.match(text):
        return "application/xml"
    if _JSON.match(text):
        return "application/json"
    return "text/plain"

