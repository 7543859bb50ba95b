"""Message cells of the suite for the message steps: metadata values, message contents."""

from __future__ import annotations

from typing import Any

from polypact.model import is_json_type, is_text_type

from .data import BodySpec, json_cell

DESCRIPTION = "a compatibility-suite message"


def unescape(text: str) -> str:
    """A step argument with the feature's ``\\"`` escapes undone."""
    return text.replace('\\"', '"')


def metadata_value(cell: str) -> Any:
    """A metadata value cell: ``JSON: ...`` is a JSON value, anything else text."""
    cell = cell.strip()
    return json_cell(cell) if cell.startswith("JSON:") else cell


def message_value(spec: BodySpec) -> tuple[Any, str]:
    """A body cell as a message value for the DSL / a producer, with its content type:
    JSON decoded, text and XML as ``str``, anything else ``bytes``."""
    content_type = spec.content_type or "text/plain"
    if is_json_type(content_type):
        return spec.json(), content_type
    if is_text_type(content_type):
        return spec.text, content_type
    return spec.data, content_type
