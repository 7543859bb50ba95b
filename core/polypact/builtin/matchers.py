"""Built-in registrations: matchers (placeholder until implemented)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_matchers(register: Callable[..., None]) -> None:
    """Register the core's matchers."""
