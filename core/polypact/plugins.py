"""Plugin discovery and the plugin manager.

:func:`get_plugin_manager` returns a fresh :class:`pluggy.PluginManager` with every plugin
of the ``polypact`` entry-point group loaded, each in its own ``try``; the outcome of each
is kept as a :class:`PluginStatus` (``loaded``, ``blocked`` or ``failed`` with the reason).
Built-in plugins are entry points of the polypact distribution itself, exactly like
third-party ones.

Environment switches:

- ``POLYPACT_DISABLE_PLUGINS=grpc,soap``: block these plugins (by entry-point name).
- ``POLYPACT_LOAD_PLUGINS=core,http``: load only these plugins (allow-list).
- ``POLYPACT_TRACE_PLUGINS=1``: print every hook call to stderr (pluggy tracing).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pluggy

from polypact import hookspecs
from polypact.errors import PluginError

ENTRY_POINT_GROUP = "polypact"


@dataclass
class PluginStatus:
    """What happened to one plugin when the manager was built."""

    name: str
    status: str  # "loaded" | "blocked" | "failed"
    distribution: str | None = None
    version: str | None = None
    reason: str | None = None
    module: str | None = None
    plugin: Any = field(default=None, repr=False)


def _env_list(name: str) -> set[str] | None:
    raw = os.environ.get(name)
    if raw is None:
        return None
    return {p.strip() for p in raw.split(",") if p.strip()}


def get_plugin_manager(
    *,
    entry_points: bool = True,
    extra_plugins: list[tuple[str, Any]] | None = None,
) -> pluggy.PluginManager:
    """Build a fresh plugin manager.

    ``entry_points=False`` skips discovery (tests register exactly what they need through
    ``extra_plugins``, pairs of name and module/object). The statuses are available as
    ``pm.polypact_statuses`` (a list of :class:`PluginStatus`).
    """
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    statuses: list[PluginStatus] = []
    if entry_points:
        statuses.extend(_load_entry_points(pm))
    for name, plugin in extra_plugins or []:
        pm.register(plugin, name=name)
        statuses.append(PluginStatus(name, "loaded", module=getattr(plugin, "__name__", None), plugin=plugin))
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"plugin {exc.plugin!r} implements an unknown hook: {exc}") from exc
    pm.polypact_statuses = statuses  # type: ignore[attr-defined]
    if os.environ.get("POLYPACT_TRACE_PLUGINS"):
        pm.trace.root.setwriter(lambda msg: sys.stderr.write(str(msg)))
        pm.enable_tracing()
    return pm


def _load_entry_points(pm: pluggy.PluginManager) -> list[PluginStatus]:
    disabled = _env_list("POLYPACT_DISABLE_PLUGINS") or set()
    allowed = _env_list("POLYPACT_LOAD_PLUGINS")
    statuses = []
    seen: set[str] = set()
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.name in seen:
            continue
        seen.add(ep.name)
        dist = getattr(ep, "dist", None)
        status = PluginStatus(
            ep.name,
            "loaded",
            distribution=dist.name if dist else None,
            version=dist.version if dist else None,
            module=ep.value,
        )
        statuses.append(status)
        if ep.name in disabled or (allowed is not None and ep.name not in allowed):
            status.status = "blocked"
            status.reason = (
                "disabled by POLYPACT_DISABLE_PLUGINS" if ep.name in disabled
                else "not in POLYPACT_LOAD_PLUGINS"
            )
            pm.set_blocked(ep.name)
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
            status.plugin = plugin
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break polypact
            status.status = "failed"
            status.reason = _failure_reason(ep.name, exc)
    return statuses


def _failure_reason(name: str, exc: BaseException) -> str:
    if isinstance(exc, ImportError) and getattr(exc, "name", None):
        return f"unavailable: missing module {exc.name!r} (install polypact[{name}])"
    return f"{type(exc).__name__}: {exc}"


def plugin_statuses(pm: pluggy.PluginManager) -> list[PluginStatus]:
    """The load outcome of every plugin the manager saw."""
    return list(getattr(pm, "polypact_statuses", []))


def hooks_implemented(pm: pluggy.PluginManager, plugin: Any) -> list[str]:
    """The names of the hooks ``plugin`` implements, sorted."""
    return sorted(h.name for h in pm.get_hookcallers(plugin) or [])
