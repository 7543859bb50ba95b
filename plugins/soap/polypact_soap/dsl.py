"""The SOAP consumer DSL: ``with_soap``, ``will_respond_with_soap`` and
``will_respond_with_fault``.

::

    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists")
        .with_soap(wsdl="users.wsdl", operation="GetUser", body={"id": 1})
        .will_respond_with_soap(body={"user": {"id": integer(1), "name": like("Ann")}}))

The interaction is an ordinary ``Synchronous/HTTP`` one, readable by any Pact tool: a
POST of the envelope zeep builds from the WSDL (``text/xml`` plus a ``SOAPAction`` header
for SOAP 1.1, ``application/soap+xml; action=...`` for SOAP 1.2) and the XML response,
with matchers turned into Pact XML rule paths in the namespace-URI form. What makes it
SOAP is ``pluginConfiguration.soap`` (see :mod:`polypact_soap.config`). Bodies are
checked when declared: element names and required elements by zeep, values against the
WSDL's XSD types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from polypact.consumer.parts import checked_status, http_interaction, string_headers
from polypact.errors import UsageError
from polypact.model import Body, HttpRequest, HttpResponse, Rule, RuleList, SynchronousHttp

from polypact_soap.config import PLUGIN_KEY, soap_config, use_wsdl

_STATE_ATTR = "_polypact_soap"


def _where(builder: Any) -> str:
    return f"interaction {builder.description!r}"


def _http_interaction(builder: Any) -> SynchronousHttp:
    return http_interaction(builder, "with_soap() needs an HTTP one")


def _check_schema(op: Any, element: Any, where: str, kind: str) -> None:
    """Validate a generated body element against the WSDL's XSD types (when they compile)."""
    from polypact_soap.schema import SchemaUnavailable, validate_element, wsdl_schema

    if element is None or op.style != "document":
        return
    try:
        schema = wsdl_schema(op.wsdl_path)
    except SchemaUnavailable:
        return
    problems = validate_element(schema, element)
    if problems:
        listed = "; ".join(f"{path}: {message}" for path, message in problems)
        raise UsageError(f"{where}: the {kind} body does not fit the XSD types of {op.where}: {listed}")


def _body_and_rules(op: Any, direction: str, body: Any, where: str) -> tuple[bytes, dict[str, RuleList]]:
    from polypact_soap.envelope import operation_message, to_bytes
    from polypact_soap.xmlrules import rules_for_spots, split_body, zeep_arguments

    plain, spots = split_body(body if body is not None else {}, where)
    envelope, element = operation_message(op, direction, zeep_arguments(plain), where)
    _check_schema(op, element, where, "request" if direction == "input" else "response")
    rules = rules_for_spots(element, spots, where) if element is not None else {}
    if spots and element is None:
        raise UsageError(f"{where}: the message of {op.where} has no body element for matchers")
    return to_bytes(envelope), rules


def with_soap(
    builder: Any,
    wsdl: str | Path,
    operation: str,
    body: Mapping[str, Any] | None = None,
    *,
    version: str | None = None,
    headers: Mapping[str, Any] | None = None,
    path: str | None = None,
    validate: bool = False,
) -> Any:
    """Declare a SOAP request: the operation ``operation`` of the local WSDL file ``wsdl``
    with the message elements ``body`` (matchers allowed on elements and ``@attributes``),
    the SOAP ``version`` (``"1.1"``/``"1.2"``; default: 1.1 when the WSDL has it), extra HTTP
    ``headers``, the HTTP ``path`` (default: the path of the WSDL's service address) and
    whether actual messages are ``validate``-d against the WSDL's XSD types."""
    from polypact_soap.envelope import MEDIA_TYPES
    from polypact_soap.wsdl import find_operation

    where = _where(builder)
    op = find_operation(wsdl, operation, version)
    use_wsdl(op.wsdl_path)
    if path is None:
        path = urlparse(op.address or "").path or "/"
    if not isinstance(path, str) or not path.startswith("/"):
        raise UsageError(f"{where}: the SOAP endpoint path must start with '/', got {path!r}")
    content, rules = _body_and_rules(op, "input", body, where)

    media = MEDIA_TYPES[op.version]
    request = HttpRequest(method="POST", path=path, headers=string_headers(headers, where))
    if op.version == "1.1":
        request.headers.setdefault("Content-Type", [media])
        request.headers.setdefault("SOAPAction", [f'"{op.soap_action}"'])
        # Clients differ on quoting the action: accept it with or without quotes.
        request.matching_rules.set("header", "SOAPAction", RuleList(
            [Rule("regex", {"regex": f'"?{re.escape(op.soap_action)}"?'})]))
    else:
        action = f'; action="{op.soap_action}"' if op.soap_action else ""
        request.headers.setdefault("Content-Type", [media + action])
    request.body = Body.from_bytes(content, media)
    for rule_path, rule_list in rules.items():
        request.matching_rules.set("body", rule_path, rule_list)

    config: dict[str, Any] = {"wsdl": op.wsdl_path.name, "operation": op.name,
                              "version": op.version, "soapAction": op.soap_action}
    if validate:
        config["validate"] = True
    interaction = _http_interaction(builder)
    interaction.request = request
    interaction.plugin_configuration[PLUGIN_KEY] = config
    setattr(builder, _STATE_ATTR, op)
    return builder


