"""Safe XML parsing: no entity expansion, no DTD loading, no network.

Documents whose DOCTYPE declares entities are refused outright (that is how "billion
laughs" and external-entity attacks are written); external DTDs are never loaded, so an
entity they would define stays undefined and the document fails to parse.
"""

from __future__ import annotations

import re

from lxml import etree

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class UnsafeXmlError(ValueError):
    """An XML document uses a feature polypact refuses to process (entity declarations)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse ``data`` and return the root element.

    Raises :class:`UnsafeXmlError` for a DOCTYPE with entity declarations and
    ``ValueError`` (``lxml.etree.XMLSyntaxError``) for malformed XML.
    """
    if _DOCTYPE.search(data) and _ENTITY_DECL.search(data):
        raise UnsafeXmlError("refused: the document's DOCTYPE declares entities")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"malformed XML: {exc}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.entities()):
        raise UnsafeXmlError("refused: the document's DOCTYPE declares entities")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeXmlError(f"refused: unresolved entity reference {node.text!r}")
    return root
