"""A tiny third-party polypact plugin: registers an ``even`` value matcher.

A rule ``{"match": "even"}`` accepts even integers only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polypact import hookimpl


def match_even(rule: Any, expected: Any, actual: Any, context: Any) -> str | None:
    """Accept even integers; return the reason otherwise."""
    if isinstance(actual, int) and not isinstance(actual, bool) and actual % 2 == 0:
        return None
    return f"expected an even integer but got {actual!r}"


@hookimpl
def polypact_register_matchers(register: Callable[..., None]) -> None:
    """Register the ``even`` matcher."""
    register("even", match_even)
