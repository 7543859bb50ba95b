"""Built-in registrations: content matchers and content generators (placeholder)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register the core's JSON, XML, text, form, multipart and binary body matchers."""


@hookimpl
def polypact_register_content_generators(register: Callable[..., None]) -> None:
    """Register the core's JSON/XML/text body generator appliers."""
