"""Fixtures for the matching-engine tests: a registry holding only the core plugin."""

from __future__ import annotations

from typing import Any

import pytest
from polypact.matching import MatchContext
from polypact.model.rules import Rule, RuleList
from polypact.registry import Registry
from polypact.testing import registry_with


@pytest.fixture(scope="session")
def registry() -> Registry:
    """A registry built from the core plugin alone (no entry-point discovery)."""
    return registry_with()


def rules(**paths: Any) -> dict[str, RuleList]:
    """Helper: ``rules(**{"$.a": [("type", {"min": 1})]})``."""
    out = {}
    for path, spec in paths.items():
        combine = "AND"
        if isinstance(spec, tuple) and spec and spec[0] in ("AND", "OR"):
            combine, spec = spec
        out[path] = RuleList([Rule(kind, dict(params)) for kind, params in spec], combine)
    return out


@pytest.fixture
def ctx(registry):
    """Factory: ``ctx(rules_dict, strict=False)`` -> a body MatchContext."""

    def make(rule_map: dict | None = None, *, strict: bool = False, **kw: Any) -> MatchContext:
        return MatchContext("body", rule_map or {}, allow_unexpected_keys=not strict, registry=registry, **kw)

    return make
