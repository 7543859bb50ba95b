"""Read-time checks shared by the rule and generator readers: the registry whose tables
name the known matchers and generators."""

from __future__ import annotations

from typing import Any


def registry_for(kind: str) -> Any:
    """The process registry when plugins registered at least one ``kind`` (``"matchers"``,
    ``"generators"``); ``None`` (name checks skipped) when none did or the registry cannot
    be built (a broken plugin must not stop pact files from being read)."""
    try:
        from polypact.registry import get_registry

        registry = get_registry()
        if not registry.tables.get(kind):
            return None
    except Exception:  # noqa: BLE001 - any plugin failure only disables the name check
        return None
    return registry


#: Categories whose keys are document paths (``$.a[*].b``); header, query and metadata
#: keys are plain names, and path/status/method have none.
PATH_KEYED_CATEGORIES = frozenset({"body"})


def check_rule_path(expr: str, category: str, *, source: str | None, path: str) -> None:
    """Refuse a key of a path-keyed ``category`` that is not a valid rule path (``$[[[a``),
    with a :class:`MatcherDefinitionError` naming the file and the JSON path of the key."""
    if category not in PATH_KEYED_CATEGORIES:
        return
    from polypact.errors import MatcherDefinitionError
    from polypact.matching.paths import parse_path

    try:
        parse_path(expr)
    except MatcherDefinitionError as exc:
        raise MatcherDefinitionError(exc.reason, source=source, path=path) from None
