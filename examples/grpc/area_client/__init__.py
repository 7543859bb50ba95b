"""The example consumer: a small area-calculator client built on the generated stubs.

Shapes are plain tuples, ``("rectangle", length, width)`` or ``("circle", radius)``; the
client hides the protobuf types from its callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from area_service import load_stubs

Shape = tuple


class AreaClient:
    """Talks to an ``area.Calculator`` service at ``target`` (``HOST:PORT``)."""

    def __init__(self, target: str, token: str = "demo-token"):
        import grpc

        self.pb2, pb2_grpc = load_stubs()
        self.channel = grpc.insecure_channel(target)
        self.stub = pb2_grpc.CalculatorStub(self.channel)
        self.metadata = (("authorization", f"Bearer {token}"),)

    def close(self) -> None:
        """Close the channel."""
        self.channel.close()

    def _shape(self, shape: Shape) -> Any:
        kind, *sizes = shape
        if kind == "rectangle":
            return self.pb2.ShapeMessage(
                rectangle=self.pb2.Rectangle(length=sizes[0], width=sizes[1]), unit=self.pb2.CM)
        if kind == "circle":
            return self.pb2.ShapeMessage(circle=self.pb2.Circle(radius=sizes[0]), unit=self.pb2.CM)
        raise ValueError(f"unknown shape {kind!r}")

    def area(self, shape: Shape) -> float:
        """The area of one shape (unary call)."""
        reply = self.stub.CalculateOne(self._shape(shape), metadata=self.metadata, timeout=10)
        return reply.value[0]

    def areas(self, shapes: Iterable[Shape]) -> list[float]:
        """The area of each shape, streamed back (server streaming)."""
        request = self.pb2.AreaRequest(shapes=[self._shape(s) for s in shapes])
        return [reply.value[0] for reply in self.stub.CalculateEach(request, timeout=10)]

    def total(self, shapes: Iterable[Shape]) -> float:
        """The total area of the shapes sent as a stream (client streaming)."""
        reply = self.stub.CalculateTotal(iter([self._shape(s) for s in shapes]), timeout=10)
        return reply.value[0]

    def running_totals(self, shapes: Iterable[Shape]) -> list[float]:
        """The running total after each shape (bidirectional streaming)."""
        replies = self.stub.CalculateRunning(iter([self._shape(s) for s in shapes]), timeout=10)
        return [reply.value[0] for reply in replies]

    def shape(self, shape_id: str) -> Shape | None:
        """A stored shape, or ``None`` when the service has none with that id."""
        import grpc

        try:
            reply = self.stub.GetShape(self.pb2.ShapeId(id=shape_id), timeout=10)
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        if reply.WhichOneof("shape") == "rectangle":
            return ("rectangle", reply.rectangle.length, reply.rectangle.width)
        return ("circle", reply.circle.radius)
