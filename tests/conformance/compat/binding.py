"""Binding one feature file of the suite to test functions, with per-scenario marks.

:func:`bind_feature` creates one test per scenario (pytest-bdd's public ``scenario``
decorator) in the calling test module's namespace, skipping the scenarios listed in
``not_run`` and marking those in ``expected_failures`` ``xfail(strict=True)``, each with its
reason. A listed name that is not a scenario of the feature is an error, so the lists
cannot go stale silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from pytest_bdd import scenario

from .data import FEATURES

_SCENARIO = re.compile(r"^\s*Scenario(?: Outline)?:\s*(.+?)\s*$")


def scenario_names(feature: str) -> list[str]:
    """The scenario names of a feature file (``V1/http_consumer.feature``), in order."""
    path = FEATURES / feature
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _SCENARIO.match(line)
        if m:
            names.append(m.group(1))
    return names


def _python_name(name: str) -> str:
    slug = re.sub(r"[^0-9a-zA-Z_]+", "_", name).strip("_").lower()
    return f"test_{slug}"


def bind_feature(
    namespace: dict[str, Any],
    feature: str,
    *,
    not_run: Mapping[str, str] | None = None,
    expected_failures: Mapping[str, str] | None = None,
) -> list[str]:
    """Put a test for every scenario of ``feature`` into ``namespace`` (a module's
    ``globals()``); returns the scenario names bound."""
    not_run = dict(not_run or {})
    expected_failures = dict(expected_failures or {})
    path = FEATURES / feature
    if not path.is_file():
        reason = f"compatibility suite feature {path} not found"

        @pytest.mark.skip(reason=reason)
        def test_feature_missing() -> None:
            """Placeholder when the shared suite is absent."""

        namespace["test_feature_missing"] = test_feature_missing
        return []
    names = scenario_names(feature)
    stale = (set(not_run) | set(expected_failures)) - set(names)
    if stale:
        raise ValueError(f"{feature}: listed scenarios not in the feature: {sorted(stale)}")
    both = set(not_run) & set(expected_failures)
    if both:
        raise ValueError(f"{feature}: scenarios both skipped and xfailed: {sorted(both)}")
    for name in names:

        def run() -> None:
            """The scenario's steps run through pytest-bdd."""

        test = scenario(str(path), name, features_base_dir=str(path.parent))(run)
        if name in not_run:
            test = pytest.mark.skip(reason=not_run[name])(test)
        elif name in expected_failures:
            test = pytest.mark.xfail(reason=expected_failures[name], strict=True)(test)
        test_name = _python_name(name)
        if test_name in namespace:
            raise ValueError(f"{feature}: two scenarios map to {test_name}")
        namespace[test_name] = test
    return names
