"""The consumer side: DSL errors, the mock gRPC server's matching and reporting, the pact
layout polypact writes."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import grpc
import pytest
from area_client import AreaClient
from area_service import PROTO, load_stubs
from polypact import each_like, like, number, random_string, regex
from polypact.errors import ConsumerTestError, UsageError
from polypact_grpc.compiler import ProtoCompileError

PROTOS = Path(__file__).resolve().parent / "protos"
RECT = {"rectangle": {"length": number(3), "width": number(4)}, "unit": "CM"}


def _one(pact, request=RECT, **kwargs):
    return (pact.upon_receiving("the area of a rectangle")
            .with_grpc(proto=PROTO, method="area.Calculator/CalculateOne", request=request, **kwargs)
            .will_respond_with_grpc(response={"value": each_like(number(12))}))


def test_the_written_pact_has_the_protobuf_plugin_layout(pact):
    _one(pact, metadata={"authorization": regex(r"Bearer \S+", "Bearer t")})
    with pact.serve() as mock:
        assert AreaClient(mock.url_for("grpc"), token="x").area(("rectangle", 3, 4)) == 12
    doc = json.loads(pact.path.read_text())
    interaction = doc["interactions"][0]
    assert interaction["type"] == "Synchronous/Messages" and interaction["transport"] == "grpc"
    config = interaction["pluginConfiguration"]["protobuf"]
    assert config["service"] == ".area.Calculator/CalculateOne"
    contents = interaction["request"]["contents"]
    assert contents["contentType"] == "application/protobuf;message=.area.ShapeMessage"
    assert (contents["contentTypeHint"], contents["encoded"]) == ("BINARY", "base64")
    pb2, _ = load_stubs()
    sent = pb2.ShapeMessage.FromString(base64.b64decode(contents["content"]))
    assert (sent.rectangle.length, sent.rectangle.width, sent.unit) == (3, 4, pb2.CM)
    request = interaction["request"]
    assert request["metadata"]["contentType"] == contents["contentType"]
    assert request["metadata"]["authorization"] == "Bearer t"
    assert request["matchingRules"]["metadata"]["authorization"]["matchers"][0]["match"] == "regex"
    assert set(request["matchingRules"]["body"]) == {"$.rectangle.length", "$.rectangle.width"}
    response = interaction["response"][0]
    assert response["contents"]["contentType"] == "application/protobuf;message=.area.AreaResponse"
    assert interaction["interactionMarkup"]["markupType"] == "COMMON_MARK"
    assert "message ShapeMessage" in interaction["interactionMarkup"]["markup"]
    plugin = doc["metadata"]["plugins"][0]
    assert plugin["name"] == "protobuf"
    stored = plugin["configuration"][config["descriptorKey"]]
    assert hashlib.md5(base64.b64decode(stored["protoDescriptors"])).hexdigest() == config["descriptorKey"]
    assert stored["protoFile"] == PROTO.read_text()


def test_a_mismatched_request_fails_the_test_with_the_field_path(pact):
    _one(pact, request={"rectangle": {"length": 3, "width": 4}, "unit": "CM"})
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            with pytest.raises(grpc.RpcError) as call:
                AreaClient(mock.url_for("grpc")).area(("rectangle", 3, 5))
            assert call.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    problem = err.value.problems[0]
    assert problem.kind == "mismatch"
    assert [m.path for m in problem.mismatches] == ["$.rectangle.width"]
    assert not pact.path.exists()


def test_request_metadata_is_matched(pact):
    _one(pact, metadata={"authorization": "Bearer right"})
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            with pytest.raises(grpc.RpcError):
                AreaClient(mock.url_for("grpc"), token="wrong").area(("rectangle", 3, 4))
    mismatch = err.value.problems[0].mismatches[0]
    assert (mismatch.category, mismatch.path) == ("metadata", "authorization")


def test_an_unexpected_method_and_a_missing_call_are_reported(pact):
    _one(pact)
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            with pytest.raises(grpc.RpcError) as call:
                AreaClient(mock.url_for("grpc")).total([("rectangle", 1, 1)])
            assert call.value.code() == grpc.StatusCode.UNIMPLEMENTED
    kinds = sorted((p.kind, p.description, p.request_summary) for p in err.value.problems)
    assert kinds == [
        ("missing", "the area of a rectangle", "gRPC call /area.Calculator/CalculateOne"),
        ("unexpected", "", "gRPC call /area.Calculator/CalculateTotal"),
    ]


def test_the_report_reads_like_the_http_mocks(pact):
    """Each problem line says once what happened: the call, the interaction, the verdict."""
    _one(pact, request={"rectangle": {"length": 3, "width": 4}, "unit": "CM"})
    (pact.upon_receiving("the areas of two shapes")
        .with_grpc(proto=PROTO, method="area.Calculator/CalculateEach", request={"shapes": [RECT, RECT]})
        .will_respond_with_grpc(responses=[{"value": [number(12)]}, {"value": [number(12)]}]))
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            client = AreaClient(mock.url_for("grpc"))
            with pytest.raises(grpc.RpcError):
                client.area(("rectangle", 3, 5))
            with pytest.raises(grpc.RpcError):
                client.total([("rectangle", 1, 1)])
    lines = str(err.value).splitlines()
    assert lines[1] == ("  1. mismatched request: gRPC call /area.Calculator/CalculateOne did not "
                        "match interaction 'the area of a rectangle':")
    assert "$.rectangle.width" in lines[2]
    assert lines[3:] == [
        "  2. unexpected request: gRPC call /area.Calculator/CalculateTotal matched no interaction",
        "  3. missing request: interaction 'the area of a rectangle' "
        "(gRPC call /area.Calculator/CalculateOne) was never called",
        "  4. missing request: interaction 'the areas of two shapes' "
        "(gRPC call /area.Calculator/CalculateEach) was never called",
    ]


def test_a_client_stream_with_a_message_too_few_is_a_mismatch(pact):
    (pact.upon_receiving("a total")
        .with_grpc(proto=PROTO, method="area.Calculator/CalculateTotal", requests=[RECT, RECT, RECT])
        .will_respond_with_grpc(response={"value": [number(36)]}))
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            with pytest.raises(grpc.RpcError):
                AreaClient(mock.url_for("grpc")).total([("rectangle", 3, 4)] * 2)
    found = err.value.problems[0].mismatches
    assert [(m.category, m.expected, m.actual) for m in found] == [("stream", 3, 2)]


def test_a_server_stream_ending_in_an_error(pact):
    (pact.upon_receiving("areas, then a failure")
        .with_grpc(proto=PROTO, method="area.Calculator/CalculateEach", request={"shapes": [RECT, RECT]})
        .will_respond_with_grpc(responses=[{"value": [number(12)]}], status="RESOURCE_EXHAUSTED",
                                message="too many shapes"))
    with pact.serve() as mock:
        with pytest.raises(grpc.RpcError) as call:
            AreaClient(mock.url_for("grpc")).areas([("rectangle", 3, 4)] * 2)
    assert call.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert call.value.details() == "too many shapes"
    response = json.loads(pact.path.read_text())["interactions"][0]["response"]
    assert len(response) == 2 and response[1]["metadata"]["grpc-status"] == "RESOURCE_EXHAUSTED"


def test_response_generators_run_in_the_mock(pact):
    (pact.upon_receiving("a stored shape")
        .with_grpc(proto=PROTO, method="area.Calculator/GetShape", request={"id": "s1"})
        .will_respond_with_grpc(response={"labels": {"name": random_string(12, "example")}}))
    with pact.serve() as mock:
        stub = grpc.insecure_channel(mock.url_for("grpc")).unary_unary("/area.Calculator/GetShape")
        pb2, _ = load_stubs()
        first = pb2.ShapeMessage.FromString(stub(pb2.ShapeId(id="s1").SerializeToString()))
    assert first.labels["name"] != "example" and len(first.labels["name"]) == 12


def test_dsl_errors_name_the_problem(pact):
    builder = pact.upon_receiving("bad")
    with pytest.raises(UsageError, match=r"request field \$\.rectangle\.wdth is not in message type area\.Rectangle"):
        builder.with_grpc(proto=PROTO, method="area.Calculator/CalculateOne",
                          request={"rectangle": {"wdth": 1}})
    with pytest.raises(UsageError, match=r"unknown method 'Fly'.*CalculateOne"):
        pact.upon_receiving("bad2").with_grpc(proto=PROTO, method="area.Calculator/Fly", request={})
    with pytest.raises(ProtoCompileError, match=r"broken\.proto:7:3"):
        pact.upon_receiving("bad3").with_grpc(proto=PROTOS / "broken.proto", method="broken.X/Y")
    with pytest.raises(UsageError, match="use request=, not requests="):
        pact.upon_receiving("bad4").with_grpc(proto=PROTO, method="area.Calculator/CalculateOne", requests=[{}])
    with pytest.raises(UsageError, match="no response message"):
        (pact.upon_receiving("bad5").with_grpc(proto=PROTO, method="area.Calculator/GetShape", request={})
            .will_respond_with_grpc(response={}, status="NOT_FOUND"))
    with pytest.raises(UsageError, match="unknown gRPC status 'NOPE'"):
        (pact.upon_receiving("bad6").with_grpc(proto=PROTO, method="area.Calculator/GetShape", request={})
            .will_respond_with_grpc(status="NOPE"))
    pact.clear()


def test_proto2_service_with_a_compiled_descriptor_set(pact, tmp_path: Path):
    from polypact_grpc.compiler import compile_protos

    data = compile_protos(PROTOS / "legacy.proto")
    (tmp_path / "legacy.pb").write_bytes(data)
    (pact.upon_receiving("an account")
        .with_grpc(descriptor_set=tmp_path / "legacy.pb", method="legacy.Accounts/Get", request={"id": "a1"})
        .will_respond_with_grpc(response={"id": like("a1"), "kind": "BASIC", "scores": each_like(1)}))
    from polypact_grpc.descriptors import load_descriptors

    legacy = load_descriptors(data)
    with pact.serve() as mock:
        stub = grpc.insecure_channel(mock.url_for("grpc")).unary_unary("/legacy.Accounts/Get")
        reply = legacy.message_class("legacy.Account").FromString(
            stub(legacy.message_class("legacy.Lookup")(id="a1").SerializeToString()))
    assert (reply.id, reply.kind, list(reply.scores)) == ("a1", 0, [1])
    assert reply.HasField("kind")  # proto2: an explicitly set default is on the wire
