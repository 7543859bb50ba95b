"""The body matcher of SOAP interactions.

It parses the actual message with the plugin's safe parser (a DOCTYPE, external entities or
an entity bomb is a mismatch, never processed), delegates the comparison to the XML
content matcher registered for the media type (the core's: namespace URI + local name,
never prefixes; attributes as a map; children in order; extra attributes allowed in
responses only), lets extra elements through in responses (also under type matchers,
where the XML matcher would report them) and, when the interaction asks for it
(``pluginConfiguration.soap.validate``) and the WSDL can be found
(:func:`polypact_soap.config.wsdl_file_for`), checks the actual message against the
WSDL's XSD types, reporting each problem at its XML path (rule ``xsd``).
"""

from __future__ import annotations

from typing import Any

from polypact.matching.mismatch import Mismatch
from polypact.model import Body

from polypact_soap.config import soap_config, wsdl_file_for
from polypact_soap.safety import parse_safely


def _extra_element(mismatch: Mismatch) -> bool:
    """True for the XML matcher's report of an unexpected child element. The reference
    core reports those under a type matcher even in responses; SOAP responses may carry
    extra (optional, newer) elements, so the SOAP matcher lets them through."""
    return (mismatch.expected is None and mismatch.rule is None
            and mismatch.message.startswith("Unexpected child"))


class SoapBodyMatcher:
    """Safe parsing, namespace-aware XML comparison and optional XSD validation."""

    def match(self, expected: Body, actual: Body, context: Any) -> list[Mismatch]:
        """Compare an expected SOAP message with an actual one."""
        try:
            root = parse_safely(actual.content)
        except ValueError as exc:
            return [Mismatch("body", "$", f"The actual SOAP message was refused: {exc}",
                             None, actual.text()[:200], None)]
        delegate = context.registry.content_matcher(expected.content_type)
        mismatches = list(delegate.match(expected, actual, context)) if delegate is not None else []
        if context.allow_unexpected_keys:
            mismatches = [m for m in mismatches if not _extra_element(m)]
        config = soap_config(context.interaction) or {}
        if config.get("validate"):
            mismatches.extend(self._validate(config, root))
        return mismatches

    @staticmethod
    def _validate(config: dict[str, Any], root: Any) -> list[Mismatch]:
        from polypact_soap.envelope import body_element
        from polypact_soap.schema import SchemaUnavailable, validate_element, wsdl_schema

        file = wsdl_file_for(config.get("wsdl"))
        element = body_element(root)
        if file is None or element is None or element.tag.endswith("}Fault"):
            return []
        try:
            schema = wsdl_schema(file)
        except SchemaUnavailable as exc:
            return [Mismatch("body", "$", f"XSD validation is unavailable: {exc}", None, None, "xsd")]
        return [Mismatch("body", path, f"Not valid for the WSDL's XSD types: {message}",
                         None, None, "xsd")
                for path, message in validate_element(schema, element)]
