"""Semantic query comparison: equivalent queries match, near-misses name the GraphQL path."""

from __future__ import annotations

import pytest
from polypact_graphql.compare import compare_operations
from polypact_graphql.normalize import canonical_text, normalize_query

BASE = "query User($id: ID!) { user(id: $id) { id name } }"

# (expected, actual, ignore_typename)
EQUIVALENT = [
    ("whitespace", BASE, "query User($id:ID!){user(id:$id){id name}}", False),
    ("newlines and indentation", BASE,
     "query User($id: ID!) {\n  user(id: $id) {\n    id\n    name\n  }\n}\n", False),
    ("commas are whitespace", BASE, "query User($id: ID!) { user(id: $id) { id, name, } }", False),
    ("comments", BASE,
     "# fetch a user\nquery User($id: ID!) { # root\n user(id: $id) { id # key\n name } }", False),
    ("field order", BASE, "query User($id: ID!) { user(id: $id) { name id } }", False),
    ("argument order", "{ posts(first: 2, after: \"x\") { id } }",
     "{ posts(after: \"x\", first: 2) { id } }", False),
    ("object value field order", "{ posts(filter: {author: \"1\", tag: \"a\"}) { id } }",
     "{ posts(filter: {tag: \"a\", author: \"1\"}) { id } }", False),
    ("block string equals string", "{ search(q: \"hello\") { id } }",
     "{ search(q: \"\"\"hello\"\"\") { id } }", False),
    ("string escapes", "{ search(q: \"caf\\u00e9\") { id } }", "{ search(q: \"café\") { id } }", False),
    ("variable definition order", "query Q($a: Int, $b: String) { f(a: $a, b: $b) }",
     "query Q($b: String, $a: Int) { f(b: $b, a: $a) }", False),
    ("named fragment inlined", BASE,
     "query User($id: ID!) { user(id: $id) { ...UserParts } } fragment UserParts on User { id name }",
     False),
    ("fragment defined before the operation", BASE,
     "fragment P on User { name } query User($id: ID!) { user(id: $id) { id ...P } }", False),
    ("nested fragments", BASE,
     "query User($id: ID!) { user(id: $id) { ...A } } fragment A on User { id ...B } "
     "fragment B on User { name }", False),
    ("inline fragment without type condition", BASE,
     "query User($id: ID!) { user(id: $id) { ... { id name } } }", False),
    ("inline fragment on the field's type", BASE,
     "query User($id: ID!) { user(id: $id) { ... on User { id name } } }", False),
    ("repeated field merged", BASE, "query User($id: ID!) { user(id: $id) { id } user(id: $id) { name } }",
     False),
    ("duplicate leaf field", BASE, "query User($id: ID!) { user(id: $id) { id name id } }", False),
    ("alias order", "{ a: user(id: 1) { id } b: user(id: 2) { id } }",
     "{ b: user(id: 2) { id } a: user(id: 1) { id } }", False),
    ("redundant alias equal to the name", BASE,
     "query User($id: ID!) { user: user(id: $id) { id: id name } }", False),
    ("__typename ignored when asked", BASE,
     "query User($id: ID!) { __typename user(id: $id) { __typename id name } }", True),
    ("shorthand query equals anonymous query", "{ me { id } }", "query { me { id } }", False),
    ("directive argument order", "{ me { id @x(a: 1, b: 2) } }", "{ me { id @x(b: 2, a: 1) } }", False),
    ("fragment directives pushed to its fields", "query Q($f: Boolean!) { me { id @include(if: $f) } }",
     "query Q($f: Boolean!) { me { ... @include(if: $f) { id } } }", False),
    ("union members in any order",
     "{ search { ... on User { name } ... on Post { title } } }",
     "{ search { ... on Post { title } ... on User { name } } }", False),
    ("variable default value formatting", "query Q($n: Int = 10) { posts(first: $n) { id } }",
     "query Q($n:Int=10){posts(first:$n){id}}", False),
]


@pytest.mark.parametrize(("expected", "actual", "ignore"),
                         [c[1:] for c in EQUIVALENT], ids=[c[0] for c in EQUIVALENT])
