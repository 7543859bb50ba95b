"""The message plugin's hook implementations (entry point ``message``).

Heavy modules are imported inside the hooks so that loading the plugin stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable

from polypact import hookimpl


@hookimpl
def polypact_register_transports(register: Callable[..., None]) -> None:
    """Register the ``message`` transport (asynchronous and synchronous messages)."""
    from polypact_message.transport import MessageTransport

    register("message", MessageTransport())


@hookimpl
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register the message consumer DSL (``pact.expects_to_receive``, ``with_content``,
    ``with_metadata``, ``pact.expects_to_receive_sync``, ``with_request_message``,
    ``will_respond_with_message``, ...) and ``pact.verify`` / ``pact.messages``."""
    from polypact_message.consumer import PACT_METHODS
    from polypact_message.dsl import BUILDERS

    for name, function in {**BUILDERS, **PACT_METHODS}.items():
        register(name, function)
