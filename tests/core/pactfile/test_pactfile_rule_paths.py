"""Rule and generator paths of the ``body`` category must parse (strict reading): an
unparseable one is refused with the JSON path of the key; header, query and metadata keys
are plain names and are taken as written."""

from __future__ import annotations

import pytest
from pactfile_support import isolated_registry  # noqa: F401
from polypact.errors import MatcherDefinitionError
from polypact.pactfile import parse_generators, parse_matching_rules

TYPE = {"combine": "AND", "matchers": [{"match": "type"}]}


@pytest.mark.parametrize("bad, key", [
    ("$[[[a", "['$[[[a']"), ("$.a.", "['$.a.']"), ("$['open", "['$[\\'open']"),
    ("$.a b", "['$.a b']"),
])
def test_unparseable_v3_body_rule_path_is_refused(bad, key):
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"body": {"$.ok": TYPE, bad: TYPE}}, "3.0", source="p.json")
    assert err.value.source == "p.json"
    assert err.value.path == "$.matchingRules.body" + key
    assert "invalid rule path" in err.value.reason


def test_unparseable_v2_body_rule_path_is_refused():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules({"$.body[[[a": {"match": "type"}}, "2.0")
    assert err.value.path == "$.matchingRules['$.body[[[a']"


def test_unparseable_body_generator_path_is_refused():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_generators({"body": {"$[[[a": {"type": "Uuid"}}})
    assert err.value.path == "$.generators.body['$[[[a']"


def test_unparseable_variant_rule_path_is_refused():
    rules = {"body": {"$.items": {"combine": "AND", "matchers": [{"match": "arrayContains", "variants": [
        {"index": 0, "rules": {"$[[[a": TYPE}}]}]}}}
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules(rules)
    assert err.value.path.endswith(".variants[0].rules['$[[[a']")


@pytest.mark.parametrize("good", [
    "$", "$.a[*].b", "$.a[0]", "$['first name']", "$.*", "a.b",
    "$.root.item[*]['@id']", "$.user.name.#text",
    "$['http://schemas.xmlsoap.org/soap/envelope/:Envelope']['urn:x:Body']",
])
def test_valid_body_paths_are_accepted(good):
    rules = parse_matching_rules({"body": {good: TYPE}})
    assert good in rules.category("body")


def test_header_query_and_metadata_keys_are_plain_names():
    odd = "X Odd[[[name"
    rules = parse_matching_rules({"header": {odd: TYPE}, "query": {odd: TYPE},
                                  "metadata": {odd: TYPE}})
    assert all(odd in rules.category(c) for c in ("header", "query", "metadata"))
    gens = parse_generators({"header": {odd: {"type": "Uuid"}}})
    assert odd in gens.category("header")


def test_non_strict_reading_keeps_unparseable_paths():
    rules = parse_matching_rules({"body": {"$[[[a": TYPE}}, strict=False)
    gens = parse_generators({"body": {"$[[[a": {"type": "Uuid"}}}, strict=False)
    assert "$[[[a" in rules.category("body") and "$[[[a" in gens.category("body")
