"""The request matcher reached through the core's match_request (as the mock uses it)."""

from __future__ import annotations

import json

import pytest
from polypact.matching import match_request, match_response
from polypact.model import Body, HttpRequest, HttpResponse, Rule, RuleList, SynchronousHttp
from polypact.registry import get_registry

QUERY = "query User($id: ID!) { user(id: $id) { id name } }"


def _interaction(body: dict, *, config: dict | None = None, rules: dict | None = None,
                 content_type: str = "application/json") -> SynchronousHttp:
    request = HttpRequest("POST", "/graphql", headers={"Content-Type": [content_type]},
                          body=Body.from_json(body, content_type))
    for path, kinds in (rules or {}).items():
        request.matching_rules.set("body", path, RuleList([Rule(k) for k in kinds]))
    interaction = SynchronousHttp(description="a query for user 1", request=request)
    interaction.plugin_configuration["graphql"] = {"operation": "User"} if config is None else config
    return interaction


def _actual(body: dict | str, content_type: str = "application/json") -> HttpRequest:
    data = body if isinstance(body, str) else json.dumps(body)
    return HttpRequest("POST", "/graphql", headers={"Content-Type": [content_type]},
                       body=Body.from_bytes(data.encode(), content_type))


def _match(interaction: SynchronousHttp, actual: HttpRequest):
    return match_request(interaction.request, actual, interaction=interaction,
                         registry=get_registry())


def test_plugin_registered_its_matchers():
    registry = get_registry()
    assert registry.owners["content_matchers"]["application/graphql"] == "graphql"
    assert {"with_graphql", "will_respond_with_graphql"} <= set(
        registry.registered_by("graphql")["interaction_builders"])


def test_equivalent_query_matches_through_match_request():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}, "operationName": "User"})
    actual = _actual({"query": "query User($id: ID!) {\n user(id: $id) { ...F } }\n"
                               "fragment F on User { name id }",
                      "variables": {"id": "1"}, "operationName": "User"})
    assert _match(interaction, actual) == []


def test_the_same_text_without_graphql_configuration_is_compared_as_text():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}})
    interaction.plugin_configuration.clear()
    actual = _actual({"query": "query User($id: ID!) { user(id: $id) { name id } }",
                      "variables": {"id": "1"}})
    mismatches = _match(interaction, actual)
    assert [m.path for m in mismatches] == ["$.query"]


def test_query_difference_reports_graphql_path():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}, "operationName": "User"})
    actual = _actual({"query": "query User($id: ID!) { user(id: $id) { id email } }",
                      "variables": {"id": "1"}, "operationName": "User"})
    found = [(m.category, m.path) for m in _match(interaction, actual)]
    assert found == [("graphql", "user.name"), ("graphql", "user.email")]


def test_variables_use_the_usual_matchers_and_paths():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}, "operationName": "User"},
                               rules={"$.variables.id": ["type"]})
    ok = _actual({"query": QUERY, "variables": {"id": "42"}, "operationName": "User"})
    assert _match(interaction, ok) == []
    wrong = _actual({"query": QUERY, "variables": {"id": 42}, "operationName": "User"})
    assert [m.path for m in _match(interaction, wrong)] == ["$.variables.id"]
    extra = _actual({"query": QUERY, "variables": {"id": "1", "x": 1}, "operationName": "User"})
    assert any(m.path.startswith("$.variables") for m in _match(interaction, extra))


def test_variables_without_a_rule_compare_by_equality():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}})
    mismatches = _match(interaction, _actual({"query": QUERY, "variables": {"id": "2"}}))
    assert [m.path for m in mismatches] == ["$.variables.id"]


def test_absent_empty_variables_and_unknown_extensions_are_tolerated():
    interaction = _interaction({"query": "{ users { id } }"}, config={})
    assert _match(interaction, _actual({"query": "{ users { id } }", "variables": None,
                                        "extensions": {"persistedQuery": {"version": 1}}})) == []
    assert _match(interaction, _actual({"query": "{users{id}}", "variables": {}})) == []


