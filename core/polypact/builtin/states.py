"""Built-in provider-state handling: Python callables given to the verifier."""

from __future__ import annotations

from typing import Any

from polypact.hookspecs import hookimpl


@hookimpl(tryfirst=True)
def polypact_provider_state(state: Any, action: str, context: Any) -> dict[str, Any] | None:
    """Run the Python state handler registered for ``state.name``, if any.

    Runs before other plugins' implementations, so a Python handler wins over a
    state-change URL for the states it names.
    """
    handlers = getattr(context, "handlers", None)
    if not handlers:
        return None
    handler = handlers.get(state.name)
    if handler is None:
        return None
    from polypact.verifier.states import run_handler

    return run_handler(handler, state, action, context)
