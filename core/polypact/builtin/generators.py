"""Built-in registrations: the standard Pact value generators (see :mod:`polypact.generate`)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_generators(register: Callable[..., None]) -> None:
    """Register every standard generator by its ``type`` name."""
    from polypact.generate import STANDARD_GENERATORS

    for name, generator in STANDARD_GENERATORS.items():
        register(name, generator)
