"""Nested rules read as the reference reads them: ``arrayContains`` variants hold a body
category (``{path: {"combine", "matchers"}}``), ``eachKey``/``eachValue`` a list of matcher
definitions. Pacts written by polypact's own DSL and the compat fixtures read back strictly,
are written back unchanged, and still match."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from polypact import Pact, array_containing, integer, regex
from polypact.errors import MatcherDefinitionError
from polypact.matching import match_response
from polypact.model import Body, HttpResponse
from polypact.pactfile import dumps_pact, loads_pact, parse_matching_rules, read_pact
from polypact.registry import Registry
from polypact.testing import registry_with, use_registry

from tests.conftest import COMPAT_SUITE

FIXTURES = COMPAT_SUITE / "fixtures"


@pytest.fixture
def core_registry() -> Iterator[Registry]:
    """The core's matchers and generators plus the HTTP plugin, as the process registry."""
    with use_registry(registry_with(installed=["http"])) as registry:
        yield registry


def _pact_with_response_rules(rules: dict[str, Any], body: Any) -> dict[str, Any]:
    return {
        "consumer": {"name": "web"}, "provider": {"name": "shop"},
        "interactions": [{
            "type": "Synchronous/HTTP", "description": "the actions",
            "request": {"method": "GET", "path": "/actions"},
            "response": {"status": 200, "headers": {"Content-Type": ["application/json"]},
                         "body": {"content": body, "contentType": "application/json",
                                  "encoded": False},
                         "matchingRules": rules},
        }],
        "metadata": {"pactSpecification": {"version": "4.0"}},
    }


def _response(body: Any) -> HttpResponse:
    return HttpResponse(status=200, headers={"Content-Type": ["application/json"]},
                        body=Body.from_json(body, "application/json"))


def test_dsl_array_containing_pact_reads_back_strictly_and_matches(tmp_path, core_registry):
    pact = Pact("web", "shop", pact_dir=tmp_path, registry=core_registry)
    item = {"name": regex("add-item", "add-item"), "id": integer(1)}
    (pact.upon_receiving("the actions").with_request("GET", "/actions")
         .will_respond_with(200, body={"actions": array_containing([item])}))
    with pact.serve() as mock:
        assert requests.get(f"{mock.url}/actions", timeout=5).status_code == 200
    written = json.loads(pact.path.read_text())

    read = read_pact(pact.path)  # strict: every nested rule is validated

    assert json.loads(dumps_pact(read))["interactions"] == written["interactions"]
    expected = read.interactions[0].response
    good = _response({"actions": [{"other": True}, {"name": "add-item", "id": 7}]})
    assert match_response(expected, good) == []
    bad = _response({"actions": [{"name": "add-item", "id": "seven"}]})
    assert match_response(expected, bad) != []


def test_compat_fixture_array_contains_round_trips_unchanged(core_registry):
    rules = json.loads((FIXTURES / "arraycontains-matcher-v4.json").read_text())
    body = {"actions": [{"name": "add-item", "method": "POST", "href": "/a"},
                        {"name": "delete-item", "method": "DELETE", "href": "/d"}]}
    doc = _pact_with_response_rules(rules, body)

    pact = loads_pact(json.dumps(doc), "arraycontains.json")

    written = json.loads(dumps_pact(pact))
    assert written["interactions"][0]["response"]["matchingRules"] == rules
    expected = pact.interactions[0].response
    reordered = {"actions": [{"name": "delete-item", "method": "DELETE", "href": "/x"},
                             {"name": "add-item", "method": "POST", "href": "/y"}]}
    assert match_response(expected, _response(reordered)) == []
    missing = {"actions": [{"name": "add-item", "method": "POST", "href": "/y"}]}
    assert match_response(expected, _response(missing)) != []


@pytest.mark.parametrize("name", ["eachkey-matcher-v4.json", "eachvalue-matcher-v4.json"])
def test_compat_fixture_each_key_and_each_value_read_strictly(name, core_registry):
    rules = json.loads((FIXTURES / name).read_text())
    pact = loads_pact(json.dumps(_pact_with_response_rules(rules, {"one": "two"})), name)
    written = json.loads(dumps_pact(pact))
    assert written["interactions"][0]["response"]["matchingRules"] == rules


def _variant_rules(rules: Any) -> dict[str, Any]:
    return {"body": {"$.actions": {"combine": "AND", "matchers": [
        {"match": "arrayContains", "variants": [{"index": 0, "rules": rules}]}]}}}


def test_bad_regex_inside_a_variant_names_its_json_path(core_registry):
    rules = _variant_rules({"$.name": {"combine": "AND", "matchers": [
        {"match": "regex", "regex": "(["}]}})
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules(rules, source="v.json")
    assert err.value.path == ("$.matchingRules.body['$.actions'].matchers[0].variants[0]"
                              ".rules['$.name'].matchers[0].regex")
    assert err.value.source == "v.json"


def test_unknown_matcher_inside_a_variant_is_refused(core_registry):
    rules = _variant_rules({"$.id": {"combine": "AND", "matchers": [{"match": "bogus"}]}})
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules(rules)
    assert err.value.path.endswith(".variants[0].rules['$.id'].matchers[0].match")


def test_variant_rules_at_the_element_root_are_a_rule_list(core_registry):
    rules = _variant_rules({"combine": "AND", "matchers": [{"match": "type"}]})
    parsed = parse_matching_rules(rules)
    assert parsed.category("body")["$.actions"].rules[0].get("variants")[0]["rules"] == {
        "combine": "AND", "matchers": [{"match": "type"}]}


def test_variant_rules_without_strict_are_kept_as_written(core_registry):
    rules = _variant_rules({"$.id": {"combine": "AND", "matchers": [{"match": "regex", "regex": "("}]}})
    parsed = parse_matching_rules(rules, strict=False)
    variant = parsed.category("body")["$.actions"].rules[0].get("variants")[0]
    assert variant["rules"]["$.id"]["matchers"][0]["regex"] == "("


def test_each_value_rules_must_be_a_list_of_definitions(core_registry):
    rules = {"body": {"$": {"combine": "AND", "matchers": [
        {"match": "eachValue", "rules": {"match": "regex", "regex": "[a-z]+"}}]}}}
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules(rules)
    assert err.value.path.endswith("matchers[0].rules")