def test_unparseable_actual_query_is_one_clear_mismatch():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}})
    mismatches = _match(interaction, _actual({"query": "query User($id: ID!) { user(id: $id) { id ",
                                              "variables": {"id": "1"}}))
    assert len(mismatches) == 1
    assert mismatches[0].path == "$.query"
    assert "the request's GraphQL query is invalid: Expected Name, found <EOF>" in mismatches[0].message
    assert "line 1, column" in mismatches[0].message


def test_operation_selected_by_operation_name():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}, "operationName": "User"})
    two_ops = "query Other { ping } " + QUERY
    assert _match(interaction, _actual({"query": two_ops, "variables": {"id": "1"},
                                        "operationName": "User"})) == []
    # no operationName: the contract's operation is the one run
    assert _match(interaction, _actual({"query": two_ops, "variables": {"id": "1"}})) == []
    other = _match(interaction, _actual({"query": two_ops, "variables": {"id": "1"},
                                         "operationName": "Other"}))
    assert ("(operation)", "graphql") in {(m.path, m.category) for m in other}


def test_body_that_is_not_json_object():
    interaction = _interaction({"query": QUERY})
    mismatches = _match(interaction, _actual("[1, 2]"))
    assert [m.path for m in mismatches] == ["$"]
    assert "expected a JSON object with a GraphQL query" in mismatches[0].message


def test_ignore_typename_from_configuration():
    interaction = _interaction({"query": QUERY, "variables": {"id": "1"}},
                               config={"operation": "User", "ignoreTypename": True})
    actual = _actual({"query": "query User($id: ID!) { user(id: $id) { __typename id name } }",
                      "variables": {"id": "1"}})
    assert _match(interaction, actual) == []


def test_raw_application_graphql_bodies_match_semantically():
    request = HttpRequest("POST", "/graphql", headers={"Content-Type": ["application/graphql"]},
                          body=Body.from_text("{ users { id name } }", "application/graphql"))
    interaction = SynchronousHttp(description="raw", request=request)
    same = HttpRequest("POST", "/graphql", headers={"Content-Type": ["application/graphql"]},
                       body=Body.from_text("query { users { name, id } }", "application/graphql"))
    assert match_request(request, same, interaction=interaction) == []
    other = HttpRequest("POST", "/graphql", headers={"Content-Type": ["application/graphql"]},
                        body=Body.from_text("{ users { name } }", "application/graphql"))
    assert [m.path for m in match_request(request, other, interaction=interaction)] == ["users.id"]


@pytest.mark.parametrize("status", [200])
def test_responses_are_matched_as_ordinary_json(status):
    interaction = _interaction({"query": QUERY})
    interaction.response = HttpResponse(status, {"Content-Type": ["application/json"]},
                                        Body.from_json({"data": {"user": {"id": "1"}}}))
    actual = HttpResponse(status, {"Content-Type": ["application/json"]},
                          Body.from_json({"data": {"user": {"id": "2", "extra": 1}}}))
    mismatches = match_response(interaction.response, actual, interaction=interaction)
    assert [m.path for m in mismatches] == ["$.data.user.id"]


def test_get_query_parameters_matcher_compares_semantically():
    from polypact_graphql.content import GraphQLQueryParamsMatcher

    interaction = SynchronousHttp(description="get")
    interaction.plugin_configuration["graphql"] = {"operation": "User"}

    class Context:
        pass

    context = Context()
    context.interaction = interaction
    expected = {"query": [QUERY], "variables": ['{"id":"1"}'], "operationName": ["User"]}
    same = {"query": ["query User($id: ID!) { user(id: $id) { name, id } }"],
            "variables": ['{ "id": "1" }']}
    matcher = GraphQLQueryParamsMatcher()
    assert matcher.match(expected, same, context) == []
    other = {"query": ["query User($id: ID!) { user(id: $id) { id } }"],
             "variables": ['{"id":"2"}'], "debug": ["1"]}
    assert [(m.category, m.path) for m in matcher.match(expected, other, context)] == [
        ("graphql", "user.name"), ("query", "variables"), ("query", "debug")]
