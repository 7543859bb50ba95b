"""gRPC interactions: synchronous messages with ``transport: "grpc"``.

The service and method come from ``pluginConfiguration.protobuf.service``
(``Service/method``), message types from the contents' content types
(``application/protobuf; message=Type``). Contents are base64 protobuf: each message is
decoded to JSON with the descriptor set the pact carries (see
:mod:`polypact_broker.ui.render.protobuf`) when protobuf is installed; the plugin's
``interactionMarkup`` (the message definitions) is shown when present; a message that
cannot be decoded is described by its type and size.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.bodies import json_view
from polypact_broker.ui.render.markup import markup_text, render_markup
from polypact_broker.ui.render.messages import part_view, responses
from polypact_broker.ui.render.parts import body_section, headers_table, meta, rules_section
from polypact_broker.ui.render.protobuf import content_bytes, decode_message


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


def _descriptor_key_and_type(interaction: dict[str, Any], side: str, part: dict[str, Any]
                             ) -> tuple[str | None, str | None]:
    """The part's descriptor key and message type: ``pluginConfiguration.protobuf``
    (or its ``request`` / ``response`` entry), the type else from the content type."""
    config = (interaction.get("pluginConfiguration") or {}).get("protobuf")
    config = config if isinstance(config, dict) else {}
    own = config.get(side) if isinstance(config.get(side), dict) else {}
    key = own.get("descriptorKey") or config.get("descriptorKey")
    type_name = own.get("message") if isinstance(own.get("message"), str) else None
    return (key if isinstance(key, str) else None), type_name or message_type(part)


def decoded_contents(interaction: dict[str, Any], side: str, part: Any,
                     descriptors: Mapping[str, str]) -> Any | None:
    """The part's contents as a JSON value, decoded with the pact's descriptors (``None``
    when protobuf is missing or the contents do not decode)."""
    if not isinstance(part, dict) or not descriptors:
        return None
    raw = content_bytes(part)
    if raw is None:
        return None
    key, type_name = _descriptor_key_and_type(interaction, side, part)
    service = "/".join(filter(None, service_and_method(interaction)))
    # the set the interaction names; without a (known) key, any set of the pact
    for encoded in [descriptors[key]] if key in descriptors else descriptors.values():
        value = decode_message(encoded, raw, type_name, service=service or None, side=side)
        if value is not None:
            return value
    return None


def _part_summary(title: str, part: Any, show_size: bool, decoded: Any | None) -> Safe:
    if not isinstance(part, dict):
        return Safe("")
    view = part_view(part)
    metadata = {k: v for k, v in (part.get("metadata") or {}).items() if k != "contentType"} \
        if isinstance(part.get("metadata"), dict) else {}
    contents = None
    if decoded is not None:
        contents = json_view(decoded, view.content_type if view is not None else None)
        contents.size = view.size if view is not None else contents.size
        contents.note = "protobuf, shown as JSON"
    return render([
        tag("h4", title),
        meta([("Message type", message_type(part)),
              ("Size", f"{view.size} bytes (protobuf)"
               if show_size and contents is None and view is not None else None)]),
        body_section("Contents", contents),
        headers_table(metadata, "Metadata"),
        rules_section(part.get("matchingRules")),
    ])


def render_grpc(interaction: dict[str, Any], descriptors: Mapping[str, str] | None = None) -> Safe:
    """A gRPC call; ``descriptors`` (descriptor key -> base64 ``FileDescriptorSet``, from
    the pact's metadata) let the messages be shown as JSON."""
    service, method = service_and_method(interaction)
    request = interaction.get("request")
    parts = responses(interaction)
    markup = markup_text(interaction)
    descriptors = descriptors or {}
    return render([
        meta([("Service", service), ("Method", method),
              ("Request type", message_type(request)),
              ("Response type", ", ".join(filter(None, (message_type(p) for p in parts))))]),
        [tag("h4", "Messages"), render_markup(*markup)] if markup else None,
        tag("div", tag("div", _part_summary(
                "Request", request, markup is None,
                decoded_contents(interaction, "request", request, descriptors))),
            tag("div", [_part_summary("Response" + (f" {n + 1}" if len(parts) > 1 else ""),
                                      p, markup is None,
                                      decoded_contents(interaction, "response", p, descriptors))
                        for n, p in enumerate(parts)]),
            class_="pair"),
    ])
