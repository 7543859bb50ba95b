"""The blog service: a GraphQL API (graphql-core) served as a WSGI app.

Endpoint ``/graphql``: ``POST`` with a JSON body ``{"query", "variables",
"operationName"}`` (or an ``application/graphql`` body), or ``GET`` with the same as query
parameters. For contract tests only, ``POST /_pact/provider-states`` takes the Pact
state-change body ``{"state", "params", "action"}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

SCHEMA_PATH = Path(__file__).with_name("schema.graphql")
STATE_CHANGE_PATH = "/_pact/provider-states"
_STATUS = {200: "200 OK", 400: "400 Bad Request", 404: "404 Not Found",
           405: "405 Method Not Allowed"}


class BlogService:
    """The provider: an in-memory store of users and posts behind a GraphQL schema."""

    def __init__(self) -> None:
        from graphql import build_schema

        self.schema = build_schema(SCHEMA_PATH.read_text(encoding="utf-8"))
        self.users: dict[str, dict[str, Any]] = {}
        self.posts: dict[str, dict[str, Any]] = {}
        self._wire_resolvers()

    # -- data -------------------------------------------------------------------------
    def add_user(self, user_id: str, name: str, role: str = "AUTHOR") -> dict[str, Any]:
        """Store a user (its e-mail is derived from its name)."""
        email = f"{name.lower()}@example.com"
        user = {"id": user_id, "name": name, "role": role, "email": email,
                "contact": {"email": email}}
        self.users[user_id] = user
        return user

    def add_post(self, post_id: str, author_id: str, title: str, body: str | None = None) -> dict:
        """Store a post by an existing author."""
        post = {"id": post_id, "title": title, "body": body, "authorId": author_id}
        self.posts[post_id] = post
        return post

    def set_state(self, state: str, params: dict[str, Any] | None = None,
                  action: str = "setup") -> dict[str, Any]:
        """Prepare the store for a provider state (or clear it on teardown)."""
        params = params or {}
        self.users.clear()
        self.posts.clear()
        if action == "teardown":
            return {}
        if state in ("user 1 exists", "user 1 has posts"):
            self.add_user("1", str(params.get("name", "Ann")))
        if state == "user 1 has posts":
            self.add_post("10", "1", "Hello", "First post")
            self.add_post("11", "1", "Again", None)
        return {}

    # -- resolvers --------------------------------------------------------------------
    def _wire_resolvers(self) -> None:
        from graphql import GraphQLError

        def user(_root: Any, _info: Any, id: str) -> dict | None:  # noqa: A002
            found = self.users.get(id)
            if found is None:
                raise GraphQLError(f"user {id} not found", extensions={"code": "NOT_FOUND"})
            return found

        def users(_root: Any, _info: Any, first: int = 10) -> list[dict]:
            return [self.users[k] for k in sorted(self.users, key=int)][:first]

        def post(_root: Any, _info: Any, id: str) -> dict | None:  # noqa: A002
            return self.posts.get(id)

        def search(_root: Any, _info: Any, text: str) -> list[dict]:
            text = text.lower()
            return ([u for u in self.users.values() if text in u["name"].lower()]
                    + [p for p in self.posts.values() if text in p["title"].lower()])

        def user_posts(source: dict, _info: Any, first: int | None = None) -> list[dict]:
            found = [p for p in self.posts.values() if p["authorId"] == source["id"]]
            return found[:first] if first is not None else found

        def post_author(source: dict, _info: Any) -> dict:
            return self.users[source["authorId"]]

        def create_post(_root: Any, _info: Any, input: dict) -> dict:  # noqa: A002
            if input["authorId"] not in self.users:
                raise GraphQLError(f"author {input['authorId']} does not exist",
                                   extensions={"code": "BAD_USER_INPUT"})
            new_id = str(100 + len(self.posts))
            return self.add_post(new_id, input["authorId"], input["title"], input.get("body"))

        schema = self.schema
        schema.query_type.fields["user"].resolve = user
        schema.query_type.fields["users"].resolve = users
        schema.query_type.fields["post"].resolve = post
        schema.query_type.fields["search"].resolve = search
        schema.mutation_type.fields["createPost"].resolve = create_post
        schema.get_type("User").fields["posts"].resolve = user_posts
        schema.get_type("Post").fields["author"].resolve = post_author
        schema.get_type("SearchResult").resolve_type = (
            lambda value, _info, _type: "User" if "name" in value else "Post")

    # -- GraphQL over HTTP ------------------------------------------------------------
    def execute(self, query: str, variables: dict | None = None,
                operation_name: str | None = None) -> dict[str, Any]:
        """Run one GraphQL request and return the response body."""
        from graphql import graphql_sync

        result = graphql_sync(self.schema, query, variable_values=variables,
                              operation_name=operation_name)
        body: dict[str, Any] = {}
        if result.errors:
            body["errors"] = [e.formatted for e in result.errors]
        if result.data is not None or not result.errors:
            body["data"] = result.data
        return body

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """The WSGI entry point."""
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        if path == STATE_CHANGE_PATH and method == "POST":
            payload = _json_body(environ) or {}
            self.set_state(payload.get("state", ""), payload.get("params"),
                           payload.get("action", "setup"))
            return _reply(start_response, 200, {})
        if path != "/graphql":
            return _reply(start_response, 404, {"errors": [{"message": f"no route {path}"}]})
        if method == "GET":
            params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            request = {"query": params.get("query"), "operationName": params.get("operationName"),
                       "variables": json.loads(params["variables"]) if params.get("variables") else None}
        elif method == "POST":
            if environ.get("CONTENT_TYPE", "").startswith("application/graphql"):
                request = {"query": _raw_body(environ).decode("utf-8")}
            else:
                request = _json_body(environ)
        else:
            return _reply(start_response, 405, {"errors": [{"message": "use GET or POST"}]})
        if not isinstance(request, dict) or not isinstance(request.get("query"), str):
            return _reply(start_response, 400, {"errors": [{"message": "no GraphQL query in the request"}]})
        body = self.execute(request["query"], request.get("variables"), request.get("operationName"))
        return _reply(start_response, 200, body)


def _raw_body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


def _json_body(environ: dict[str, Any]) -> Any:
    try:
        return json.loads(_raw_body(environ) or b"null")
    except ValueError:
        return None


def _reply(start_response: Callable[..., Any], status: int, body: Any) -> list[bytes]:
    data = json.dumps(body).encode("utf-8")
    start_response(_STATUS[status], [("Content-Type", "application/json"),
                                     ("Content-Length", str(len(data)))])
    return [data]
