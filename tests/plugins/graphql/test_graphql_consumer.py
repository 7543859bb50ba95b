"""The consumer DSL and the mock: plain urllib clients against polypact's HTTP mock."""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from polypact import Pact, each_like, integer, like
from polypact.errors import ConsumerTestError, UsageError
from polypact.pactfile import read_pact
from polypact_graphql.document import GraphQLDocumentError
from polypact_graphql.schema import GraphQLSchemaError

USER = "query User($id: ID!) { user(id: $id) { id name } }"
POSTS = "query Posts($first: Int) { users(first: $first) { id posts { title } } }"


def post(url: str, body: dict, path: str = "/graphql") -> tuple[int, dict]:
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def pact(tmp_path) -> Pact:
    return Pact("gql-web", "gql-api", pact_dir=tmp_path)


def _user_interaction(pact: Pact, **kwargs) -> None:
    (pact.upon_receiving("a query for user 1").given("user 1 exists")
        .with_graphql(USER, variables={"id": like("1")}, operation_name="User", **kwargs)
        .will_respond_with_graphql(data={"user": {"id": like("1"), "name": like("Ann")}}))


def test_equivalent_query_is_answered_and_pact_written(pact: Pact):
    _user_interaction(pact)
    client_query = """
        # written differently by the client
        query User($id: ID!) { user(id: $id) { ...F } }
        fragment F on User { name, id }"""
    with pact.serve() as mock:
        status, body = post(mock.url, {"query": client_query, "variables": {"id": "7"},
                                       "operationName": "User"})
    assert (status, body) == (200, {"data": {"user": {"id": "1", "name": "Ann"}}})
    written = read_pact(pact.path)
    interaction = written.interactions[0]
    assert interaction.type == "Synchronous/HTTP"
    assert interaction.plugin_configuration == {
        "graphql": {"operation": "User", "operationType": "query"}}
    assert interaction.request.method == "POST" and interaction.request.path == "/graphql"
    assert interaction.request.body.json_value() == {
        "query": USER, "variables": {"id": "1"}, "operationName": "User"}
    assert set(interaction.request.matching_rules.category("body")) == {"$.variables.id"}
    assert set(interaction.response.matching_rules.category("body")) == {
        "$.data.user.id", "$.data.user.name"}


def test_mock_answers_with_the_interaction_whose_operation_matches(pact: Pact):
    _user_interaction(pact)
    (pact.upon_receiving("a query for users and their posts")
        .with_graphql(POSTS, variables={"first": integer(2)}, operation_name="Posts")
        .will_respond_with_graphql(data={"users": each_like(
            {"id": like("1"), "posts": each_like({"title": like("Hello")})})}))
    with pact.serve() as mock:
        _, posts = post(mock.url, {"query": "query Posts($first: Int) { users(first: $first) "
                                            "{ posts { title } id } }",
                                   "variables": {"first": 5}, "operationName": "Posts"})
        _, user = post(mock.url, {"query": USER, "variables": {"id": "1"}, "operationName": "User"})
    assert posts == {"data": {"users": [{"id": "1", "posts": [{"title": "Hello"}]}]}}
    assert user == {"data": {"user": {"id": "1", "name": "Ann"}}}


def test_near_miss_fails_the_test_naming_the_graphql_path(pact: Pact, tmp_path):
    _user_interaction(pact)
    with pytest.raises(ConsumerTestError) as err, pact.serve() as mock:
        status, _ = post(mock.url, {"query": "query User($id: ID!) { user(id: $id) { id email } }",
                                    "variables": {"id": "1"}, "operationName": "User"})
        assert status == 500
    report = str(err.value)
    assert "user.name" in report and "user.email" in report
    assert "missing from the query" in report
    assert not pact.path.exists()


def test_errors_with_matchers_and_status(pact: Pact):
    (pact.upon_receiving("a query for a missing user")
        .with_graphql(USER, variables={"id": "9"}, operation_name="User")
        .will_respond_with_graphql(data={"user": None},
                                   errors=[{"message": like("user 9 not found"),
                                            "path": ["user"]}]))
    with pact.serve() as mock:
        status, body = post(mock.url, {"query": USER, "variables": {"id": "9"}})
    assert status == 200
    assert body == {"data": {"user": None},
                    "errors": [{"message": "user 9 not found", "path": ["user"]}]}
    written = read_pact(pact.path).interactions[0]
    assert "$.errors[0].message" in written.response.matching_rules.category("body")


def test_get_request_with_query_parameters_and_custom_path(pact: Pact):
    (pact.upon_receiving("a GET query")
        .with_graphql("{ users { id } }", method="GET", path="/api/graphql")
        .will_respond_with_graphql(data={"users": [{"id": "1"}]}))
    with pact.serve() as mock:
        url = mock.url + "/api/graphql?" + urllib.parse.urlencode({"query": "{ users { id } }"})
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.loads(response.read()) == {"data": {"users": [{"id": "1"}]}}
    request = read_pact(pact.path).interactions[0].request
    assert (request.method, request.path, request.query) == (
        "GET", "/api/graphql", {"query": ["{ users { id } }"]})
    assert request.body.is_missing


