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
