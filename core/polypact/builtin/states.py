"""Built-in provider-state handling: Python callables given to the verifier (placeholder)."""

from __future__ import annotations

from typing import Any

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_provider_state(state: Any, action: str, context: Any) -> dict[str, Any] | None:
    """Run the Python state handler registered for ``state.name``, if any."""
    return None
