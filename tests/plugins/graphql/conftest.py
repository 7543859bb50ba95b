"""Fixtures for the GraphQL plugin tests: the example blog provider and its schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plugins.plugin_support import example_on_path

EXAMPLE = example_on_path("graphql")

SCHEMA_PATH = EXAMPLE / "blog_graphql_provider" / "schema.graphql"


@pytest.fixture
def schema_path() -> Path:
    """The example provider's SDL file."""
    return SCHEMA_PATH


@pytest.fixture
def blog():
    """A fresh example provider (WSGI app)."""
    from blog_graphql_provider import BlogService

    return BlogService()


@pytest.fixture
def blog_pact(tmp_path) -> Path:
    """The example consumer's pact, written by running its consumer scenarios against the
    mock with the example client."""
    from blog_graphql_client import BlogClient, GraphQLRequestError
    from polypact import Pact, each_like, like

    pact = Pact("blog-web", "blog-graphql", pact_dir=tmp_path / "pacts")
    profile = "query User($id: ID!) { user(id: $id) { id name posts { title } } }"
    (pact.upon_receiving("a query for the profile of user 1").given("user 1 has posts")
        .with_graphql(profile, variables={"id": like("1")}, operation_name="User", schema=SCHEMA_PATH)
        .will_respond_with_graphql(data={"user": {
            "id": like("1"), "name": like("Ann"), "posts": each_like({"title": like("Hello")})}}))
    (pact.upon_receiving("a query for a user that does not exist").given("no users exist")
        .with_graphql(profile, variables={"id": "999"}, operation_name="User", schema=SCHEMA_PATH)
        .will_respond_with_graphql(data={"user": None},
                                   errors=[{"message": like("user 999 not found")}]))
    (pact.upon_receiving("a mutation creating a post").given("user 1 exists")
        .with_graphql("mutation CreatePost($input: CreatePostInput!) { createPost(input: $input) "
                      "{ id title author { name } } }", operation_name="CreatePost",
                      schema=SCHEMA_PATH,
                      variables={"input": {"authorId": "1", "title": like("Hi"), "body": None}})
        .will_respond_with_graphql(data={"createPost": {
            "id": like("100"), "title": like("Hi"), "author": {"name": like("Ann")}}}))
    with pact.serve() as mock:
        client = BlogClient(mock.url)
        client.profile("1")
        client.publish("1", "Hi")
        try:
            client.profile("999")
        except GraphQLRequestError:
            pass
    return pact.path
