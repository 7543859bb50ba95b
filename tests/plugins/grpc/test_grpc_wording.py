"""How gRPC mismatches read: an empty repeated field, and a quiet mock shutdown."""

from __future__ import annotations

import time

import grpc
from area_service import PROTO, load_stubs
from polypact import each_like, number
from polypact.registry import get_registry
from polypact_grpc.compare import compare_message
from polypact_grpc.layout import contract_for

METHOD = "area.Calculator/CalculateOne"
RECTANGLE = {"rectangle": {"length": number(3), "width": number(4)}, "unit": "CM"}


def _contract(pact):
    (pact.upon_receiving("an area").with_grpc(proto=PROTO, method=METHOD, request=RECTANGLE)
        .will_respond_with_grpc(response={"value": each_like(number(12)), "unit": "CM"}))
    model = pact.to_model()
    return contract_for(model.interactions[0], model)


def test_an_empty_repeated_field_is_reported_as_empty_not_missing(pact):
    contract = _contract(pact)
    pb2, _ = load_stubs()
    empty = pb2.AreaResponse(unit=pb2.CM)
    found = compare_message(contract.responses[0], empty.SerializeToString(), contract.method.output_class,
                            lenient=True, registry=get_registry())
    assert [(m.path, m.message, m.actual) for m in found] == [
        ("$.value", "expected at least 1 element in repeated field 'value', got none (empty)", []),
    ]
    full = pb2.AreaResponse(value=[12.0], unit=pb2.CM)
    assert compare_message(contract.responses[0], full.SerializeToString(), contract.method.output_class,
                           lenient=True, registry=get_registry()) == []


def test_a_missing_singular_field_is_still_missing(pact):
    contract = _contract(pact)
    pb2, _ = load_stubs()
    found = compare_message(contract.requests[0], pb2.ShapeMessage(unit=pb2.CM).SerializeToString(),
                            contract.method.input_class, lenient=False, registry=get_registry())
    assert [(m.path, m.message) for m in found] == [("$.rectangle", "expected field 'rectangle' but it was missing")]


def test_mock_stops_without_cancelling_open_channels(pact, capfd):
    """A channel the consumer leaves open gets a graceful goodbye: grpc core logs nothing."""
    _contract(pact)
    pb2, pb2_grpc = load_stubs()
    with pact.serve() as mock:
        channel = grpc.insecure_channel(mock.url_for("grpc"))
        stub = pb2_grpc.CalculatorStub(channel)
        stub.CalculateOne(pb2.ShapeMessage(rectangle=pb2.Rectangle(length=3, width=4), unit=pb2.CM))
    time.sleep(0.3)  # the client transport reads the server's GOAWAY asynchronously
    channel.close()
    err = capfd.readouterr().err
    assert "goaway" not in err.lower() and "Cancelling all calls" not in err
