"""Interop with pact-python 4.2.0 (the reference core) for asynchronous and synchronous
messages, both ways:

(a) a message pact pact-python writes verifies with polypact's in-process producers (and
    a broken producer fails where the reference's rules say);
(b) a message pact polypact writes verifies with pact-python's verifier, which fetches the
    messages from polypact's message endpoint (serve_producers).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact, Verifier, decimal, each_like, integer, like, regex
from polypact_message import Message, MessageProducers, serve_producers

from tests.interop.peer import run_reference_verifier

pytestmark = pytest.mark.interop

PNG = b"\x89PNG\r\n\x1a\n\x00\x00pixels"


@pytest.fixture(scope="module")
def reference(pact_python: None) -> Any:
    """The pact-python module, with telemetry off and every helper server on 127.0.0.1."""
    import pact

    return pact


def _producers(broken: bool = False) -> MessageProducers:
    producers = MessageProducers()

    @producers.producer("an order-placed event")
    def placed(params: dict) -> Any:
        lines = [{"sku": "Z-1", "qty": 2}, {"sku": "Z-2", "qty": 1}]
        total = "12.50" if broken else 12.5
        return {"orderId": params.get("id", 7), "total": total, "lines": lines}, {"topic": "orders.eu"}

    @producers.producer("a price quote")
    def quote(request: Message | None = None) -> Message:
        return Message({"price": 3.25, "currency": "EUR"}, {"status": "ok" if not broken else "late"})

    producers.add("a thumbnail", PNG)
    return producers


@pytest.fixture(scope="module")
def reference_pact(reference: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pact pact-python writes: an async JSON event with metadata rules, a binary
    message and a synchronous quote exchange."""
    match = reference.match
    pact = reference.Pact("ref-web", "orders").with_specification("V4")
    (pact.upon_receiving("an order-placed event", "Async").given("order exists", id=42)
        .with_body({"orderId": match.int(42), "total": match.decimal(9.99),
                    "lines": match.each_like({"sku": match.str("A-1"), "qty": match.int(1)})},
                   "application/json")
        .with_metadata({"topic": match.regex("orders.placed", regex=r"orders\..+")}))
    pact.upon_receiving("a thumbnail", "Async").with_binary_body(PNG, "image/png")
    (pact.upon_receiving("a price quote", "Sync").given("sku exists")
        .with_body({"sku": match.str("A-1")}, "application/json")
        .will_respond_with().with_body({"price": match.decimal(9.5)}, "application/json")
        .with_metadata(status="ok"))
    pact.verify(lambda body, metadata: None, "Async")
    pact.verify(lambda body, metadata: None, "Sync")
    folder = tmp_path_factory.mktemp("reference-pacts")
    pact.write_file(folder)
    return next(folder.glob("*.json"))


def test_reference_pact_verifies_with_polypact(registry, reference_pact: Path) -> None:
    """(a) Every interaction of pact-python's pact verifies against good producers."""
    summary = Verifier(registry=registry).add_source(str(reference_pact)) \
        .transport("message", _producers()).verify()
    assert [(r.interaction.description, r.mismatches, r.error) for r in summary.results] == [
        (d, [], None) for d in ("a price quote", "a thumbnail", "an order-placed event")]
    assert summary.success


def test_reference_pact_catches_a_broken_producer(registry, reference_pact: Path) -> None:
    """(a) pact-python's decimal rule and polypact's matching agree: a string total and a
    wrong metadata value fail at their paths."""
    summary = Verifier(registry=registry).add_source(str(reference_pact)) \
        .transport("message", _producers(broken=True)).verify()
    found = {r.interaction.description: {(m.category, m.path) for m in r.mismatches}
             for r in summary.results}
    assert found["an order-placed event"] == {("body", "$.total")}
    assert found["a price quote"] == {("metadata", "status")}
    assert not summary.success


@pytest.fixture(scope="module")
def polypact_pact(registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pact polypact writes with the same three interactions."""
    pact = Pact("poly-web", "orders", pact_dir=tmp_path_factory.mktemp("polypact-pacts"),
                registry=registry)
    (pact.expects_to_receive("an order-placed event").given("order exists", id=42)
        .with_content({"orderId": integer(42), "total": decimal(9.99),
                       "lines": each_like({"sku": like("A-1"), "qty": integer(1)})})
        .with_metadata(topic=regex(r"orders\..+", "orders.placed")))
    pact.expects_to_receive("a thumbnail").with_content(PNG, content_type="image/png")
    (pact.expects_to_receive_sync("a price quote").given("sku exists")
        .with_request_message({"sku": like("A-1")})
        .will_respond_with_message({"price": decimal(9.5)}, metadata={"status": "ok"}))
    return pact.verify(lambda item: None)


def _reference_verify(reference: Any, pact_path: Path, producers: MessageProducers) -> tuple[bool, str]:
    with serve_producers(producers) as endpoint:
        verifier = (reference.Verifier("orders", host="127.0.0.1")
                    .add_transport(protocol="message", port=endpoint.port, path=endpoint.path)
                    .add_source(pact_path))
        return run_reference_verifier(verifier)


def test_polypact_pact_verifies_with_the_reference(reference: Any, polypact_pact: Path) -> None:
    """(b) pact-python's verifier accepts polypact's pact through polypact's endpoint."""
    doc = json.loads(polypact_pact.read_text())
    assert sorted(i["type"] for i in doc["interactions"]) == [
        "Asynchronous/Messages", "Asynchronous/Messages", "Synchronous/Messages"]
    ok, output = _reference_verify(reference, polypact_pact, _producers())
    assert ok, output
    assert "a price quote" in output and "an order-placed event" in output


def test_reference_fails_a_broken_producer_of_polypact_pact(reference: Any, polypact_pact: Path) -> None:
    """(b) The rules polypact wrote make the reference fail the same two things."""
    ok, output = _reference_verify(reference, polypact_pact, _producers(broken=True))
    assert not ok
    assert "$.total" in output
    assert '"status" with value "ok" (FAILED)' in output
