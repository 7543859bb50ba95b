"""The WSDL's XSD types as an lxml ``XMLSchema``, and validation of message elements.

:func:`wsdl_schema` compiles the schemas embedded in ``wsdl:types`` (with their local
``xsd:import`` / ``xsd:include`` files; never the network, never a DTD) into one schema.
:func:`validate_element` checks one body element (the operation wrapper of a
document/literal message) and reports problems with the XML node path of the offending
element, in the same form as matching mismatches.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from polypact.matching.paths import format_path

from polypact_soap.safety import parse_safely, safe_parser
from polypact_soap.xmlrules import qname

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
_PREFIX = "polypact-soap-schema-"

_CACHE: dict[tuple[str, float], Any] = {}


class SchemaUnavailable(Exception):
    """The WSDL's types cannot be compiled into an XSD schema (no types, SOAP encoding,
    imports that are not local files, ...)."""


def _standalone(schema: Any) -> bytes:
    """A schema element as its own document, keeping the namespace declarations it
    inherits from ``wsdl:definitions`` (QName attribute values such as ``tns:User`` use
    them)."""
    from lxml import etree

    root = etree.Element(schema.tag, attrib=dict(schema.attrib), nsmap=schema.nsmap)
    root.extend(copy.deepcopy(child) for child in schema)
    return etree.tostring(root)


def _resolver(documents: dict[str, bytes]) -> Any:
    from lxml import etree

    class LocalResolver(etree.Resolver):
        """Serves the embedded schemas and local schema files; refuses everything else."""

        def resolve(self, url: str, pubid: str, context: Any) -> Any:
            name = url.rsplit("/", 1)[-1]
            if name.startswith(_PREFIX) and name in documents:
                return self.resolve_string(documents[name], context)
            parsed = urlparse(url)
            if parsed.scheme not in ("", "file"):
                raise SchemaUnavailable(f"refused to load {url!r}: schemas are read from local "
                                        f"files only")
            file = Path(unquote(parsed.path))
            if not file.is_file():
                raise SchemaUnavailable(f"schema file {url!r} not found")
            data = file.read_bytes()
            parse_safely(data)
            return self.resolve_string(data, context)

    return LocalResolver()


def wsdl_schema(wsdl_path: str | Path) -> Any:
    """The compiled schema of a WSDL's types (cached); :class:`SchemaUnavailable` when it
    cannot be built."""
    from lxml import etree

    path = Path(wsdl_path).resolve()
    key = (str(path), path.stat().st_mtime)
    if key in _CACHE:
        return _CACHE[key]
    try:
        root = parse_safely(path.read_bytes())
    except ValueError as exc:
        raise SchemaUnavailable(f"{path.name}: {exc}") from None
    schemas = root.findall(f"{{{WSDL_NS}}}types/{{{XSD_NS}}}schema")
    if not schemas:
        raise SchemaUnavailable(f"{path.name} declares no XSD types")
    documents = {f"{_PREFIX}{i}.xsd": _standalone(s) for i, s in enumerate(schemas)}
    if len(schemas) == 1:
        master = documents[f"{_PREFIX}0.xsd"]
    else:
        imports = "".join(
            f'<xsd:import namespace="{s.get("targetNamespace")}" schemaLocation="{name}"/>'
            if s.get("targetNamespace") else f'<xsd:import schemaLocation="{name}"/>'
            for name, s in zip(documents, schemas, strict=True))
        master = f'<xsd:schema xmlns:xsd="{XSD_NS}">{imports}</xsd:schema>'.encode()
    parser = safe_parser()
    parser.resolvers.add(_resolver(documents))
    try:
        document = etree.fromstring(master, parser, base_url=str(path))
        compiled = etree.XMLSchema(document)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, ValueError) as exc:
        raise SchemaUnavailable(f"{path.name}: its XSD types do not compile: {exc}") from None
    _CACHE[key] = compiled
    return compiled


def validate_element(schema: Any, element: Any) -> list[tuple[str, str]]:
    """Validate ``element`` (a global element of the schema) on its own; the problems as
    ``(xml path, message)`` pairs, paths from the element's document root."""
    from lxml import etree

    base = tuple(qname(e.tag) for e in reversed(list(element.iterancestors())))
    tree = etree.ElementTree(copy.deepcopy(element))
    if schema.validate(tree):
        return []
    by_xpath = {tree.getpath(e): e for e in tree.getroot().iter() if isinstance(e.tag, str)}
    problems = []
    for error in schema.error_log:
        target = by_xpath.get(getattr(error, "path", "") or "")
        if target is None:
            where = format_path(("$", *base, qname(element.tag)))
        else:
            chain = [target, *target.iterancestors()]
            where = format_path(("$", *base, *(qname(e.tag) for e in reversed(chain))))
        problems.append((where, error.message))
    return problems
