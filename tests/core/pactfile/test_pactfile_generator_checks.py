"""Generators are validated when a pact is read (as matching rules are): an unknown type or
a definition the generator refuses is a MatcherDefinitionError naming the file and the JSON
path, not a failure at run time; ``strict=False`` reads them as written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pactfile_support import http_interaction, v4_pact
from polypact.errors import MatcherDefinitionError
from polypact.pactfile import loads_pact, parse_generators, parse_matching_rules
from polypact.registry import Registry
from polypact.testing import registry_with, use_registry

from tests.conftest import COMPAT_SUITE

GENERATOR_FIXTURES = sorted((COMPAT_SUITE / "fixtures").glob("*-generator*.json"))
BAD_GENERATORS = [
    ({"type": "Nope"}, ".type", "unknown generator type 'Nope'"),
    ({"type": "Regex", "regex": "(["}, "", "not a valid regular expression"),
    ({"type": "Date", "format": "yyyy-QQQ-ppp"}, "", "unknown pattern letter 'p'"),
    ({"type": "RandomInt", "min": "a"}, "", "'min' must be an integer"),
    ({"type": "Uuid", "format": "weird"}, "", "'format' must be one of"),
]


@pytest.fixture(autouse=True)
def core_registry() -> Iterator[Registry]:
    """The core's standard matchers and generators as the process registry."""
    with use_registry(registry_with()) as registry:
        yield registry


def _pact_text(generator: dict[str, Any]) -> str:
    interaction = http_interaction(generators={"body": {"$.id": generator}})
    return json.dumps(v4_pact(interaction))


@pytest.mark.parametrize("generator, suffix, reason", BAD_GENERATORS,
                         ids=[g[0]["type"] for g in BAD_GENERATORS])
def test_bad_generator_names_file_and_json_path(generator, suffix, reason):
    with pytest.raises(MatcherDefinitionError) as err:
        loads_pact(_pact_text(generator), "users.json")
    assert err.value.source == "users.json"
    assert err.value.path == "$.interactions[0].response.generators.body['$.id']" + suffix
    assert reason in str(err.value)


@pytest.mark.parametrize("generator", [g[0] for g in BAD_GENERATORS],
                         ids=[g[0]["type"] for g in BAD_GENERATORS])
def test_non_strict_reading_keeps_generators_as_written(generator):
    pact = loads_pact(_pact_text(generator), "users.json", strict=False)
    kept = pact.interactions[0].response.generators.category("body")["$.id"]
    assert kept.to_json() == generator


@pytest.mark.parametrize("fixture", GENERATOR_FIXTURES, ids=lambda p: p.name)
def test_compat_generator_fixtures_pass_strict_reading(fixture: Path):
    doc = json.loads(fixture.read_text())
    generators = parse_generators(doc, source=fixture.name)
    assert generators.categories and all(generators.categories.values())


def test_pathless_generator_is_checked_too():
    with pytest.raises(MatcherDefinitionError) as err:
        parse_generators({"status": {"type": "RandomInt", "min": 5, "max": 1}}, source="g.json")
    assert err.value.path == "$.generators.status"
    assert "greater than 'max'" in str(err.value)


def test_generator_inside_an_array_contains_variant_is_checked():
    rules = {"body": {"$.items": {"combine": "AND", "matchers": [{"match": "arrayContains", "variants": [
        {"index": 0, "rules": {}, "generators": {"$.id": {"type": "RandomInt", "min": "x"}}}]}]}}}
    with pytest.raises(MatcherDefinitionError) as err:
        parse_matching_rules(rules, source="v.json")
    assert err.value.path == ("$.matchingRules.body['$.items'].matchers[0].variants[0]"
                              ".generators['$.id']")


def test_unknown_type_is_accepted_when_no_plugin_registered_generators():
    bare = registry_with(core=False)
    with use_registry(bare):
        pact = loads_pact(_pact_text({"type": "PluginOnly", "x": 1}), "users.json")
    assert pact.interactions[0].response.generators.category("body")["$.id"].kind == "PluginOnly"
