"""Message interactions: asynchronous messages (V3 ``messages`` and V4
``Asynchronous/Messages``) and synchronous request/response messages."""

from __future__ import annotations

from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.bodies import BodyView, header, view_body
from polypact_broker.ui.render.http import two_columns
from polypact_broker.ui.render.parts import (
    body_section,
    generators_section,
    headers_table,
    rules_section,
)


def part_view(part: dict[str, Any]) -> BodyView | None:
    """The contents of a message (part), typed by its own content type or the
    ``contentType`` / ``content-type`` metadata."""
    ct = header(part.get("metadata"), "contentType") or header(part.get("metadata"), "content-type")
    contents = part.get("contents", part.get("content"))
    return view_body(contents, ct)


def message_part(part: Any) -> Safe:
    """Contents, metadata, matching rules and generators of one message (part)."""
    if not isinstance(part, dict):
        return Safe("")
    return render([
        body_section("Contents", part_view(part)),
        headers_table(part.get("metadata"), "Metadata"),
        rules_section(part.get("matchingRules")),
        generators_section(part.get("generators")),
    ])


def render_async(interaction: dict[str, Any]) -> Safe:
    """An asynchronous message."""
    return tag("div", message_part(interaction), class_="message")


def responses(interaction: dict[str, Any]) -> list[Any]:
    """The response parts of a synchronous exchange (a list; one object is one part)."""
    value = interaction.get("response")
    if isinstance(value, dict):
        return [value]
    return value if isinstance(value, list) else []


def render_sync(interaction: dict[str, Any]) -> Safe:
    """A synchronous message exchange: the request message and each response message."""
    parts = responses(interaction)
    right = render([
        [tag("h4", f"Response {n + 1} of {len(parts)}") if len(parts) > 1 else None,
         message_part(p)] for n, p in enumerate(parts)
    ]) if parts else tag("p", "no response message", class_="muted")
    return two_columns("Request message", message_part(interaction.get("request")),
                       "Response message" + ("s" if len(parts) > 1 else ""), right)
