"""Built-in registrations: the ``console``, ``json`` and ``junit`` reporters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polypact.hookspecs import hookimpl


def _lazy(module: str, name: str) -> Callable[[str | None, dict[str, Any]], Any]:
    def factory(destination: str | None, options: dict[str, Any]) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(destination, options)

    factory.__doc__ = f"Create the reporter {module}.{name} (imported on first use)."
    return factory


@hookimpl
def polypact_register_reporters(register: Callable[..., None]) -> None:
    """Register the core's reporters."""
    register("console", _lazy("polypact.reporters.console", "console_reporter"))
    register("json", _lazy("polypact.reporters.json_report", "json_reporter"))
    register("junit", _lazy("polypact.reporters.junit", "junit_reporter"))
