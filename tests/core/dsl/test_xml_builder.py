"""The XML body builder: document text, rules and generators at the XML paths the Pact
matchers read, namespaces, and matching through the core XML matcher."""

from __future__ import annotations

import pytest
from polypact.dsl import (
    date,
    decimal,
    each_like,
    extract_xml,
    from_provider_state,
    integer,
    is_xml,
    like,
    regex,
    xml_element,
)
from polypact.errors import UsageError
from polypact.matching import MatchContext, match_body
from polypact.matching.content.xml_safe import parse_xml
from polypact.model import Body
from polypact.registry import Registry
from polypact.testing import registry_with

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
DECL = '<?xml version="1.0" encoding="UTF-8"?>'


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The core plugin alone."""
    return registry_with()


@pytest.fixture
def match(registry, xml_parser):
    """``match(element, actual_xml, strict=False)``: mismatches of an actual document
    against the built body under the built rules."""

    def run(element, actual: str, strict: bool = False):
        found = extract_xml(element)
        ctx = MatchContext("body", dict(found.rules), allow_unexpected_keys=not strict, registry=registry)
        return match_body(Body.from_text(found.example, "application/xml"),
                          Body.from_text(actual, "application/xml"), ctx)

    return run


def users_body():
    return xml_element(
        "users",
        each_like(xml_element("user", xml_element("name", text=like("Ann")),
                              attrs={"id": integer(1), "born": date("1990-04-18")}), min=2),
        attrs={"count": integer(2)},
    )


def test_document_text_is_deterministic_with_declaration_and_copies():
    body = users_body()
    text = body.to_xml()
    assert text == (DECL + '<users count="2"><user id="1" born="1990-04-18"><name>Ann</name></user>'
                    '<user id="1" born="1990-04-18"><name>Ann</name></user></users>')
    assert users_body().to_xml() == text
    assert body.to_xml(declaration=False) == text[len(DECL):]


def test_rules_sit_at_xml_paths_without_indexes():
    found = users_body().extract()
    assert found.rules_json() == {
        "$.users['@count']": {"combine": "AND", "matchers": [{"match": "integer"}]},
        "$.users.user": {"combine": "AND", "matchers": [{"match": "type"}]},
        "$.users.user['@id']": {"combine": "AND", "matchers": [{"match": "integer"}]},
        "$.users.user['@born']": {"combine": "AND", "matchers": [{"match": "date", "format": "yyyy-MM-dd"}]},
        "$.users.user.name['#text']": {"combine": "AND", "matchers": [{"match": "type"}]},
    }
    assert found.generators == {}


def test_generators_are_keyed_by_the_written_names():
    body = xml_element("soap:Envelope", xml_element(
        "soap:Body", xml_element("order", attrs={"id": integer(1, generate=True)},
                                 text=from_provider_state("${ref}", "R1"))), ns=SOAP)
    found = body.extract()
    assert found.generators_json() == {
        "$.soap:Envelope.soap:Body.order['@id']": {"type": "RandomInt", "min": 0, "max": 2147483647},
        "$.soap:Envelope.soap:Body.order['#text']": {"type": "ProviderState", "expression": "${ref}"},
    }
    assert set(found.rules) == {f"$['{SOAP}:Envelope']['{SOAP}:Body'].order['@id']",
                                f"$['{SOAP}:Envelope']['{SOAP}:Body'].order['#text']"}


def test_text_and_attribute_values_are_escaped_and_read_back():
    body = xml_element("note", attrs={"title": 'a "b" <c> & d\tx'}, text="1 < 2 & 3 > 2")
    root = parse_xml(body.to_xml().encode())
    assert root.get("title") == 'a "b" <c> & d\tx'
    assert root.text == "1 < 2 & 3 > 2"


def test_scalar_examples_are_written_as_xml_text():
    body = xml_element("v", attrs={"b": True, "d": decimal(2.5), "n": 7}, text=integer(3))
    assert body.to_xml(declaration=False) == '<v b="true" d="2.5" n="7">3</v>'


def test_prefixed_namespace_is_declared_and_rules_use_the_uri():
    body = xml_element("soap:Envelope", xml_element("soap:Body", xml_element("price", text=decimal(9.5))),
                       ns=SOAP)
    found = body.extract()
    assert found.example == (DECL + f'<soap:Envelope xmlns:soap="{SOAP}"><soap:Body><price>9.5</price>'
                             "</soap:Body></soap:Envelope>")
    assert list(found.rules) == [f"$['{SOAP}:Envelope']['{SOAP}:Body'].price['#text']"]
    root = parse_xml(found.example.encode())
    assert root.tag == f"{{{SOAP}}}Envelope" and root[0].tag == f"{{{SOAP}}}Body"


def test_default_namespace_is_inherited_and_can_be_left():
    body = xml_element("root", xml_element("item", text=integer(5)), xml_element("free", ns=""),
                       nsmap={None: "urn:d"})
    found = body.extract()
    assert found.example == DECL + '<root xmlns="urn:d"><item>5</item><free xmlns=""/></root>'
    assert list(found.rules) == ["$['urn:d:root']['urn:d:item']['#text']"]
    root = parse_xml(found.example.encode())
    assert [c.tag for c in root] == ["{urn:d}item", "free"]


def test_clark_names_xmlns_attributes_and_namespaced_attributes():
    body = xml_element("{urn:a}root", xml_element("p:child", attrs={"p:code": regex(r"\d+", "12")}),
                       attrs={"xmlns:p": "urn:p", "{urn:z}flag": "yes"})
    found = body.extract()
    root = parse_xml(found.example.encode())
    assert root.tag == "{urn:a}root" and root.get("{urn:z}flag") == "yes"
    assert root[0].tag == "{urn:p}child" and root[0].get("{urn:p}code") == "12"
    assert list(found.rules) == ["$['urn:a:root']['urn:p:child']['@urn:p:code']"]


def test_undeclared_prefix_is_an_error_naming_it():
    with pytest.raises(UsageError, match="prefix 'q' is not declared"):
        xml_element("root", xml_element("q:item")).to_xml()
    with pytest.raises(UsageError, match="undeclared prefix 'q'"):
        xml_element("root", attrs={"q:a": "1"}).to_xml()


@pytest.mark.parametrize(("make", "message"), [
    (lambda: xml_element("1bad"), "not a valid XML name"),
    (lambda: xml_element("a", text={"x": 1}), "expected a string, number or boolean"),
    (lambda: xml_element("a", "loose text"), "a child must be xml_element"),
    (lambda: xml_element("a", each_like(xml_element("b"), max=3)), "cannot be checked for XML elements"),
    (lambda: xml_element("a", attrs={"v": like({"k": 1})}), "expected a string, number or boolean"),
    (lambda: xml_element("a", ns=5), "ns must be a namespace URI"),
    (lambda: xml_element("a", attrs={1: "x"}), "attribute names must be non-empty strings"),
    (lambda: xml_element("a", nsmap={"p": 3}), "must be a namespace URI"),
    (lambda: xml_element("{urn:x}a", ns="urn:y"), "differs from ns"),
])
def test_bad_input_is_a_usage_error(make, message):
    with pytest.raises(UsageError, match=message):
        make()


def test_same_named_siblings_with_different_rules_are_refused():
    body = xml_element("r", xml_element("i", text=integer(1)), xml_element("i", text=regex("a+", "aa")))
    with pytest.raises(UsageError, match=r"different rules at \$\.r\.i\['#text'\]"):
        body.extract()


def test_is_xml_and_extract_xml_reject_other_values():
    assert is_xml(xml_element("a")) and not is_xml({"a": 1}) and not is_xml("<a/>")
    with pytest.raises(UsageError, match="expected xml_element"):
        extract_xml({"a": 1})


def test_engine_accepts_other_values_of_the_right_types(match):
    actual = ('<users count="3"><user id="42" born="2021-03-04"><name>Zed</name></user>'
              '<user id="7" born="1999-12-31"><name>Q</name></user>'
              '<user id="8" born="2000-01-01"><name>R</name></user></users>')
    assert match(users_body(), actual) == []
    assert match(users_body(), actual, strict=True) == []


def test_engine_reports_wrong_types_at_the_xml_paths(match):
    actual = ('<users count="many"><user id="42" born="2021-03-04"><name>Zed</name></user>'
              '<user id="x" born="31/12/1999"><name>Q</name></user></users>')
    found = match(users_body(), actual)
    # the second of the repeated <user> elements is the wrong one: its index is in the path
    assert sorted(m.path for m in found) == ["$.users.user[1]['@born']", "$.users.user[1]['@id']",
                                             "$.users['@count']"]
    assert {m.rule for m in found} == {"integer", "date"}


def test_engine_requires_at_least_one_repeated_element(match):
    found = match(users_body(), '<users count="0"></users>')
    assert found and "user" in found[0].message


def test_engine_applies_namespaced_rules_whatever_the_prefix(match):
    body = xml_element("soap:Envelope", xml_element("soap:Body", xml_element(
        "price", attrs={"currency": regex("[A-Z]{3}", "EUR")}, text=decimal(9.5))), ns=SOAP)
    ok = f'<e:Envelope xmlns:e="{SOAP}"><e:Body><price currency="USD">12.25</price></e:Body></e:Envelope>'
    assert match(body, ok) == []
    bad = ok.replace("USD", "dollars").replace("12.25", "twelve")
    assert sorted(m.path for m in match(body, bad)) == [
        f"$['{SOAP}:Envelope']['{SOAP}:Body'].price['#text']",
        f"$['{SOAP}:Envelope']['{SOAP}:Body'].price['@currency']",
    ]
    other_ns = ok.replace(SOAP, "urn:other")
    assert match(body, other_ns)


def test_values_without_matchers_must_be_equal(match):
    body = xml_element("a", xml_element("b", text="fixed"), attrs={"k": "v"})
    assert match(body, '<a k="v"><b>fixed</b></a>') == []
    assert [m.path for m in match(body, '<a k="w"><b>other</b></a>')] == ["$.a['@k']", "$.a.b['#text']"]
