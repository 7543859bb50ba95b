"""Consumer side of message pacts: the DSL, the pact it writes, and handing generated
messages to the consumer's real handler (pact.verify / pact.messages / serve())."""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path

import pytest
from polypact import Pact, decimal, each_like, integer, like, regex
from polypact.errors import ConsumerTestError, UsageError
from polypact_message import Message, SyncExchange


def _doc(path: Path) -> dict:
    return json.loads(path.read_text())


def _one(path: Path, description: str) -> dict:
    found = [i for i in _doc(path)["interactions"] if i["description"] == description]
    assert len(found) == 1, found
    return found[0]


class OrderProjection:
    """A tiny consumer: folds order events into a read model."""

    def __init__(self) -> None:
        self.totals: dict[int, float] = {}

    def handle(self, message: Message) -> None:
        event = message.contents
        if message.metadata["topic"] != "orders.placed":
            raise ValueError(f"unexpected topic {message.metadata['topic']}")
        self.totals[event["orderId"]] = sum(line["price"] for line in event["lines"])


def test_async_message_pact_has_contents_metadata_rules_and_states(pact: Pact) -> None:
    """The written interaction carries the example, body and metadata rules, the provider
    state with params and the content type in both the body object and the metadata."""
    projection = OrderProjection()
    (pact.expects_to_receive("an order-placed event").given("order 42 exists", id=42)
        .with_content({"orderId": integer(42), "lines": each_like({"price": decimal(9.5)})})
        .with_metadata(topic=regex(r"orders\..+", "orders.placed")))
    path = pact.verify(projection.handle)
    assert projection.totals == {42: 9.5}
    event = _one(path, "an order-placed event")
    assert event["type"] == "Asynchronous/Messages"
    assert event["contents"] == {"content": {"orderId": 42, "lines": [{"price": 9.5}]},
                                 "contentType": "application/json", "encoded": False}
    assert event["metadata"] == {"contentType": "application/json", "topic": "orders.placed"}
    rules = event["matchingRules"]
    assert rules["body"]["$.orderId"]["matchers"] == [{"match": "integer"}]
    assert rules["body"]["$.lines[*].price"]["matchers"] == [{"match": "decimal"}]
    assert rules["metadata"]["topic"]["matchers"] == [{"match": "regex", "regex": r"orders\..+"}]
    assert event["providerStates"] == [{"name": "order 42 exists", "params": {"id": 42}}]
    assert pact.builders == []


def test_handler_exception_propagates_unchanged_and_no_pact_is_written(pact: Pact) -> None:
    """The consumer's own exception reaches the test (same object, not a wrapper); the
    pact file does not exist afterwards and the declared messages are gone."""
    boom = KeyError("orderId")

    def handler(message: Message) -> None:
        raise boom

    pact.expects_to_receive("an order-placed event").with_content({"id": 1})
    with pytest.raises(KeyError) as caught:
        pact.verify(handler)
    assert caught.value is boom
    assert not pact.path.exists()
    assert pact.builders == []


def test_failing_handler_does_not_touch_an_existing_pact(pact: Pact) -> None:
    """A later failing test leaves the pact an earlier test wrote exactly as it was."""
    pact.expects_to_receive("first").with_content({"a": 1})
    path = pact.verify(lambda message: None)
    before = path.read_bytes()
    pact.expects_to_receive("second").with_content({"b": 2})
    with pytest.raises(RuntimeError, match="Test failed"):
        pact.verify(lambda message: (_ for _ in ()).throw(RuntimeError("Test failed")))
    assert path.read_bytes() == before


def test_pair_handlers_get_contents_and_metadata(pact: Pact) -> None:
    """A handler with two positional parameters is called pact-python style."""
    seen = []
    pact.expects_to_receive("a note").with_content("hello", content_type="text/plain") \
        .with_metadata({"Origin": "Some Text"}, weight=100.5)
    pact.verify(lambda contents, metadata: seen.append((contents, metadata)))
    assert seen == [("hello", {"contentType": "text/plain", "Origin": "Some Text", "weight": 100.5})]


