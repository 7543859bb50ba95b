"""The example GraphQL consumer: a tiny blog client over urllib (no GraphQL library).

It writes its queries its own way (fragments, its own field order and formatting); the
contract tests show polypact matching them by meaning against the queries in the pact.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any

USER_FIELDS = """
fragment UserFields on User {
  name
  id
}
"""

USER_QUERY = """
# The profile page needs a user and the titles of their posts.
query User($id: ID!) {
  user(id: $id) {
    ...UserFields
    posts { title }
  }
}
""" + USER_FIELDS

CREATE_POST = """
mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { id, title, author { name } }
}
"""


class GraphQLRequestError(Exception):
    """The service answered with GraphQL errors."""

    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors
        super().__init__("; ".join(str(e.get("message")) for e in errors))


@dataclass
class Profile:
    """What the profile page shows."""

    id: str
    name: str
    post_titles: list[str]


class BlogClient:
    """Calls the blog service's GraphQL endpoint at ``base_url + path``."""

    def __init__(self, base_url: str, path: str = "/graphql", timeout: float = 10.0):
        self.endpoint = base_url.rstrip("/") + path
        self.timeout = timeout

    def _call(self, query: str, variables: dict[str, Any], operation: str) -> dict[str, Any]:
        payload = json.dumps({"query": query, "variables": variables,
                              "operationName": operation}).encode("utf-8")
        request = urllib.request.Request(self.endpoint, data=payload, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
        if body.get("errors"):
            raise GraphQLRequestError(body["errors"])
        return body["data"]

    def profile(self, user_id: str) -> Profile:
        """The profile of one user (raises :class:`GraphQLRequestError` when unknown)."""
        user = self._call(USER_QUERY, {"id": user_id}, "User")["user"]
        return Profile(user["id"], user["name"], [p["title"] for p in user["posts"]])

    def publish(self, author_id: str, title: str, body: str | None = None) -> str:
        """Publish a post; returns its id."""
        data = self._call(CREATE_POST, {"input": {"authorId": author_id, "title": title,
                                                  "body": body}}, "CreatePost")
        return data["createPost"]["id"]
