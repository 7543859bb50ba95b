"""Structural rules of the JSON walk: arrays, maps, cascading, combination, strictness."""

from __future__ import annotations

from polypact.matching import match_json_value

from tests.core.matching.conftest import rules


def paths(mismatches):
    return [m.path for m in mismatches]


def test_no_rules_equality_and_paths(ctx):
    c = ctx()
    found = match_json_value({"a": {"first name": "x", "b": [1, 2]}}, {"a": {"first name": "y", "b": [1, 3]}}, "$", c)
    assert paths(found) == ["$.a['first name']", "$.a.b[1]"]
    assert all(m.rule == "equality" for m in found)


def test_json_number_kinds_are_strict(ctx):
    assert match_json_value({"a": 1}, {"a": 1.0}, "$", ctx())
    assert match_json_value({"a": 1}, {"a": True}, "$", ctx())
    assert not match_json_value({"a": 1.5}, {"a": 1.5}, "$", ctx())


def test_missing_key_reported_once_at_parent(ctx):
    found = match_json_value({"name": "a", "email": "b", "age": 1}, {"name": "a"}, "$", ctx())
    assert len(found) == 1
    assert found[0].path == "$"
    assert found[0].message == "missing keys: email, age"


def test_requests_are_strict_responses_lenient(ctx):
    expected, actual = {"a": 1}, {"a": 1, "extra": 2}
    assert match_json_value(expected, actual, "$", ctx()) == []
    strict = match_json_value(expected, actual, "$", ctx(strict=True))
    assert [m.message for m in strict] == ["Expected a Map with keys [a] but received one with keys [a, extra]"]
    assert match_json_value({}, {"x": 1}, "$", ctx(strict=True))
    assert match_json_value({}, {"x": 1}, "$", ctx()) == []


def test_arrays_without_rules_need_same_length(ctx):
    assert match_json_value([1, 2], [1, 2, 3], "$", ctx())
    missing = match_json_value([1, 2], [1], "$", ctx())
    assert [m.path for m in missing] == ["$"] and "index 1" in missing[0].message
    assert match_json_value([], [1], "$", ctx())


def test_each_like_min_matches_every_element_against_the_first(ctx):
    c = ctx(rules(**{"$.items": [("type", {"min": 1})]}))
    expected = {"items": [{"id": 1, "name": "x"}]}
    assert match_json_value(expected, {"items": [{"id": 5, "name": "y"}, {"id": 6, "name": "z"}]}, "$", c) == []
    bad = match_json_value(expected, {"items": [{"id": 5, "name": "y"}, {"id": "6", "name": "z"}]}, "$", c)
    assert paths(bad) == ["$.items[1].id"]
    short = match_json_value(expected, {"items": []}, "$", c)
    assert [(m.path, m.message) for m in short] == [("$.items", "Expected [] (size 0) to have minimum size of 1")]
    missing_key = match_json_value(expected, {"items": [{"id": 5}]}, "$", c)
    assert [m.message for m in missing_key] == ["missing keys: name"]


def test_max_and_min_max(ctx):
    c = ctx(rules(**{"$": [("type", {"min": 1, "max": 2})]}))
    assert match_json_value([1], [1, 2], "$", c) == []
    assert match_json_value([1], [1, 2, 3], "$", c)[0].message == "Expected [1, 2, 3] (size 3) to have maximum size of 2"
    assert "minimum size of 1" in match_json_value([1], [], "$", c)[0].message


def test_type_cascades_to_children_and_nested_arrays(ctx):
    c = ctx(rules(**{"$": [("type", {})]}))
    expected = {"a": "x", "b": {"c": 1, "list": [1]}}
    assert match_json_value(expected, {"a": "y", "b": {"c": 9, "list": [2, 3, 4]}}, "$", c) == []
    assert paths(match_json_value(expected, {"a": 1, "b": {"c": 9, "list": [2]}}, "$", c)) == ["$.a"]


def test_equality_resets_cascading(ctx):
    c = ctx(rules(**{"$": [("type", {})], "$.b.c": [("equality", {})]}))
    expected = {"a": "x", "b": {"c": 1}}
    assert match_json_value(expected, {"a": "other", "b": {"c": 1}}, "$", c) == []
    assert paths(match_json_value(expected, {"a": "other", "b": {"c": 2}}, "$", c)) == ["$.b.c"]


