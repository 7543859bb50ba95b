""":class:`Message`: a message as a consumer handler receives it and a producer returns it.

A message is decoded contents plus metadata. Contents are decoded by content type: JSON
types give the parsed value (dict, list, ...), XML and text types a ``str``, anything else
``bytes``. :meth:`Message.body` gives the encoded bytes back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from polypact.model import Body, BodyState, MessageContents, is_json_type, is_text_type
from polypact.model.interactions import CONTENT_TYPE_METADATA_KEYS

#: Metadata keys that carry a message's content type (compared case-insensitively).
CONTENT_TYPE_KEYS = CONTENT_TYPE_METADATA_KEYS


def metadata_content_type(metadata: dict[str, Any] | None) -> str | None:
    """The content type named by ``metadata`` (``contentType``, ``Content-Type``, ...)."""
    for key, value in (metadata or {}).items():
        if key.lower() in CONTENT_TYPE_KEYS and isinstance(value, str) and value:
            return value
    return None


def decode_body(body: Body, content_type: str | None) -> Any:
    """The Python value of a body: parsed JSON, text for text/XML types, else bytes.

    A missing or empty body gives ``None``; JSON that does not parse is returned as text.
    """
    if body.state is BodyState.NULL:
        return None
    if not body.is_present:
        return None
    ct = content_type or body.content_type
    if is_json_type(ct):
        try:
            return json.loads(body.content.decode("utf-8"))
        except ValueError:
            return body.text()
    if ct is None or is_text_type(ct):
        try:
            return body.content.decode("utf-8")
        except UnicodeDecodeError:
            return bytes(body.content)
    return bytes(body.content)


@dataclass
class Message:
    """One message: ``contents`` (decoded), ``metadata``, ``content_type`` and, when it
    comes from a contract, the interaction's ``description``.

    Producers may return a ``Message`` to give both contents and metadata;
    ``content_type=None`` means "infer it" (JSON for dicts and lists, ``text/plain`` for
    ``str``, ``application/octet-stream`` for ``bytes``, unless the contract says more).
    """

    contents: Any = None
    metadata: dict[str, Any] = field(default_factory=dict)
    content_type: str | None = None
    description: str = ""

    @property
    def body(self) -> bytes:
        """The contents encoded as bytes: bytes as they are, ``str`` as UTF-8 text (unless
        the content type is JSON: contents are always the *decoded* value, so a ``str``
        is then a JSON string), anything else serialised as JSON."""
        value = self.contents
        if value is None:
            return b""
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, str) and not is_json_type(self.content_type):
            return value.encode("utf-8")
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_contents(cls, contents: MessageContents, description: str = "") -> Message:
        """A message from a model :class:`~polypact.model.MessageContents` (decoded)."""
        ct = contents.content_type()
        return cls(
            contents=decode_body(contents.contents, ct),
            metadata=dict(contents.metadata),
            content_type=ct,
            description=description,
        )

    def __getitem__(self, key: str) -> Any:
        """``message["orderId"]``: a key of JSON object contents (convenience)."""
        if not isinstance(self.contents, dict):
            raise TypeError(
                f"message {self.description!r} has {type(self.contents).__name__} contents, "
                f"not a JSON object; read message.contents instead"
            )
        return self.contents[key]

