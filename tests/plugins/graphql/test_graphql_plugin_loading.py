"""The plugin loads cheaply and reports clearly when graphql-core is missing."""

from __future__ import annotations

import json

from tests.plugins.plugin_support import hide_module, run_python, status_without

HIDE_GRAPHQL = hide_module("graphql")


def test_loading_the_plugin_does_not_import_graphql_core():
    out = run_python("import sys, json\n"
                     "from polypact.plugins import get_plugin_manager\n"
                     "from polypact.registry import Registry\n"
                     "Registry(get_plugin_manager())\n"
                     "print(json.dumps('graphql' in sys.modules))")
    assert json.loads(out) is False


def test_missing_graphql_core_marks_the_plugin_unavailable():
    status, reason = status_without("graphql", "graphql")
    assert status == "failed"
    assert reason == "unavailable: missing module 'graphql' (install polypact[graphql])"


def test_import_error_names_the_module():
    out = run_python(HIDE_GRAPHQL + "import importlib.util\n"
                     "importlib.util.find_spec = lambda name, *a: None if name == 'graphql' else 1\n"
                     "try:\n    import polypact_graphql.plugin\nexcept ImportError as e:\n"
                     "    print(e.name, '|', e)\n")
    name, message = out.strip().split(" | ")
    assert name == "graphql"
    assert "pip install polypact[graphql]" in message
