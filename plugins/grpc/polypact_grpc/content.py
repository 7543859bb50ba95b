"""The ``application/protobuf`` body matcher.

Protobuf bodies (gRPC messages, or protobuf over HTTP and messaging as the Pact protobuf
plugin writes them) are decoded with the descriptor set the pact carries and compared as
values, so the usual matching rules apply (``$.rectangle.width``). The descriptors are found
through the interaction's ``pluginConfiguration.protobuf`` (``descriptorKey``, and the
message type from ``message`` or the content type's ``message=`` parameter); the pacts of a
verification run are loaded when it starts (:func:`load_pact_descriptors`).
"""

from __future__ import annotations

from typing import Any

from polypact.matching.mismatch import Mismatch
from polypact.model import Body, MessageContents

from polypact_grpc.compare import compare_message
from polypact_grpc.descriptors import ProtoDescriptors, all_cached, cached_descriptors
from polypact_grpc.layout import PLUGIN_NAME, descriptors_from_pact, message_type_of, plugin_entries


def load_pact_descriptors(pact: Any) -> list[ProtoDescriptors]:
    """Load every descriptor set stored in ``pact``'s ``metadata.plugins`` (cached by key)."""
    out = []
    for entry in plugin_entries(pact):
        for key in (entry.get("configuration") or {}):
            try:
                out.append(descriptors_from_pact(pact, key))
            except Exception:  # noqa: BLE001 - a broken entry is reported when it is used
                continue
    return out


def _config_for(interaction: Any, part: str) -> tuple[str | None, str | None]:
    config = (getattr(interaction, "plugin_configuration", None) or {}).get(PLUGIN_NAME) or {}
    side = config.get(part) if part in ("request", "response") else None
    if isinstance(side, dict):
        return side.get("descriptorKey"), side.get("message")
    return config.get("descriptorKey"), None


def find_message_class(content_type: str | None, interaction: Any = None, part: str = "") -> Any:
    """The message class for a protobuf body, or ``None`` when no loaded descriptors define it."""
    key, type_name = _config_for(interaction, part)
    type_name = type_name or message_type_of(content_type)
    if not type_name:
        return None
    candidates: list[ProtoDescriptors] = []
    if key and cached_descriptors(key) is not None:
        candidates.append(cached_descriptors(key))
    candidates.extend(d for d in all_cached() if d not in candidates)
    for descriptors in candidates:
        try:
            return descriptors.message_class(type_name)
        except Exception:  # noqa: BLE001 - not defined in this set
            continue
    return None


class ProtobufContentMatcher:
    """Matches protobuf bodies field by field (see the module docstring)."""

    def match(self, expected: Body, actual: Body, context: Any) -> list[Mismatch]:
        """Mismatches between two protobuf bodies (byte comparison when the message type
        cannot be resolved)."""
        if expected.is_missing:
            return []
        interaction = getattr(context, "interaction", None)
        part = getattr(context, "part", "") or ""
        cls = find_message_class(expected.content_type, interaction, part)
        if cls is None:
            if expected.content == actual.content:
                return []
            return [Mismatch(
                "body", "$",
                f"protobuf bodies differ and message type {message_type_of(expected.content_type)!r} "
                "is not in any loaded descriptor set, so they were compared byte for byte",
                rule="protobuf",
            )]
        rules = getattr(context, "rules", {}) or {}
        from polypact.model import MatchingRules

        matching = MatchingRules({"body": dict(rules)})
        return compare_message(
            MessageContents(expected, matching_rules=matching),
            actual.content,
            cls,
            lenient=bool(getattr(context, "allow_unexpected_keys", True)),
            registry=getattr(context, "registry", None),
            interaction=interaction,
        )
