"""Steps of ``V3/message_consumer.feature``, bound to the message plugin's public API:
``pact.expects_to_receive(...)`` with ``with_content`` / ``with_metadata`` /
``with_message_generators``, then ``pact.verify(handler)`` hands the message to a handler."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact
from pytest_bdd import given, parsers, then, when

from .data import body_spec, fixture_path, generators, json_cell, scalar, table_rows
from .messages import DESCRIPTION, message_value, metadata_value, unescape
from .steps_generators import is_kind


# -- consumer ----------------------------------------------------------------------------
@dataclass
class MessageConsumerWorld:
    """One message consumer test."""

    pact: Any
    builder: Any = None
    has_content: bool = False
    received: Any = None
    error: BaseException | None = None
    pact_path: Path | None = None
    original_metadata: dict[str, Any] = field(default_factory=dict)
    handler_error_type: type[BaseException] | None = None

    def pact_json(self) -> dict[str, Any]:
        """The written pact file, decoded."""
        return json.loads(Path(self.pact.path).read_text(encoding="utf-8"))

    def first_message(self) -> dict[str, Any]:
        """The first message of the written (V3) pact."""
        document = self.pact_json()
        messages = document.get("messages") or document.get("interactions") or []
        assert messages, f"no messages in {document}"
        return messages[0]


@pytest.fixture
def message_consumer(tmp_path: Path) -> MessageConsumerWorld:
    """A V3 message pact written under ``tmp_path``."""
    return MessageConsumerWorld(Pact("compat-message-consumer", "compat-message-provider",
                                     pact_dir=tmp_path, spec_version="3.0"))


@given("a message integration is being defined for a consumer test")
def message_integration(message_consumer: MessageConsumerWorld) -> None:
    """Declare an asynchronous message."""
    message_consumer.builder = message_consumer.pact.expects_to_receive(DESCRIPTION)


@given(parsers.parse('the message payload contains the "{name}" JSON document'))
def message_payload(message_consumer: MessageConsumerWorld, name: str) -> None:
    """The message contents are a fixture JSON document."""
    value = json.loads(fixture_path(f"{name}.json").read_text(encoding="utf-8"))
    message_consumer.builder.with_content(value)
    message_consumer.has_content = True


@given("the message contains the following metadata:")
def message_metadata(message_consumer: MessageConsumerWorld, datatable: list[list[str]]) -> None:
    """Metadata entries (``key`` / ``value`` rows)."""
    values = {row["key"]: metadata_value(row["value"]) for row in table_rows(datatable)}
    message_consumer.builder.with_metadata(values)


@given(parsers.parse('a provider state "{name}" for the message is specified'))
def message_state(message_consumer: MessageConsumerWorld, name: str) -> None:
    """Add a provider state."""
    message_consumer.builder.given(name)


@given(parsers.parse('a provider state "{name}" for the message is specified with the following data:'))
def message_state_data(message_consumer: MessageConsumerWorld, name: str, datatable: list[list[str]]) -> None:
    """Add a provider state with parameters (cells are JSON values)."""
    [row] = table_rows(datatable)
    message_consumer.builder.given(name, **{k: scalar(v) for k, v in row.items()})


@given("a message is defined")
def message_defined(message_consumer: MessageConsumerWorld) -> None:
    """Give the message contents when no step did."""
    if not message_consumer.has_content:
        message_consumer.builder.with_content({"message": "defined"})
        message_consumer.has_content = True


@given("the message is configured with the following:")
def message_configured(message_consumer: MessageConsumerWorld, datatable: list[list[str]]) -> None:
    """Contents, generators and metadata from one table row."""
    [row] = table_rows(datatable)
    builder = message_consumer.builder
    if row.get("body"):
        value, content_type = message_value(body_spec(row["body"]))
        builder.with_content(value, content_type=content_type)
    else:
        builder.with_content({"message": "configured"})
    message_consumer.has_content = True
    if row.get("metadata"):
        metadata = json_cell(row["metadata"])
        message_consumer.original_metadata = dict(metadata)
        builder.with_metadata(metadata)
    if row.get("generators"):
        cell = row["generators"]
        document = json_cell(cell) if cell.strip().startswith("JSON:") else json.loads(
            fixture_path(cell).read_text(encoding="utf-8"))
        generators(cell)  # the cell must be a valid generators document
        builder.with_message_generators(document)


@when("the message is successfully processed")
def message_processed(message_consumer: MessageConsumerWorld) -> None:
    """Hand the message to a handler that keeps it; the pact is written."""
    message_defined(message_consumer)

    def handler(message: Any) -> None:
        message_consumer.received = message

    message_consumer.pact_path = Path(message_consumer.pact.verify(handler))


@when(parsers.parse('the message is NOT successfully processed with a "{error}" exception'))
def message_not_processed(message_consumer: MessageConsumerWorld, error: str) -> None:
    """Hand the message to a handler that raises ``error``."""

    class HandlerFailed(Exception):
        """The handler's own exception type."""

    def handler(message: Any) -> None:
        message_consumer.received = message
        raise HandlerFailed(error)

    try:
        message_consumer.pact.verify(handler)
    except Exception as exc:  # noqa: BLE001 - the step checks what came out
        message_consumer.error = exc
    message_consumer.handler_error_type = HandlerFailed


@then(parsers.parse('the received message payload will contain the "{name}" JSON document'))
def received_payload(message_consumer: MessageConsumerWorld, name: str) -> None:
    """The handler got the fixture's document."""
    expected = json.loads(fixture_path(f"{name}.json").read_text(encoding="utf-8"))
    assert message_consumer.received is not None
    assert message_consumer.received.contents == expected


