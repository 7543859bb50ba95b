"""The order service's domain code: orders, order-placed events, stock checks."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Publish = Callable[[str, dict[str, Any], dict[str, Any]], None]


@dataclass
class Order:
    """An order: its id, customer and lines (sku, quantity, unit price)."""

    id: int
    customer: str
    lines: list[tuple[str, int, float]] = field(default_factory=list)

    @property
    def total(self) -> float:
        """The order total, rounded to cents."""
        return round(sum(qty * price for _, qty, price in self.lines), 2)


class OrderService:
    """Places orders (emitting events through ``publish``) and answers stock checks."""

    TOPIC = "orders.placed"

    def __init__(self, publish: Publish, stock: dict[str, int] | None = None):
        self.publish = publish
        self.stock = dict(stock or {})

    def order_placed_event(self, order: Order) -> tuple[dict[str, Any], dict[str, Any]]:
        """The event payload and headers for a placed order."""
        payload = {
            "orderId": order.id,
            "customer": order.customer,
            "total": order.total,
            "lines": [{"sku": sku, "quantity": qty} for sku, qty, _ in order.lines],
        }
        headers = {"topic": self.TOPIC, "eventId": str(uuid.uuid4())}
        return payload, headers

    def place(self, order: Order) -> None:
        """Place ``order``: publish its order-placed event."""
        payload, headers = self.order_placed_event(order)
        self.publish(self.TOPIC, payload, headers)

    def stock_reply(self, request: dict[str, Any]) -> dict[str, Any]:
        """Answer a stock-check request ``{"sku": ...}``."""
        sku = request["sku"]
        available = self.stock.get(sku, 0)
        return {"sku": sku, "available": available, "inStock": available > 0}