def test_generators_are_applied_before_the_handler_sees_the_message(pact: Pact) -> None:
    """Body and metadata generators run in consumer mode; the pact keeps the examples.
    (RandomInt replacing a string example gives the digits as a string, as the
    reference core's JSON generator does.)"""
    seen: list[Message] = []
    (pact.expects_to_receive("a generated event")
        .with_content({"one": "a", "two": "b"})
        .with_metadata({"ID": "sjhdjkshsdjh", "weight": 100.5})
        .with_message_generators({"body": {"$.one": {"type": "RandomInt", "min": 0, "max": 1000}},
                                  "metadata": {"ID": {"type": "RandomInt", "min": 0, "max": 1000}}}))
    path = pact.verify(seen.append)
    message = seen[0]
    for value in (message.contents["one"], message.metadata["ID"]):
        assert str(value).isdigit() and 0 <= int(value) <= 1000, value
    assert message.metadata["weight"] == 100.5
    written = _one(path, "a generated event")
    assert written["contents"]["content"]["one"] == "a"
    assert written["generators"]["metadata"]["ID"]["type"] == "RandomInt"


def test_text_xml_and_binary_contents(pact: Pact) -> None:
    """Text stays text, XML keeps its type, bytes are base64 in the pact and bytes again
    for the handler."""
    png = b"\x89PNG\r\n\x1a\n\x00\x01binary"
    seen = {}
    pact.expects_to_receive("a text").with_content(regex(r"Hello \w+", "Hello World"))
    pact.expects_to_receive("an xml").with_content("<order id='1'><total>9</total></order>",
                                                   content_type="application/xml")
    pact.expects_to_receive("an image").with_content(png, content_type="image/png")
    path = pact.verify(lambda m: seen.setdefault(m.description, m))
    assert seen["a text"].contents == "Hello World"
    assert seen["an xml"].content_type == "application/xml"
    assert seen["an image"].contents == png and seen["an image"].body == png
    image = _one(path, "an image")["contents"]
    assert image["encoded"] == "base64" and base64.b64decode(image["content"]) == png
    text = _one(path, "a text")
    assert text["matchingRules"]["body"]["$"]["matchers"][0]["regex"] == r"Hello \w+"


def test_v3_pact_puts_messages_in_the_messages_array(registry, pact_dir: Path) -> None:
    """Written as V3, messages go to ``messages`` with V3 metadata and rules."""
    pact = Pact("web", "orders", pact_dir=pact_dir, spec_version="3.0", registry=registry)
    pact.expects_to_receive("basic").given("state one").given("state two") \
        .with_content({"one": "a", "two": "b"})
    doc = _doc(pact.verify(lambda m: None))
    assert doc["metadata"]["pactSpecification"]["version"] == "3.0.0"
    (message,) = doc["messages"]
    assert message["contents"] == {"one": "a", "two": "b"}
    assert message["metadata"]["contentType"] == "application/json"
    assert [s["name"] for s in message["providerStates"]] == ["state one", "state two"]


def test_messages_context_manager(pact: Pact) -> None:
    """``with pact.messages()`` yields the messages; an exception in the block propagates
    and prevents writing, a clean block writes."""
    pact.expects_to_receive("a").with_content({"n": integer(1)})
    with pytest.raises(ZeroDivisionError), pact.messages() as items:
        assert items[0].contents == {"n": 1}
        _ = 1 / 0
    assert not pact.path.exists()
    pact.expects_to_receive("a").with_content({"n": integer(1)})
    with pact.messages() as items:
        assert [m.description for m in items] == ["a"]
    assert _one(pact.path, "a")["contents"]["content"] == {"n": 1}


def test_sync_exchange_checks_the_request_and_returns_responses(pact: Pact) -> None:
    """The consumer's request goes through ``send``; it matches the contract (rules
    apply) and gets the expected responses back. Two responses are written in order."""
    (pact.expects_to_receive_sync("a price quote")
        .with_request_message({"sku": like("A-1")}, metadata={"replyTo": "quotes"})
        .will_respond_with_message({"price": decimal(9.5)})
        .will_respond_with_message({"price": decimal(8.0)}, metadata={"final": True}))
    quotes = []

    def consumer_code(exchange: SyncExchange) -> None:
        first = exchange.send({"sku": "B-7"}, {"replyTo": "quotes"})
        quotes.extend([first.contents["price"], exchange.responses[1].contents["price"]])

    path = pact.verify(consumer_code)
    assert quotes == [9.5, 8.0]
    written = _one(path, "a price quote")
    assert written["type"] == "Synchronous/Messages"
    assert written["request"]["metadata"] == {"contentType": "application/json", "replyTo": "quotes"}
    assert [r["contents"]["content"]["price"] for r in written["response"]] == [9.5, 8.0]
    assert written["response"][1]["metadata"]["final"] is True


