"""``interactionMarkup`` for gRPC interactions, in the Pact protobuf plugin's style.

The plugin writes CommonMark with one fenced ``protobuf`` block per message type, listing
the fields the interaction uses; Pact Broker UIs render it.
"""

from __future__ import annotations

from typing import Any

from polypact_grpc.values import type_name


def message_markup(descriptor: Any, used: dict[str, Any] | None = None) -> str:
    """A fenced ``protobuf`` block for ``descriptor`` (only ``used`` fields, when given)."""
    lines = [f"message {descriptor.name} {{"]
    for field in descriptor.fields:
        if used is not None and field.name not in used:
            continue
        kind = type_name(field)
        if field.message_type is not None or field.enum_type is not None:
            kind = "." + kind
        label = "repeated " if field.is_repeated else ""
        lines.append(f"    {label}{kind} {field.name} = {field.number};")
    lines.append("}")
    return "```protobuf\n" + "\n".join(lines) + "\n```\n"


def interaction_markup(request: tuple[Any, dict | None] | None, response: tuple[Any, dict | None] | None) -> dict[str, str]:
    """The ``interactionMarkup`` object for a request and a response message type."""
    blocks = [message_markup(*pair) for pair in (request, response) if pair is not None]
    return {"markup": "\n".join(blocks), "markupType": "COMMON_MARK"}
