"""The example provider: an order service that emits events and answers stock checks.

``OrderService`` is the domain code. It publishes an ``order-placed`` event to the
``orders.placed`` topic whenever an order is placed, and answers synchronous
``stock-check`` requests. A real service would hand the events to Kafka, SQS or RabbitMQ;
here ``publish`` is any callable taking ``(topic, payload, headers)``.

:data:`PRODUCERS` tells polypact how to make each message of the contract with this very
code (see ``order_events.producers``).
"""

from order_events.producers import PRODUCERS
from order_events.service import Order, OrderService

__all__ = ["PRODUCERS", "Order", "OrderService"]
