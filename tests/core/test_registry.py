"""The registry: registration through hooks, duplicate keys, media-type lookup."""

from __future__ import annotations

import pytest
from polypact import hookimpl
from polypact.errors import PluginError
from polypact.plugins import get_plugin_manager
from polypact.registry import Registry, media_pattern_score


class _JsonA:
    @staticmethod
    @hookimpl
    def polypact_register_content_matchers(register):
        register("application/json", "A")


class _JsonB:
    @staticmethod
    @hookimpl
    def polypact_register_content_matchers(register):
        register("application/json", "B")


class _Patterns:
    @staticmethod
    @hookimpl
    def polypact_register_content_matchers(register):
        register("*/*", "any")
        register("text/*", "text")
        register("application/*+json", "suffix")
        register("application/json", "exact")


def test_duplicate_registration_names_both_plugins():
    pm = get_plugin_manager(entry_points=False, extra_plugins=[("first", _JsonA), ("second", _JsonB)])
    with pytest.raises(PluginError) as err:
        Registry(pm)
    assert "'first'" in str(err.value) and "'second'" in str(err.value)


def test_most_specific_media_pattern_wins():
    reg = Registry(get_plugin_manager(entry_points=False, extra_plugins=[("p", _Patterns)]))
    assert reg.content_matcher("application/json; charset=utf-8") == "exact"
    assert reg.content_matcher("application/hal+json") == "suffix"
    assert reg.content_matcher("text/plain") == "text"
    assert reg.content_matcher("image/png") == "any"
    assert reg.registered_by("p") == {
        "content_matchers": ["*/*", "application/*+json", "application/json", "text/*"]
    }


def test_media_pattern_scores():
    assert media_pattern_score("application/json", "application/json") == 3
    assert media_pattern_score("application/*+xml", "application/soap+xml") == 2
    assert media_pattern_score("text/*", "text/html") == 1
    assert media_pattern_score("text/*", "application/json") == -1


def test_misspelt_hook_is_an_error():
    class Bad:
        @staticmethod
        @hookimpl
        def polypact_register_matcherz(register):  # misspelt on purpose
            pass

    with pytest.raises(PluginError, match="unknown hook"):
        get_plugin_manager(entry_points=False, extra_plugins=[("bad", Bad)])


class _Selector:
    @staticmethod
    @hookimpl
    def polypact_select_content_matcher(content_type, interaction, part):
        if interaction == "graphql-interaction":
            return "graphql-matcher"
        return None


def test_select_content_matcher_hook_overrides_media_type_for_an_interaction():
    reg = Registry(
        get_plugin_manager(entry_points=False, extra_plugins=[("p", _Patterns), ("s", _Selector)])
    )
    assert reg.content_matcher("application/json", interaction="graphql-interaction") == "graphql-matcher"
    assert reg.content_matcher("application/json", interaction="other") == "exact"
    assert reg.content_matcher("application/json") == "exact"


def test_lazy_objects_import_on_first_use_and_forward_calls_and_attributes():
    import sys

    from polypact.registry import lazy

    sys.modules.pop("json.tool", None)
    decoder = lazy("json:JSONDecoder")
    loads = lazy("json:loads")
    assert loads('{"a": 1}') == {"a": 1}
    assert decoder.decode("[1]") == [1]  # a class is instantiated once
    assert decoder.resolve() is decoder.resolve()
    tool = lazy("json.tool:main")
    assert "json.tool" not in sys.modules
    assert callable(tool.resolve()) and "json.tool" in sys.modules


def test_a_lazy_registry_calls_each_registration_hook_only_when_its_kind_is_used():
    calls = []

    class Counting:
        @staticmethod
        @hookimpl
        def polypact_register_commands(register):
            calls.append("commands")
            register("hello", object())

        @staticmethod
        @hookimpl
        def polypact_register_content_matchers(register):
            calls.append("content")
            register("application/json", "json")

    reg = Registry(get_plugin_manager(entry_points=False, extra_plugins=[("c", Counting)]), eager=False)
    assert calls == []
    assert "hello" in reg.tables["commands"]
    assert calls == ["commands"]
    assert reg.content_matcher("application/json") == "json"
    assert reg.tables.get("content_matchers") == {"application/json": "json"}
    assert calls == ["commands", "content"]
    assert reg.registered_by("c") == {"commands": ["hello"], "content_matchers": ["application/json"]}


def test_a_lazy_registry_still_refuses_duplicates_when_the_kind_is_used():
    reg = Registry(
        get_plugin_manager(entry_points=False, extra_plugins=[("first", _JsonA), ("second", _JsonB)]),
        eager=False,
    )
    with pytest.raises(PluginError) as err:
        reg.content_matcher("application/json")
    assert "'first'" in str(err.value) and "'second'" in str(err.value)
