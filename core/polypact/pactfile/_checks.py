"""Read-time checks shared by the rule and generator readers: the registry whose tables
name the known matchers and generators, and the syntax of body rule paths."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.registry import get_registry

#: Categories whose keys are document paths (``$.a[*].b``); header, query and metadata
#: keys are plain names, and path/status/method have none.
PATH_KEYED_CATEGORIES = frozenset({"body"})


def registry_for(kind: str) -> Any:
    """The process registry when plugins registered at least one ``kind`` (``"matchers"``,
    ``"generators"``); ``None`` (name checks skipped) when none did or the registry cannot
    be built (a broken plugin must not stop pact files from being read)."""
    try:
        registry = get_registry()
        if not registry.tables.get(kind):
            return None
    except Exception:  # noqa: BLE001 - any plugin failure only disables the name check
        return None
    return registry


@lru_cache(maxsize=4096)
def _path_problem(expr: str) -> str | None:
    """Why ``expr`` is not a rule path (``None`` when it parses); cached, as pacts repeat
    the same few paths."""
    from polypact.matching.paths import parse_path

    try:
        parse_path(expr)
    except MatcherDefinitionError as exc:
        return exc.reason
    return None


def check_rule_path(expr: str, category: str, *, source: str | None, path: str) -> None:
    """Refuse a key of a path-keyed ``category`` that is not a valid rule path (``$[[[a``),
    with a :class:`MatcherDefinitionError` naming the file and the JSON path of the key."""
    if category not in PATH_KEYED_CATEGORIES:
        return
    problem = _path_problem(expr)
    if problem is not None:
        raise MatcherDefinitionError(problem, source=source, path=path)
