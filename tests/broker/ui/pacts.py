"""Pact documents for the UI tests: written by polypact's own plugins through the public
DSL (HTTP, GraphQL, SOAP, messages), hand-written V2/V3 pacts, and the Pact protobuf
plugin's gRPC pacts from the shared folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PLUGIN_PACTS, REPO

WSDL = REPO / "examples" / "soap" / "users_soap_provider" / "users.wsdl"
SCHEMA = REPO / "examples" / "graphql" / "blog_graphql_provider" / "schema.graphql"
GRAPHQL_QUERY = "query User($id: ID!) { user(id: $id) { id name posts { title } } }"


def dsl_pact(pact_dir: Path, consumer: str = "web", provider: str = "svc") -> dict[str, Any]:
    """A V4 pact with one interaction of each kind polypact's plugins write: HTTP,
    GraphQL, SOAP, an asynchronous and a synchronous message."""
    polypact = pytest.importorskip("polypact")
    for plugin in ("polypact_graphql", "polypact_soap", "polypact_message"):
        pytest.importorskip(plugin, reason=f"{plugin} writes part of the test pact")
    from polypact import each_like, integer, like, regex

    pact = polypact.Pact(consumer, provider, pact_dir=pact_dir)
    (pact.upon_receiving("a request for user 1").given("user 1 exists", id=1)
        .with_request("GET", "/users/1", query={"fields": "name"},
                      headers={"Accept": "application/json"})
        .will_respond_with(200, headers={"X-Trace": "abc"},
                           body={"id": integer(1), "name": like("Ann"),
                                 "email": regex(r"[^@]+@[^@]+", "ann@example.com")}))
    (pact.upon_receiving("a query for the profile of user 1").given("user 1 has posts")
        .with_graphql(GRAPHQL_QUERY, variables={"id": like("1")}, operation_name="User",
                      schema=SCHEMA)
        .will_respond_with_graphql(data={"user": {"id": like("1"), "name": like("Ann"),
                                                  "posts": each_like({"title": like("Hello")})}}))
    (pact.upon_receiving("a SOAP request for user 1").given("user 1 exists")
        .with_soap(wsdl=WSDL, operation="GetUser", body={"id": 1})
        .will_respond_with_soap(body={"user": {"id": integer(1), "name": like("Ann")}}))
    pact.write()
    messages = polypact.Pact(consumer, provider, pact_dir=pact_dir)
    (messages.expects_to_receive("an order created event").given("an order exists", id=5)
        .with_content({"id": like(5), "total": 9.5}).with_metadata(topic="orders"))
    (messages.expects_to_receive_sync("a price request")
        .with_request_message({"sku": "A-1"}, metadata={"queue": "prices"})
        .will_respond_with_message({"price": like(10)}))
    return json.loads(messages.write().read_text(encoding="utf-8"))


def v2_pact() -> dict[str, Any]:
    """A V2 pact: query as a string, flat matching rules, a single provider state."""
    return {
        "consumer": {"name": "old-web"}, "provider": {"name": "old-api"},
        "interactions": [{
            "description": "a legacy search", "providerState": "items exist",
            "request": {"method": "get", "path": "/search", "query": "q=shoes&page=2",
                        "headers": {"Accept": "application/json"}},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                         "body": {"items": [{"id": 7}]},
                         "matchingRules": {"$.body.items": {"min": 1, "match": "type"},
                                           "$.headers.Content-Type": {"regex": "json"}}},
        }],
        "metadata": {"pactSpecification": {"version": "2.0.0"}},
    }


def v3_message_pact() -> dict[str, Any]:
    """A V3 message pact (a ``messages`` array, XML and text contents)."""
    return {
        "consumer": {"name": "listener"}, "provider": {"name": "publisher"},
        "messages": [
            {"description": "an XML stock update", "providerStates": [{"name": "stock", "params": {"sku": "A"}}],
             "contents": "<stock><sku>A</sku><count>3</count></stock>",
             "metadata": {"contentType": "application/xml"},
             "matchingRules": {"body": {"$.stock.count": {"matchers": [{"match": "integer"}]}}}},
            {"description": "a plain text note", "contents": "hello\nworld",
             "metadata": {"contentType": "text/plain"}},
        ],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
    }


def grpc_pact(name: str = "area-calculator-grpc.json") -> dict[str, Any]:
    """A gRPC pact written by the Pact protobuf plugin (shared, read-only)."""
    path = PLUGIN_PACTS / name
    if not path.is_file():
        pytest.skip(f"the shared plugin pacts are not available ({path})")
    return json.loads(path.read_text(encoding="utf-8"))
