"""The XML body generator applier: attributes and text by XML path, namespaces by prefix
or URI, safe parsing, and generated bodies that still match their rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from polypact.dsl import datetime, each_like, integer, regex, xml_element
from polypact.generate import CONSUMER, PROVIDER, GeneratorContext
from polypact.generate.apply import apply_generators
from polypact.generate.xml_content import XmlBodyGenerator
from polypact.matching import MatchContext, match_body
from polypact.matching.content.xml_safe import parse_xml
from polypact.model import Body, Generator, Generators, HttpResponse
from polypact.registry import Registry
from polypact.testing import registry_with

NS = "http://example.com/ns"
ONE = Generator("RandomInt", {"min": 999, "max": 999})


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The core plugin alone."""
    return registry_with()


@pytest.fixture
def generate(registry, xml_parser):
    """``generate(xml, {path: generator}, **context)`` -> the generated root element."""

    def run(xml: str, generators: dict, **context):
        ctx = GeneratorContext(registry=registry, **context)
        body = XmlBodyGenerator().apply(Body.from_text(xml, "application/xml"), generators, ctx)
        assert body.content_type == "application/xml"
        return parse_xml(body.content)

    return run


def test_registered_for_xml_media_types(registry):
    for content_type in ("application/xml", "text/xml", "application/soap+xml; charset=utf-8"):
        assert isinstance(registry.content_generator(content_type), XmlBodyGenerator)


def test_attribute_generator_applies_to_every_same_named_element(generate):
    root = generate('<r><i id="1"/><i id="2"/><j id="3"/></r>', {"$.r.i['@id']": ONE})
    assert [(c.tag, c.get("id")) for c in root] == [("i", "999"), ("i", "999"), ("j", "3")]


def test_text_generator_and_leaf_element_path(generate):
    root = generate("<r><a>1</a><b>2</b><c><d/></c></r>",
                    {"$.r.a['#text']": ONE, "$.r.b": ONE, "$.r.c": ONE})
    assert [c.text for c in root] == ["999", "999", None]


def test_index_tokens(generate):
    root = generate('<r><i n="1"/><i n="2"/></r>', {"$.r.i[*]['@n']": ONE})
    assert [c.get("n") for c in root] == ["999", "999"]
    root = generate('<r><i n="1"/><i n="2"/></r>', {"$.r.i[1]['@n']": ONE})
    assert [c.get("n") for c in root] == ["1", "999"]


def test_namespaced_elements_by_prefix_or_uri_and_default_namespace(generate):
    xml = (f'<n:r xmlns:n="{NS}"><n:a n:code="1">5</n:a><plain v="1">2</plain>'
           f'<d xmlns="urn:d">3</d></n:r>')
    root = generate(xml, {"$.n:r.n:a['#text']": ONE, f"$['{NS}:r']['{NS}:a']['@{NS}:code']": ONE,
                          "$.n:r.plain['@v']": ONE, "$.n:r.d['#text']": ONE})
    a, plain, d = list(root)
    assert (a.text, a.get(f"{{{NS}}}code"), plain.get("v"), d.text) == ("999", "999", "999", "999")


def test_prefix_must_name_the_same_namespace(generate):
    xml = f'<r xmlns:n="{NS}" xmlns:m="urn:m"><n:a>1</n:a><a>2</a></r>'
    root = generate(xml, {"$.r.m:a['#text']": ONE})
    assert [c.text for c in root] == ["1", "2"]
    root = generate(xml, {"$.r.a['#text']": ONE})
    assert [c.text for c in root] == ["1", "999"]


def test_prefixes_survive_serialisation(registry, xml_parser):
    xml = f'<n:r xmlns:n="{NS}"><n:a>1</n:a></n:r>'
    ctx = GeneratorContext(registry=registry)
    body = XmlBodyGenerator().apply(Body.from_text(xml, "application/xml"), {"$.n:r.n:a['#text']": ONE}, ctx)
    text = body.text()
    assert text.startswith("<?xml") and "<n:a>999</n:a>" in text and f'xmlns:n="{NS}"' in text


def test_paths_selecting_nothing_leave_the_body_alone(generate):
    root = generate('<r><a x="1">t</a></r>', {"$.other.a['@x']": ONE, "$.r.b['#text']": ONE,
                                             "$.r.a['@y']": ONE, "$": ONE})
    assert (root.tag, root[0].get("x"), root[0].text, root[0].get("y")) == ("r", "1", "t", None)


def test_unparseable_and_unsafe_bodies_are_returned_unchanged(registry, xml_parser):
    ctx = GeneratorContext(registry=registry)
    for text in ("<r><unclosed></r>",
                 '<!DOCTYPE r [<!ENTITY e "boom">]><r a="1">&e;</r>'):
        body = Body.from_text(text, "application/xml")
        assert XmlBodyGenerator().apply(body, {"$.r['@a']": ONE}, ctx) is body


def test_provider_state_only_in_provider_mode(generate):
    gen = {"$.order['@id']": Generator("ProviderState", {"expression": "${id}"}),
           "$.order['#text']": Generator("ProviderState", {"expression": "ref-${id}"})}
    root = generate('<order id="1">ref-1</order>', gen, mode=PROVIDER, provider_state={"id": 42})
    assert (root.get("id"), root.text) == ("42", "ref-42")
    root = generate('<order id="1">ref-1</order>', gen, mode=CONSUMER, provider_state={"id": 42})
    assert (root.get("id"), root.text) == ("1", "ref-1")


def test_datetime_and_regex_generators(generate):
    now = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
    gen = {"$.e['@at']": Generator("DateTime", {"format": "yyyy-MM-dd'T'HH:mm:ssXXX", "expression": "+1 day"}),
           "$.e['#text']": Generator("Regex", {"regex": r"[A-Z]{2}\d{3}"})}
    root = generate('<e at="x">y</e>', gen, now=now)
    assert root.get("at") == "2024-05-07T07:08:09Z"
    assert re.fullmatch(r"[A-Z]{2}\d{3}", root.text)


def test_apply_generators_on_a_response_keeps_headers_and_content_type(registry, xml_parser):
    generators = Generators()
    generators.add("body", "$.r['@n']", ONE)
    response = HttpResponse(200, {"Content-Type": ["application/xml"]},
                            Body.from_text('<r n="1"/>', "application/xml"), generators=generators)
    out = apply_generators(response, GeneratorContext(registry=registry))
    assert parse_xml(out.body.content).get("n") == "999"
    assert out.headers == {"Content-Type": ["application/xml"]}
    assert parse_xml(response.body.content).get("n") == "1"


def test_generated_builder_body_still_matches_its_rules(registry, xml_parser):
    body = xml_element("n:orders", each_like(xml_element(
        "n:order", xml_element("code", text=regex(r"[A-Z]{3}-\d{2}")),
        attrs={"id": integer(1, generate=True), "at": datetime()}), min=3), nsmap={"n": NS})
    found = body.extract()
    ctx = GeneratorContext(registry=registry)
    expected = Body.from_text(found.example, "application/xml")
    generated = XmlBodyGenerator().apply(expected, dict(found.generators), ctx)
    orders = list(parse_xml(generated.content))
    assert len(orders) == 3
    assert [o.get("id") for o in orders] != ["1", "1", "1"]
    assert all(re.fullmatch(r"[A-Z]{3}-\d{2}", o[0].text) for o in orders)
    match_ctx = MatchContext("body", dict(found.rules), allow_unexpected_keys=True, registry=registry)
    assert match_body(expected, generated, match_ctx) == []