def _operation_of(builder: Any, method: str) -> Any:
    op = getattr(builder, _STATE_ATTR, None)
    if op is None or soap_config(builder.interaction) is None:
        raise UsageError(f"{_where(builder)}: call with_soap(...) before {method}(...)")
    return op


def _response(op: Any, status: int, headers: Mapping[str, Any] | None, where: str,
              content: bytes, rules: dict[str, RuleList]) -> HttpResponse:
    from polypact_soap.envelope import MEDIA_TYPES

    response = HttpResponse(status=checked_status(status, where), headers=string_headers(headers, where))
    response.headers.setdefault("Content-Type", [MEDIA_TYPES[op.version]])
    response.body = Body.from_bytes(content, MEDIA_TYPES[op.version])
    for rule_path, rule_list in rules.items():
        response.matching_rules.set("body", rule_path, rule_list)
    return response


def will_respond_with_soap(
    builder: Any,
    body: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
    headers: Mapping[str, Any] | None = None,
) -> Any:
    """Declare the SOAP response: the output message elements ``body`` (matchers allowed),
    the HTTP status (200) and extra headers."""
    op = _operation_of(builder, "will_respond_with_soap")
    where = _where(builder)
    content, rules = _body_and_rules(op, "output", body, where)
    _http_interaction(builder).response = _response(op, status, headers, where, content, rules)
    return builder


def _scalar(value: Any, where: str, what: str) -> tuple[str, tuple[Rule, ...], str]:
    from polypact.dsl import Matcher

    if isinstance(value, Matcher):
        if value.generator is not None:
            raise UsageError(f"{where}: the fault {what} cannot use a generator")
        example = value.example
        rules, combine = tuple(value.rules), value.combine
    else:
        example, rules, combine = value, (), "AND"
    if not isinstance(example, str):
        raise UsageError(f"{where}: the fault {what} must be a string, got {example!r}")
    return example, rules, combine


def will_respond_with_fault(
    builder: Any,
    code: Any = "soap:Client",
    string: Any = "",
    *,
    detail: Mapping[str, Any] | None = None,
    status: int | None = None,
    headers: Mapping[str, Any] | None = None,
) -> Any:
    """Declare a SOAP fault response: the fault ``code`` (``soap:Client``/``soap:Server``,
    translated to ``Sender``/``Receiver`` for SOAP 1.2; matched whatever prefix the
    provider uses), the fault ``string`` (the SOAP 1.2 reason text), an optional ``detail``
    of unqualified elements, and the HTTP status (default: 500; 400 for SOAP 1.2 sender
    faults). Matchers are allowed in all three."""
    from polypact.matching.paths import format_path

    from polypact_soap.envelope import fault_code, fault_message, fault_status, to_bytes
    from polypact_soap.xmlrules import node_path_of, rules_for_spots, split_body

    op = _operation_of(builder, "will_respond_with_fault")
    where = _where(builder)
    code_example, code_rules, code_combine = _scalar(code, where, "code")
    text, local = fault_code(op.version, code_example, where)
    string_example, string_rules, string_combine = _scalar(string, where, "string")
    detail_plain, spots = split_body(detail, where) if detail is not None else (None, [])
    envelope, anchors = fault_message(op.version, text, string_example, detail_plain, where)

    rules: dict[str, RuleList] = {}
    if not code_rules:  # a QName's prefix is the provider's choice: match the local name
        code_rules = (Rule("regex", {"regex": rf"(?:[A-Za-z_][\w.\-]*:)?{re.escape(local)}"}),)
    rules[format_path((*node_path_of(anchors["code"]), "#text"))] = RuleList(list(code_rules), code_combine)
    if string_rules:
        rules[format_path((*node_path_of(anchors["string"]), "#text"))] = RuleList(
            list(string_rules), string_combine)
    if anchors["detail"] is not None:
        rules.update(rules_for_spots(anchors["detail"], spots, where))
    if status is None:
        status = fault_status(op.version, local)
    _http_interaction(builder).response = _response(op, status, headers, where, to_bytes(envelope), rules)
    builder.interaction.plugin_configuration[PLUGIN_KEY]["fault"] = True
    return builder


BUILDERS = {
    "with_soap": with_soap,
    "will_respond_with_soap": will_respond_with_soap,
    "will_respond_with_fault": will_respond_with_fault,
}
