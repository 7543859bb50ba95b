"""Consumer tests for ``shipping_consumer``: each declares a message the shipping service
relies on and hands the generated message to the real handler; on success the message is
recorded in ``shipping-service-order-service.json``."""

from __future__ import annotations

import pytest
from polypact import Pact, decimal, each_like, integer, like, regex
from shipping_consumer import Shipment, ShipmentPlanner, StockClient

#: The contract these tests write (the ``pact`` fixture of ``examples/conftest.py``).
PACT_BETWEEN = ("shipping-service", "order-service")


def declare_order_placed(pact: Pact) -> None:
    """The order-placed event, as the planner needs it."""
    (pact.expects_to_receive("an order-placed event")
        .given("order 42 exists", id=42, customer="ann")
        .with_content({
            "orderId": integer(42),
            "total": decimal(25.0),
            "lines": each_like({"sku": like("BOOK-1"), "quantity": integer(2)}),
        })
        .with_metadata(topic="orders.placed",
                       eventId=regex(r"[0-9a-f-]{36}", "6a1f4c1e-9d0b-4f53-8f0e-2b4c5d6e7f80")))


def test_an_order_placed_event_plans_a_shipment(pact: Pact) -> None:
    """The planner turns the event into a shipment (2 parcels, standard delivery)."""
    declare_order_placed(pact)
    planner = ShipmentPlanner()
    pact.verify(planner.on_order_placed)
    assert planner.shipments == {42: Shipment(42, parcels=2, express=False)}


def test_the_planner_refuses_other_topics() -> None:
    """(Plain unit test) a message from another topic is an error, not a shipment."""
    from polypact_message import Message

    with pytest.raises(ValueError, match="not an order-placed event"):
        ShipmentPlanner().on_order_placed(Message({"orderId": 1}, {"topic": "payments"}))


def test_a_stock_check_round_trip(pact: Pact) -> None:
    """The stock client sends its request through the exchange and reads the reply."""
    (pact.expects_to_receive_sync("a stock check").given("BOOK-1 is in stock", sku="BOOK-1")
        .with_request_message({"sku": like("BOOK-1")}, metadata={"replyTo": "shipping.stock"})
        .will_respond_with_message({"sku": like("BOOK-1"), "available": integer(3),
                                    "inStock": True}))
    results = []

    def exercise(exchange):
        client = StockClient(lambda payload, headers: exchange.send(payload, headers).contents)
        results.append(client.in_stock("BOOK-1"))

    pact.verify(exercise)
    assert results == [True]
