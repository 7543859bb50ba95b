"""The pacts the Pact protobuf plugin wrote (pact-jvm and the Rust core): read, verified
against providers implementing their services from the descriptors in the file, and
round-tripped."""

from __future__ import annotations

import json
import math
import re
import threading
from pathlib import Path

import grpc
import pytest
from grpc_support import dynamic_provider, mismatches, verify
from polypact.model import Body
from polypact.pactfile import dumps_pact, read_pact
from polypact_grpc.compiler import compile_protos
from polypact_grpc.content import ProtobufContentMatcher, load_pact_descriptors
from polypact_grpc.descriptors import load_descriptors
from polypact_grpc.layout import contract_for

from tests.conftest import PLUGIN_PACTS

AREA = PLUGIN_PACTS / "area-calculator-grpc.json"
METADATA = PLUGIN_PACTS / "response-metadata-grpc.json"
MIXED = PLUGIN_PACTS / "http-plus-grpc.json"


def _area(shape) -> float:
    kind = shape.WhichOneof("shape")
    if kind == "rectangle":
        return shape.rectangle.length * shape.rectangle.width
    if kind == "square":
        return shape.square.edge_length ** 2
    if kind == "circle":
        return math.pi * shape.circle.radius ** 2
    return 0.0


def _area_handlers(descriptors, answer=None):
    out = descriptors.message_class("area_calculator.AreaResponse")

    def calculate_one(request, context):
        return answer(request) if answer else out(value=[_area(request)])

    def calculate_multi(request, context):
        return out(value=[_area(s) for s in request.shapes])

    return {"area_calculator.Calculator/calculateOne": calculate_one,
            "area_calculator.Calculator/calculateMulti": calculate_multi}


def test_reads_the_plugin_layout():
    pact = read_pact(AREA)
    contract = contract_for(pact.interactions[0], pact)
    assert contract.method.path == "/area_calculator.Calculator/calculateOne"
    request = contract.method.input_class.FromString(contract.requests[0].contents.content)
    assert (request.rectangle.length, request.rectangle.width) == (3.0, 4.0)
    response = contract.method.output_class.FromString(contract.responses[0].contents.content)
    assert list(response.value) == [12.0]
    rust = read_pact(METADATA)
    contract = contract_for(rust.interactions[0], rust)
    assert contract.status == "NOT_FOUND" and contract.responses == []
    assert contract.request_metadata == {"key": "value"}


@pytest.mark.parametrize("path", [AREA, MIXED], ids=["pact-jvm", "http-plus-grpc"])
def test_area_calculator_pacts_verify_against_a_provider_from_their_descriptors(path: Path):
    pact = read_pact(path)
    grpc_only = [i for i in pact.interactions if i.transport == "grpc"]
    pact.interactions = grpc_only
    descriptors = contract_for(grpc_only[0], pact).descriptors
    with dynamic_provider(descriptors, _area_handlers(descriptors)) as target:
        summary = verify(pact, target)
    assert summary.success, mismatches(summary)
    assert len(summary.results) == 1


def test_a_wrong_area_fails_with_the_field_path():
    pact = read_pact(AREA)
    descriptors = contract_for(pact.interactions[0], pact).descriptors
    out = descriptors.message_class("area_calculator.AreaResponse")
    with dynamic_provider(descriptors, _area_handlers(descriptors, lambda r: out(value=[]))) as target:
        summary = verify(pact, target)
    assert not summary.success
    assert [m.path for m in mismatches(summary)] == ["$.value"]


def test_a_provider_that_renamed_the_field_fails_at_the_field(tmp_path: Path):
    pact = read_pact(AREA)
    proto = (PLUGIN_PACTS / "area_calculator.proto").read_text()
    renamed = proto.replace("repeated float value = 1;", "repeated float area = 2;")
    (tmp_path / "area_calculator.proto").write_text(renamed)
    theirs = load_descriptors(compile_protos(tmp_path / "area_calculator.proto"))
    with dynamic_provider(theirs, {
        "area_calculator.Calculator/calculateOne":
            lambda r, c: theirs.message_class("AreaResponse")(area=[_area(r)]),
    }) as target:
        summary = verify(pact, target)
    found = mismatches(summary)
    assert [m.path for m in found] == ["$.value"]
    assert "renamed or renumbered" in found[0].message


def test_the_rust_pact_with_an_error_status_and_metadata_verifies():
    pact = read_pact(METADATA)
    descriptors = contract_for(pact.interactions[0], pact).descriptors
    seen: list[dict] = []

    def get_test(request, context):
        seen.append(dict(context.invocation_metadata()))
        context.abort(grpc.StatusCode.NOT_FOUND, "not found")

    with dynamic_provider(descriptors, {"pactissue.Test/GetTest": get_test}) as target:
        summary = verify(pact, target)
    assert summary.success, mismatches(summary)
    assert seen and seen[0]["key"] == "value"  # request metadata is sent


def test_the_wrong_status_fails():
    pact = read_pact(METADATA)
    descriptors = contract_for(pact.interactions[0], pact).descriptors
    reply = descriptors.message_class("pactissue.MessageOut")
    with dynamic_provider(descriptors, {"pactissue.Test/GetTest": lambda r, c: reply(b=True)}) as target:
        summary = verify(pact, target)
    found = mismatches(summary)
    assert [(m.category, m.path) for m in found] == [("grpc-status", "status")]
    assert "expected gRPC status NOT_FOUND but the call ended with OK" in found[0].message


