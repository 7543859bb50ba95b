"""XML bodies in the consumer DSL: elements whose attributes and text may be matchers.

>>> from polypact.dsl import each_like, integer, like, xml_element
>>> body = xml_element("users", each_like(xml_element("user", attrs={"id": integer(1)},
...                                                    text=like("Ann"))))
>>> found = body.extract()
>>> found.example
'<?xml version="1.0" encoding="UTF-8"?><users><user id="1">Ann</user></users>'
>>> sorted(found.rules)
['$.users.user', "$.users.user['#text']", "$.users.user['@id']"]

Rules are keyed the way the Pact XML matchers read them: ``$.root.child`` for elements,
``['@attr']`` for attributes, ``['#text']`` for text, and ``$['uri:Local']`` for namespaced
names. XML rule paths carry no indexes: a rule at ``$.users.user['@id']`` applies to every
``user`` under ``users`` (the reference core ignores ``[*]`` in XML paths, so none is
written). Generators are keyed by the names as written in the document (``$.ns:root``),
which is how the reference core applies them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from polypact.dsl.base import Extracted, Matcher, child_path
from polypact.dsl.structural import EachLike
from polypact.errors import UsageError
from polypact.matchers.values import json_text
from polypact.model.body import Body, is_xml_type
from polypact.model.generators import Generator
from polypact.model.rules import Rule, RuleList

#: The XML declaration every built document starts with.
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_NAME = re.compile(r"[^\W\d][\w.\-]*")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*(:[A-Za-z_][A-Za-z0-9_\-]*)?")


@dataclass(frozen=True)
class XmlElement:
    """One XML element of a body: name, namespace, attributes, text and children.

    Build it with :func:`xml_element`; turn it into the document text plus its rules and
    generators with :meth:`extract` (or just the text with :meth:`to_xml`).
    """

    name: str
    children: tuple[Any, ...] = ()
    attrs: tuple[tuple[str, Any], ...] = ()
    text: Any = None
    ns: str | None = None
    nsmap: tuple[tuple[str | None, str], ...] = ()

    def extract(self, declaration: bool = True) -> Extracted:
        """The document text (``example``) and the rules and generators at XML paths."""
        return extract_xml(self, declaration)

    def to_xml(self, declaration: bool = True) -> str:
        """The document text (deterministic: the same element always gives the same text)."""
        return self.extract(declaration).example


def _split(name: str, what: str) -> tuple[str | None, str | None, str]:
    """``(uri, prefix, local)`` of ``{uri}local``, ``prefix:local`` or ``local``."""
    uri = prefix = None
    if name.startswith("{"):
        uri, close, local = name[1:].partition("}")
        if not close or not uri:
            raise UsageError(f"{what}: {name!r} is not a valid {{uri}}local name")
    else:
        before, colon, local = name.rpartition(":")
        prefix = before if colon else None
        if prefix is not None and not _NAME.fullmatch(prefix):
            raise UsageError(f"{what}: {prefix!r} is not a valid namespace prefix")
    if not _NAME.fullmatch(local):
        raise UsageError(f"{what}: {local!r} is not a valid XML name")
    return uri, prefix, local


def _check_scalar(value: Any, what: str) -> None:
    """Raise unless ``value`` can be written as attribute or element text."""
    example = value.example if isinstance(value, Matcher) else value
    if isinstance(value, Matcher) and isinstance(example, XmlElement):
        raise UsageError(f"{what}: expected a text value or a matcher of one, got an element")
    if not isinstance(example, (str, int, float, bool)):
        raise UsageError(
            f"{what}: expected a string, number or boolean (or a matcher of one), got {example!r}"
        )


def _check_child(child: Any, what: str) -> None:
    """Raise unless ``child`` is an element or ``each_like(element)``."""
    if isinstance(child, XmlElement):
        return
    if isinstance(child, EachLike) and isinstance(child.template, XmlElement):
        if child.rules and child.rules[0].get("max") is not None:
            raise UsageError(
                f"{what}: each_like(..., max=...) cannot be checked for XML elements (the Pact "
                f"XML matchers read min/max as the element's own child count); drop max"
            )
        return
    raise UsageError(
        f"{what}: a child must be xml_element(...) or each_like(xml_element(...)), got "
        f"{child!r} (use text= for text)"
    )


def xml_element(
    name: str,
    *children: Any,
    attrs: Mapping[str, Any] | None = None,
    text: Any = None,
    ns: str | None = None,
    nsmap: Mapping[str | None, str] | None = None,
) -> XmlElement:
    """An XML element for a request or response body.

    ``name`` is ``local``, ``prefix:local`` (the prefix declared by ``nsmap`` here or on an
    ancestor, or bound to ``ns``) or ``{uri}local``. ``ns`` puts the element in a namespace
    (declared on it when needed); without it an unprefixed element takes the default
    namespace declared with ``nsmap={None: uri}``. ``attrs`` values and ``text`` may be
    plain values or matchers (``integer(1)``, ``regex(...)``, ``datetime(...)``, ...);
    ``xmlns`` / ``xmlns:p`` keys in ``attrs`` are namespace declarations. ``children`` are
    elements, ``each_like(xml_element(...), min=n)`` (``n`` copies, every one like the
    template: a ``type`` rule at the element's path).
    """
    what = f"xml_element({name!r})"
    if not isinstance(name, str) or not name:
        raise UsageError(f"{what}: the name must be a non-empty string")
    uri, _, _ = _split(name, what)
    if ns is not None and not isinstance(ns, str):
        raise UsageError(f"{what}: ns must be a namespace URI (or '' for none), got {ns!r}")
    if uri is not None and ns is not None and uri != ns:
        raise UsageError(f"{what}: the name's namespace {uri!r} differs from ns={ns!r}")
    declared: dict[str | None, str] = {}
    for key, value in dict(nsmap or {}).items():
        key = key or None
        if key is not None and (not _NAME.fullmatch(key) or key in ("xml", "xmlns")):
            raise UsageError(f"{what}: {key!r} cannot be declared as a namespace prefix")
        if not isinstance(value, str):
            raise UsageError(f"{what}: nsmap[{key!r}] must be a namespace URI, got {value!r}")
        declared[key] = value
    attributes: list[tuple[str, Any]] = []
    for key, value in dict(attrs or {}).items():
        if not isinstance(key, str) or not key:
            raise UsageError(f"{what}: attribute names must be non-empty strings, got {key!r}")
        if key == "xmlns" or key.startswith("xmlns:"):
            if not isinstance(value, str):
                raise UsageError(f"{what}: the {key} declaration must be a URI string, got {value!r}")
            declared[key[6:] or None] = value
            continue
        _split(key, f"{what} attribute")
        _check_scalar(value, f"{what} attribute {key!r}")
        attributes.append((key, value))
    if text is not None:
        _check_scalar(text, f"{what} text")
    for child in children:
        _check_child(child, what)
    return XmlElement(name, tuple(children), tuple(attributes), text,
                      ns if ns is not None else uri, tuple(declared.items()))


def is_xml(value: Any) -> bool:
    """True for an :class:`XmlElement` (a body the DSL writes as XML)."""
    return isinstance(value, XmlElement)


def extract_xml(value: Any, declaration: bool = True) -> Extracted:
    """The document text, rules and generators of an XML body built with
    :func:`xml_element`."""
    if not isinstance(value, XmlElement):
        raise UsageError(f"expected xml_element(...) for an XML body, got {value!r}")
    writer = _Writer()
    writer.element(value, "$", "$", {None: None, "xml": _XML_NS})
    text = "".join(writer.out)
    return Extracted(DECLARATION + text if declaration else text, writer.rules, writer.generators)


def xml_body(
    value: Any, content_type: str | None, where: str
) -> tuple[Body, dict[str, RuleList], dict[str, Generator]]:
    """The body an ``xml_element(...)`` value builds (``application/xml`` unless
    ``content_type`` names another XML type), with its rules and generators; a
    :class:`UsageError` names ``where`` (``"interaction 'x' request body"``)."""
    ct = content_type or "application/xml"
    if not is_xml_type(ct):
        raise UsageError(f"{where}: an xml_element(...) value is XML, but content_type is {ct!r}")
    try:
        found = extract_xml(value)
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None
    return Body.from_text(found.example, ct), dict(found.rules), dict(found.generators)


def _key(path: str, name: str) -> str:
    """``path.name`` when the name reads as one (``ns:Local`` included), else quoted."""
    if _PLAIN_KEY.fullmatch(name):
        return f"{path}.{name}"
    return child_path(path, name)


class _Writer:
    """Writes elements as text while collecting rules and generators by path."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.rules: dict[str, RuleList] = {}
        self.generators: dict[str, Generator] = {}

    def _rules(self, path: str, rules: tuple[Rule, ...], combine: str) -> None:
        if not rules:
            return
        new = RuleList(list(rules), combine)
        old = self.rules.get(path)
        if old is not None and old != new:
            raise UsageError(
                f"XML body: two elements give different rules at {path} (XML rule paths "
                f"cannot tell same-named siblings apart; use each_like for repeated elements)"
            )
        self.rules[path] = new

    def _generator(self, path: str, generator: Generator | None) -> None:
        if generator is None:
            return
        old = self.generators.get(path)
        if old is not None and old != generator:
            raise UsageError(f"XML body: two elements give different generators at {path}")
        self.generators[path] = generator

    def _scalar(self, value: Any, rule_path: str, gen_path: str) -> str:
        if isinstance(value, Matcher):
            self._rules(rule_path, value.rules, value.combine)
            self._generator(gen_path, value.generator)
            value = value.example
        if isinstance(value, bool):
            return "true" if value else "false"
        return json_text(value)

    def element(self, el: XmlElement, rule_parent: str, gen_parent: str,
                scope: dict[str | None, str | None], each: EachLike | None = None) -> None:
        """Write ``el`` under the given parent paths; ``scope`` maps the prefixes declared
        around it (``None``: the default namespace) to their URIs."""
        what = f"xml_element({el.name!r}) under {rule_parent}"
        decls: dict[str | None, str | None] = {k: v or None for k, v in el.nsmap}
        scope = {**scope, **decls}
        _, prefix, local = _split(el.name, what)
        if el.ns is not None:
            uri = el.ns or None
            if prefix is not None and uri is None:
                raise UsageError(f"{what}: a prefixed name cannot be in no namespace (ns='')")
            if scope.get(prefix) != uri:
                decls[prefix] = uri
        elif prefix is not None:
            if prefix not in scope:
                raise UsageError(f"{what}: namespace prefix {prefix!r} is not declared "
                                 f"(give nsmap={{{prefix!r}: uri}} or ns=uri)")
            uri = scope[prefix]
        else:
            uri = scope.get(None)
        scope.update(decls)
        written = f"{prefix}:{local}" if prefix else local
        rule_path = _key(rule_parent, f"{uri}:{local}" if uri else local)
        gen_path = _key(gen_parent, written)
        if each is not None:
            self._rules(rule_path, (Rule("type"),), "AND")
        attr_parts = [self._attribute(name, value, what, scope, decls, rule_path, gen_path)
                      for name, value in el.attrs]
        ns_parts = [f' xmlns="{_escape(decls[None] or "", True)}"'] if None in decls else []
        ns_parts += [f' xmlns:{p}="{_escape(u or "", True)}"' for p, u in sorted(
            (p, u) for p, u in decls.items() if p is not None)]
        self.out.append(f"<{written}{''.join(ns_parts)}{''.join(attr_parts)}")
        content_start = len(self.out)
        if el.text is not None:
            text = self._scalar(el.text, f"{rule_path}['#text']", f"{gen_path}['#text']")
            if text:
                self.out.append(">" + _escape(text, False))
        for child in el.children:
            self._child(child, rule_path, gen_path, scope, content_start)
        self.out.append("/>" if len(self.out) == content_start else f"</{written}>")

    def _attribute(self, name: str, value: Any, what: str, scope: dict[str | None, str | None],
                   decls: dict[str | None, str | None], rule_path: str, gen_path: str) -> str:
        """The text of one attribute (declaring its prefix in ``scope``/``decls`` if need be)."""
        uri, prefix, local = _split(name, f"{what} attribute")
        if uri is None and prefix is not None:
            if not scope.get(prefix):
                raise UsageError(f"{what}: attribute {name!r} uses an undeclared prefix {prefix!r}")
            uri = scope[prefix]
        if uri is not None and prefix is None:
            prefix = next((p for p, u in scope.items() if p and u == uri), None)
            if prefix is None:
                prefix = next(f"ns{i}" for i in range(len(scope) + 1) if f"ns{i}" not in scope)
                decls[prefix] = scope[prefix] = uri
        written = f"{prefix}:{local}" if uri else local
        key = f"@{uri}:{local}" if uri else f"@{local}"
        text = self._scalar(value, f"{rule_path}['{key}']", f"{gen_path}['@{written}']")
        return f' {written}="{_escape(text, True)}"'

    def _child(self, child: Any, rule_path: str, gen_path: str,
               scope: dict[str | None, str | None], content_start: int) -> None:
        if len(self.out) == content_start:
            self.out.append(">")
        if isinstance(child, XmlElement):
            self.element(child, rule_path, gen_path, scope)
            return
        start = len(self.out)
        self.element(child.template, rule_path, gen_path, scope, child)
        written = "".join(self.out[start:])
        self.out.extend([written] * (child.copies - 1))


def _escape(text: str, attribute: bool) -> str:
    """Escape text for element content or a double-quoted attribute value."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = (text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
                .replace("\t", "&#9;"))
    else:
        text = text.replace("\r", "&#13;")
    return text
