"""XML bodies: namespaces, attributes, text, rule paths, and safe parsing."""

from __future__ import annotations

import pytest
from polypact.matching import match_body
from polypact.matching.content.xml_safe import UnsafeXmlError, parse_xml
from polypact.model import Body

from tests.core.matching.conftest import rules

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"


# every XML test runs with lxml and with the standard-library fallback parser
pytestmark = pytest.mark.usefixtures("xml_parser")


def xml(text: str) -> Body:
    return Body.from_text(text, "application/xml")


def envelope(prefix: str, value: str, extra: str = "") -> Body:
    return xml(f'<{prefix}:Envelope xmlns:{prefix}="{SOAP}"{extra}><{prefix}:Body>'
               f'<price currency="EUR">{value}</price></{prefix}:Body></{prefix}:Envelope>')


def test_namespaces_compare_by_uri_not_prefix(ctx):
    assert match_body(envelope("soap", "10"), envelope("s", "10"), ctx()) == []
    other = xml('<soap:Envelope xmlns:soap="urn:other"><soap:Body><price currency="EUR">10</price>'
                "</soap:Body></soap:Envelope>")
    found = match_body(envelope("soap", "10"), other, ctx())
    assert len(found) == 1 and found[0].actual == "urn:other:Envelope"


def test_text_and_attribute_mismatch_paths(ctx):
    found = match_body(envelope("soap", "10"), envelope("soap", "11"), ctx())
    assert [m.path for m in found] == [f"$['{SOAP}:Envelope']['{SOAP}:Body'].price['#text']"]
    found = match_body(xml('<a id="1"/>'), xml('<a id="2"/>'), ctx())
    assert [m.path for m in found] == ["$.a['@id']"]


@pytest.mark.parametrize("rule_path", [
    f"$['{SOAP}:Envelope']['{SOAP}:Body'].price['#text']",
    "$.soap:Envelope.soap:Body.price.#text",
])
def test_rule_paths_by_uri_or_by_prefix(ctx, rule_path):
    c = ctx(rules(**{rule_path: [("regex", {"regex": "\\d+"})]}))
    assert match_body(envelope("soap", "10"), envelope("env", "12345"), c) == []
    assert match_body(envelope("soap", "10"), envelope("env", "ten"), c)


def test_extra_attributes_and_children_allowed_only_in_responses(ctx):
    expected = xml('<a id="1"><b>x</b></a>')
    actual = xml('<a id="1" extra="y"><b>x</b><c/></a>')
    assert match_body(expected, actual, ctx()) == []
    strict = match_body(expected, actual, ctx(strict=True))
    assert {m.message for m in strict} == {"Unexpected attribute(s) extra", "Unexpected child <c/>"}


def test_children_in_order_and_type_rule_with_index_wildcard(ctx):
    expected = xml('<root><item id="1"/><item id="2"/></root>')
    assert match_body(expected, xml('<root><item id="2"/><item id="1"/></root>'), ctx())
    c = ctx(rules(**{"$.root": [("type", {"min": 1})], "$.root.item[*]['@id']": [("regex", {"regex": "\\d+"})]}))
    assert match_body(xml('<root><item id="1"/></root>'), xml('<root><item id="7"/><item id="8"/></root>'), c) == []
    bad = match_body(xml('<root><item id="1"/></root>'), xml('<root><item id="7"/><item id="x"/></root>'), c)
    assert [m.path for m in bad] == ["$.root.item[1]['@id']"]


TEMP = "urn:temp"


def readings(*units: str) -> Body:
    inner = "".join(f'<t:reading unit="{u}">1</t:reading>' for u in units)
    return xml(f'<t:ConvertResult xmlns:t="{TEMP}">{inner}</t:ConvertResult>')


def test_repeated_elements_under_a_type_rule_carry_their_index(ctx):
    c = ctx(rules(**{"$.t:ConvertResult.t:reading": [("type", {})],
                     "$.t:ConvertResult.t:reading['@unit']": [("regex", {"regex": "F|K"})]}))
    found = match_body(readings("F"), readings("C", "K", "C"), c)
    base = f"$['{TEMP}:ConvertResult']['{TEMP}:reading']"
    assert [m.path for m in found] == [f"{base}[0]['@unit']", f"{base}[2]['@unit']"]
    assert [m.actual for m in found] == ["C", "C"]
    # a single element keeps the index-free path, and a rule written with [*] still applies
    assert [m.path for m in match_body(readings("F"), readings("C"), c)] == [f"{base}['@unit']"]
    star = ctx(rules(**{"$.t:ConvertResult.t:reading": [("type", {})],
                        "$.t:ConvertResult.t:reading[*]['@unit']": [("regex", {"regex": "F"})]}))
    assert match_body(readings("F"), readings("F", "F"), star) == []
    assert [m.path for m in match_body(readings("F"), readings("F", "C"), star)] == [f"{base}[1]['@unit']"]


def test_repeated_elements_without_rules_are_compared_by_position_with_index(ctx):
    found = match_body(readings("C", "F"), readings("C", "K"), ctx())
    base = f"$['{TEMP}:ConvertResult']['{TEMP}:reading']"
    assert [m.path for m in found] == [f"{base}[1]['@unit']"]
    missing = match_body(readings("C", "F"), readings("C"), ctx())
    assert [(m.path, m.message) for m in missing] == [
        (f"{base}[1]", f"Expected child <{TEMP}:reading/> but was missing")]
    extra = match_body(readings("C"), readings("C", "C"), ctx(strict=True))
    assert [m.path for m in extra] == [f"{base}[1]"]


def test_text_is_trimmed_attributes_are_not(ctx):
    assert match_body(xml("<a>  x </a>"), xml("<a>x</a>"), ctx()) == []
    assert match_body(xml('<a v="x"/>'), xml('<a v=" x"/>'), ctx())


def test_number_rules_parse_numbers_from_text(ctx):
    c = ctx(rules(**{"$.a.#text": [("integer", {})]}))
    assert match_body(xml("<a>1</a>"), xml("<a>42</a>"), c) == []
    assert match_body(xml("<a>1</a>"), xml("<a>4.2</a>"), c)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol4;</lolz>"""


def test_billion_laughs_is_refused():
    with pytest.raises(UnsafeXmlError):
        parse_xml(BILLION_LAUGHS)


def test_billion_laughs_in_a_body_is_a_mismatch_not_an_expansion(ctx):
    found = match_body(xml("<lolz>x</lolz>"), Body.from_bytes(BILLION_LAUGHS, "application/xml"), ctx())
    assert len(found) == 1 and "refused" in found[0].message


def test_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    doc = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><r>&x;</r>'.encode()
    with pytest.raises(UnsafeXmlError):
        parse_xml(doc)


def test_external_dtd_is_never_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DTD">')
    doc = f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file://{dtd}"><r>&leak;</r>'.encode()
    try:
        root = parse_xml(doc)
    except ValueError:
        return  # undefined entity: the DTD was not read
    assert "LEAKED-FROM-DTD" not in (root.text or "")


def test_malformed_xml_is_a_mismatch(ctx):
    found = match_body(xml("<a/>"), xml("<a>"), ctx())
    assert len(found) == 1 and "Failed to parse the actual body as XML" in found[0].message
