"""Rule-path parsing, weighting and node-path formatting."""

from __future__ import annotations

import pytest
from polypact.errors import MatcherDefinitionError
from polypact.matching.paths import (
    FIELD,
    INDEX,
    ROOT,
    STAR,
    STAR_INDEX,
    RulePath,
    format_path,
    parse_path,
    to_node_path,
)


@pytest.mark.parametrize(
    ("expr", "tokens"),
    [
        ("$", [(ROOT, "$")]),
        ("$.a.b[0].*", [(ROOT, "$"), (FIELD, "a"), (FIELD, "b"), (INDEX, 0), (STAR, "*")]),
        ("$['first name']", [(ROOT, "$"), (FIELD, "first name")]),
        ("$.a[*]", [(ROOT, "$"), (FIELD, "a"), (STAR_INDEX, "*")]),
        ("$.*", [(ROOT, "$"), (STAR, "*")]),
        ("$.user.name.#text", [(ROOT, "$"), (FIELD, "user"), (FIELD, "name"), (FIELD, "#text")]),
        ("$.root.item[*]['@id']", [(ROOT, "$"), (FIELD, "root"), (FIELD, "item"), (STAR_INDEX, "*"), (FIELD, "@id")]),
        ("$.soap:Envelope", [(ROOT, "$"), (FIELD, "soap:Envelope")]),
        ("$['it\\'s']", [(ROOT, "$"), (FIELD, "it's")]),
        ("Content-Type", [(ROOT, "$"), (FIELD, "Content-Type")]),
        ("$.items[12].id", [(ROOT, "$"), (FIELD, "items"), (INDEX, 12), (FIELD, "id")]),
    ],
)
def test_parse_valid_paths(expr, tokens):
    assert list(parse_path(expr)) == tokens


@pytest.mark.parametrize(
    ("expr", "fragment"),
    [
        ("$.", "after '.'"),
        ("$[", "unterminated"),
        ("$['abc", "unterminated string"),
        ("$[abc]", "index must be"),
        ("$['']", "empty names"),
        ("$.a b", "not allowed in an identifier"),
        ("*.a", "must start with '$'"),
        ("$[1", "expected ']'"),
        ("$.a!", "not allowed"),
    ],
)
def test_unparseable_paths_raise_matcher_definition_error(expr, fragment):
    with pytest.raises(MatcherDefinitionError) as info:
        parse_path(expr)
    assert fragment in str(info.value)
    assert expr in str(info.value)  # the error names the path


def test_weights_follow_the_reference_core():
    node = ("$", "animals", 0, "name")
    assert RulePath("$").weight(node) == 2
    assert RulePath("$.animals").weight(node) == 4
    assert RulePath("$.animals[*]").weight(node) == 4
    assert RulePath("$.animals[0]").weight(node) == 8
    assert RulePath("$.animals[1]").weight(node) == 0
    assert RulePath("$.animals[*].name").weight(node) == 8
    assert RulePath("$.*.*.name").weight(node) == 4
    assert RulePath("$.animals[*].name.x").weight(node) == 0  # longer than the node path
    assert RulePath("$.other").weight(node) == 0
    # a star-index never matches a field, a field never matches an index
    assert RulePath("$[*]").weight(("$", "animals")) == 0
    # a digit field (V2 style `$.animals.0`) matches an index
    assert RulePath("$.animals.0").weight(("$", "animals", 0)) == 8


def test_exact_match_is_by_length():
    rp = RulePath("$.a.*")
    assert rp.matches_exactly(("$", "a", "b"))
    assert not rp.matches_exactly(("$", "a", "b", "c"))


@pytest.mark.parametrize(
    ("node", "text"),
    [
        (("$",), "$"),
        (("$", "name"), "$.name"),
        (("$", "first name"), "$['first name']"),
        (("$", "items", 0, "id"), "$.items[0].id"),
        (("$", "a-b"), "$['a-b']"),
        (("$", "it's"), "$['it\\'s']"),
    ],
)
def test_format_path(node, text):
    assert format_path(node) == text


def test_node_path_round_trip_and_rejects_wildcards():
    assert to_node_path("$.items[3]['first name']") == ("$", "items", 3, "first name")
    assert to_node_path(["items", 1]) == ("$", "items", 1)
    with pytest.raises(MatcherDefinitionError):
        to_node_path("$.items[*]")


def test_from_node_path_builds_an_exact_rule_path():
    rp = RulePath.from_node_path(("$", "map", 2), (STAR, "*"))
    assert rp.expr == "$.map[2].*"
    assert rp.matches_exactly(("$", "map", 2, "k"))
