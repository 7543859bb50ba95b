"""Turning what a producer returned into the actual message the contract is matched with.

The content type comes from the producer when it names one (a :class:`Message`'s
``content_type``, or a ``contentType`` / ``Content-Type`` metadata entry); otherwise from
the kind of value, taking the contract's type where it fits (a dict for an
``application/vnd.x+json`` contract is that type; ``str`` is text in the contract's text,
XML or JSON type; ``bytes`` are in the contract's type; without a contract type, text
and binary content types are sniffed as the reference core does). The actual metadata gets a
``contentType`` entry when the producer gave none, as the reference verifier derives it
from the endpoint's Content-Type header.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polypact.errors import VerificationError
from polypact.matching.sniff import detect_content_type, sniff_magic
from polypact.model import Body, MessageContents, is_json_type, is_text_type

from polypact_message.message import Message, metadata_content_type

EXPECTED_KINDS = ("a dict, list, number or bool (JSON), str, bytes, a (contents, metadata) "
                  "pair or a polypact_message.Message")


def _wrong_type(description: str, value: Any, detail: str = "") -> VerificationError:
    return VerificationError(
        f"message producer for {description!r} returned {type(value).__name__}{detail}; "
        f"expected {EXPECTED_KINDS}")


def _body(value: Any, ct: str | None, expected_ct: str | None, description: str) -> Body:
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return Body.from_bytes(data, ct or expected_ct or sniff_magic(data) or "application/octet-stream")
    if isinstance(value, str):
        fallback = expected_ct if is_text_type(expected_ct) else None
        if not ct and not expected_ct and value:
            fallback = detect_content_type(value.encode("utf-8"))
        return Body.from_text(value, ct or fallback or "text/plain")
    if value is None or isinstance(value, (dict, list, int, float, bool)):
        if value is None:
            raise _wrong_type(description, value)
        chosen = ct or (expected_ct if is_json_type(expected_ct) else None) or "application/json"
        if not is_json_type(chosen):
            raise _wrong_type(description, value, f" for content type {chosen!r}")
        try:
            return Body.from_json(value, chosen)
        except (TypeError, ValueError) as exc:
            raise _wrong_type(description, value, f" that is not JSON-serialisable ({exc})") from None
    raise _wrong_type(description, value)


def actual_message(output: Any, expected: MessageContents, description: str) -> MessageContents:
    """The actual message from one producer output (see the module docstring)."""
    ct: str | None = None
    metadata: Any = {}
    value = output
    if isinstance(output, Message):
        value, metadata, ct = output.contents, dict(output.metadata), output.content_type
    elif isinstance(output, tuple):
        if len(output) != 2 or not (output[1] is None or isinstance(output[1], Mapping)):
            raise _wrong_type(description, output, f" of length {len(output)}"
                              if len(output) != 2 else " whose second item is not a metadata dict")
        value, metadata = output[0], dict(output[1] or {})
    if not isinstance(metadata, Mapping):
        raise _wrong_type(description, metadata, " as metadata")
    metadata = dict(metadata)
    ct = ct or metadata_content_type(metadata)
    body = _body(value, ct, expected.content_type(), description)
    if metadata_content_type(metadata) is None and body.content_type:
        metadata["contentType"] = body.content_type
    return MessageContents(contents=body, metadata=metadata)


def actual_responses(output: Any, expected: list[MessageContents], description: str
                     ) -> list[MessageContents]:
    """The actual responses of a synchronous exchange: one output, or a list of
    :class:`Message` objects for several."""
    first = expected[0] if expected else MessageContents()
    if isinstance(output, list) and output and all(isinstance(o, Message) for o in output):
        return [actual_message(o, expected[i] if i < len(expected) else first, description)
                for i, o in enumerate(output)]
    return [actual_message(output, first, description)]
