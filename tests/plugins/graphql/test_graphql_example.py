"""The GraphQL example end to end: its demo step (consumer tests in pytest, pact written,
blog provider verified with ``polypact verify``) passes, so the demo cannot silently rot."""

from __future__ import annotations

import json

from tests.plugins.plugin_support import EXAMPLES, load_demo

EXAMPLE = EXAMPLES / "graphql"


def test_demo_step_writes_and_verifies_the_pact(tmp_path, capsys):
    module = load_demo(EXAMPLE, "polypact_demo_graphql_test")
    assert module.run(tmp_path) is True
    out = capsys.readouterr().out
    assert "3 passed" in out
    assert "3 interaction(s), 3 passed, 0 failed" in out
    doc = json.loads((tmp_path / "blog-web-blog-graphql.json").read_text(encoding="utf-8"))
    assert {i["pluginConfiguration"]["graphql"]["operation"] for i in doc["interactions"]} == {
        "User", "CreatePost"}
