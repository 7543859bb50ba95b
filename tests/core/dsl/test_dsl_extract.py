"""The matcher DSL: extraction paths, rule/generator JSON, eager validation."""

from __future__ import annotations

import dataclasses
import re

import pytest
from polypact.dsl import (
    all_of,
    any_of,
    array_containing,
    boolean,
    content_type,
    date,
    datetime,
    decimal,
    each_key,
    each_like,
    each_value,
    equal_to,
    extract,
    extract_value,
    from_provider_state,
    includes,
    integer,
    like,
    mock_server_url,
    not_empty,
    null,
    number,
    random_string,
    regex,
    semver,
    status_code,
    time,
    uuid,
    values,
)
from polypact.errors import UsageError
from polypact.matchers.datetime_validate import validate_datetime
from polypact.model import Generators, MatchingRules


def rules_of(value, **kw):
    return extract(value, **kw).rules_json()


def matchers_at(value, path):
    return rules_of(value)[path]["matchers"]


def test_paths_for_keys_indexes_and_each_like():
    found = extract({
        "a": {"b": integer(1)},
        "first name": like("x"),
        "items": each_like({"id": integer(2), "tags": each_like(like("t"))}),
        "list": [1, regex(r"\d", "5")],
        "it's": like(1),
    })
    assert set(found.rules) == {
        "$.a.b", "$['first name']", "$.items", "$.items[*].id", "$.items[*].tags",
        "$.items[*].tags[*]", "$.list[1]", "$['it\\'s']",
    }
    assert found.example == {"a": {"b": 1}, "first name": "x",
                             "items": [{"id": 2, "tags": ["t"]}], "list": [1, "5"], "it's": 1}


def test_plain_values_give_no_rules_and_are_copied():
    value = {"a": [1, {"b": 2}]}
    found = extract(value)
    assert found.rules == {} and found.generators == {} and found.example == value
    found.example["a"][1]["b"] = 3
    assert value["a"][1]["b"] == 2


@pytest.mark.parametrize("matcher, rule", [
    (like("x"), {"match": "type"}),
    (like([1, 2], min=1, max=3), {"match": "type", "min": 1, "max": 3}),
    (equal_to("OK"), {"match": "equality"}),
    (regex(r"\d+", "12"), {"match": "regex", "regex": r"\d+"}),
    (includes("ell", "hello"), {"match": "include", "value": "ell"}),
    (integer(3), {"match": "integer"}),
    (decimal(2.5), {"match": "decimal"}),
    (number(3), {"match": "number"}),
    (boolean(False), {"match": "boolean"}),
    (null(), {"match": "null"}),
    (date("2024-01-02"), {"match": "date", "format": "yyyy-MM-dd"}),
    (time("10:11", format="HH:mm"), {"match": "time", "format": "HH:mm"}),
    (datetime("2024-01-02T10:11:12Z"), {"match": "datetime", "format": "yyyy-MM-dd'T'HH:mm:ssXXX"}),
    (not_empty("x"), {"match": "notEmpty"}),
    (semver("1.2.3"), {"match": "semver"}),
    (content_type("image/png", b"\x89PNG\r\n\x1a\n"), {"match": "contentType", "value": "image/png"}),
    (status_code("information"), {"match": "statusCode", "status": "info"}),
    (status_code([200, 204]), {"match": "statusCode", "status": [200, 204]}),
    (values({"a": 1}), {"match": "values"}),
])
def test_each_matcher_writes_its_rule(matcher, rule):
    assert matchers_at({"v": matcher}, "$.v") == [rule]


