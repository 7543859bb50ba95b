"""polypact's message plugin: asynchronous and synchronous message pacts.

Consumer side, through :class:`polypact.Pact` (methods registered by this plugin)::

    (pact.expects_to_receive("an order-placed event")
        .given("order 42 exists", id=42)
        .with_content({"orderId": integer(42)})
        .with_metadata(topic="orders.placed"))
    pact.verify(handle_order_placed)        # or: with pact.messages() as messages: ...

Provider side: ``Verifier(...).transport("message", producers)`` with producers registered
by description (:class:`MessageProducers`), or an http(s) URL of a message endpoint; and
:func:`serve_producers` runs such an endpoint for Python producers.

Public names: :class:`Message`, :class:`MessageProducers`, :class:`SyncExchange`,
:func:`serve_producers`, :class:`MessageEndpoint`, :class:`MessageTransport`.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "Message": ("polypact_message.message", "Message"),
    "MessageProducers": ("polypact_message.producers", "MessageProducers"),
    "SyncExchange": ("polypact_message.exchange", "SyncExchange"),
    "serve_producers": ("polypact_message.server", "serve_producers"),
    "MessageEndpoint": ("polypact_message.server", "MessageEndpoint"),
    "MessageTransport": ("polypact_message.transport", "MessageTransport"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'polypact_message' has no attribute {name!r}")


__all__ = list(_LAZY)
