"""Interop: a GraphQL pact written by polypact verifies with pact-python 4.2.0's verifier
(the Rust reference core) against the example blog provider, and fails against a broken
one. pact-python runs with telemetry off and its helper servers on 127.0.0.1
(:mod:`tests.interop.peer`)."""

from __future__ import annotations

import json

import pytest
from blog_graphql_provider import STATE_CHANGE_PATH, BlogService, serve

from tests.interop.peer import reference_verify_http

pytestmark = pytest.mark.interop


def _reference_verify(pact_path, app) -> tuple[bool, str]:
    with serve(app) as url:
        return reference_verify_http("blog-graphql", pact_path, url, url + STATE_CHANGE_PATH)


def test_pact_is_a_plain_http_pact(blog_pact):
    doc = json.loads(blog_pact.read_text(encoding="utf-8"))
    assert "plugins" not in doc["metadata"]
    for interaction in doc["interactions"]:
        assert interaction["type"] == "Synchronous/HTTP"
        assert interaction["request"]["method"] == "POST"
        assert interaction["request"]["body"]["contentType"] == "application/json"
        assert set(interaction["pluginConfiguration"]) == {"graphql"}
        rules = interaction["request"].get("matchingRules", {}).get("body", {})
        assert all(m["match"] in ("type", "equality", "regex", "integer")
                   for r in rules.values() for m in r["matchers"])


def test_reference_verifier_accepts_the_provider(pact_python, blog_pact):
    ok, output = _reference_verify(blog_pact, BlogService())
    assert ok, output
    assert "a query for the profile of user 1" in output


def test_reference_verifier_rejects_a_broken_provider(pact_python, blog_pact):
    class Broken(BlogService):
        def execute(self, query, variables=None, operation_name=None):
            body = super().execute(query, variables, operation_name)
            user = (body.get("data") or {}).get("user")
            if isinstance(user, dict):
                user["name"] = 42  # the contract says a string (type matcher)
            return body

    ok, output = _reference_verify(blog_pact, Broken())
    assert not ok
    assert "$.data.user.name" in output