def test_each_like_min_max_copies_and_no_optional_arrays():
    found = extract({"xs": each_like({"n": 1}, min=2, max=4)})
    assert found.example == {"xs": [{"n": 1}, {"n": 1}]}
    assert found.rules_json()["$.xs"]["matchers"] == [{"match": "type", "min": 2, "max": 4}]
    with pytest.raises(UsageError, match="min must be at least 1"):
        each_like({"n": 1}, min=0)
    with pytest.raises(UsageError, match="max must be an integer >= min"):
        each_like(1, min=3, max=2)


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda: like(["x"], min=0), "like(['x'], min=0): min must be at least 1"),
    (lambda: like(["x"], max=0), "like(['x'], max=0): max must be at least 1"),
    (lambda: like(("x",), min=-1), "min must be at least 1"),
    (lambda: like(["x"], min=True), "min must be an integer"),
    (lambda: like(["x", "y"], min=2, max=1), "max must be >= min"),
    (lambda: like("abc", min=0), "like('abc', min=0): min/max apply to arrays only, the example's type is str"),
    (lambda: like(5, max=3), "the example's type is int"),
    (lambda: like({"a": 1}, min=1), "the example's type is dict"),
])
def test_like_refuses_optional_arrays_and_bounds_on_non_arrays(make, fragment):
    with pytest.raises(UsageError) as err:
        make()
    assert fragment in str(err.value), str(err.value)


def test_like_array_bounds_are_written_and_empty_arrays_are_plain():
    assert matchers_at({"v": like(["x"], min=1)}, "$.v") == [{"match": "type", "min": 1}]
    assert matchers_at({"v": like(["x", "y"], max=2)}, "$.v") == [{"match": "type", "max": 2}]
    with pytest.raises(UsageError, match=r"one expecting a plain \[\]"):
        like([], min=0)
    found = extract({"v": []})
    assert found.example == {"v": []} and found.rules == {}


def test_generators_are_collected_at_paths():
    found = extract({
        "id": integer(5, generate=True, min=1, max=9), "price": decimal(1.5, generate=True, digits=4),
        "ok": boolean(True, generate=True), "when": date(expression="+1 day"),
        "uid": uuid(format="URN"), "s": random_string(8), "ps": from_provider_state("${id}", 3),
        "url": mock_server_url(r".*(/a)", "http://x:1/a"), "r": regex(r"[A-Z]{3}"),
    })
    assert found.generators_json() == {
        "$.id": {"type": "RandomInt", "min": 1, "max": 9},
        "$.price": {"type": "RandomDecimal", "digits": 4},
        "$.ok": {"type": "RandomBoolean"},
        "$.when": {"type": "Date", "format": "yyyy-MM-dd", "expression": "+1 day"},
        "$.uid": {"type": "Uuid", "format": "URN"},
        "$.s": {"type": "RandomString", "size": 8},
        "$.ps": {"type": "ProviderState", "expression": "${id}"},
        "$.url": {"type": "MockServerURL", "regex": ".*(/a)", "example": "http://x:1/a"},
        "$.r": {"type": "Regex", "regex": "[A-Z]{3}"},
    }
    assert re.fullmatch(r"[A-Z]{3}", found.example["r"])
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", found.example["uid"])
    assert len(found.example["s"]) == 8
    assert integer(5).generator is None and date("2024-01-01").generator is None


