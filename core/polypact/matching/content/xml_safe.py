"""Safe XML parsing: no entity expansion, no DTD loading, no network.

Documents whose DOCTYPE declares entities are refused outright (that is how "billion
laughs" and external-entity attacks are written); external DTDs are never loaded, so an
entity they would define stays undefined and the document fails to parse. lxml is used
when installed (``polypact[soap]``), else the standard library's expat parser, which
loads no external DTDs either.
"""

from __future__ import annotations

import io
import re
from typing import Any

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)

try:  # pragma: no cover - which branch runs depends on the installed extras
    from lxml import etree as _lxml
except ImportError:  # pragma: no cover
    _lxml = None


class UnsafeXmlError(ValueError):
    """An XML document uses a feature polypact refuses to process (entity declarations)."""


def parse_xml(data: bytes) -> Any:
    """Parse ``data`` and return the root element (ElementTree-compatible API).

    Raises :class:`UnsafeXmlError` for a DOCTYPE with entity declarations and
    ``ValueError`` for malformed XML.
    """
    return parse_xml_with_namespaces(data)[0]


def parse_xml_with_namespaces(data: bytes) -> tuple[Any, dict[str, str]]:
    """The root element and the namespace prefixes the document declares."""
    if _DOCTYPE.search(data) and _ENTITY_DECL.search(data):
        raise UnsafeXmlError("refused: the document's DOCTYPE declares entities")
    if _lxml is not None:
        return _parse_lxml(data)
    return _parse_stdlib(data)


def _parse_lxml(data: bytes) -> tuple[Any, dict[str, str]]:
    parser = _lxml.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    try:
        root = _lxml.fromstring(data, parser)
    except _lxml.XMLSyntaxError as exc:
        raise ValueError(f"malformed XML: {exc}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.entities()):
        raise UnsafeXmlError("refused: the document's DOCTYPE declares entities")
    namespaces: dict[str, str] = {}
    for node in root.iter():
        if isinstance(node, _lxml._Entity):
            raise UnsafeXmlError(f"refused: unresolved entity reference {node.text!r}")
        if isinstance(node.tag, str):
            for prefix, uri in (node.nsmap or {}).items():
                if prefix:
                    namespaces.setdefault(prefix, uri)
    return root, namespaces


def _parse_stdlib(data: bytes) -> tuple[Any, dict[str, str]]:  # pragma: no cover - no lxml
    import xml.etree.ElementTree as ET

    namespaces: dict[str, str] = {}
    root = None
    try:
        for event, item in ET.iterparse(io.BytesIO(data), events=("start", "start-ns")):
            if event == "start-ns":
                prefix, uri = item
                if prefix:
                    namespaces.setdefault(prefix, uri)
            elif root is None:
                root = item
    except ET.ParseError as exc:
        raise ValueError(f"malformed XML: {exc}") from None
    if root is None:
        raise ValueError("malformed XML: no root element")
    return root, namespaces
