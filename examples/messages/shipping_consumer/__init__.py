"""The example consumer: a shipping service that reacts to order events.

- :class:`ShipmentPlanner` consumes ``order-placed`` events and plans a shipment per order;
- :class:`StockClient` asks the order service, synchronously, whether a SKU is in stock
  (``rpc`` is the messaging client's request-reply call: ``rpc(payload, headers) -> reply``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Shipment:
    """A planned shipment: order id, number of parcels and whether it ships express."""

    order_id: int
    parcels: int
    express: bool


class ShipmentPlanner:
    """Plans shipments from order-placed events."""

    EXPRESS_FROM = 100.0

    def __init__(self) -> None:
        self.shipments: dict[int, Shipment] = {}

    def on_order_placed(self, message: Any) -> Shipment:
        """Handle one order-placed message (``message.contents`` is the event)."""
        if message.metadata.get("topic") != "orders.placed":
            raise ValueError(f"not an order-placed event: {message.metadata.get('topic')!r}")
        event = message.contents
        parcels = sum(line["quantity"] for line in event["lines"])
        shipment = Shipment(event["orderId"], parcels, event["total"] >= self.EXPRESS_FROM)
        self.shipments[shipment.order_id] = shipment
        return shipment


class StockClient:
    """Checks stock with the order service over request-reply messaging."""

    def __init__(self, rpc: Callable[[dict[str, Any], dict[str, Any]], Any]):
        self.rpc = rpc

    def in_stock(self, sku: str) -> bool:
        """True when the order service has ``sku`` in stock."""
        reply = self.rpc({"sku": sku}, {"replyTo": "shipping.stock"})
        return bool(reply["inStock"]) and reply["available"] > 0
