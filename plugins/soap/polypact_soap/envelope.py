"""SOAP envelopes: operation messages serialised by zeep from the WSDL, and faults.

:func:`operation_message` builds the request (``input``) or response (``output``) envelope
of an operation from a plain body (zeep checks element names and required elements);
:func:`fault_message` builds a SOAP 1.1 or 1.2 fault. Both return the envelope element and
the element the DSL body describes (operation wrapper or fault detail), from which matcher
spots are located.
"""

from __future__ import annotations

import re
from typing import Any

from polypact.errors import UsageError

from polypact_soap.wsdl import SoapOperation
from polypact_soap.xmlrules import build_plain_elements

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
ENVELOPE_NS = {"1.1": SOAP11_ENV, "1.2": SOAP12_ENV}
#: Media types of SOAP messages by version.
MEDIA_TYPES = {"1.1": "text/xml", "1.2": "application/soap+xml"}
#: SOAP 1.1 fault code local names and their SOAP 1.2 equivalents (and back).
CODES_12 = {"Client": "Sender", "Server": "Receiver"}
CODES_11 = {v: k for k, v in CODES_12.items()}
_CODE = re.compile(r"^(?:(?P<prefix>[A-Za-z_][\w.\-]*):)?(?P<local>[A-Za-z_][\w.\-]*)$")


def to_bytes(envelope: Any) -> bytes:
    """An envelope element as UTF-8 XML with a declaration, indented for readable pacts."""
    from lxml import etree

    etree.indent(envelope, space="  ")
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def body_element(envelope: Any) -> Any:
    """The first child element of the envelope's ``Body`` (``None`` when empty)."""
    for child in envelope:
        if isinstance(child.tag, str) and child.tag.endswith("}Body"):
            return next((c for c in child if isinstance(c.tag, str)), None)
    return None


def operation_message(op: SoapOperation, direction: str, arguments: Any, where: str) -> tuple[Any, Any]:
    """The ``input`` or ``output`` envelope of ``op`` for a plain body (a dict of the
    message's elements); :class:`UsageError` naming the element when zeep refuses it."""
    from zeep.exceptions import Error as ZeepError

    message = op.operation.input if direction == "input" else op.operation.output
    kind = "request" if direction == "input" else "response"
    if message is None:
        raise UsageError(f"{where}: {op.where} has no {kind} message")
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        raise UsageError(f"{where}: the {kind} body must be a dict of the message's elements "
                         f"(signature: {_signature(message)}), got {type(arguments).__name__}")
    try:
        serialized = message.serialize(**arguments)
    except (TypeError, ZeepError, ValueError, AttributeError) as exc:
        text = str(exc)
        if "Signature:" not in text:
            text += f" (signature: {_signature(message)})"
        raise UsageError(f"{where}: the {kind} body does not fit the {direction} message of "
                         f"{op.where}: {text}") from None
    envelope = serialized.content
    return envelope, body_element(envelope)


def _signature(message: Any) -> str:
    try:
        return message.signature(as_output=False)
    except Exception:  # noqa: BLE001 - only used in an error message
        return "unknown"


def fault_code(version: str, code: str, where: str) -> tuple[str, str]:
    """The fault code text to write (``soap:Client`` / ``soap:Sender``) and its local name,
    translated to the SOAP version (``Client`` <-> ``Sender``, ``Server`` <-> ``Receiver``)."""
    found = _CODE.match(str(code).strip())
    if not found:
        raise UsageError(f"{where}: fault code {code!r} is not a QName such as 'soap:Client'")
    prefix, local = found["prefix"], found["local"]
    if prefix in (None, "soap", "soapenv", "soap-env", "env", "SOAP-ENV", "s"):
        local = (CODES_12 if version == "1.2" else CODES_11).get(local, local)
        return f"soap:{local}", local
    return f"{prefix}:{local}", local


def fault_status(version: str, local_code: str) -> int:
    """The HTTP status of a fault: 500 in SOAP 1.1; 400 for ``Sender`` faults and 500
    otherwise in SOAP 1.2 (SOAP 1.2 part 2, HTTP binding)."""
    return 400 if version == "1.2" and local_code == "Sender" else 500


def fault_message(version: str, code_text: str, string: str, detail: Any, where: str) -> tuple[Any, dict[str, Any]]:
    """A fault envelope; returns it and the elements matcher spots are located from
    (``code``, ``string`` and ``detail``)."""
    from lxml import etree

    ns = ENVELOPE_NS[version]
    envelope = etree.Element(f"{{{ns}}}Envelope", nsmap={"soap": ns})
    fault = etree.SubElement(etree.SubElement(envelope, f"{{{ns}}}Body"), f"{{{ns}}}Fault")
    if version == "1.1":
        code_el = etree.SubElement(fault, "faultcode")
        string_el = etree.SubElement(fault, "faultstring")
        detail_tag = "detail"
    else:
        code_el = etree.SubElement(etree.SubElement(fault, f"{{{ns}}}Code"), f"{{{ns}}}Value")
        reason = etree.SubElement(fault, f"{{{ns}}}Reason")
        string_el = etree.SubElement(reason, f"{{{ns}}}Text")
        string_el.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        detail_tag = f"{{{ns}}}Detail"
    code_el.text = code_text
    string_el.text = string
    anchors: dict[str, Any] = {"code": code_el, "string": string_el, "detail": None}
    if detail is not None:
        detail_el = etree.SubElement(fault, detail_tag)
        build_plain_elements(detail_el, detail, where)
        anchors["detail"] = detail_el
    return envelope, anchors
