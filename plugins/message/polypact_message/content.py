"""Turning what a consumer test wrote into message contents, rules and generators.

- dict / list / number / bool (or a matcher around one): JSON, ``application/json``
  unless ``content_type`` names another JSON type;
- ``str`` (or a matcher around one): ``text/plain`` unless ``content_type`` says otherwise
  (for a JSON type the string is the raw JSON text; for XML it is the XML document);
- ``xml_element(...)`` (:mod:`polypact.dsl`): an XML document with rules at XML paths;
- ``bytes``: binary, ``application/octet-stream`` unless ``content_type`` is given
  (written base64-encoded in the pact).

Matchers from :mod:`polypact.dsl` become ``body`` rules at JSON paths (a matcher around a
whole text body puts its rule at ``$``); metadata values may be matchers too (one rule
list per key, no nested matchers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from polypact.dsl import extract, extract_value, is_xml, xml_body
from polypact.errors import UsageError
from polypact.model import Body, MessageContents, is_json_type, is_xml_type

from polypact_message.message import CONTENT_TYPE_KEYS, metadata_content_type


def build_contents(value: Any, content_type: str | None, where: str) -> tuple[Body, dict, dict]:
    """The body, ``body`` rules and ``body`` generators (both keyed by path) of ``value``."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        ct = content_type or "application/octet-stream"
        return Body.from_bytes(bytes(value), ct, "BINARY"), {}, {}
    if is_xml(value):
        return xml_body(value, content_type, where)
    found = extract(value, base_path="$")
    example = found.example
    if isinstance(example, (bytes, bytearray)):
        ct = content_type or "application/octet-stream"
        return Body.from_bytes(bytes(example), ct, "BINARY"), dict(found.rules), dict(found.generators)
    if isinstance(example, str):
        ct = content_type or "text/plain"
        if is_json_type(ct):
            try:
                json.loads(example)
            except ValueError as exc:
                raise UsageError(
                    f"{where}: content_type {ct!r} needs JSON text, but the string is not JSON "
                    f"({exc}); pass a dict or list to have it serialised"
                ) from None
        elif is_xml_type(ct):
            _check_xml(example, where)
        return Body.from_text(example, ct), dict(found.rules), dict(found.generators)
    ct = content_type or "application/json"
    if not is_json_type(ct):
        raise UsageError(
            f"{where}: a {type(example).__name__} is written as JSON, but content_type is "
            f"{ct!r}; pass a str (text, XML) or bytes (binary) for other content types"
        )
    return Body.from_json(example, ct), dict(found.rules), dict(found.generators)


def _check_xml(text: str, where: str) -> None:
    """Refuse XML that does not parse (so the mistake shows in the consumer test)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.DefaultHandler = lambda data: None
    parser.EntityDeclHandler = _refuse_entities
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise UsageError(f"{where}: the XML content does not parse: {exc}") from None


def _refuse_entities(*_args: Any) -> None:
    raise UsageError("XML message contents may not declare entities")


def set_contents(part: MessageContents, value: Any, content_type: str | None, where: str) -> None:
    """Store ``value`` as ``part``'s contents with its rules and generators, replacing any
    contents declared before, and record the content type in the metadata (as the
    reference core does) unless the metadata already names one."""
    declared = content_type or metadata_content_type(part.metadata)
    body, rules, generators = build_contents(value, declared, where)
    part.contents = body
    part.matching_rules.categories.pop("body", None)
    part.generators.categories.pop("body", None)
    for path, rule_list in rules.items():
        part.matching_rules.set("body", path, rule_list)
    for path, generator in generators.items():
        part.generators.add("body", path, generator)
    if metadata_content_type(part.metadata) is None and body.content_type:
        part.metadata["contentType"] = body.content_type


def add_metadata(part: MessageContents, values: Mapping[str, Any], where: str) -> None:
    """Add metadata entries (values may be matchers) with their ``metadata`` rules and
    generators, keyed by the plain metadata name as the reference core writes them."""
    for key, raw in values.items():
        if not isinstance(key, str) or not key:
            raise UsageError(f"{where}: metadata keys must be non-empty strings, got {key!r}")
        try:
            example, rule_list, generator = extract_value(raw)
        except UsageError as exc:
            raise UsageError(f"{where} {key!r}: {exc}") from None
        part.metadata[key] = example
        if rule_list:
            part.matching_rules.set("metadata", key, rule_list)
        if generator is not None:
            part.generators.add("metadata", key, generator)
        if key.lower() in CONTENT_TYPE_KEYS:
            if key != "contentType":
                part.metadata.pop("contentType", None)  # the one set_contents recorded
            if part.contents.is_present and isinstance(example, str):
                part.contents = part.contents.with_content_type(example)
