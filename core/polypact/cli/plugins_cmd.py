"""``polypact plugins``: what plugins were found, their status, hooks and registrations."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def plugin_report(registry: Any, *, include_all: bool = False, hook: str | None = None) -> list[dict[str, Any]]:
    """One dict per plugin: name, distribution, version, status, reason, module, hooks
    implemented and what it registered (loaded plugins only unless ``include_all``)."""
    from polypact.plugins import hooks_implemented, plugin_statuses

    rows = []
    for st in plugin_statuses(registry.pm):
        if st.status != "loaded" and not include_all:
            continue
        loaded = st.status == "loaded" and st.plugin is not None
        hooks = hooks_implemented(registry.pm, st.plugin) if loaded else []
        if hook is not None and hook not in hooks:
            continue
        rows.append({
            "name": st.name,
            "distribution": st.distribution,
            "version": st.version,
            "status": st.status,
            "reason": st.reason,
            "module": st.module,
            "hooks": hooks,
            "registered": registry.registered_by(st.name) if loaded else {},
        })
    return rows


def format_report(rows: list[dict[str, Any]]) -> str:
    """The human-readable form of :func:`plugin_report`."""
    lines = []
    for row in rows:
        dist = f"({row['distribution']} {row['version']})" if row["distribution"] else "(not installed)"
        head = f"{row['name']} {dist}: {row['status']}"
        if row["reason"]:
            head += f": {row['reason']}"
        lines.append(head)
        if row["module"]:
            lines.append(f"  module: {row['module']}")
        if row["hooks"]:
            lines.append(f"  hooks: {', '.join(row['hooks'])}")
        for kind, keys in row["registered"].items():
            lines.append(f"  {kind.replace('_', ' ')}: {', '.join(keys)}")
    return "\n".join(lines)


class PluginsCommand:
    """List installed polypact plugins."""

    help = "list plugins: status, hooks implemented, what they registered"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact plugins``."""
        parser.add_argument("--all", action="store_true", help="include blocked and failed plugins")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--hook", metavar="HOOK", help="only plugins implementing this hook")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Print the plugin list; always 0."""
        rows = plugin_report(registry, include_all=args.all, hook=args.hook)
        if args.json:
            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        else:
            sys.stdout.write(format_report(rows) + "\n")
        return 0
