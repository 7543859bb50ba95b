"""Unit tests of the message values: Message encoding and decoding, producer output
normalisation and producer argument selection."""

from __future__ import annotations

import pytest
from polypact.errors import UsageError, VerificationError
from polypact.model import Body, MessageContents
from polypact_message import Message, MessageProducers
from polypact_message.output import actual_message
from polypact_message.producers import call_producer

JSON_EXPECTED = MessageContents(Body.from_json({"a": 1}, "application/vnd.orders+json"),
                                {"contentType": "application/vnd.orders+json"})
XML_EXPECTED = MessageContents(Body.from_text("<a/>", "application/xml"))


@pytest.mark.parametrize(("contents", "content_type", "body"), [
    ({"a": [1, "x"]}, None, b'{"a":[1,"x"]}'),
    ("hé", "text/plain", "hé".encode()),
    ("hello", "application/json", b'"hello"'),
    (b"\x00\xff", None, b"\x00\xff"),
    (None, None, b""),
])
def test_message_body_encodes_decoded_contents(contents, content_type, body) -> None:
    """``Message.body`` is the wire form of the decoded contents."""
    assert Message(contents, content_type=content_type).body == body


def test_from_contents_decodes_by_content_type() -> None:
    """JSON parses, XML and text stay strings, other types are bytes."""
    def decoded(body: Body) -> object:
        return Message.from_contents(MessageContents(body)).contents

    assert decoded(Body.from_json({"a": 1})) == {"a": 1}
    assert decoded(Body.from_text("<a/>", "application/xml")) == "<a/>"
    assert decoded(Body.from_bytes(b"\x89PNG", "image/png")) == b"\x89PNG"
    assert decoded(Body.missing()) is None


@pytest.mark.parametrize(("output", "expected", "content_type", "metadata"), [
    ({"a": 2}, JSON_EXPECTED, "application/vnd.orders+json", {"contentType": "application/vnd.orders+json"}),
    (({"a": 2}, {"k": 1}), JSON_EXPECTED, "application/vnd.orders+json", {"k": 1, "contentType": "application/vnd.orders+json"}),
    ("<a>1</a>", XML_EXPECTED, "application/xml", {"contentType": "application/xml"}),
    ("<a>1</a>", MessageContents(), "application/xml", {"contentType": "application/xml"}),
    (b"\x89PNG\r\n\x1a\n", MessageContents(), "image/png", {"contentType": "image/png"}),
    (Message("x", {"Content-Type": "text/csv"}), XML_EXPECTED, "text/csv", {"Content-Type": "text/csv"}),
])
def test_producer_outputs_become_messages(output, expected, content_type, metadata) -> None:
    """Every accepted output kind, with the content type taken from the producer, the
    contract, or sniffed; contentType metadata is added when the producer gave none."""
    actual = actual_message(output, expected, "m")
    assert actual.content_type() == content_type
    assert actual.metadata == metadata


@pytest.mark.parametrize(("output", "reason"), [
    (None, "returned NoneType"),
    ((1, 2, 3), "tuple of length 3"),
    (({"a": 1}, ["not", "metadata"]), "second item is not a metadata dict"),
    ({"a": {1, 2}}, "not JSON-serialisable"),
    (object(), "returned object"),
])
def test_wrong_outputs_name_the_problem(output, reason: str) -> None:
    """Outputs that are not messages are VerificationErrors naming what was returned and
    what is expected."""
    with pytest.raises(VerificationError, match=reason) as caught:
        actual_message(output, JSON_EXPECTED, "an event")
    assert "message producer for 'an event'" in str(caught.value)
    assert "(contents, metadata) pair" in str(caught.value)


def test_producers_get_only_the_arguments_they_name() -> None:
    """Arguments are chosen by name; **kwargs gets them all; an unknown required name is
    a usage error listing the accepted ones."""
    available = {"description": "d", "states": [], "params": {"id": 1}, "provider_state": {}}
    assert call_producer(lambda params: params["id"], available, None) == 1
    assert call_producer(lambda: "static", available, 1.0) == "static"
    assert sorted(call_producer(lambda **kw: kw, available, None)) == sorted(available)
    assert call_producer({"a": 1}, available, None) == {"a": 1}
    with pytest.raises(UsageError, match="declares parameter 'order'.*description, states, params"):
        call_producer(lambda order: order, available, None)


def test_producer_registry_refuses_duplicates() -> None:
    """A description has one producer."""
    producers = MessageProducers({"a": 1})
    with pytest.raises(UsageError, match="already registered"):
        producers.add("a", 2)
    assert dict(producers) == {"a": 1} and len(producers) == 1
