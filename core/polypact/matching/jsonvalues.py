"""JSON value helpers: strict equality, type names, short renderings, and the checks
collection rules (``type`` with ``min``/``max``, ``equality``, ``notEmpty``, ...) make on a
whole object or array."""

from __future__ import annotations

import json
from typing import Any

from polypact.matching import rulekinds
from polypact.model.rules import Rule


def json_kind(value: Any) -> str:
    """The reference core's name for the JSON kind of ``value``, as used in mismatch messages.

    ``String``, ``Integer``, ``Decimal``, ``Boolean``, ``Null``, ``Array`` or ``Object``
    (``Bytes`` for raw bytes; any other value by its Python type name).
    """
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Decimal"
    if isinstance(value, str):
        return "String"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    if isinstance(value, (bytes, bytearray)):
        return "Bytes"
    return type(value).__name__


def json_equal(a: Any, b: Any) -> bool:
    """Strict JSON equality: ``1`` differs from ``1.0`` and ``True`` (as JSON does)."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        return False
    if ta is dict:
        return a.keys() == b.keys() and all(json_equal(v, b[k]) for k, v in a.items())
    if ta is list:
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=False))
    return a == b


def short(value: Any, limit: int = 80) -> str:
    """A compact JSON rendering of ``value`` for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def map_rule_check(rule: Rule, cascaded: bool, expected: dict, actual: dict) -> str | None:
    """The reason a rule rejects a whole object (``None``: it accepts it)."""
    kind = rulekinds.canonical(rule.kind)
    if kind == "type":
        return length_check(rule, cascaded, actual)
    if kind in ("regex", "values", "eachKey", "eachValue", "arrayContains"):
        return None
    if kind == "equality":
        return None if json_equal(expected, actual) else f"Expected {short(actual)} to be equal to {short(expected)}"
    if kind == "notEmpty":
        return "Expected a non-empty Object but it was empty" if not actual else None
    return f"{rule.kind} cannot be applied to an Object ({short(actual)})"


def length_check(rule: Rule, cascaded: bool, actual: list | dict) -> str | None:
    """``min``/``max`` limits of a type rule; only for the node that names the rule."""
    if cascaded:
        return None
    lo, hi = rule.get("min"), rule.get("max")
    size = len(actual)
    if isinstance(lo, int) and size < lo:
        return f"Expected {display(actual)} (size {size}) to have minimum size of {lo}"
    if isinstance(hi, int) and size > hi:
        return f"Expected {display(actual)} (size {size}) to have maximum size of {hi}"
    return None


def list_rule_check(rule: Rule, cascaded: bool, expected: list, actual: list) -> str | None:
    """The reason a rule rejects a whole array (``None``: it accepts it)."""
    kind = rulekinds.canonical(rule.kind)
    if kind == "type":
        return length_check(rule, cascaded, actual)
    if kind == "equality":
        return None if json_equal(expected, actual) else f"Expected {short(actual)} to be equal to {short(expected)}"
    if kind == "notEmpty":
        return "Expected a non-empty Array but it was empty" if not actual else None
    if kind in _LIST_LENIENT:
        return None
    return f"{rule.kind} cannot be applied to an Array ({short(actual)})"


_LIST_LENIENT = frozenset({
    "regex", "values", "eachKey", "eachValue", "arrayContains", "number", "decimal", "integer",
    "time", "date", "datetime", "include", "contentType", "boolean", "semver",
})


def display(value: list | dict, limit: int = 120) -> str:
    """A list as ``[1, 2, "a"]`` or a map as ``{"k": 1}``, as the reference core shows them."""
    if isinstance(value, dict):
        text = "{" + ", ".join(f"{json.dumps(k)}: {short(v, 40)}" for k, v in value.items()) + "}"
    else:
        text = "[" + ", ".join(short(v, 40) for v in value) + "]"
    return text if len(text) <= limit else text[: limit - 3] + "..."
