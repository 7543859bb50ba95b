"""Property tests: random JSON values and rules give Mismatch lists or MatcherDefinitionError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polypact.errors import MatcherDefinitionError
from polypact.matching import MatchContext, match_json_value
from polypact.matching.mismatch import Mismatch
from polypact.model.rules import Rule, RuleList

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)
kinds = st.sampled_from([
    "equality", "regex", "type", "include", "integer", "decimal", "number", "boolean", "null",
    "date", "time", "datetime", "notEmpty", "semver", "values", "eachKey", "eachValue",
    "arrayContains", "contentType", "bogus",
])
params = st.dictionaries(
    st.sampled_from(["min", "max", "regex", "value", "format", "rules", "variants"]),
    st.integers(-2, 3) | st.text(max_size=6) | st.lists(st.dictionaries(st.sampled_from(["match", "regex"]),
                                                                        st.text(max_size=5), max_size=2), max_size=2),
    max_size=3,
)
segments = st.lists(st.sampled_from([".a", ".b", "[0]", "[*]", ".*", "['x y']", "[1"]), max_size=3)
rule_paths = segments.map(lambda segs: "$" + "".join(segs))
rule_maps = st.dictionaries(rule_paths, st.lists(st.builds(Rule, kinds, params), min_size=1, max_size=2),
                            max_size=3)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(json_values, json_values, rule_maps, st.booleans())
def test_engine_returns_mismatches_or_a_definition_error(registry, expected, actual, rule_map, strict):
    try:
        ctx = MatchContext("body", {p: RuleList(r) for p, r in rule_map.items()},
                           allow_unexpected_keys=not strict, registry=registry)
        found = match_json_value(expected, actual, "$", ctx)
    except MatcherDefinitionError:
        return
    assert isinstance(found, list)
    assert all(isinstance(m, Mismatch) and m.path.startswith("$") for m in found)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_values)
def test_a_value_always_matches_itself(registry, value):
    ctx = MatchContext("body", {}, allow_unexpected_keys=False, registry=registry)
    assert match_json_value(value, value, "$", ctx) == []
