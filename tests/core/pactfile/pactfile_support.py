"""Fixtures and builders shared by the pact-file tests (imported by each test module)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from polypact import hookimpl
from polypact.plugins import get_plugin_manager
from polypact.registry import Registry, set_registry


class _NoMatchers:
    """A plugin that registers nothing: name checks are skipped, built-in checks remain."""


class _FakeMatchers:
    """Registers a few matchers; ``semver`` refuses rules with a ``strict`` attribute."""

    @staticmethod
    @hookimpl
    def polypact_register_matchers(register: Any) -> None:
        def plain(rule, expected, actual, context):  # pragma: no cover - never matched here
            return None

        def semver(rule, expected, actual, context):  # pragma: no cover - never matched here
            return None

        semver.validate = lambda rule: (  # type: ignore[attr-defined]
            "semver takes no 'strict' attribute" if "strict" in rule.params else None)
        for name in ("type", "regex", "equality", "integer", "include", "date"):
            register(name, plain)
        register("semver", semver)


def _install(plugin: Any) -> Registry:
    registry = Registry(get_plugin_manager(entry_points=False, extra_plugins=[("test", plugin)]))
    set_registry(registry)
    return registry


@pytest.fixture(autouse=True)
def isolated_registry() -> Iterator[Registry]:
    """Every pact-file test runs against a registry with no matchers unless it asks for
    :func:`fake_matchers` (tests never depend on which plugins happen to be installed)."""
    registry = _install(_NoMatchers())
    yield registry
    set_registry(None)


@pytest.fixture
def fake_matchers(isolated_registry: Registry) -> Registry:
    """A registry knowing type, regex, equality, integer, include, date and semver."""
    return _install(_FakeMatchers())


def http_interaction(description: str = "get a user", state: str | None = "a user exists",
                     **response: Any) -> dict[str, Any]:
    """A V4 HTTP interaction as JSON."""
    interaction: dict[str, Any] = {
        "type": "Synchronous/HTTP",
        "description": description,
        "request": {"method": "GET", "path": "/users/1"},
        "response": {"status": 200, "headers": {"Content-Type": ["application/json"]},
                     "body": {"content": {"id": 1, "name": "Ann"},
                              "contentType": "application/json", "encoded": False},
                     **response},
    }
    if state:
        interaction["providerStates"] = [{"name": state}]
    return interaction


def v4_pact(*interactions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A V4 pact document holding ``interactions``."""
    return {"consumer": {"name": "web"}, "provider": {"name": "users"},
            "interactions": list(interactions),
            "metadata": {"pactSpecification": {"version": "4.0"}}, **extra}
