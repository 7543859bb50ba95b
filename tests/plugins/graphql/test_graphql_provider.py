"""Provider verification of GraphQL pacts: the example blog provider, a broken one,
deprecation warnings, and the ``polypact verify`` command."""

from __future__ import annotations

import json

import pytest
from blog_graphql_provider import STATE_CHANGE_PATH, BlogService, serve
from polypact import Verifier
from polypact.testing import run_cli
from polypact_graphql.deprecations import ENV_SCHEMA, use_provider_schema


def _verifier(pact_path, app) -> Verifier:
    verifier = Verifier("blog-graphql").add_source(str(pact_path)).transport("http", app)
    for state in ("user 1 exists", "user 1 has posts", "no users exist"):
        verifier.state_handler(state)(lambda params=None, action="setup", _s=state:
                                      app.set_state(_s, params, action))
    return verifier


def test_example_pact_verifies_in_process(blog_pact, blog):
    summary = _verifier(blog_pact, blog).verify()
    assert summary.success, summary.describe_failures()
    assert len(summary.results) == 3
    assert summary.warnings == []


class RenamedField(BlogService):
    """A provider that renamed ``Post.title`` to ``Post.headline`` (a breaking change)."""

    def __init__(self) -> None:
        super().__init__()
        post = self.schema.get_type("Post")
        post.fields = {("headline" if k == "title" else k): v for k, v in post.fields.items()}


class WrongType(BlogService):
    """A provider whose user ids became numbers in responses."""

    def execute(self, query, variables=None, operation_name=None):
        body = super().execute(query, variables, operation_name)
        user = (body.get("data") or {}).get("user")
        if isinstance(user, dict) and "id" in user:
            user["id"] = int(user["id"])
        return body


def test_provider_that_renamed_a_field_fails_with_the_path(blog_pact):
    summary = _verifier(blog_pact, RenamedField()).verify()
    failed = {r.interaction.description: r for r in summary.failures}
    # every interaction selects Post.title: the provider refuses each query as invalid
    assert set(failed) == {"a mutation creating a post", "a query for the profile of user 1",
                           "a query for a user that does not exist"}
    profile = failed["a query for the profile of user 1"]
    assert [m.path for m in profile.mismatches] == ["$", "$.errors"]
    assert "missing keys: data" in profile.mismatches[0].message
    assert ("the provider answered with GraphQL errors the contract does not expect: Cannot "
            "query field 'title' on type 'Post'.") in profile.mismatches[1].message
    assert "Cannot query field 'title'" in summary.describe_failures()


def test_provider_with_a_changed_type_fails_at_the_field(blog_pact):
    summary = _verifier(blog_pact, WrongType()).verify()
    [failure] = summary.failures
    assert failure.interaction.description == "a query for the profile of user 1"
    assert [m.path for m in failure.mismatches] == ["$.data.user.id"]


def test_deprecated_fields_are_warnings_not_failures(blog_pact, schema_path, tmp_path):
    sdl = schema_path.read_text(encoding="utf-8").replace(
        "  name: String!\n  role", '  name: String! @deprecated(reason: "use displayName")\n  role')
    try:
        use_provider_schema(sdl)
        summary = _verifier(blog_pact, BlogService()).verify()
    finally:
        use_provider_schema(None)
    assert summary.success
    profile = next(r for r in summary.results if r.interaction.description.endswith("user 1"))
    assert profile.warnings == [
        "GraphQL: 'a query for the profile of user 1' uses a deprecated part of the provider's "
        "schema (line 1, column 43: The field User.name is deprecated. use displayName)"]
    assert len(summary.warnings) == 3  # one per interaction that selects User.name
    assert all("User.name is deprecated" in w for w in summary.warnings)


@pytest.mark.parametrize("deprecate", [False, True])
def test_polypact_verify_command_against_a_real_server(blog_pact, schema_path, tmp_path,
                                                        monkeypatch, deprecate):
    schema = schema_path
    if deprecate:
        schema = tmp_path / "provider.graphql"
        schema.write_text(schema_path.read_text(encoding="utf-8").replace(
            "  posts(first: Int): [Post!]!", '  posts(first: Int): [Post!]! @deprecated(reason: "paged")'),
            encoding="utf-8")
    monkeypatch.setenv(ENV_SCHEMA, str(schema))
    report = tmp_path / "report.json"
    with serve(BlogService()) as url:
        code, out, err = run_cli(["verify", str(blog_pact), "--provider-base-url", url,
                                  "--state-change-url", url + STATE_CHANGE_PATH,
                                  "--json", str(report), "--no-color"])
    assert code == 0, out + err
    warned = "warning: GraphQL: 'a query for the profile of user 1' uses a deprecated part" in out
    assert warned is deprecate
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["success"] is True
    assert bool(data["warnings"]) is deprecate


def test_graphql_schema_option_of_polypact_verify(blog_pact, schema_path, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_SCHEMA, raising=False)
    schema = tmp_path / "provider.graphql"
    schema.write_text(schema_path.read_text(encoding="utf-8").replace(
        "  posts(first: Int): [Post!]!", '  posts(first: Int): [Post!]! @deprecated(reason: "paged")'),
        encoding="utf-8")
    try:
        with serve(BlogService()) as url:
            code, out, err = run_cli(["verify", str(blog_pact), "--provider-base-url", url,
                                      "--state-change-url", url + STATE_CHANGE_PATH,
                                      "--graphql-schema", str(schema), "--no-color"])
    finally:
        use_provider_schema(None)
    assert code == 0, out + err
    assert "uses a deprecated part" in out