def test_values_frees_keys_not_values(ctx):
    c = ctx(rules(**{"$.m": [("values", {})]}), strict=True)
    expected = {"m": {"k1": "v"}}
    assert match_json_value(expected, {"m": {"a": "v", "b": "v"}}, "$", c) == []
    assert paths(match_json_value(expected, {"m": {"a": "v", "b": "w"}}, "$", c)) == ["$.m.b"]


def test_each_value_applies_its_rules_to_every_value(ctx):
    c = ctx(rules(**{"$.m": [("eachValue", {"rules": [{"match": "regex", "regex": "\\d+"}]})]}))
    expected = {"m": {"a": "1"}}
    assert match_json_value(expected, {"m": {"x": "12", "y": "3"}}, "$", c) == []
    assert paths(match_json_value(expected, {"m": {"x": "12", "y": "no"}}, "$", c)) == ["$.m.y"]


def test_each_key_checks_every_actual_key(ctx):
    c = ctx(rules(**{"$.m": [("eachKey", {"rules": [{"match": "regex", "regex": "[a-z]+"}]})]}), strict=True)
    expected = {"m": {"abc": 1}}
    assert match_json_value(expected, {"m": {"abc": 1, "def": 1}}, "$", c) == []
    bad = match_json_value(expected, {"m": {"abc": 1, "D9": 1}}, "$", c)
    assert paths(bad) == ["$.m.D9"] and bad[0].rule == "regex"


def test_array_contains_variants(ctx):
    c = ctx(rules(**{"$.items": [("arrayContains", {"variants": [
        {"index": 0, "rules": {"$.id": {"matchers": [{"match": "integer"}]}}},
        {"index": 1, "rules": {}},
    ]})]}))
    expected = {"items": [{"id": 1, "kind": "a"}, {"id": 2, "kind": "b"}]}
    ok = {"items": [{"id": 2, "kind": "b"}, {"id": 99, "kind": "a"}, {"junk": True}]}
    assert match_json_value(expected, ok, "$", c) == []
    bad = match_json_value(expected, {"items": [{"id": 99, "kind": "a"}]}, "$", c)
    assert len(bad) == 1 and "Variant at index 1" in bad[0].message


def test_not_empty_on_containers(ctx):
    c = ctx(rules(**{"$.a": [("notEmpty", {})]}))
    assert match_json_value({"a": [1]}, {"a": [7, 8]}, "$", c) == []
    assert match_json_value({"a": [1]}, {"a": []}, "$", c)
    c2 = ctx(rules(**{"$.a": [("notEmpty", {})]}))
    assert match_json_value({"a": {"k": 1}}, {"a": {}}, "$", c2)


def test_and_or_combination(ctx):
    either = ctx(rules(**{"$.v": ("OR", [("regex", {"regex": "a+"}), ("regex", {"regex": "b+"})])}))
    both = ctx(rules(**{"$.v": ("AND", [("regex", {"regex": "a+b*"}), ("regex", {"regex": "a*b+"})])}))
    assert match_json_value({"v": "a"}, {"v": "bbb"}, "$", either) == []
    assert match_json_value({"v": "a"}, {"v": "c"}, "$", either)
    assert match_json_value({"v": "a"}, {"v": "ab"}, "$", both) == []
    assert len(match_json_value({"v": "a"}, {"v": "aa"}, "$", both)) == 1


def test_type_mismatch_between_containers(ctx):
    found = match_json_value({"a": {"b": 1}}, {"a": [1]}, "$", ctx(rules(**{"$": [("type", {})]})))
    assert paths(found) == ["$.a"] and "expected an object" in found[0].message


def test_equality_rule_on_a_whole_collection(ctx):
    c = ctx(rules(**{"$.a": [("equality", {})]}))
    assert match_json_value({"a": [1, 2]}, {"a": [1, 2]}, "$", c) == []
    assert match_json_value({"a": [1, 2]}, {"a": [1, 2, 3]}, "$", c)


def test_match_json_value_from_a_sub_path(ctx):
    c = ctx(rules(**{"$.data.items": [("type", {"min": 1})]}))
    found = match_json_value([{"x": 1}], [{"x": 2}, {"x": "s"}], ("$", "data", "items"), c)
    assert paths(found) == ["$.data.items[1].x"]
