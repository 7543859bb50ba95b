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
#: Signatures too short to trust on a body of unknown type (text may start with "BM"), used
#: only when the caller knows it holds binary data (the ``contentType`` matcher).
_EXTENDED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)

# The reference core's text heuristics (pact_models ``detect_content_type_from_string``).
_XML_DECL = re.compile(r"^\s*<\?xml\s*version")
_HTML = re.compile(r"^\s*(<!DOCTYPE)|(<HTML>)")
_XML_ELEMENT = re.compile(r"^\s*<\w+\s*(:\w+=[\"”][^\"”]+[\"”])?")
_JSON_START = re.compile(r"^\s*(true|false|null|[0-9]+|\"\w*|\{\s*(}|\"\w+)|\[\s*)")


def sniff_magic(data: bytes, *, extended: bool = False) -> str | None:
    """The media type a binary signature announces (``None`` when none is recognised).

    ``extended`` also trusts short signatures (BMP, TIFF) and recognises WEBP."""
    for magic, media in _MAGIC:
        if data.startswith(magic):
            if magic == b"RIFF" and data[8:12] == b"WEBP":
                return "image/webp"
            return media
    if extended:
        for magic, media in _EXTENDED_MAGIC:
            if data.startswith(magic):
                return media
    return None


def detect_text_content_type(text: str) -> str:
    """Guess a content type from text, as the reference core does (XML, HTML, JSON, text)."""
    if _XML_DECL.search(text):
        return "application/xml"
    if _HTML.search(text.upper()):
        return "text/html"
    if _XML_ELEMENT.search(text):
        return "application/xml"
    if _JSON_START.search(text):
        return "application/json"
    return "text/plain"


def detect_content_type(data: bytes) -> str:
    """Best guess of the media type of ``data`` (magic numbers first, then the text rules
    on its start). Returns ``application/octet-stream`` for bytes that are not UTF-8 text.
    """
    magic = sniff_magic(data)
    if magic:
        return magic
    text = decode_head(data)
    return "application/octet-stream" if text is None else detect_text_content_type(text)


def decode_head(data: bytes, size: int = 256) -> str | None:
    """The start of ``data`` as text (``None`` when the bytes are not UTF-8)."""
    try:
        return data[:size].decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None
