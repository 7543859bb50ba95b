"""Bodies of requests, responses and messages (Pact's ``OptionalBody``).

A body is one of four states: missing (not specified: anything goes), empty (present but
zero bytes), null (JSON ``null``) or present (bytes with a content type). Content is always
kept as bytes; :meth:`Body.json_value` and :meth:`Body.text` decode on demand.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Any


class BodyState(enum.Enum):
    """Which of the four body states a :class:`Body` is in."""

    MISSING = "missing"
    EMPTY = "empty"
    NULL = "null"
    PRESENT = "present"


def media_type(content_type: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type value (no parameters)."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def is_json_type(content_type: str | None) -> bool:
    """True for ``application/json`` and any ``+json`` / ``*/json`` variant."""
    mt = media_type(content_type)
    return mt.endswith("/json") or mt.endswith("+json")


def is_xml_type(content_type: str | None) -> bool:
    """True for ``application/xml``, ``text/xml`` and any ``+xml`` variant."""
    mt = media_type(content_type)
    return mt.endswith("/xml") or mt.endswith("+xml")


def is_text_type(content_type: str | None) -> bool:
    """True for media types whose content is human-readable text."""
    mt = media_type(content_type)
    return (
        mt.startswith("text/")
        or is_json_type(mt)
        or is_xml_type(mt)
        or mt in ("application/x-www-form-urlencoded", "application/javascript", "application/graphql")
    )


@dataclass(frozen=True)
class Body:
    """An optional body: state, raw bytes, content type and encoding hint."""

    state: BodyState = BodyState.MISSING
    content: bytes = b""
    content_type: str | None = None
    content_type_hint: str | None = None  # "TEXT" | "BINARY" | "DEFAULT" | None
    _json_cache: list[Any] = field(default_factory=list, compare=False, repr=False, hash=False)
    #: Members of a V4 body object this model does not know, kept for writing back.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, hash=False)

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def missing(cls) -> Body:
        """A body that was not specified (matches anything)."""
        return cls(BodyState.MISSING)

    @classmethod
    def empty(cls, content_type: str | None = None) -> Body:
        """A present but zero-length body."""
        return cls(BodyState.EMPTY, b"", content_type)

    @classmethod
    def null(cls) -> Body:
        """A JSON ``null`` body."""
        return cls(BodyState.NULL, b"", None)

    @classmethod
    def from_json(cls, value: Any, content_type: str = "application/json") -> Body:
        """A JSON body from a Python value (serialised compactly, keys in given order)."""
        data = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        body = cls(BodyState.PRESENT, data, content_type)
        body._json_cache.append(value)
        return body

    @classmethod
    def from_text(cls, text: str, content_type: str | None = "text/plain") -> Body:
        """A text body, encoded as UTF-8."""
        if text == "":
            return cls.empty(content_type)
        return cls(BodyState.PRESENT, text.encode("utf-8"), content_type)

    @classmethod
    def from_bytes(
        cls, data: bytes | None, content_type: str | None = None, hint: str | None = None
    ) -> Body:
        """A body from raw bytes; ``None`` gives a missing body and ``b''`` an empty one."""
        if data is None:
            return cls.missing()
        if not data:
            return cls(BodyState.EMPTY, b"", content_type, hint)
        return cls(BodyState.PRESENT, bytes(data), content_type, hint)

    # -- queries ----------------------------------------------------------------------
    @property
    def is_present(self) -> bool:
        """True when the body has content."""
        return self.state is BodyState.PRESENT

    @property
    def is_missing(self) -> bool:
        """True when the body was not specified."""
        return self.state is BodyState.MISSING

    @property
    def media_type(self) -> str:
        """The bare media type of this body's content type (``""`` when unknown)."""
        return media_type(self.content_type)

    def text(self, errors: str = "replace") -> str:
        """The content decoded as UTF-8."""
        return self.content.decode("utf-8", errors=errors)

    def json_value(self) -> Any:
        """The content parsed as JSON (cached). Raises ``ValueError`` when it is not JSON."""
        if self.state is BodyState.NULL:
            return None
        if not self._json_cache:
            self._json_cache.append(json.loads(self.content.decode("utf-8")))
        return self._json_cache[0]

    def with_content_type(self, content_type: str | None) -> Body:
        """A copy with another content type."""
        return Body(self.state, self.content, content_type, self.content_type_hint,
                    extra=self.extra)
