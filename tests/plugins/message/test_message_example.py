"""The message example end to end: its consumer tests write the pact, the order service's
producers verify against it through ``polypact verify``, and a producer with a bug does not
(so the demo cannot silently rot into verifying nothing)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from polypact import Verifier

from tests.conftest import REPO
from tests.plugins.plugin_support import load_demo

EXAMPLE = REPO / "examples" / "messages"


@pytest.fixture(scope="module")
def demo() -> Iterator[Any]:
    """The example's demo module, imported the way run_demo imports it."""
    added = [p for p in (str(EXAMPLE), str(EXAMPLE.parent)) if p not in sys.path]
    module = load_demo(EXAMPLE, "polypact_demo_messages_test")
    yield module
    for path in added:
        if path in sys.path:
            sys.path.remove(path)


@pytest.fixture(scope="module")
def example_pact(demo: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the demo step (consumer tests, then CLI verification); return its pact."""
    pact_dir = tmp_path_factory.mktemp("message-example-pacts")
    assert demo.run(pact_dir) is True
    (pact,) = sorted(pact_dir.glob("*.json"))
    assert pact.name == "shipping-service-order-service.json"
    return pact


def test_consumer_tests_write_both_messages(example_pact: Path) -> None:
    """The event and the stock-check exchange are in the pact with their rules."""
    doc = json.loads(example_pact.read_text())
    by_name = {i["description"]: i for i in doc["interactions"]}
    assert sorted(by_name) == ["a stock check", "an order-placed event"]
    event = by_name["an order-placed event"]
    assert event["metadata"]["topic"] == "orders.placed"
    assert "eventId" in event["matchingRules"]["metadata"]
    assert by_name["a stock check"]["response"][0]["contents"]["content"]["inStock"] is True


def test_a_broken_producer_fails_verification(example_pact: Path, registry) -> None:
    """The order service emitting the total as a string breaks the contract at $.total."""
    from order_events import PRODUCERS
    from polypact_message import MessageProducers

    def stringly(params: dict) -> Any:
        payload, headers = PRODUCERS["an order-placed event"](params)
        return {**payload, "total": str(payload["total"])}, headers

    broken = MessageProducers({**PRODUCERS, "an order-placed event": stringly})
    summary = Verifier(registry=registry).add_source(str(example_pact)) \
        .transport("message", broken).verify()
    failures = {r.interaction.description: [m.path for m in r.mismatches] for r in summary.results}
    assert failures == {"an order-placed event": ["$.total"], "a stock check": []}
