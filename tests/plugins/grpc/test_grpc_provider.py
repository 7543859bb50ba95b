"""The provider side: the example pact verified against the example provider (API and
CLI), and providers with bugs failing with the protobuf field path."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from area_service import PROTO, CalculatorService, load_stubs, serve
from grpc_support import dynamic_provider, mismatches
from polypact import Pact, from_provider_state
from polypact.pactfile import read_pact
from polypact.verifier import Verifier
from polypact_grpc.compiler import compile_protos
from polypact_grpc.descriptors import load_descriptors

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "grpc"


def _example_tests():
    path = EXAMPLE / "tests" / "test_area_consumer.py"
    spec = importlib.util.spec_from_file_location("polypact_grpc_example_consumer_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [getattr(module, n) for n in sorted(vars(module)) if n.startswith("test_")]


@pytest.fixture(scope="module")
def example_pact(tmp_path_factory) -> Path:
    """The pact the example consumer tests write (five interactions, every method kind)."""
    folder = tmp_path_factory.mktemp("pacts")
    for test in _example_tests():
        test(Pact("area-client", "area-calculator", pact_dir=folder))
    return folder / "area-client-area-calculator.json"


def _verify(pact_path: Path, target: str, **kwargs) -> dict[str, list]:
    with Verifier().add_source(str(pact_path)).transport("grpc", target, **kwargs) as verifier:
        summary = verifier.verify()
    assert len(summary.results) == 5
    return {r.description: r.mismatches for r in summary.results if r.mismatches or r.error}


def test_the_example_provider_verifies(example_pact: Path):
    assert len(read_pact(example_pact).interactions) == 5
    with serve() as target:
        assert _verify(example_pact, target) == {}


def test_polypact_verify_command_with_a_grpc_transport(example_pact: Path, capsys):
    from polypact.cli.main import main

    with serve() as target:
        code = main(["verify", str(example_pact), "--transport", f"grpc={target}", "--no-color"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "5 passed" in out


class _DropsAStreamMessage(CalculatorService):
    def CalculateEach(self, request, context) -> Iterator:  # noqa: N802
        yield from list(super().CalculateEach(request, context))[:1]


class _FindsEveryShape(CalculatorService):
    def GetShape(self, request, context):  # noqa: N802
        return self.pb2.ShapeMessage(circle=self.pb2.Circle(radius=1))


class _StopsRunningEarly(CalculatorService):
    def CalculateRunning(self, request_iterator, context) -> Iterator:  # noqa: N802
        for reply in super().CalculateRunning(request_iterator, context):
            yield reply
            return


def test_a_provider_that_drops_a_stream_message_fails(example_pact: Path):
    with serve(_DropsAStreamMessage()) as target:
        failures = _verify(example_pact, target)
    assert list(failures) == ["the areas of two shapes, streamed"]
    found = failures["the areas of two shapes, streamed"]
    assert [(m.category, m.expected, m.actual) for m in found] == [("stream", 2, 1)]
    assert "expected 2 response messages but the provider sent 1" in found[0].message


def test_a_bidi_provider_that_stops_early_fails(example_pact: Path):
    with serve(_StopsRunningEarly()) as target:
        failures = _verify(example_pact, target)
    assert [m.category for m in failures["running totals of a stream of shapes"]] == ["stream"]


def test_the_wrong_status_fails(example_pact: Path):
    with serve(_FindsEveryShape()) as target:
        failures = _verify(example_pact, target)
    found = failures["a request for a shape that does not exist"]
    assert [(m.category, m.expected, m.actual) for m in found] == [("grpc-status", "NOT_FOUND", "OK")]


def _changed_provider(tmp_path: Path, old: str, new: str, build) -> Iterator[str]:
    (tmp_path / "area.proto").write_text(PROTO.read_text().replace(old, new))
    theirs = load_descriptors(compile_protos(tmp_path / "area.proto"))
    reply = theirs.message_class("area.AreaResponse")
    return dynamic_provider(theirs, {"area.Calculator/CalculateOne": lambda r, c: build(reply)})


def test_a_provider_that_changed_a_field_type_fails_at_the_field(tmp_path: Path, example_pact: Path):
    provider = _changed_provider(tmp_path, "Unit unit = 2;", "string unit = 2;",
                                 lambda reply: reply(value=[12], unit="CM"))
    with provider as target:
        failures = _verify(example_pact, target, timeout=5)
    found = failures["the area of a rectangle"]
    assert [m.path for m in found] == ["$.unit"]
    assert "changed the field's type" in found[0].message


def test_a_provider_that_renamed_a_field_fails_at_the_field(tmp_path: Path, example_pact: Path):
    provider = _changed_provider(tmp_path, "repeated float value = 1;", "repeated float area = 4;",
                                 lambda reply: reply(area=[12], unit=1))
    with provider as target:
        failures = _verify(example_pact, target, timeout=5)
    assert [m.path for m in failures["the area of a rectangle"]] == ["$.value"]


def test_request_generators_use_provider_state_values(tmp_path: Path):
    pact = Pact("area-client", "area-calculator", pact_dir=tmp_path)
    (pact.upon_receiving("a stored shape").given("a shape is stored")
        .with_grpc(proto=PROTO, method="area.Calculator/GetShape",
                   request={"id": from_provider_state("${shapeId}", "s-1")})
        .will_respond_with_grpc(response={"circle": {"radius": 2.0}}))
    pb2, _ = load_stubs()
    with pact.serve() as mock:
        stub = grpc.insecure_channel(mock.url_for("grpc")).unary_unary("/area.Calculator/GetShape")
        stub(pb2.ShapeId(id="s-1").SerializeToString())
    service = CalculatorService()
    with serve(service) as target:
        verifier = Verifier().add_source(str(pact.path)).transport("grpc", target)

        @verifier.state_handler("a shape is stored")
        def stored(**params):
            service.shapes["s-77"] = pb2.ShapeMessage(circle=pb2.Circle(radius=2))
            return {"shapeId": "s-77"}

        with verifier:
            summary = verifier.verify()
    assert summary.success, mismatches(summary)
