"""Comparing gRPC traffic with a contract: messages, metadata and status.

Messages are decoded with the contract's descriptors and compared as values by the core
matching engine (``polypact.matching.match_json_value``), so every Pact matcher works and
mismatch paths name protobuf fields (``$.rectangle.width``). Requests are strict (a field
the contract does not name fails); responses are lenient (extra fields are fine).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from polypact.matching.mismatch import Mismatch
from polypact.model import MessageContents, RuleList

from polypact_grpc.values import message_to_value, renamed_field_problems, type_problems

STATUS_CATEGORY = "grpc-status"
STREAM_CATEGORY = "stream"


def _context(category: str, rules: dict[str, RuleList], lenient: bool, registry: Any, interaction: Any) -> Any:
    from polypact.matching.context import MatchContext

    return MatchContext(
        category=category,
        rules=rules,
        allow_unexpected_keys=lenient,
        registry=registry,
        interaction=interaction,
    )


def _label(mismatches: list[Mismatch], label: str) -> list[Mismatch]:
    if not label:
        return mismatches
    return [dataclasses.replace(m, message=f"{label}: {m.message}") for m in mismatches]


def expected_value(part: MessageContents, message_class: Any) -> dict[str, Any]:
    """The expected message of a contract part as a value (fields present on the wire)."""
    return message_to_value(message_class.FromString(part.contents.content))


def compare_message(
    part: MessageContents,
    actual: bytes | Any,
    message_class: Any,
    *,
    lenient: bool,
    registry: Any,
    interaction: Any = None,
    label: str = "",
) -> list[Mismatch]:
    """Mismatches between the expected message of ``part`` and ``actual`` (bytes or a
    decoded message). ``lenient``: extra fields in ``actual`` are fine (responses)."""
    from google.protobuf.message import DecodeError

    if part.contents.is_missing:
        return []
    expected = expected_value(part, message_class)
    if isinstance(actual, (bytes, bytearray)):
        try:
            actual_msg = message_class.FromString(bytes(actual))
        except DecodeError as exc:
            return _label([Mismatch(
                "body", "$", f"could not decode the message as {message_class.DESCRIPTOR.full_name}: {exc}",
                rule="protobuf",
            )], label)
    else:
        actual_msg = actual
    problems = type_problems(actual_msg) + renamed_field_problems(actual_msg, expected)
    out = [Mismatch("body", path, text, rule="protobuf") for path, text in problems]
    explained = {path for path, _ in problems}
    actual_value = message_to_value(actual_msg, like=expected)
    from polypact.matching.json_tree import match_json_value

    ctx = _context("body", part.matching_rules.category("body"), lenient, registry, interaction)
    for mismatch in per_field(match_json_value(expected, actual_value, "$", ctx), lenient, expected):
        if mismatch.path not in explained:
            out.append(mismatch)
    return _label(out, label)


def _value_at(root: Any, path: str) -> Any:
    """The value at a mismatch path (``$.a.b[0].c``) in ``root``; ``None`` if it is not there."""
    value = root
    for name, index in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path[1:]):
        if name and isinstance(value, dict):
            value = value.get(name)
        elif index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return None
    return value


def _missing_field(m: Mismatch, path: str, name: str, expected_root: Any) -> Mismatch:
    """A field of the contract absent from the actual message. In proto3 an empty repeated
    field is not on the wire at all, so a missing repeated field is reported as empty."""
    value = _value_at(expected_root, path) if expected_root is not None else None
    if isinstance(value, list):
        return dataclasses.replace(
            m, path=path, expected=value, actual=[],
            message=f"expected at least 1 element in repeated field {name!r}, got none (empty)",
        )
    return dataclasses.replace(m, path=path, message=f"expected field {name!r} but it was missing",
                               expected=name, actual=None)


def per_field(mismatches: list[Mismatch], lenient: bool = True, expected_root: Any = None) -> list[Mismatch]:
    """Replace a key-set mismatch reported at a parent (its ``expected`` and ``actual`` are
    the key lists) by one mismatch per protobuf field at the field's own path
    (``$.rectangle.width``): a missing field, or (strict requests) an unexpected one.
    ``expected_root`` (the expected message as a value) lets a missing repeated field be
    reported as an empty one."""
    out: list[Mismatch] = []
    seen: set[str] = set()
    for m in mismatches:
        keyed = isinstance(m.expected, list) and isinstance(m.actual, list) and "keys" in m.message
        if not keyed or not all(isinstance(k, str) for k in [*m.expected, *m.actual]):
            out.append(m)
            continue
        base = "" if m.path == "$" else m.path[1:]
        missing = [k for k in m.expected if k not in m.actual]
        extra = [] if lenient else [k for k in m.actual if k not in m.expected]
        for name in missing + extra:
            path = f"${base}.{name}"
            if path in seen:
                continue
            seen.add(path)
            if name in missing:
                out.append(_missing_field(m, path, name, expected_root))
            else:
                out.append(dataclasses.replace(
                    m, path=path, message=f"unexpected field {name!r} (the contract does not name it)",
                    expected=None, actual=name,
                ))
    return out


def compare_metadata(
    expected: dict[str, Any],
    rules: dict[str, RuleList],
    actual: dict[str, Any],
    *,
    registry: Any,
    interaction: Any = None,
    label: str = "",
) -> list[Mismatch]:
    """Mismatches between expected gRPC metadata (keys case-insensitive) and ``actual``;
    extra actual keys are fine. Rules are keyed by metadata name, as the plugin writes them."""
    from polypact.matching.json_tree import match_json_value

    lowered = {str(k).lower(): v for k, v in actual.items()}
    out: list[Mismatch] = []
    for key, value in expected.items():
        if key.lower() not in lowered:
            out.append(Mismatch(
                "metadata", key, f"expected metadata {key!r} but it was missing",
                expected=value, actual=None,
            ))
            continue
        rl = rules.get(key) or next((r for k, r in rules.items() if k.lower() == key.lower()), None)
        ctx = _context("metadata", {"$": rl} if rl else {}, True, registry, interaction)
        found = lowered[key.lower()]
        exp = value if rl else (str(value) if not isinstance(found, bytes) else value)
        for m in match_json_value(exp, found, "$", ctx):
            out.append(dataclasses.replace(
                m, category="metadata", path=key,
                message=f"metadata {key!r}: {m.message}",
            ))
    return _label(out, label)


def compare_status(
    expected_status: str,
    expected_part: MessageContents | None,
    actual_status: str,
    actual_details: str | None,
    *,
    registry: Any,
    interaction: Any = None,
) -> list[Mismatch]:
    """Mismatches between the contracted gRPC status (and its message) and the actual."""
    if expected_status != actual_status:
        detail = f" ({actual_details})" if actual_details else ""
        return [Mismatch(
            STATUS_CATEGORY, "status",
            f"expected gRPC status {expected_status} but the call ended with {actual_status}{detail}",
            expected=expected_status, actual=actual_status, rule="equality",
        )]
    if expected_part is None or "grpc-message" not in expected_part.metadata:
        return []
    rules = expected_part.matching_rules.category("metadata")
    return [
        dataclasses.replace(m, category=STATUS_CATEGORY, path="message")
        for m in compare_metadata(
            {"grpc-message": expected_part.metadata["grpc-message"]},
            {"grpc-message": rules["grpc-message"]} if "grpc-message" in rules else {},
            {"grpc-message": actual_details or ""},
            registry=registry, interaction=interaction,
        )
    ]


def compare_stream_length(expected: int, actual: int, what: str) -> list[Mismatch]:
    """A mismatch when a stream carried a different number of messages than contracted."""
    if expected == actual:
        return []
    return [Mismatch(
        STREAM_CATEGORY, "$",
        f"expected {expected} {what} message{'s' if expected != 1 else ''} but "
        f"{'received' if what.startswith('request') else 'the provider sent'} {actual}",
        expected=expected, actual=actual,
    )]
