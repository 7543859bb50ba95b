"""Consumer tests for ``area_client``: each declares a call the client makes to the area
calculator, runs the real client (generated stubs, a normal channel) against polypact's
mock gRPC server and, on success, records it in ``area-client-area-calculator.json``."""

from __future__ import annotations

import pytest
from area_client import AreaClient
from area_service import PROTO
from polypact import Pact, each_like, like, number, regex

#: The contract these tests write (the ``pact`` fixture of ``examples/conftest.py``).
PACT_BETWEEN = ("area-client", "area-calculator")

METHOD = "area.Calculator/"
RECTANGLE = {"rectangle": {"length": number(3), "width": number(4)}, "unit": "CM"}


def test_area_of_a_rectangle(pact: Pact) -> None:
    """Unary: the area of a 3 x 4 rectangle, with an authorization header."""
    (pact.upon_receiving("the area of a rectangle").given("the calculator is up")
        .with_grpc(proto=PROTO, method=METHOD + "CalculateOne", request=RECTANGLE,
                   metadata={"authorization": regex(r"Bearer \S+", "Bearer demo-token")})
        .will_respond_with_grpc(response={"value": each_like(number(12)), "unit": "CM"}))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        assert client.area(("rectangle", 3, 4)) == pytest.approx(12)
        client.close()


def test_areas_of_each_shape(pact: Pact) -> None:
    """Server streaming: one response message per shape, in order."""
    (pact.upon_receiving("the areas of two shapes, streamed")
        .with_grpc(proto=PROTO, method=METHOD + "CalculateEach",
                   request={"shapes": [RECTANGLE, {"circle": {"radius": number(1)}, "unit": "CM"}]})
        .will_respond_with_grpc(responses=[{"value": [number(12)]}, {"value": [number(3.14)]}]))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        assert client.areas([("rectangle", 3, 4), ("circle", 1)]) == pytest.approx([12, 3.14])
        client.close()


def test_total_of_a_stream_of_shapes(pact: Pact) -> None:
    """Client streaming: two shapes in, one total out."""
    (pact.upon_receiving("the total area of a stream of shapes")
        .with_grpc(proto=PROTO, method=METHOD + "CalculateTotal",
                   requests=[RECTANGLE, {"rectangle": {"length": number(1), "width": number(2)}, "unit": "CM"}])
        .will_respond_with_grpc(response={"value": [number(14)]}))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        assert client.total([("rectangle", 3, 4), ("rectangle", 1, 2)]) == pytest.approx(14)
        client.close()


def test_running_totals(pact: Pact) -> None:
    """Bidirectional streaming: a running total after each shape."""
    (pact.upon_receiving("running totals of a stream of shapes")
        .with_grpc(proto=PROTO, method=METHOD + "CalculateRunning",
                   requests=[RECTANGLE, RECTANGLE])
        .will_respond_with_grpc(responses=[{"value": [number(12)]}, {"value": [number(24)]}]))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        assert client.running_totals([("rectangle", 3, 4)] * 2) == pytest.approx([12, 24])
        client.close()


def test_a_missing_shape(pact: Pact) -> None:
    """Error contract: NOT_FOUND becomes ``None``."""
    (pact.upon_receiving("a request for a shape that does not exist").given("no shapes are stored")
        .with_grpc(proto=PROTO, method=METHOD + "GetShape", request={"id": like("s-404")})
        .will_respond_with_grpc(status="NOT_FOUND", message=like("no shape with id s-404")))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        assert client.shape("s-404") is None
        client.close()
