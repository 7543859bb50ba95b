"""Consumer tests for ``blog_graphql_client``: each declares a GraphQL operation the client
needs, runs the client (plain urllib) against polypact's mock and, on success, records the
interaction in ``blog-web-blog-graphql.json``.

The client formats its queries its own way (fragments, field order, comments); the
contract's queries below are written differently on purpose: polypact matches them by
meaning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from blog_graphql_client import BlogClient, GraphQLRequestError, Profile
from polypact import Pact, each_like, like

#: The contract these tests write (the ``pact`` fixture of ``examples/conftest.py``).
PACT_BETWEEN = ("blog-web", "blog-graphql")

SCHEMA = Path(__file__).resolve().parents[1] / "blog_graphql_provider" / "schema.graphql"

PROFILE = "query User($id: ID!) { user(id: $id) { id name posts { title } } }"
CREATE_POST = """
mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { id title author { name } }
}"""


def test_profile_of_a_user_with_posts(pact: Pact) -> None:
    """The profile page reads a user and their post titles."""
    (pact.upon_receiving("a query for the profile of user 1")
        .given("user 1 has posts")
        .with_graphql(PROFILE, variables={"id": like("1")}, operation_name="User", schema=SCHEMA)
        .will_respond_with_graphql(data={"user": {
            "id": like("1"),
            "name": like("Ann"),
            "posts": each_like({"title": like("Hello")}),
        }}))
    with pact.serve() as mock:
        profile = BlogClient(mock.url).profile("1")
    assert profile == Profile("1", "Ann", ["Hello"])


def test_profile_of_an_unknown_user(pact: Pact) -> None:
    """An unknown user is a GraphQL error (HTTP 200, ``data.user`` null)."""
    (pact.upon_receiving("a query for the profile of a user that does not exist")
        .given("no users exist")
        .with_graphql(PROFILE, variables={"id": "999"}, operation_name="User", schema=SCHEMA)
        .will_respond_with_graphql(data={"user": None},
                                   errors=[{"message": like("user 999 not found")}]))
    with pact.serve() as mock, pytest.raises(GraphQLRequestError, match="user 999 not found"):
        BlogClient(mock.url).profile("999")


def test_publish_a_post(pact: Pact) -> None:
    """Publishing is a mutation taking an input object."""
    (pact.upon_receiving("a mutation creating a post")
        .given("user 1 exists")
        .with_graphql(CREATE_POST, operation_name="CreatePost", schema=SCHEMA, variables={
            "input": {"authorId": "1", "title": like("Hi"), "body": None}})
        .will_respond_with_graphql(data={"createPost": {
            "id": like("100"), "title": like("Hi"), "author": {"name": like("Ann")}}}))
    with pact.serve() as mock:
        assert BlogClient(mock.url).publish("1", "Hi") == "100"
