"""How polypact obtains each message of the contract from the order service.

Each producer builds the message with the service's real code, using the provider
state's parameters to set the scene (an order that exists, stock on hand).
"""

from __future__ import annotations

from typing import Any

from polypact_message import Message, MessageProducers

from order_events.service import Order, OrderService

PRODUCERS = MessageProducers()


@PRODUCERS.producer("an order-placed event")
def order_placed(params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event the service publishes when the order of the provider state is placed."""
    published: list[tuple[dict[str, Any], dict[str, Any]]] = []
    service = OrderService(lambda topic, payload, headers: published.append((payload, headers)))
    order = Order(params.get("id", 1), params.get("customer", "ann"), [("BOOK-1", 2, 12.5)])
    service.place(order)
    return published[0]


@PRODUCERS.producer("a stock check")
def stock_check(request: Message, params: dict[str, Any]) -> dict[str, Any]:
    """The service's reply to the consumer's stock-check request."""
    service = OrderService(lambda *event: None, stock={params.get("sku", "BOOK-1"): 3})
    return service.stock_reply(request.contents)
