"""Shared helpers for reading pact JSON: JSON-path formatting and type checks.

Every reader function takes a ``source`` (file name or ``<string>``) and the JSON path of
the value it reads, so errors can say exactly where a document went wrong.
"""

from __future__ import annotations

import re
from typing import Any

from polypact.errors import PactFileError

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")

#: Human names of JSON types, for error messages.
_TYPE_NAMES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def child(path: str, key: str | int) -> str:
    """The JSON path of ``key`` (a member name or an array index) below ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENT.match(key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


def json_type_name(value: Any) -> str:
    """The JSON type of ``value`` as written in error messages (``a string``, ``null``...)."""
    if isinstance(value, bool):
        return "a boolean"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def describe(value: Any) -> str:
    """A short description of a value for error messages: its type and a snippet."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{json_type_name(value)} ({text})"


def fail(message: str, source: str | None, path: str | None) -> PactFileError:
    """A :class:`PactFileError` (to ``raise``) naming the source and JSON path."""
    return PactFileError(message, source=source, path=path)


def expect_object(value: Any, source: str | None, path: str) -> dict[str, Any]:
    """``value`` if it is a JSON object, else a :class:`PactFileError`."""
    if not isinstance(value, dict):
        raise fail(f"expected an object, found {describe(value)}", source, path)
    return value


def expect_array(value: Any, source: str | None, path: str) -> list[Any]:
    """``value`` if it is a JSON array, else a :class:`PactFileError`."""
    if not isinstance(value, list):
        raise fail(f"expected an array, found {describe(value)}", source, path)
    return value


def expect_str(value: Any, source: str | None, path: str) -> str:
    """``value`` if it is a JSON string, else a :class:`PactFileError`."""
    if not isinstance(value, str):
        raise fail(f"expected a string, found {describe(value)}", source, path)
    return value


def expect_bool(value: Any, source: str | None, path: str) -> bool:
    """``value`` if it is a JSON boolean, else a :class:`PactFileError`."""
    if not isinstance(value, bool):
        raise fail(f"expected a boolean, found {describe(value)}", source, path)
    return value


def expect_int(value: Any, source: str | None, path: str) -> int:
    """``value`` if it is a JSON integer (not a boolean), else a :class:`PactFileError`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(f"expected an integer, found {describe(value)}", source, path)
    return value


def optional(obj: dict[str, Any], key: str) -> Any:
    """``obj[key]``, or ``None`` when absent (a JSON ``null`` also reads as absent)."""
    return obj.get(key)


def extra_fields(obj: dict[str, Any], known: frozenset[str] | set[str]) -> dict[str, Any]:
    """The members of ``obj`` a reader did not understand (kept and written back)."""
    return {k: v for k, v in obj.items() if k not in known}