def test_http_and_grpc_interactions_verify_in_one_run():
    """The mixed pact: the gRPC interaction over the grpc transport, the HTTP one (a
    protobuf body) over HTTP, the body compared field by field by the protobuf matcher."""
    pact = read_pact(MIXED)
    descriptors = contract_for(next(i for i in pact.interactions if i.transport == "grpc"), pact).descriptors
    shape_cls = descriptors.message_class("ShapeMessage")
    reply_cls = descriptors.message_class("AreaResponse")
    calls: list[str] = []

    def app(environ, start_response):
        size = int(environ.get("CONTENT_LENGTH") or 0)
        shape = shape_cls.FromString(environ["wsgi.input"].read(size))
        calls.append(environ["PATH_INFO"])
        body = reply_cls(value=[_area(shape) + 1]).SerializeToString()
        start_response("200 OK", [("Content-Type", "application/protobuf; message=.area_calculator.AreaResponse")])
        return [body]

    with dynamic_provider(descriptors, _area_handlers(descriptors)) as target:
        summary = verify(pact, target, http=app)
    assert {r.transport for r in summary.results} == {"grpc", "http"}
    assert calls == ["/Calculator/calculateOne"]
    assert summary.success, mismatches(summary)  # 13.0 is still a number


def test_the_protobuf_content_matcher_compares_fields():
    pact = read_pact(MIXED)
    load_pact_descriptors(pact)
    http = next(i for i in pact.interactions if i.transport == "http")
    from polypact.matching.context import MatchContext

    expected = http.response.body
    cls = ProtobufContentMatcher()
    ctx = MatchContext(category="body", rules={}, interaction=http, part="response")
    same = Body.from_bytes(expected.content, expected.content_type)
    assert cls.match(expected, same, ctx) == []
    reply = load_pact_descriptors(pact)[0].message_class("AreaResponse")
    other = Body.from_bytes(reply(value=[99]).SerializeToString(), expected.content_type)
    found = cls.match(expected, other, ctx)
    assert [m.path for m in found] == ["$.value[0]"]


@pytest.mark.parametrize("path", [AREA, METADATA, MIXED], ids=lambda p: p.stem)
def test_round_trip_keeps_the_layout(path: Path):
    original = json.loads(path.read_text())
    written = json.loads(dumps_pact(read_pact(path)))
    for before, after in zip(original["interactions"], written["interactions"], strict=True):
        after = {k: v for k, v in after.items() if not (k == "key" and "key" not in before)}
        assert after == before
    assert written["metadata"]["plugins"] == original["metadata"]["plugins"]


def test_verification_is_thread_safe_for_one_client():
    """One provider client serves concurrent verifications (the channel is shared)."""
    pact = read_pact(AREA)
    descriptors = contract_for(pact.interactions[0], pact).descriptors
    from polypact.registry import get_registry
    from polypact.transport import ProviderConfig, VerifyContext

    errors: list[object] = []
    with dynamic_provider(descriptors, _area_handlers(descriptors)) as target:
        client = get_registry().transport("grpc").provider_client(ProviderConfig(target=target))

        def work():
            for _ in range(20):
                found = client.verify(pact.interactions[0], VerifyContext(registry=get_registry(), pact=pact))
                if found:
                    errors.append(found)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        client.close()
    assert errors == []


def test_unknown_service_in_a_pact_is_a_pact_file_error():
    from polypact.errors import PactFileError

    pact = read_pact(AREA)
    pact.interactions[0].plugin_configuration["protobuf"]["service"] = "Calculator/fly"
    with pytest.raises(PactFileError, match=re.escape("unknown method 'fly'")):
        contract_for(pact.interactions[0], pact)


def test_descriptors_from_server_reflection_when_the_pact_has_none():
    from grpc_support import reflection_handler
    from polypact.verifier import Verifier

    pact = read_pact(AREA)
    descriptors = contract_for(pact.interactions[0], pact).descriptors
    pact.metadata["plugins"] = []
    pact.interactions[0].plugin_configuration["protobuf"]["descriptorKey"] = "0" * 32
    with dynamic_provider(descriptors, _area_handlers(descriptors), [reflection_handler(descriptors)]) as target:
        with Verifier().add_pact(pact).transport("grpc", target) as plain:
            without = plain.verify()
        with Verifier().add_pact(pact).transport("grpc", target, reflection=True) as verifier:
            summary = verifier.verify()
    assert not without.success and "descriptorKey" in (without.results[0].error or "")
    assert summary.success, (summary.results[0].error, mismatches(summary))


def test_requests_are_strict_and_name_missing_and_unexpected_fields():
    from polypact.registry import get_registry
    from polypact_grpc.compare import compare_message

    pact = read_pact(AREA)
    contract = contract_for(pact.interactions[0], pact)
    request = contract.method.input_class()
    request.square.edge_length = 3
    found = compare_message(contract.requests[0], request.SerializeToString(), contract.method.input_class,
                            lenient=False, registry=get_registry())
    assert sorted((m.path, m.message) for m in found) == [
        ("$.rectangle", "expected field 'rectangle' but it was missing"),
        ("$.square", "unexpected field 'square' (the contract does not name it)"),
    ]
    lenient = compare_message(contract.requests[0], request.SerializeToString(), contract.method.input_class,
                              lenient=True, registry=get_registry())
    assert [m.path for m in lenient] == ["$.rectangle"]