@then(parsers.parse('the received message content type will be "{content_type}"'))
def received_content_type(message_consumer: MessageConsumerWorld, content_type: str) -> None:
    """The handler's message names its content type."""
    assert message_consumer.received.content_type == content_type


@then("the consumer test will have passed")
def consumer_passed(message_consumer: MessageConsumerWorld) -> None:
    """The handler returned and the pact was written."""
    assert message_consumer.error is None and message_consumer.pact_path is not None


@then("the consumer test will have failed")
def consumer_failed(message_consumer: MessageConsumerWorld) -> None:
    """The test failed with the handler's exception."""
    assert message_consumer.error is not None


@then(parsers.parse('the consumer test error will be "{error}"'))
def consumer_error(message_consumer: MessageConsumerWorld, error: str) -> None:
    """The failure is the handler's own exception, not a wrapper."""
    exc = message_consumer.error
    assert message_consumer.handler_error_type is not None
    assert isinstance(exc, message_consumer.handler_error_type), type(exc)
    assert str(exc) == error


@then("a Pact file for the message interaction will have been written")
def message_pact_written(message_consumer: MessageConsumerWorld) -> None:
    """The pact file exists."""
    assert Path(message_consumer.pact.path).is_file()


@then("a Pact file for the message interaction will NOT have been written")
def message_pact_not_written(message_consumer: MessageConsumerWorld) -> None:
    """No pact file was written."""
    assert not Path(message_consumer.pact.path).exists()


@then(parsers.parse("the pact file will contain {count:d} message interaction"))
def message_count(message_consumer: MessageConsumerWorld, count: int) -> None:
    """The V3 pact holds ``count`` messages."""
    assert len(message_consumer.pact_json()["messages"]) == count


@then(parsers.parse('the first message in the pact file will contain the "{name}" document'))
def first_message_document(message_consumer: MessageConsumerWorld, name: str) -> None:
    """The written message's contents are the fixture's document."""
    expected = json.loads(fixture_path(name).read_text(encoding="utf-8"))
    assert message_consumer.first_message()["contents"] == expected


@then(parsers.parse('the first message in the pact file content type will be "{content_type}"'))
def first_message_content_type(message_consumer: MessageConsumerWorld, content_type: str) -> None:
    """The written message names its content type in its metadata."""
    metadata = message_consumer.first_message().get("metadata") or {}
    found = [v for k, v in metadata.items() if k.lower() in ("contenttype", "content-type")]
    assert found == [content_type], metadata


def _metadata_pair(text: str) -> tuple[str, Any]:
    m = re.fullmatch(r'"(?P<key>[^"]+)" == "(?P<value>.*)"', text)
    assert m, text
    return m["key"], metadata_value(unescape(m["value"]))


@then(parsers.re(r"the received message metadata will contain (?P<pair>\".+\" == \".*\")$"))
def received_metadata(message_consumer: MessageConsumerWorld, pair: str) -> None:
    """The handler's message has the metadata entry."""
    key, value = _metadata_pair(pair)
    assert message_consumer.received.metadata.get(key) == value, message_consumer.received.metadata


@then(parsers.re(r"the first message in the pact file will contain the message metadata (?P<pair>\".+\" == \".*\")$"))
def written_metadata(message_consumer: MessageConsumerWorld, pair: str) -> None:
    """The written message has the metadata entry."""
    key, value = _metadata_pair(pair)
    assert (message_consumer.first_message().get("metadata") or {}).get(key) == value


def _written_states(message_consumer: MessageConsumerWorld) -> list[dict[str, Any]]:
    message = message_consumer.first_message()
    if "providerStates" in message:
        return message["providerStates"]
    return [{"name": message["providerState"]}] if message.get("providerState") else []


@then(parsers.re(r"the first message in the pact file will contain (?P<count>\d+) provider states?$"))
def written_state_count(message_consumer: MessageConsumerWorld, count: str) -> None:
    """The written message has ``count`` provider states."""
    assert len(_written_states(message_consumer)) == int(count)


@then(parsers.parse('the first message in the Pact file will contain provider state "{name}"'))
def written_state(message_consumer: MessageConsumerWorld, name: str) -> None:
    """The written message has the provider state."""
    assert name in [s["name"] for s in _written_states(message_consumer)]


@then(parsers.parse('the provider state "{name}" for the message will contain the following parameters:'))
def written_state_params(message_consumer: MessageConsumerWorld, name: str, datatable: list[list[str]]) -> None:
    """The written provider state has exactly these parameters."""
    [row] = table_rows(datatable)
    [state] = [s for s in _written_states(message_consumer) if s["name"] == name]
    assert state.get("params") == json.loads(row["parameters"])


@then(parsers.re(r'the message contents for "(?P<path>[^"]+)" will have been replaced with an? "(?P<kind>[^"]+)"'))
def contents_generated(message_consumer: MessageConsumerWorld, path: str, kind: str) -> None:
    """The handler got a generated value at ``path`` (not the example ``"a"``)."""
    contents = message_consumer.received.contents
    value = contents
    for key in path.removeprefix("$").split(".")[1:]:
        value = value[key]
    example = json.loads(fixture_path("basic.json").read_text(encoding="utf-8"))
    assert value != example.get(path.split(".")[-1]) and is_kind(value, kind), value


@then(parsers.parse('the received message metadata will contain "{key}" replaced with an "{kind}"'))
def metadata_generated(message_consumer: MessageConsumerWorld, key: str, kind: str) -> None:
    """The handler got a generated metadata value (not the example)."""
    value = message_consumer.received.metadata.get(key)
    assert value != message_consumer.original_metadata.get(key) and is_kind(value, kind), value


