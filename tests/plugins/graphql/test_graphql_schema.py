"""Bad input and schema awareness: clear errors at consumer-test time."""

from __future__ import annotations

import graphql
import pytest
from polypact.errors import UsageError
from polypact_graphql.document import (
    GraphQLDocumentError,
    parse_query,
    select_operation,
)
from polypact_graphql.examples import check_response_example
from polypact_graphql.schema import (
    GraphQLSchemaError,
    check_variables,
    deprecated_usages,
    load_schema,
    validate_query,
)


def _op(schema, text, name=None):
    doc = parse_query(text)
    return doc, select_operation(doc, name)


def test_unparseable_query_names_source_line_and_column():
    with pytest.raises(GraphQLDocumentError) as err:
        parse_query("query {\n  user(id: 1 {\n name } }", source="the query of 'x'")
    assert isinstance(err.value, UsageError)
    assert (err.value.line, err.value.column) == (2, 14)
    text = str(err.value)
    assert text.startswith("the query of 'x', line 2, column 14: Expected Name, found '{'")
    assert "user(id: 1 {" in text and "^" in text


def test_type_definitions_are_not_a_query():
    with pytest.raises(GraphQLDocumentError, match="only operations and fragments, found a object type definition"):
        parse_query("type User { id: ID }")


def test_several_operations_need_an_operation_name():
    doc = parse_query("query A { a } query B { b }")
    with pytest.raises(GraphQLDocumentError, match="2 operations .A, B.; operationName must say"):
        select_operation(doc, None)
    with pytest.raises(GraphQLDocumentError, match="operationName 'C' names no operation"):
        select_operation(doc, "C")
    assert select_operation(doc, "B").name.value == "B"


def test_unparseable_sdl_file_names_the_file(tmp_path):
    bad = tmp_path / "broken.graphql"
    bad.write_text("type Query {\n  user(id: ID!): \n}\n", encoding="utf-8")
    with pytest.raises(GraphQLDocumentError) as err:
        load_schema(bad)
    assert str(err.value).startswith(f"{bad}, line 3, column 1: Expected Name, found '}}'")


def test_sdl_with_an_unknown_type_is_refused():
    with pytest.raises(GraphQLSchemaError, match="<schema>: not a valid schema: Unknown type 'Usr'"):
        load_schema("type Query { user: Usr }")


def test_sdl_without_a_query_type_is_refused():
    with pytest.raises(GraphQLSchemaError, match="Query root type must be provided"):
        load_schema("type User { id: ID }")


def test_missing_schema_file(tmp_path):
    with pytest.raises(GraphQLSchemaError, match="cannot read the schema file"):
        load_schema(tmp_path / "nope.graphql")


def test_query_invalid_against_schema_lists_each_problem(schema_path):
    schema, _ = load_schema(schema_path)
    doc = parse_query("query U($id: ID!) { user(id: $id) { nme posts(first: \"x\") { title } } }")
    with pytest.raises(GraphQLSchemaError) as err:
        validate_query(schema, doc, source="the query")
    problems = err.value.problems
    assert any("Cannot query field 'nme' on type 'User'. Did you mean 'name'?" in p for p in problems)
    assert any("Int cannot represent non-integer value: \"x\"" in p for p in problems)
    assert all(p.startswith("line 1, column") for p in problems)


def test_variable_of_the_wrong_type(schema_path):
    schema, _ = load_schema(schema_path)
    doc, op = _op(schema, "query P($n: Int) { users(first: $n) { id } }")
    check_variables(schema, op, {"n": 3})
    with pytest.raises(GraphQLSchemaError) as err:
        check_variables(schema, op, {"n": "three"}, source="q")
    assert "Variable '$n' has invalid value: Int cannot represent non-integer value: 'three'" in str(err.value)


def test_missing_required_input_field(schema_path):
    schema, _ = load_schema(schema_path)
    doc, op = _op(schema, "mutation M($i: CreatePostInput!) { createPost(input: $i) { id } }")
    with pytest.raises(GraphQLSchemaError, match="Variable '.i' has invalid value: Expected value of type 'CreatePostInput' to include required field 'title'"):
        check_variables(schema, op, {"i": {"authorId": "1"}})


def test_response_example_checked_against_selection_and_types(schema_path):
    schema, _ = load_schema(schema_path)
    doc, op = _op(schema, "query { user(id: 1) { id name role posts { title } } }")
    check_response_example(schema, doc, op, {"data": {"user": {
        "id": "1", "name": "Ann", "role": "AUTHOR", "posts": [{"title": "t"}]}}})
    check_response_example(schema, doc, op, {"data": {"user": None},
                                             "errors": [{"message": "not found"}]})
    with pytest.raises(GraphQLSchemaError) as err:
        check_response_example(schema, doc, op, {"data": {"user": {
            "id": 1.5, "role": "KING", "posts": {"title": "t"}, "age": 3}}})
    assert err.value.problems == [
        "data.user.id: a number 1.5 is not a valid ID",
        "data.user.name: selected by the query but missing from the example",
        "data.user.role: 'KING' is not a value of enum Role (AUTHOR, EDITOR)",
        "data.user.posts: expected a list ([Post!]!), got an object",
        "data.user.age: in the example but not selected by the query",
    ]


def test_response_example_on_a_union_uses_typename(schema_path):
    schema, _ = load_schema(schema_path)
    doc, op = _op(schema, "{ search(text: \"a\") { __typename ... on User { name } ... on Post { title } } }")
    check_response_example(schema, doc, op, {"data": {"search": [
        {"__typename": "User", "name": "Ann"}, {"__typename": "Post", "title": "Hi"}]}})
    with pytest.raises(GraphQLSchemaError) as err:
        check_response_example(schema, doc, op, {"data": {"search": [
            {"__typename": "Post", "name": "Ann"}]}})
    assert err.value.problems == [
        "data.search[0].title: selected by the query but missing from the example",
        "data.search[0].name: in the example but not selected by the query",
    ]


def test_errors_member_shape(schema_path):
    schema, _ = load_schema(schema_path)
    doc, op = _op(schema, "{ users { id } }")
    with pytest.raises(GraphQLSchemaError, match=r"errors\[0\]: an error needs a string 'message'"):
        check_response_example(schema, doc, op, {"data": None, "errors": [{"msg": "x"}]})


def test_deprecated_fields_are_listed(schema_path):
    schema, _ = load_schema(schema_path)
    usages = deprecated_usages(schema, parse_query("{ user(id: 1) { email name } }"))
    assert usages == ["line 1, column 17: The field User.email is deprecated. use contact.email"]
    assert deprecated_usages(schema, parse_query("{ user(id: 1) { name } }")) == []


def test_schema_object_is_accepted_as_is():
    built = graphql.build_schema("type Query { a: Int }")
    assert load_schema(built) == (built, "<schema>")
