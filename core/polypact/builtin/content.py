"""Built-in registrations: content matchers and content generators (placeholder)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register the core's JSON, XML, text, form, multipart and binary body matchers."""


@hookimpl
def polypact_register_content_generators(register: Callable[..., None]) -> None:
    """Register the core's body generator appliers: JSON (by path) and text (whole body)."""
    from polypact.generate.content import JsonBodyGenerator, TextBodyGenerator

    json_applier = JsonBodyGenerator()
    for pattern in ("application/json", "text/json", "*/*+json"):
        register(pattern, json_applier)
    register("text/*", TextBodyGenerator())
