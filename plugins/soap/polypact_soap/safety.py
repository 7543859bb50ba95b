"""Safe XML parsing for WSDLs, schemas and SOAP messages.

Every document the plugin reads goes through :func:`parse_safely`: a document with a
DOCTYPE is refused outright (SOAP messages must not carry one, and a DOCTYPE is how
external entities, DTD loading and entity-expansion "bombs" are written), and the parser
itself never resolves entities, never loads a DTD and never touches the network.
"""

from __future__ import annotations

import re
from typing import Any

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class UnsafeXml(ValueError):
    """A document uses a feature refused for safety (DOCTYPE, entities)."""


def safe_parser() -> Any:
    """An lxml parser that resolves no entities, loads no DTD and uses no network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def parse_safely(data: bytes | str) -> Any:
    """Parse ``data`` and return its root element.

    Raises :class:`UnsafeXml` for a DOCTYPE (with or without entity declarations) and
    ``ValueError`` for malformed XML, each with a one-line reason.
    """
    from lxml import etree

    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if _ENTITY.search(raw):
        raise UnsafeXml("refused: the document declares entities (<!ENTITY>): external "
                        "entities and entity expansion are not allowed")
    if _DOCTYPE.search(raw):
        raise UnsafeXml("refused: the document has a DOCTYPE; DTDs are not loaded")
    try:
        root = etree.fromstring(raw, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXml("refused: the document has a DOCTYPE; DTDs are not loaded")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise UnsafeXml(f"refused: entity reference {node.text!r}")
    return root
