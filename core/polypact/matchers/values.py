"""Helpers shared by the value matchers: JSON kinds, value descriptions and text parsing.

Messages follow the wording of the Pact reference core (``Expected 'a' (String) to be a
number``) so reports read the same whichever implementation produced them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from polypact.matching.jsonvalues import json_kind

_FLOAT_TEXT = re.compile(
    r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)", re.IGNORECASE
)
_UINT_TEXT = re.compile(r"\+?\d+")
_U64_MAX = 2**64 - 1


def is_number(value: Any) -> bool:
    """True for JSON numbers (``int`` or ``float``, never ``bool``)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def same_kind(expected: Any, actual: Any) -> bool:
    """True when both values have the same JSON kind (int and float are both numbers)."""
    if is_number(expected) and is_number(actual):
        return True
    for kinds in ((bool,), (str,), (list, tuple), (dict,), (bytes, bytearray)):
        if isinstance(expected, kinds) and isinstance(actual, kinds):
            return True
    return expected is None and actual is None


def json_text(value: Any) -> str:
    """The value as JSON text, except that strings are given raw (the reference's
    ``json_to_string``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def value_of(value: Any) -> str:
    """The value as shown in messages: strings quoted (``'a'``), others as JSON."""
    if isinstance(value, str):
        return f"'{value}'"
    return json_text(value)


def describe(value: Any) -> str:
    """``value_of`` followed by the kind in parentheses: ``'a' (String)``, ``8 (Integer)``."""
    return f"{value_of(value)} ({json_kind(value)})"


def parses_as_float(text: str) -> bool:
    """True when ``text`` parses as a floating point number the way Rust's ``f64`` does
    (optional sign, ``+9``, ``1e5``, ``.5``, ``inf``, ``NaN``)."""
    return _FLOAT_TEXT.fullmatch(text) is not None


def parses_as_unsigned(text: str) -> bool:
    """True when ``text`` parses as an unsigned 64-bit integer the way Rust's ``u64`` does
    (digits with an optional leading ``+``)."""
    return _UINT_TEXT.fullmatch(text) is not None and int(text) <= _U64_MAX


def json_equal(expected: Any, actual: Any) -> bool:
    """Deep equality by JSON kind: ``True`` never equals ``1`` and ``1`` never equals ``1.0``
    (serde_json keeps integers and floats apart, and so does the reference core)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if is_number(expected) or is_number(actual):
        return (
            is_number(expected)
            and is_number(actual)
            and isinstance(expected, float) == isinstance(actual, float)
            and expected == actual
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            json_equal(v, actual[k]) for k, v in expected.items()
        )
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(
            json_equal(e, a) for e, a in zip(expected, actual, strict=True)
        )
    return type(expected) is type(actual) and expected == actual


def text_mode(context: Any, actual: Any) -> bool:
    """True when ``actual`` is a string taken from text (XML, headers, query, path): number
    kinds then parse it instead of checking its JSON kind."""
    return isinstance(actual, str) and bool(getattr(context, "text_values", False))
