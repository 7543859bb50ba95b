"""From a DSL body (plain values and :mod:`polypact.dsl` matchers) to XML and Pact rules.

A SOAP body is written as nested dicts keyed by element local names, with ``"@name"`` for
attributes, ``"#text"`` for the text of an element that also has attributes, lists for
repeated elements and matchers anywhere::

    {"user": {"@status": like("active"), "id": integer(1), "name": like("Ann")}}

:func:`split_body` separates the plain example (what zeep serialises) from the matcher
*spots* (logical key paths); :func:`rules_for_spots` finds each spot in the generated XML
and keys its rules by the XML node path in the namespace-URI form the reference core uses
(``$['http://schemas.xmlsoap.org/soap/envelope/:Envelope'][...]['#text']``): value rules
on leaf elements go to their ``#text``, rules on elements with children (and
``each_like``) to the element itself.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from polypact.dsl import ArrayContaining, EachLike, Matcher, ValuesMatcher
from polypact.errors import UsageError
from polypact.matching.paths import format_path
from polypact.model.rules import Rule, RuleList

#: zeep's keyword for the text content of an element that has attributes.
ZEEP_TEXT = "_value_1"


def qname(tag: str) -> str:
    """``{uri}local`` -> ``uri:local`` (the reference core's rule-path form)."""
    if tag[:1] == "{":
        uri, _, local = tag[1:].partition("}")
        return f"{uri}:{local}"
    return tag


def local_name(tag: str) -> str:
    """The local part of ``{uri}local``."""
    return tag.rpartition("}")[2]


@dataclass
class Spot:
    """Rules found at one logical key path of a DSL body (``("user", "id")``; ints for
    list positions, ``"*"`` for the template of ``each_like``)."""

    keys: tuple[Any, ...]
    rules: tuple[Rule, ...]
    combine: str
    each: bool = False
    scalar: bool = True


def _label(keys: tuple[Any, ...]) -> str:
    return ".".join(str(k) for k in keys) or "<body>"


def split_body(body: Any, where: str) -> tuple[Any, list[Spot]]:
    """The plain example of ``body`` and the matcher spots found in it."""
    spots: list[Spot] = []

    def walk(value: Any, keys: tuple[Any, ...]) -> Any:
        if isinstance(value, (ValuesMatcher, ArrayContaining)):
            raise UsageError(f"{where}: {value.label} at {_label(keys)} has no XML form "
                             f"(XML elements have fixed names); use like/each_like instead")
        if isinstance(value, Matcher):
            if value.generator is not None:
                raise UsageError(f"{where}: {value.label} at {_label(keys)} carries a "
                                 f"generator; generators are not supported in SOAP (XML) bodies")
            if isinstance(value, EachLike):
                # The reference core counts an element's *children* for min/max, so a
                # repeated element keeps only the type rule (any number of like elements).
                spots.append(Spot(keys, (Rule("type"),), "AND", each=True))
                element = walk(value.template, (*keys, "*"))
                return [copy.deepcopy(element) for _ in range(max(1, value.copies))]
            plain = walk(value.example, keys)
            spots.append(Spot(keys, tuple(value.rules), value.combine,
                              scalar=not isinstance(plain, (dict, list))))
            return plain
        if isinstance(value, Mapping):
            return {str(k): walk(v, (*keys, str(k))) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v, (*keys, i)) for i, v in enumerate(value)]
        return copy.deepcopy(value)

    return walk(body, ()), spots


def zeep_arguments(plain: Any) -> Any:
    """The plain example in zeep's keyword form (``@attr`` -> ``attr``, ``#text`` ->
    ``_value_1``)."""
    if isinstance(plain, dict):
        out = {}
        for key, value in plain.items():
            name = ZEEP_TEXT if key == "#text" else key[1:] if key.startswith("@") else key
            out[name] = zeep_arguments(value)
        return out
    if isinstance(plain, list):
        return [zeep_arguments(v) for v in plain]
    return plain


def node_path_of(element: Any) -> tuple[str, ...]:
    """The XML node path of ``element`` from its document root: ``("$", "uri:Envelope",
    ..., "uri:id")``."""
    chain = [element, *element.iterancestors()]
    return ("$", *(qname(e.tag) for e in reversed(chain)))


def _locate(start: Any, keys: tuple[Any, ...], where: str) -> tuple[tuple, list[Any], str]:
    """Follow ``keys`` from element ``start``: the node path, the elements reached and
    what the path ends on (``element``, ``attribute`` or ``text``)."""
    path = node_path_of(start)
    current = [start]
    for key in keys:
        if isinstance(key, int):
            current = current[key:key + 1]
        elif key == "*":
            pass
        elif key == "#text":
            return (*path, "#text"), current, "text"
        elif key.startswith("@"):
            name = key[1:]
            for element in current:
                for attr in element.attrib:
                    if local_name(attr) == name:
                        return (*path, "@" + qname(attr)), current, "attribute"
            current = []
        else:
            current = [c for e in current for c in e if isinstance(c.tag, str) and local_name(c.tag) == key]
            if current:
                path = (*path, qname(current[0].tag))
        if not current:
            break
    if not current:
        raise UsageError(f"{where}: the matcher at {_label(keys)} names no element or attribute "
                         f"of the generated message (is the value None or the name misspelt?)")
    return path, current, "element"


def rules_for_spots(start: Any, spots: list[Spot], where: str) -> dict[str, RuleList]:
    """Body matching rules keyed by rule path, for matcher spots relative to ``start``
    (the element the DSL body describes: the operation wrapper, a fault detail)."""
    out: dict[str, RuleList] = {}
    for spot in spots:
        if not spot.rules:
            continue
        path, elements, kind = _locate(start, spot.keys, where)
        if kind == "element" and not spot.each and spot.scalar and not any(len(e) for e in elements):
            path = (*path, "#text")
        key = format_path(path)
        existing = out.get(key)
        if existing is None:
            out[key] = RuleList(list(spot.rules), spot.combine)
        else:
            existing.rules.extend(r for r in spot.rules if r not in existing.rules)
    return out


def build_plain_elements(parent: Any, plain: Any, where: str, keys: tuple[Any, ...] = ()) -> None:
    """Append unqualified child elements for a plain dict (fault details): keys are element
    names, ``@name`` attributes, ``#text`` text; lists repeat an element."""
    from lxml import etree

    if not isinstance(plain, dict):
        parent.text = _text(plain)
        return
    for key, value in plain.items():
        if key == "#text":
            parent.text = _text(value)
        elif key.startswith("@"):
            parent.set(key[1:], _text(value))
        else:
            for item in value if isinstance(value, list) else [value]:
                try:
                    child = etree.SubElement(parent, key)
                except ValueError:
                    raise UsageError(f"{where}: {key!r} at {_label((*keys, key))} is not a valid "
                                     f"XML element name") from None
                build_plain_elements(child, item, where, (*keys, key))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
