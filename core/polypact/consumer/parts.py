"""Helpers for the DSL methods of protocol plugins that ride on ``Synchronous/HTTP``
interactions (HTTP itself, GraphQL, SOAP): the builder's HTTP interaction, plain string
headers and the status check, each with one wording for its error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polypact.errors import UsageError
from polypact.model import SynchronousHttp


def http_interaction(builder: Any, conflict: str) -> SynchronousHttp:
    """The builder's ``Synchronous/HTTP`` interaction, created on first use.

    When the builder already holds an interaction of another type, a :class:`UsageError`
    names it and ends with ``conflict`` (for example ``"with_soap() needs an HTTP one"``).
    """
    current = builder.interaction
    if current is None:
        current = SynchronousHttp()
        builder.interaction = current
    elif not isinstance(current, SynchronousHttp):
        raise UsageError(
            f"interaction {builder.description!r} is already a {current.type} interaction; "
            f"{conflict}"
        )
    return current


def string_headers(headers: Mapping[str, Any] | None, where: str) -> dict[str, list[str]]:
    """Headers given as name to a string or a list of strings, as a multimap; any other
    value is a :class:`UsageError` naming ``where`` and the header."""
    out: dict[str, list[str]] = {}
    for name, value in (headers or {}).items():
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if not all(isinstance(v, str) for v in values):
            raise UsageError(f"{where}: header {name!r} needs string values, got {value!r}")
        out[str(name)] = values
    return out


def checked_status(status: Any, where: str) -> int:
    """``status`` when it is an integer HTTP status from 100 to 599 (``bool`` is not), else
    a :class:`UsageError` naming ``where``."""
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise UsageError(f"{where}: the status must be an integer from 100 to 599, got {status!r}")
    return status
