"""The HTTP plugin's hook implementations (entry point ``http``).

Heavy modules are imported inside the hooks so that loading the plugin stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polypact import hookimpl


@hookimpl
def polypact_register_transports(register: Callable[..., None]) -> None:
    """Register the ``http`` transport (mock server and provider client)."""
    from polypact_http.transport import HttpTransport

    register("http", HttpTransport())


@hookimpl
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register the HTTP consumer DSL (``with_request``, ``will_respond_with``, ...)."""
    from polypact_http.dsl import BUILDERS

    for name, function in BUILDERS.items():
        register(name, function)


@hookimpl
def polypact_register_commands(register: Callable[..., None]) -> None:
    """Register ``polypact stub``."""
    from polypact_http.stub import StubCommand

    register("stub", StubCommand())


@hookimpl
def polypact_provider_state(state: Any, action: str, context: Any) -> dict[str, Any] | None:
    """Set up or tear down ``state`` through the run's state-change URL, if it has one."""
    if not getattr(context, "state_change_url", None):
        return None
    from polypact_http.states import call_state_change_url

    return call_state_change_url(state, action, context)
