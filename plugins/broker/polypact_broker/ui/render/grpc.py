"""gRPC interactions: synchronous messages with ``transport: "grpc"``.

The service and method come from ``pluginConfiguration.protobuf.service``
(``Service/method``), message types from the contents' content types
(``application/protobuf; message=Type``). Contents are base64 protobuf: the plugin's
``interactionMarkup`` is shown when present, else each message's type and size.
"""

from __future__ import annotations

import re
from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.markup import markup_text, render_markup
from polypact_broker.ui.render.messages import part_view, responses
from polypact_broker.ui.render.parts import headers_table, meta, rules_section


def service_and_method(interaction: dict[str, Any]) -> tuple[str | None, str | None]:
    """(service, method) from ``pluginConfiguration.protobuf.service``."""
    config = (interaction.get("pluginConfiguration") or {}).get("protobuf") or {}
    service = config.get("service") if isinstance(config, dict) else None
    if not isinstance(service, str) or not service:
        return None, None
    name, _, method = service.rpartition("/")
    return (name, method) if name else (service, None)


def message_type(part: Any) -> str | None:
    """The protobuf message type named by a part's content type (``message=Type``)."""
    if not isinstance(part, dict):
        return None
    candidates = []
    contents = part.get("contents")
    if isinstance(contents, dict):
        candidates.append(contents.get("contentType"))
    metadata = part.get("metadata")
    if isinstance(metadata, dict):
        candidates.append(metadata.get("contentType"))
    for ct in candidates:
        m = re.search(r"message\s*=\s*([^;\s]+)", ct or "")
        if m:
            return m.group(1)
    return None


def _part_summary(title: str, part: Any, show_size: bool) -> Safe:
    if not isinstance(part, dict):
        return Safe("")
    view = part_view(part)
    metadata = {k: v for k, v in (part.get("metadata") or {}).items() if k != "contentType"} \
        if isinstance(part.get("metadata"), dict) else {}
    return render([
        tag("h4", title),
        meta([("Message type", message_type(part)),
              ("Size", f"{view.size} bytes (protobuf)" if show_size and view is not None else None)]),
        headers_table(metadata, "Metadata"),
        rules_section(part.get("matchingRules")),
    ])


def render_grpc(interaction: dict[str, Any]) -> Safe:
    """A gRPC call."""
    service, method = service_and_method(interaction)
    request = interaction.get("request")
    parts = responses(interaction)
    markup = markup_text(interaction)
    return render([
        meta([("Service", service), ("Method", method),
              ("Request type", message_type(request)),
              ("Response type", ", ".join(filter(None, (message_type(p) for p in parts))))]),
        [tag("h4", "Messages"), render_markup(*markup)] if markup else None,
        tag("div", tag("div", _part_summary("Request", request, markup is None)),
            tag("div", [_part_summary("Response" + (f" {n + 1}" if len(parts) > 1 else ""),
                                      p, markup is None) for n, p in enumerate(parts)]),
            class_="pair"),
    ])
