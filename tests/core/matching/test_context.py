"""Rule selection in MatchContext: weighting, cascading, categories."""

from __future__ import annotations

import pytest
from polypact.errors import MatcherDefinitionError
from polypact.matching import MatchContext

from tests.core.matching.conftest import rules


def test_most_specific_rule_wins(ctx):
    c = ctx(rules(**{
        "$": [("type", {})],
        "$.items": [("type", {"min": 1})],
        "$.items[*].id": [("integer", {})],
        "$.items[0].id": [("regex", {"regex": "\\d+"})],
    }))
    assert c.rules_for(("$", "items", 0, "id")).rules[0].kind == "regex"
    assert c.rules_for(("$", "items", 5, "id")).rules[0].kind == "integer"
    assert c.rules_for(("$", "items", 5, "name")).rules[0].get("min") == 1
    assert c.rules_for(("$", "other")).rules[0].kind == "type"


def test_cascaded_flag(ctx):
    c = ctx(rules(**{"$.items": [("type", {"min": 1})]}))
    assert c.resolve(("$", "items")) == (c.rules_for(("$", "items")), False)
    assert c.resolve(("$", "items", 3))[1] is True
    assert c.resolve(("$", "elsewhere")) is None
    assert not c.matcher_is_defined(("$",))


def test_direct_and_type_matcher_queries(ctx):
    c = ctx(rules(**{"$.m": [("values", {})], "$.a": [("type", {})]}))
    assert c.direct_matcher_defined(("$", "m"), {"values"})
    assert not c.direct_matcher_defined(("$", "m", "x"), {"values"})
    assert c.type_matcher_defined(("$", "a", "b"))
    assert not c.type_matcher_defined(("$", "m", "b"))


def test_header_rules_are_case_insensitive(registry):
    c = MatchContext("header", rules(**{"Content-Type": [("regex", {"regex": "x"})]}), registry=registry)
    assert c.rules_for(("$", "content-type")) is not None
    c2 = MatchContext("header", rules(**{"$['X-Trace']": [("regex", {"regex": "x"})]}), registry=registry)
    assert c2.rules_for(("$", "x-trace")) is not None


def test_query_rule_names_need_not_be_paths(registry):
    c = MatchContext("query", rules(**{"user[id]": [("regex", {"regex": "\\d+"})]}), registry=registry)
    assert c.rules_for(("$", "user[id]")) is not None


def test_index_specific_rules_are_not_folded(ctx):
    c = ctx(rules(**{"$.a[1]": [("regex", {"regex": "b"})]}))
    assert c.rules_for(("$", "a", 1)) is not None
    assert c.rules_for(("$", "a", 0)) is None


def test_unknown_matcher_and_bad_path_raise(ctx):
    c = ctx(rules(**{"$.a": [("no-such-matcher", {})]}))
    from polypact.matching import match_json_value

    with pytest.raises(MatcherDefinitionError, match="no-such-matcher"):
        match_json_value({"a": 1}, {"a": 2}, "$", c)
    with pytest.raises(MatcherDefinitionError, match="invalid rule path"):
        ctx(rules(**{"$.a[": [("type", {})]}))


def test_plugin_configuration_comes_from_the_interaction(ctx):
    class Interaction:
        plugin_configuration = {"protobuf": {"descriptorKey": "abc"}}

    assert ctx(interaction=Interaction()).plugin_configuration == {"protobuf": {"descriptorKey": "abc"}}
    assert ctx().plugin_configuration == {}
