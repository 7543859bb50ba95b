"""Built-in registrations: the standard Pact value matchers (see :mod:`polypact.matchers`)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_matchers(register: Callable[..., None]) -> None:
    """Register every standard matcher by rule name (aliases ``min``, ``max``, ``timestamp``)."""
    from polypact.matchers import STANDARD_MATCHERS

    for name, matcher in STANDARD_MATCHERS.items():
        register(name, matcher)
