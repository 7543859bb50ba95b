"""Shared helpers for reading pact JSON: JSON-path formatting and type checks.

Every reader function takes a ``source`` (file name or ``<string>``) and the JSON path of
the value it reads, so errors can say exactly where a document went wrong.

Collecting mode: inside :func:`collecting`, each reader step wrapped in :func:`attempt`
records its :class:`PactFileError` and goes on with a default value, so one read names
every problem (``polypact validate``); outside it, the first problem is raised.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

from polypact.errors import PactFileError

T = TypeVar("T")
_COLLECTED: ContextVar[list[PactFileError] | None] = ContextVar("polypact_pactfile_errors",
                                                                 default=None)

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


# -- collecting mode ---------------------------------------------------------------------
@contextlib.contextmanager
def collecting(errors: list[PactFileError]) -> Iterator[list[PactFileError]]:
    """Inside the block, :func:`attempt` and :func:`report` append problems to ``errors``
    instead of raising them."""
    token = _COLLECTED.set(errors)
    try:
        yield errors
    finally:
        _COLLECTED.reset(token)


def attempt(read: Callable[[], T], default: T | Callable[[], T]) -> T:
    """``read()``; when collecting, a :class:`PactFileError` it raises is recorded and
    ``default`` returned instead (outside :func:`collecting` the error propagates). A
    callable ``default`` (a class such as ``HttpRequest``, ``Body.missing``) is a factory,
    called only then, so reading valid input builds no default values."""
    errors = _COLLECTED.get()
    if errors is None:
        return read()
    try:
        return read()
    except PactFileError as exc:
        errors.append(exc)
        return default() if callable(default) else default


def checked(expect: Callable[[Any, str | None, str], T], value: Any, default: T,
            source: str | None, path: str) -> T:
    """``expect(value, source, path)`` (e.g. :func:`expect_str`); when collecting, its
    error is recorded and ``default`` returned. Cheaper than :func:`attempt` for one value."""
    try:
        return expect(value, source, path)
    except PactFileError as exc:
        report(exc)
        return default


def expect_optional_str(value: Any, source: str | None, path: str) -> str | None:
    """``value`` if it is a JSON string or absent (``None``), else a :class:`PactFileError`."""
    return None if value is None else expect_str(value, source, path)


def report(error: PactFileError) -> None:
    """Raise ``error``, or record it when collecting (the reader then goes on)."""
    errors = _COLLECTED.get()
    if errors is None:
        raise error
    errors.append(error)
