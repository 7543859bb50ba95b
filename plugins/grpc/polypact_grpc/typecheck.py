"""Check a contract's ``request=``/``response=`` dict against its protobuf message type.

protobuf's ``json_format`` reports a wrong value type in its own words and without a path
(``Failed to parse author field: Failed to parse born field: invalid literal ...``). This
walk runs first and names the JSON path, the value and the expected kind instead::

    response field $.author.born: 'old' is not a valid int32 (message type lib.v1.Book)

Checked: every field exists; scalars have their kind (integers within range, JSON-style
strings of numbers accepted as ``json_format`` does); enums are given by a known name or
number; repeated fields are lists; maps are objects with keys of the key type; nested
messages are objects. Well-known types keep ``json_format``'s own checks (their JSON forms
vary). ``None`` leaves a field unset.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

from polypact.errors import UsageError

_INT_RANGES = {
    "int32": (-(2**31), 2**31 - 1), "sint32": (-(2**31), 2**31 - 1), "sfixed32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1), "fixed32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1), "sint64": (-(2**63), 2**63 - 1), "sfixed64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1), "fixed64": (0, 2**64 - 1),
}
_FLOAT_WORDS = {"NaN", "Infinity", "-Infinity"}


def _kind(field: Any) -> str:
    """The proto type of a scalar field as written in a .proto (``int32``, ``string``...)."""
    from google.protobuf.descriptor import FieldDescriptor as FD

    for name, number in vars(FD).items():
        if name.startswith("TYPE_") and number == field.type:
            return name[5:].lower()
    return str(field.type)


def _is_map(field: Any) -> bool:
    return bool(field.message_type is not None and field.message_type.GetOptions().map_entry)


def _is_wkt(descriptor: Any) -> bool:
    return descriptor.full_name.startswith("google.protobuf.")


def _as_int(value: Any) -> int | None:
    """``value`` as an integer the way ``json_format`` reads one, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _scalar_ok(field: Any, kind: str, value: Any) -> bool:
    if kind in _INT_RANGES:
        number = _as_int(value)
        low, high = _INT_RANGES[kind]
        return number is not None and low <= number <= high
    if kind in ("double", "float"):
        if isinstance(value, str):
            if value in _FLOAT_WORDS:
                return True
            try:
                float(value)
            except ValueError:
                return False
            return True
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str)
    if kind == "bytes":
        if isinstance(value, (bytes, bytearray)):
            return True
        if not isinstance(value, str):
            return False
        try:
            base64.b64decode(value.replace("-", "+").replace("_", "/") + "=" * (-len(value) % 4), validate=True)
        except (binascii.Error, ValueError):
            return False
        return True
    return True


def _enum_ok(field: Any, value: Any) -> bool:
    enum = field.enum_type
    if isinstance(value, str):
        return value in enum.values_by_name
    if isinstance(value, int) and not isinstance(value, bool):
        if value in enum.values_by_number:
            return True
        return not getattr(enum, "is_closed", True) and -(2**31) <= value < 2**31
    return False


class _Walk:
    """One check of a value against a root message type (keeps the error's wording)."""

    def __init__(self, root: Any, what: str):
        self.root = root
        self.what = what

    def fail(self, path: str, problem: str) -> UsageError:
        return UsageError(f"{self.what} field {path}: {problem} (message type {self.root.full_name})")

    def message(self, descriptor: Any, value: Any, path: str) -> None:
        if _is_wkt(descriptor):
            return  # JSON forms of well-known types vary (strings, numbers, lists); ParseDict checks
        if not isinstance(value, dict):
            where = "the message" if path == "$" else f"field {path}"
            raise UsageError(
                f"{self.what} {where}: expected an object for message type {descriptor.full_name}, "
                f"got {type(value).__name__} {value!r}"
            )
        by_json = {f.json_name: f for f in descriptor.fields}
        for key, item in value.items():
            field = descriptor.fields_by_name.get(key) or by_json.get(key)
            child = f"{path}.{key}"
            if field is None:
                known = ", ".join(f.name for f in descriptor.fields) or "none"
                raise UsageError(
                    f"{self.what} field {child} is not in message type {descriptor.full_name} "
                    f"(fields: {known})"
                )
            if item is not None:
                self.field(field, item, child)

    def field(self, field: Any, value: Any, path: str) -> None:
        if _is_map(field):
            if not isinstance(value, dict):
                raise self.fail(path, f"{value!r} is not an object (map field {field.name!r} takes {{key: value}})")
            key_field = field.message_type.fields_by_name["key"]
            value_field = field.message_type.fields_by_name["value"]
            for key, item in value.items():
                self.map_key(key_field, key, f"{path}.{key}")
                if item is not None:
                    self.single(value_field, item, f"{path}.{key}")
        elif field.is_repeated:
            if not isinstance(value, (list, tuple)):
                raise self.fail(path, f"{value!r} is not a list (repeated field {field.name!r} takes [...])")
            for i, element in enumerate(value):
                self.single(field, element, f"{path}[{i}]")
        else:
            self.single(field, value, path)

    def map_key(self, field: Any, key: Any, path: str) -> None:
        kind = _kind(field)
        if kind == "bool":
            ok = isinstance(key, bool) or key in ("true", "false")
        else:
            ok = _scalar_ok(field, kind, key) or (kind == "string" and not isinstance(key, (dict, list)))
        if not ok:
            raise self.fail(path, f"map key {key!r} is not a valid {kind}")

    def single(self, field: Any, value: Any, path: str) -> None:
        if field.message_type is not None:
            self.message(field.message_type, value, path)
        elif field.enum_type is not None:
            if not _enum_ok(field, value):
                known = ", ".join(v.name for v in field.enum_type.values)
                raise self.fail(path, f"{value!r} is not a value of enum {field.enum_type.full_name} ({known})")
        else:
            kind = _kind(field)
            if not _scalar_ok(field, kind, value):
                raise self.fail(path, f"{value!r} is not a valid {kind}")


def check_value(descriptor: Any, value: Any, path: str = "$", what: str = "message") -> None:
    """Raise :class:`UsageError` when ``value`` does not fit message type ``descriptor``:
    an unknown field, or a value of the wrong kind, named by its JSON path (module doc)."""
    _Walk(descriptor, what).message(descriptor, value, path)
