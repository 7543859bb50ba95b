"""The area calculator provider: a grpcio server implementing ``area.Calculator``."""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

from area_service.stubs import load_stubs


def area_of(shape: Any) -> float:
    """The area of one ``ShapeMessage``."""
    kind = shape.WhichOneof("shape")
    if kind == "rectangle":
        return shape.rectangle.length * shape.rectangle.width
    if kind == "circle":
        return math.pi * shape.circle.radius ** 2
    return 0.0


class CalculatorService:
    """The servicer. ``shapes`` holds the stored shapes of ``GetShape`` by id."""

    def __init__(self) -> None:
        self.pb2, _ = load_stubs()
        self.shapes: dict[str, Any] = {}

    def _response(self, values: list[float], unit: int) -> Any:
        response = self.pb2.AreaResponse(value=values, unit=unit)
        response.computed_at.GetCurrentTime()
        return response

    def CalculateOne(self, request: Any, context: Any) -> Any:  # noqa: N802 - gRPC names
        """Unary: the area of one shape."""
        return self._response([area_of(request)], request.unit)

    def CalculateEach(self, request: Any, context: Any) -> Iterator[Any]:  # noqa: N802
        """Server streaming: one response per shape."""
        for shape in request.shapes:
            yield self._response([area_of(shape)], shape.unit)

    def CalculateTotal(self, request_iterator: Iterator[Any], context: Any) -> Any:  # noqa: N802
        """Client streaming: the total area."""
        shapes = list(request_iterator)
        unit = shapes[0].unit if shapes else 0
        return self._response([sum(area_of(s) for s in shapes)], unit)

    def CalculateRunning(self, request_iterator: Iterator[Any], context: Any) -> Iterator[Any]:  # noqa: N802
        """Bidirectional: the running total after each shape."""
        total = 0.0
        for shape in request_iterator:
            total += area_of(shape)
            yield self._response([total], shape.unit)

    def GetShape(self, request: Any, context: Any) -> Any:  # noqa: N802
        """A stored shape, or NOT_FOUND."""
        import grpc

        shape = self.shapes.get(request.id)
        if shape is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no shape with id {request.id}")
        return shape


@contextmanager
def serve(service: CalculatorService | None = None) -> Iterator[str]:
    """Run the provider on 127.0.0.1 (port chosen by the OS); yields ``HOST:PORT``."""
    import grpc

    _, pb2_grpc = load_stubs()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb2_grpc.add_CalculatorServicer_to_server(service or CalculatorService(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None).wait()
