"""Built-in registrations: content matchers and content generators (placeholder)."""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register the core's JSON, XML, text, form, multipart and binary body matchers."""
    from polypact.matching.content.binary import BinaryMatcher
    from polypact.matching.content.form import FormMatcher
    from polypact.matching.content.json import JsonMatcher
    from polypact.matching.content.multipart import MultipartMatcher
    from polypact.matching.content.text import TextMatcher
    from polypact.matching.content.xml import XmlMatcher

    json_matcher, xml_matcher = JsonMatcher(), XmlMatcher()
    for pattern in ("application/json", "text/json", "*/*+json"):
        register(pattern, json_matcher)
    for pattern in ("application/xml", "text/xml", "*/*+xml"):
        register(pattern, xml_matcher)
    register("text/*", TextMatcher())
    register("application/x-www-form-urlencoded", FormMatcher())
    register("multipart/*", MultipartMatcher())
    register("*/*", BinaryMatcher())


@hookimpl
def polypact_register_content_generators(register: Callable[..., None]) -> None:
    """Register the core's body generator appliers: JSON (by path), text (whole body) and
    XML (attributes and text by path)."""
    from polypact.generate.content import JsonBodyGenerator, TextBodyGenerator
    from polypact.generate.xml_content import XmlBodyGenerator

    json_applier = JsonBodyGenerator()
    for pattern in ("application/json", "text/json", "*/*+json"):
        register(pattern, json_applier)
    register("text/*", TextBodyGenerator())
    xml_applier = XmlBodyGenerator()
    for pattern in ("application/xml", "text/xml", "*/*+xml"):
        register(pattern, xml_applier)