def test_date_examples_are_rendered_from_the_format_and_stable():
    for fmt in ("yyyy-MM-dd", "dd MMM yyyy", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"):
        first, second = date(format=fmt).example, date(format=fmt).example
        assert first == second and validate_datetime(first, fmt) is None
    assert validate_datetime(time().example, "HH:mm:ss") is None
    assert validate_datetime(datetime().example, "yyyy-MM-dd'T'HH:mm:ssXXX") is None


def test_array_containing_writes_variants_with_their_own_rules():
    found = extract({"events": array_containing([{"type": "a", "n": integer(1)},
                                                  {"id": uuid()}])})
    assert found.example == {"events": [{"type": "a", "n": 1},
                                        {"id": "e2490de5-5bd3-43d5-b7c4-526e33f71304"}]}
    rule = found.rules_json()["$.events"]["matchers"][0]
    assert rule["match"] == "arrayContains"
    assert rule["variants"][0] == {"index": 0, "rules": {
        "$.n": {"combine": "AND", "matchers": [{"match": "integer"}]}}}
    assert rule["variants"][1]["generators"] == {
        "$.id": {"type": "Uuid", "format": "lower-case-hyphenated"}}


def test_each_key_each_value_and_values_children():
    found = extract({
        "k": each_key({"a1": "x"}, regex(r"[a-z]\d", "a1")),
        "v": each_value({"x": 1}, [integer(1)]),
        "m": values({"a": integer(1)}),
    })
    rules = found.rules_json()
    assert rules["$.k"]["matchers"] == [{"match": "eachKey", "rules": [{"match": "regex", "regex": r"[a-z]\d"}]}]
    assert rules["$.v"]["matchers"] == [{"match": "eachValue", "rules": [{"match": "integer"}]}]
    assert rules["$.m.*"]["matchers"] == [{"match": "integer"}]
    with pytest.raises(UsageError, match="does not satisfy its own rule"):
        each_key({"A": 1}, regex("[a-z]", "a"))
    with pytest.raises(UsageError, match="does not satisfy its own rule"):
        each_value({"x": "one"}, integer(1))


def test_combinations():
    found = extract({"v": any_of(integer(1), regex(r"\d+", "1"))})
    assert found.rules_json()["$.v"] == {"combine": "OR", "matchers": [
        {"match": "integer"}, {"match": "regex", "regex": r"\d+"}]}
    both = all_of(like("abc"), includes("b", "abc"))
    assert extract(both).rules_json()["$"]["combine"] == "AND"
    with pytest.raises(UsageError, match="does not satisfy"):
        all_of(integer(1), regex("[a-z]+", "a"))
    any_of(integer(1), regex("[a-z]+", "a"))  # one alternative is enough


def test_nested_matchers_merge_rules_at_the_same_path():
    assert matchers_at({"v": like(integer(3))}, "$.v") == [{"match": "type"}, {"match": "integer"}]
    assert matchers_at({"v": like({"n": integer(1)})}, "$.v.n") == [{"match": "integer"}]


@pytest.mark.parametrize("make, fragment", [
    (lambda: regex(r"\d+", "abc"), "the example 'abc' does not satisfy its own matcher"),
    (lambda: integer(1.5), "integer(1.5): the example 1.5 does not satisfy"),
    (lambda: decimal(2), "to be a decimal number"),
    (lambda: number("8"), "to be a number"),
    (lambda: boolean("yes"), "to match a boolean"),
    (lambda: date("2024-02-30"), "date pattern"),
    (lambda: date(format="yyyy-MM-ddTHH"), "unknown pattern letter"),
    (lambda: includes("z", "abc"), "to include 'z'"),
    (lambda: not_empty(""), "to not be empty"),
    (lambda: semver("v1"), "not a valid semantic version"),
    (lambda: status_code("success", 404), "to be a Successful"),
    (lambda: status_code("teapot"), "unknown status class"),
    (lambda: content_type("image/png", b"GIF89a"), "detected contents was 'image/gif'"),
    (lambda: like([1], min=2), "fewer than 2 items"),
    (lambda: regex("(", "x"), "not a valid regular expression"),
    (lambda: uuid("not-a-uuid"), "does not satisfy"),
    (lambda: uuid(format="weird"), "use one of"),
    (lambda: from_provider_state("id", 1), "expression like"),
    (lambda: mock_server_url(r"https://.*", "http://x"), "does not satisfy"),
])
def test_examples_are_validated_eagerly(make, fragment):
    with pytest.raises(UsageError) as err:
        make()
    assert fragment in str(err.value), str(err.value)


def test_matchers_are_immutable():
    m = integer(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.example = 2  # type: ignore[misc]


def test_extract_value_for_single_values():
    assert extract_value("plain") == ("plain", None, None)
    example, rules, generator = extract_value(regex(r"\d+", "12"))
    assert example == "12" and rules.to_json()["matchers"] == [{"match": "regex", "regex": r"\d+"}]
    assert generator is None
    example, rules, generator = extract_value(from_provider_state("/users/${id}", "/users/1"))
    assert generator.to_json() == {"type": "ProviderState", "expression": "/users/${id}"}
    with pytest.raises(UsageError, match="cannot hold nested matchers"):
        extract_value({"a": integer(1)})


def test_base_path_and_adding_to_a_part():
    found = extract({"id": integer(1, generate=True)}, base_path="$")
    rules, generators = MatchingRules(), Generators()
    found.add_to(rules, generators, "body")
    assert rules.category("body")["$.id"].to_json()["matchers"] == [{"match": "integer"}]
    assert generators.category("body")["$.id"].kind == "RandomInt"
    assert set(extract(integer(1), base_path="").rules) == {""}
