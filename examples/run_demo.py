"""The demo: example consumers write pacts, example providers are verified, results printed."""

from __future__ import annotations

import sys


def main() -> int:
    from polypact.plugins import plugin_statuses
    from polypact.registry import get_registry

    registry = get_registry()
    for status in plugin_statuses(registry.pm):
        print(f"plugin {status.name}: {status.status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