def test_sync_request_mismatch_fails_the_test_and_writes_nothing(pact: Pact) -> None:
    """Requests are strict: an unexpected key and a wrong type both fail; the failure
    names the interaction and the paths, even if the consumer swallowed the error."""
    (pact.expects_to_receive_sync("a price quote")
        .with_request_message({"sku": like("A-1")})
        .will_respond_with_message({"price": 1}))

    def sloppy_consumer(exchange: SyncExchange) -> None:
        try:
            exchange.send({"sku": 7, "debug": True})
        except ConsumerTestError:
            pass  # the consumer swallows it; the test must still fail

    with pytest.raises(ConsumerTestError) as caught:
        pact.verify(sloppy_consumer)
    text = str(caught.value)
    assert "a price quote" in text and "$.sku" in text and "debug" in text
    assert not pact.path.exists()


def test_http_and_message_interactions_on_one_pact(pact: Pact) -> None:
    """pact.verify takes only the messages; serve() then handles the HTTP interaction and
    merges it into the same pact file."""
    pact.upon_receiving("a request for order 1").with_request("GET", "/orders/1") \
        .will_respond_with(200, body={"id": 1})
    pact.expects_to_receive("an order event").with_content({"id": 1})
    pact.verify(lambda m: None)
    assert [b.description for b in pact.builders] == ["a request for order 1"]
    with pact.serve() as session, urllib.request.urlopen(session.url + "/orders/1") as resp:
        assert json.loads(resp.read()) == {"id": 1}
    types = sorted(i["type"] for i in _doc(pact.path)["interactions"])
    assert types == ["Asynchronous/Messages", "Synchronous/HTTP"]


def test_serve_reports_undelivered_messages_as_missing(pact: Pact) -> None:
    """Inside serve(), a message never handed to the consumer fails the test; delivering
    it through the session's message mock passes."""
    pact.expects_to_receive("an order event").with_content({"id": 1})
    with pytest.raises(ConsumerTestError, match="an order event"), pact.serve():
        pass
    seen = []
    pact.expects_to_receive("an order event").with_content({"id": 1})
    with pact.serve() as session:
        session.servers["message"].deliver(seen.append)
    assert seen[0].contents == {"id": 1} and pact.path.exists()


@pytest.mark.parametrize(("declare", "match"), [
    (lambda p: p.expects_to_receive_sync("s").with_content({"a": 1}), "with_request_message"),
    (lambda p: p.expects_to_receive("a").with_request_message({"a": 1}), "expects_to_receive_sync"),
    (lambda p: p.expects_to_receive_sync("s").with_metadata(a=1), "before with_metadata"),
    (lambda p: p.expects_to_receive("a").with_content("not json", content_type="application/json"),
     "needs JSON text"),
    (lambda p: p.expects_to_receive("a").with_content("<a><b></a>", content_type="application/xml"),
     "does not parse"),
    (lambda p: p.expects_to_receive("a").with_content({"a": 1}, content_type="text/plain"),
     "written as JSON"),
    (lambda p: p.expects_to_receive("a").with_metadata(tag={"id": integer(1)}), "'tag'"),
    (lambda p: p.expects_to_receive("a").with_message_rules({"body": {"$.a": {"match": "nope"}}}),
     "with_message_rules"),
])
def test_dsl_mistakes_are_usage_errors(pact: Pact, declare, match: str) -> None:
    """Each DSL misuse fails at declaration with a message naming what to do."""
    with pytest.raises(UsageError, match=match):
        declare(pact)


def test_verify_without_messages_is_a_usage_error(pact: Pact) -> None:
    """Nothing declared: say how to declare a message."""
    with pytest.raises(UsageError, match="expects_to_receive"):
        pact.verify(lambda m: None)