def test_equivalent_queries_match(expected, actual, ignore):
    exp = normalize_query(expected, ignore_typename=ignore)
    act = normalize_query(actual, ignore_typename=ignore)
    assert compare_operations(exp, act) == []
    assert canonical_text(exp) == canonical_text(act)


def test_there_are_at_least_twenty_equivalent_pairs():
    assert len(EQUIVALENT) >= 20


# (id, expected, actual, [(path, words in the message)])
NEAR_MISSES = [
    ("different field", BASE, "query User($id: ID!) { user(id: $id) { id email } }",
     [("user.name", "missing"), ("user.email", "not by the contract")]),
    ("missing field", BASE, "query User($id: ID!) { user(id: $id) { id } }",
     [("user.name", "missing")]),
    ("extra field", BASE, "query User($id: ID!) { user(id: $id) { id name age } }",
     [("user.age", "not by the contract")]),
    ("different argument value", "{ user(id: 1) { id } }", "{ user(id: 2) { id } }",
     [("user(id:)", "expected 1, got 2")]),
    ("argument literal instead of variable", BASE, "query User($id: ID!) { user(id: 1) { id name } }",
     [("user(id:)", "expected $id, got 1")]),
    ("extra argument", "{ posts { id } }", "{ posts(first: 5) { id } }",
     [("posts(first:)", "not in the contract")]),
    ("operation type", "query Q { ping }", "mutation Q { ping }",
     [("(operation)", "expected a query, got a mutation")]),
    ("operation name", BASE, "query GetUser($id: ID!) { user(id: $id) { id name } }",
     [("(operation)", "named 'User'")]),
    ("variable type", BASE, "query User($id: ID) { user(id: $id) { id name } }",
     [("$id", "expected type ID!, got ID")]),
    ("alias changes the response key", BASE,
     "query User($id: ID!) { user(id: $id) { id fullName: name } }",
     [("user.name", "missing"), ("user.fullName", "not by the contract")]),
    ("same alias, other field", "{ me { label: name } }", "{ me { label: login } }",
     [("me.label", "expected field 'name'")]),
    ("nested field differs", "{ user(id: 1) { posts { title } } }", "{ user(id: 1) { posts { body } } }",
     [("user.posts.title", "missing"), ("user.posts.body", "not by the contract")]),
    ("leaf where an object was expected", "{ user(id: 1) { posts { id } } }", "{ user(id: 1) { posts } }",
     [("user.posts", "expected a selection set")]),
    ("directive dropped", "query Q($f: Boolean!) { me { id @include(if: $f) } }",
     "query Q($f: Boolean!) { me { id } }", [("me.id", "expected directives @include(if: $f)")]),
    ("__typename counts unless ignored", BASE,
     "query User($id: ID!) { user(id: $id) { __typename id name } }",
     [("user.__typename", "not by the contract")]),
    ("union member differs", "{ search { ... on User { name } ... on Post { title } } }",
     "{ search { ... on User { name } ... on Comment { text } } }",
     [("search{on Post}", "no fragment on Post"), ("search{on Comment}", "the contract does not")]),
    ("field inside a fragment differs", BASE,
     "query User($id: ID!) { user(id: $id) { ...F } } fragment F on User { id login }",
     [("user.name", "missing"), ("user.login", "not by the contract")]),
]


@pytest.mark.parametrize(("expected", "actual", "wanted"),
                         [c[1:] for c in NEAR_MISSES], ids=[c[0] for c in NEAR_MISSES])
def test_near_misses_report_the_graphql_path(expected, actual, wanted):
    mismatches = compare_operations(normalize_query(expected), normalize_query(actual))
    found = [(m.path, m.message) for m in mismatches]
    assert [p for p, _ in found] == [p for p, _ in wanted], found
    for (path, words), (_, message) in zip(wanted, found, strict=True):
        assert words in message, (path, message)
    assert all(m.category == "graphql" for m in mismatches)


def test_there_are_at_least_ten_near_misses():
    assert len(NEAR_MISSES) >= 10
