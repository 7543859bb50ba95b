"""The message plugin's hook implementations (entry point ``message``).

Heavy modules are imported inside the hooks so that loading the plugin stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


@hookimpl
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Check every ``--transport message=TARGET`` before the run starts, so a bad target
    is one usage error (exit 2) rather than an error per interaction."""
    from polypact.cli.verify import parse_transport

    from polypact_message.target import resolve_target

    for text in getattr(args, "transport", None) or []:
        name, target = parse_transport(text)
        if name == "message":
            resolve_target(target, label=f"--transport {text!r}")


@hookimpl(trylast=True)
def polypact_provider_state(state: Any, action: str, context: Any) -> dict[str, Any] | None:
    """Count the states of message interactions as handled when no other handler took
    them: the message producer (in-process or behind the endpoint) receives the states
    and their params itself, so a run without state handlers need not warn about them."""
    interaction = getattr(context, "interaction", None)
    registry = getattr(context, "registry", None)
    if interaction is None or registry is None:
        return None
    from polypact.model import AsynchronousMessage, SynchronousMessages

    if not isinstance(interaction, (AsynchronousMessage, SynchronousMessages)):
        return None
    try:
        name = registry.transport_name_for(interaction)
    except Exception:  # noqa: BLE001 - not ours to judge; let the verifier report it
        return None
    return {} if name == "message" else None