def test_get_query_written_differently_matches_by_meaning(pact: Pact):
    (pact.upon_receiving("a GET query by meaning")
        .with_graphql("query Users { users { id name } }", method="GET")
        .will_respond_with_graphql(data={"users": [{"id": "1", "name": "Ann"}]}))
    with pact.serve() as mock:
        reordered = "# the client's own formatting\nquery Users {\n  users { name id }\n}"
        url = mock.url + "/graphql?" + urllib.parse.urlencode({"query": reordered})
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.loads(response.read())["data"]["users"][0]["name"] == "Ann"


def test_get_query_asking_another_field_fails_with_the_graphql_path(pact: Pact):
    (pact.upon_receiving("a GET query near miss")
        .with_graphql("query Users { users { id name } }", method="GET")
        .will_respond_with_graphql(data={"users": [{"id": "1", "name": "Ann"}]}))
    with pytest.raises(AssertionError) as failure:
        with pact.serve() as mock:
            url = mock.url + "/graphql?" + urllib.parse.urlencode(
                {"query": "query Users { users { id email } }"})
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(url, timeout=10)
    assert "users.email" in str(failure.value) or "users.name" in str(failure.value)
    assert not pact.path.exists()


def test_get_with_variables_writes_them_as_json(pact: Pact):
    builder = pact.upon_receiving("GET with variables").with_graphql(
        USER, variables={"id": "1"}, method="get")
    assert builder.interaction.request.query == {
        "query": [USER], "variables": ['{"id":"1"}']}
    with pytest.raises(UsageError, match="matchers in variables need method='POST'"):
        pact.upon_receiving("GET with matchers").with_graphql(
            USER, variables={"id": like("1")}, method="GET")


def test_ignore_typename_and_extra_headers(pact: Pact):
    (pact.upon_receiving("a query ignoring __typename")
        .with_graphql(USER, variables={"id": "1"}, ignore_typename=True,
                      headers={"Authorization": "Bearer t"})
        .will_respond_with_graphql(data={"user": {"id": "1", "name": "Ann"}}))
    with pact.serve() as mock:
        request = urllib.request.Request(
            mock.url + "/graphql", method="POST",
            data=json.dumps({"query": "query User($id: ID!) { __typename user(id: $id) "
                                      "{ __typename id name } }",
                             "variables": {"id": "1"}}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer t"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    written = read_pact(pact.path).interactions[0]
    assert written.plugin_configuration["graphql"]["ignoreTypename"] is True
    assert written.request.headers["Authorization"] == ["Bearer t"]


# -- bad input: clear errors when the interaction is declared --------------------------
def test_unparseable_query(pact: Pact):
    with pytest.raises(GraphQLDocumentError) as err:
        pact.upon_receiving("broken").with_graphql("query { user(id: 1) { id }")
    assert str(err.value).startswith(
        "the GraphQL query of interaction 'broken', line 1, column 27: Expected Name, found <EOF>")


def test_unparseable_sdl(pact: Pact, tmp_path):
    sdl = tmp_path / "schema.graphql"
    sdl.write_text("type Query {\n  user(id: ID!): User\n", encoding="utf-8")
    with pytest.raises(GraphQLDocumentError, match=rf"^{sdl}, line 3, column 1: Expected Name, found <EOF>"):
        pact.upon_receiving("q").with_graphql(USER, variables={"id": "1"}, schema=sdl)


def test_query_invalid_against_the_schema(pact: Pact, schema_path):
    with pytest.raises(GraphQLSchemaError) as err:
        pact.upon_receiving("q").with_graphql(
            "query User($id: ID!) { user(id: $id) { id nickname } }",
            variables={"id": "1"}, schema=schema_path)
    assert "the GraphQL query of interaction 'q' is invalid against the schema" in str(err.value)
    assert "line 1, column 43: Cannot query field 'nickname' on type 'User'." in str(err.value)


def test_variable_of_the_wrong_type_against_the_schema(pact: Pact, schema_path):
    with pytest.raises(GraphQLSchemaError, match=r"Variable '\$first' has invalid value: Int cannot "
                                                 r"represent non-integer value: 'two'"):
        pact.upon_receiving("q").with_graphql(
            "query P($first: Int) { users(first: $first) { id } }",
            variables={"first": like("two")}, schema=schema_path)


def test_response_example_against_the_schema(pact: Pact, schema_path):
    builder = pact.upon_receiving("q").with_graphql(USER, variables={"id": "1"}, schema=schema_path)
    with pytest.raises(GraphQLSchemaError) as err:
        builder.will_respond_with_graphql(data={"user": {"id": like(1.5), "nickname": "x"}})
    assert err.value.problems == [
        "data.user.id: a number 1.5 is not a valid ID",
        "data.user.name: selected by the query but missing from the example",
        "data.user.nickname: in the example but not selected by the query",
    ]


def test_response_before_request_and_empty_response(pact: Pact):
    with pytest.raises(UsageError, match="call with_graphql"):
        pact.upon_receiving("q").will_respond_with_graphql(data={})
    builder = pact.upon_receiving("r").with_graphql("{ users { id } }")
    with pytest.raises(UsageError, match=r"needs data=\.\.\., errors=\[\.\.\.\] or both"):
        builder.will_respond_with_graphql()
    with pytest.raises(UsageError, match="sent with POST or GET, not PUT"):
        pact.upon_receiving("s").with_graphql("{ users { id } }", method="PUT")


def test_operation_name_must_exist(pact: Pact):
    with pytest.raises(GraphQLDocumentError, match="operationName 'Nope' names no operation"):
        pact.upon_receiving("q").with_graphql(USER, operation_name="Nope")
