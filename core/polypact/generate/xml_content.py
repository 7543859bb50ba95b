"""The XML body generator applier (``application/xml``, ``text/xml``, ``*/*+xml``).

Generators are keyed by XML paths: ``$.root.item['@id']`` (an attribute), ``$.root.item
['#text']`` (an element's text) or ``$.root.item`` (the text of a leaf element). An element
segment names an element as the document writes it (``ns:Local``, or ``Local`` in a
default namespace: how the reference core keys XML generators), or by namespace URI
(``['http://ns:Local']``, as rule paths are written). Paths have no indexes: a segment
selects every same-named child (``[*]`` is ignored, ``[n]`` picks the n-th of them).

The body is parsed safely (:mod:`polypact.matching.content.xml_safe`: no entities, no DTD
loading), changed and written back; a body that does not parse is returned unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from polypact.generate.context import GeneratorContext
from polypact.generate.paths import STAR, parse_path
from polypact.generate.runner import generate_value
from polypact.matchers.values import json_text
from polypact.matching.content.xml_safe import parse_xml_with_namespaces
from polypact.model.body import Body
from polypact.model.generators import Generator

#: How a target is changed: ``setter(new_text)``; paired with the current text.
Target = tuple[str, Callable[[str], None]]


class XmlBodyGenerator:
    """Applies generators to an XML body at attribute and text paths; the input body is
    not changed."""

    def apply(
        self, body: Body, generators: dict[str, Generator], context: GeneratorContext
    ) -> Body:
        """The body with every generator applied (paths that select nothing are skipped)."""
        if not body.is_present or not generators:
            return body
        try:
            root, prefixes = parse_xml_with_namespaces(body.content)
        except ValueError:
            return body
        names = _Names(root, prefixes, body.content)
        for path, definition in generators.items():
            segments = parse_path(path)
            for current, setter in _targets(root, segments, names):
                setter(json_text(generate_value(definition, current, context)))
        return Body.from_bytes(_serialise(root, names), body.content_type, body.content_type_hint)


def _split(tag: str) -> tuple[str | None, str]:
    """``{uri}local`` -> ``(uri, local)``; ``local`` -> ``(None, local)``."""
    if tag[:1] == "{":
        uri, _, local = tag[1:].partition("}")
        return uri, local
    return None, tag


class _Names:
    """Answers how the document writes a name: its prefixes and default namespaces."""

    def __init__(self, root: Any, prefixes: dict[str, str], data: bytes) -> None:
        self.lxml = hasattr(root, "nsmap")
        self.prefixes = prefixes
        self.defaults: set[str] = set() if self.lxml else _default_namespaces(data)

    def element_matches(self, element: Any, segment: str) -> bool:
        """True when ``segment`` names ``element`` (``ns:Local``, ``uri:Local``, ``Local``)."""
        uri, local = _split(element.tag)
        if uri is None:
            return segment == local
        if segment == f"{uri}:{local}":
            return True
        prefix, colon, name = segment.partition(":")
        if not colon:
            in_default = element.prefix is None if self.lxml else uri in self.defaults
            return segment == local and in_default
        bound = element.nsmap.get(prefix) if self.lxml else self.prefixes.get(prefix)
        return name == local and bound == uri

    def attribute_matches(self, element: Any, key: str, segment: str) -> bool:
        """True when ``segment`` (after ``@``) names the attribute ``key`` of ``element``."""
        uri, local = _split(key)
        if uri is None:
            return segment == local
        if segment == f"{uri}:{local}":
            return True
        prefix, _, name = segment.partition(":")
        bound = element.nsmap.get(prefix) if self.lxml else self.prefixes.get(prefix)
        return name == local and bound == uri


def _default_namespaces(data: bytes) -> set[str]:
    """The URIs a document declares as default namespace (``xmlns="..."``), read with the
    standard library's parser after :func:`parse_xml_with_namespaces` accepted it."""
    import xml.etree.ElementTree as ET

    found = set()
    for _, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
        if not prefix:
            found.add(uri)
    return found


def _children(element: Any) -> list[Any]:
    return [c for c in element if isinstance(c.tag, str)]


def _targets(root: Any, segments: tuple[Any, ...], names: _Names) -> Iterator[Target]:
    """(current text, setter) for every attribute or text the path selects."""
    if not segments or not isinstance(segments[0], str):
        return
    groups = [[root]] if names.element_matches(root, segments[0]) else []
    for index, segment in enumerate(segments[1:], start=1):
        if segment is STAR:
            continue
        if isinstance(segment, int):
            groups = [[group[segment]] for group in groups if segment < len(group)]
            continue
        elements = [el for group in groups for el in group]
        if segment.startswith("@") or segment == "#text":
            if index == len(segments) - 1:
                yield from _leaf_targets(elements, segment, names)
            return
        groups = [[c for c in _children(el) if names.element_matches(c, segment)] for el in elements]
    for element in (el for group in groups for el in group):
        if not _children(element):
            yield from _leaf_targets([element], "#text", names)


def _leaf_targets(elements: list[Any], segment: str, names: _Names) -> Iterator[Target]:
    for element in elements:
        if segment == "#text":
            yield (element.text or "").strip(), _text_setter(element)
            continue
        for key in list(element.attrib):
            if names.attribute_matches(element, key, segment[1:]):
                yield element.attrib[key], _attribute_setter(element, key)


def _text_setter(element: Any) -> Callable[[str], None]:
    def set_text(value: str) -> None:
        element.text = value

    return set_text


def _attribute_setter(element: Any, key: str) -> Callable[[str], None]:
    def set_attribute(value: str) -> None:
        element.set(key, value)

    return set_attribute


def _serialise(root: Any, names: _Names) -> bytes:
    """The document as UTF-8 bytes with an XML declaration, keeping the prefixes it used."""
    if names.lxml:
        from lxml import etree

        return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    by_uri: dict[str, str] = {}
    for prefix, uri in names.prefixes.items():
        by_uri.setdefault(uri, prefix)
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    _write(root, out, by_uri, None, top=True)
    return "".join(out).encode("utf-8")


def _write(element: Any, out: list[str], by_uri: dict[str, str], default: str | None,
           top: bool = False) -> None:
    """Write a standard-library element (prefixes declared on the root, default namespace
    declared where it changes)."""
    by_uri = dict(by_uri)
    uri, local = _split(element.tag)
    decls: list[str] = []
    if top:
        decls += [f' xmlns:{p}="{_escape(u, True)}"' for u, p in sorted(by_uri.items(), key=lambda i: i[1])]
    if uri is not None and uri in by_uri:
        name = f"{by_uri[uri]}:{local}"
    else:
        name = local
        if uri != default:
            decls.append(f' xmlns="{_escape(uri or "", True)}"')
            default = uri
    attrs = []
    for key, value in element.attrib.items():
        a_uri, a_local = _split(key)
        if a_uri is not None and a_uri not in by_uri:
            by_uri[a_uri] = f"ns{len(by_uri)}"
            decls.append(f' xmlns:{by_uri[a_uri]}="{_escape(a_uri, True)}"')
        a_name = f"{by_uri[a_uri]}:{a_local}" if a_uri is not None else a_local
        attrs.append(f' {a_name}="{_escape(value, True)}"')
    out.append(f"<{name}{''.join(decls)}{''.join(attrs)}")
    children = list(element)
    if not element.text and not children:
        out.append("/>")
    else:
        out.append(">" + _escape(element.text or "", False))
        for child in children:
            if isinstance(child.tag, str):
                _write(child, out, by_uri, default)
            out.append(_escape(child.tail or "", False))
        out.append(f"</{name}>")


def _escape(text: str, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text
