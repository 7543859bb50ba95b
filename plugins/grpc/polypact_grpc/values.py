"""Protobuf messages as plain Python values (for matching) and back (for encoding).

:func:`message_to_value` turns a decoded message into the JSON-like value the matching
engine compares: fields by their proto name, 64-bit integers as ints, enums by name,
``bytes`` as base64, well-known types in their JSON form, maps as dicts with string keys.
Only fields present on the wire are included, plus defaults for the implicit-presence
fields a ``like`` value names (proto3 does not encode defaults, yet a contract may name
them). :func:`value_to_message` checks a dict against the message type (naming the JSON
path of a field that does not exist or a value of the wrong kind, see
:mod:`polypact_grpc.typecheck`) and encodes it.
"""

from __future__ import annotations

from typing import Any

from polypact.errors import UsageError

from polypact_grpc.typecheck import check_value

_WIRE_NAMES = {0: "varint", 1: "64-bit", 2: "length-delimited", 3: "group", 4: "group end", 5: "32-bit"}


def _is_map(field: Any) -> bool:
    return bool(field.message_type is not None and field.message_type.GetOptions().map_entry)


def _is_wkt(descriptor: Any) -> bool:
    return descriptor.full_name.startswith("google.protobuf.")


def _scalar(field: Any, value: Any) -> Any:
    from google.protobuf.descriptor import FieldDescriptor as FD

    if field.type == FD.TYPE_ENUM:
        enum_value = field.enum_type.values_by_number.get(value)
        return enum_value.name if enum_value is not None else value
    if field.type == FD.TYPE_BYTES:
        import base64

        return base64.b64encode(value).decode("ascii")
    if field.type == FD.TYPE_FLOAT:
        return float(f"{value:.7g}")  # float32: drop the noise of widening to double
    return value


def _single(field: Any, value: Any, like: Any) -> Any:
    from google.protobuf.descriptor import FieldDescriptor as FD

    if field.type in (FD.TYPE_MESSAGE, FD.TYPE_GROUP):
        if _is_wkt(field.message_type):
            from google.protobuf import json_format

            return json_format.MessageToDict(value, preserving_proto_field_name=True)
        return message_to_value(value, like if isinstance(like, dict) else None)
    return _scalar(field, value)


def _map_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _like_item(like: Any, index: int) -> Any:
    if isinstance(like, list) and like:
        return like[min(index, len(like) - 1)]
    return None


def message_to_value(message: Any, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields of ``message`` as a dict keyed by proto field name (see module doc)."""
    out: dict[str, Any] = {}
    for field, value in message.ListFields():
        if field.is_extension:
            continue
        sub_like = like.get(field.name) if like else None
        if _is_map(field):
            value_field = field.message_type.fields_by_name["value"]
            like_map = sub_like if isinstance(sub_like, dict) else {}
            out[field.name] = {
                _map_key(k): _single(value_field, v, like_map.get(_map_key(k)))
                for k, v in value.items()
            }
        elif field.is_repeated:
            out[field.name] = [_single(field, v, _like_item(sub_like, i)) for i, v in enumerate(value)]
        else:
            out[field.name] = _single(field, value, sub_like)
    if like:
        _fill_defaults(message, like, out)
    return out


def _fill_defaults(message: Any, like: dict[str, Any], out: dict[str, Any]) -> None:
    """Add the default of each implicit-presence scalar ``like`` names but the wire lacked.

    Repeated and map fields get no default: a contract only holds a list that had elements,
    so an absent list is reported as a missing field."""
    fields = message.DESCRIPTOR.fields_by_name
    for name in like:
        field = fields.get(name)
        if field is None or name in out or field.is_repeated:
            continue
        if field.message_type is None and not field.has_presence:
            out[name] = _scalar(field, getattr(message, name))


__all__ = ["check_value", "message_to_value", "value_to_message"]


def value_to_message(message_class: Any, value: dict[str, Any] | None, what: str = "message") -> Any:
    """Build a ``message_class`` instance from a dict (proto or JSON field names)."""
    from google.protobuf import json_format

    value = value or {}
    check_value(message_class.DESCRIPTOR, value, "$", what)
    try:
        return json_format.ParseDict(value, message_class())
    except json_format.ParseError as exc:
        raise UsageError(f"{what} does not fit message type {message_class.DESCRIPTOR.full_name}: {exc}") from exc


def type_problems(message: Any, path: str = "$") -> list[tuple[str, str]]:
    """Fields that arrived with the wrong wire type (the sender changed the field's type):
    ``(path, explanation)`` pairs, recursing into nested messages."""
    problems: list[tuple[str, str]] = []
    by_number = message.DESCRIPTOR.fields_by_number
    for item in _unknown(message):
        field = by_number.get(item.field_number)
        if field is None:
            continue
        problems.append((
            f"{path}.{field.name}",
            f"field {field.name!r} (number {field.number}) arrived as "
            f"{_WIRE_NAMES.get(item.wire_type, item.wire_type)} data, which does not fit its "
            f"declared type {type_name(field)}: the sender changed the field's type",
        ))
    for field, value in message.ListFields():
        if field.message_type is None or _is_map(field) or _is_wkt(field.message_type):
            continue
        if field.is_repeated:
            for i, element in enumerate(value):
                problems.extend(type_problems(element, f"{path}.{field.name}[{i}]"))
        else:
            problems.extend(type_problems(value, f"{path}.{field.name}"))
    return problems


def _unknown(message: Any) -> list[Any]:
    from google.protobuf.unknown_fields import UnknownFieldSet

    try:
        return list(UnknownFieldSet(message))
    except Exception:  # noqa: BLE001 - a message kind without unknown-field support
        return []


def renamed_field_problems(message: Any, expected: dict[str, Any], path: str = "$") -> list[tuple[str, str]]:
    """Expected fields absent from the wire while the message carries field numbers its
    type does not declare (the sender renamed or renumbered them): ``(path, explanation)``."""
    problems: list[tuple[str, str]] = []
    declared = message.DESCRIPTOR.fields_by_number
    strangers = sorted({u.field_number for u in _unknown(message) if u.field_number not in declared})
    present = {f.name: v for f, v in message.ListFields()}
    fields = message.DESCRIPTOR.fields_by_name
    for name, value in expected.items():
        field = fields.get(name)
        if field is None:
            continue
        if name not in present:
            if strangers:
                numbers = ", ".join(str(n) for n in strangers)
                problems.append((
                    f"{path}.{name}",
                    f"field {name!r} (number {field.number}) was not sent, but the message "
                    f"carries field number(s) {numbers} that {message.DESCRIPTOR.full_name} does "
                    "not declare: the sender renamed or renumbered the field",
                ))
            continue
        if field.message_type is None or _is_map(field) or _is_wkt(field.message_type):
            continue
        if field.is_repeated:
            for i, element in enumerate(present[name]):
                template = _like_item(value, i)
                if isinstance(template, dict):
                    problems.extend(renamed_field_problems(element, template, f"{path}.{name}[{i}]"))
        elif isinstance(value, dict):
            problems.extend(renamed_field_problems(present[name], value, f"{path}.{name}"))
    return problems


def type_name(field: Any) -> str:
    from google.protobuf.descriptor import FieldDescriptor as FD

    if field.message_type is not None:
        return field.message_type.full_name
    if field.enum_type is not None:
        return field.enum_type.full_name
    names = {v: k[5:].lower() for k, v in vars(FD).items() if k.startswith("TYPE_") and isinstance(v, int)}
    return names.get(field.type, str(field.type))
