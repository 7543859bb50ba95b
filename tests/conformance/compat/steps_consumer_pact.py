"""Steps of the ``http_consumer.feature`` files about the pact file the mock writes, and
the V3 provider-state scenarios (declared with ``given``, checked in the written pact)."""

from __future__ import annotations

import json
from typing import Any

from polypact import read_pact
from pytest_bdd import given, parsers, then, when

from .client import send
from .data import fixture_path, parse_query, scalar, table_rows
from .steps_consumer import ConsumerWorld

ORDINALS = {"first": 0, "second": 1, "third": 2}


# -- the pact file -----------------------------------------------------------------------
@then(parsers.re(r"the mock server will write out a Pact file for the interactions? when done"))
def pact_written(consumer: ConsumerWorld) -> None:
    """The pact file exists and polypact reads it back."""
    assert consumer.done and consumer.error is None, str(consumer.error)
    assert consumer.pact_file.is_file()
    read_pact(consumer.pact_file)


@then(parsers.re(r"the mock server will NOT write out a Pact file for the interactions? when done"))
def pact_not_written(consumer: ConsumerWorld) -> None:
    """No pact file was written."""
    assert not consumer.pact_file.exists()


@then(parsers.parse("the pact file will contain {{{count:d}}} interaction"))
def pact_interaction_count(consumer: ConsumerWorld, count: int) -> None:
    """The pact file holds ``count`` interactions."""
    assert len(consumer.pact_json()["interactions"]) == count


def _interaction(consumer: ConsumerWorld, ordinal: str) -> dict[str, Any]:
    return consumer.pact_json()["interactions"][ORDINALS[ordinal]]


def _file_body(part: dict[str, Any]) -> Any:
    """A part's body as written: V2/V3 raw JSON, V4 ``{content, contentType, encoded}``."""
    body = part.get("body")
    if isinstance(body, dict) and "contentType" in body and "content" in body and "encoded" in body:
        return body["content"]
    return body


@then(parsers.parse('the {{{ordinal}}} interaction request will be for a "{method}"'))
def request_method(consumer: ConsumerWorld, ordinal: str, method: str) -> None:
    """The written request's method."""
    assert _interaction(consumer, ordinal)["request"]["method"].upper() == method


@then(parsers.parse('the {{{ordinal}}} interaction {part} will contain the "{name}" document'))
def part_document(consumer: ConsumerWorld, ordinal: str, part: str, name: str) -> None:
    """The written request/response body is the fixture's JSON document."""
    expected = json.loads(fixture_path(name).read_text(encoding="utf-8"))
    assert _file_body(_interaction(consumer, ordinal)[part]) == expected


@then(parsers.parse('the {{{ordinal}}} interaction request query parameters will be "{query}"'))
def request_query(consumer: ConsumerWorld, ordinal: str, query: str) -> None:
    """The written query (a V2 string or a V3/V4 map) means ``query``."""
    written = _interaction(consumer, ordinal)["request"].get("query")
    if isinstance(written, str):
        written = parse_query(written)
    written = {k: v if isinstance(v, list) else [v] for k, v in (written or {}).items()}
    assert written == parse_query(query)


def _written_header(consumer: ConsumerWorld, ordinal: str, name: str) -> list[str]:
    headers = _interaction(consumer, ordinal)["request"].get("headers") or {}
    value = next((v for k, v in headers.items() if k.lower() == name.lower()), None)
    assert value is not None, f"no {name} header in {headers}"
    return value if isinstance(value, list) else [value]


@then(parsers.parse('the {{{ordinal}}} interaction request will contain the header "{name}" with value "{value}"'))
def request_header(consumer: ConsumerWorld, ordinal: str, name: str, value: str) -> None:
    """The written request has the header."""
    assert _written_header(consumer, ordinal, name) == [value]


@then(parsers.parse('the {{{ordinal}}} interaction request content type will be "{content_type}"'))
def request_content_type(consumer: ConsumerWorld, ordinal: str, content_type: str) -> None:
    """The written request's Content-Type."""
    [value] = _written_header(consumer, ordinal, "Content-Type")
    assert value.split(";")[0].strip() == content_type


# -- V3: provider states -----------------------------------------------------------------
@given("an integration is being defined for a consumer test")
def integration_defined(consumer: ConsumerWorld) -> None:
    """An interaction ``GET /provider-states`` answering 200."""
    consumer.builder = (consumer.pact.upon_receiving("an interaction with provider states")
                        .with_request("GET", "/provider-states"))
    consumer.builder.will_respond_with(200)


@given(parsers.parse('a provider state "{name}" is specified'))
def state_specified(consumer: ConsumerWorld, name: str) -> None:
    """Add a provider state."""
    consumer.builder.given(name)


@given(parsers.parse('a provider state "{name}" is specified with the following data:'))
def state_with_data(consumer: ConsumerWorld, name: str, datatable: list[list[str]]) -> None:
    """Add a provider state with parameters (cells are JSON values)."""
    [row] = table_rows(datatable)
    consumer.builder.given(name, **{k: scalar(v) for k, v in row.items()})


@when("the Pact file for the test is generated")
def pact_generated(consumer: ConsumerWorld) -> None:
    """Serve the interaction, exercise it, and leave the block (writing the pact)."""
    consumer.start()
    consumer.response = send(consumer.mock.url, "GET", "/provider-states")
    consumer.finish()
    assert consumer.error is None, str(consumer.error)


def _states(consumer: ConsumerWorld) -> list[dict[str, Any]]:
    interaction = consumer.pact_json()["interactions"][0]
    if "providerStates" in interaction:
        return interaction["providerStates"]
    state = interaction.get("providerState")
    return [{"name": state}] if state else []


@then(parsers.re(r"the interaction in the Pact file will contain (?P<count>\d+) provider states?$"))
def state_count(consumer: ConsumerWorld, count: str) -> None:
    """The written interaction has ``count`` provider states."""
    assert len(_states(consumer)) == int(count)


@then(parsers.parse('the interaction in the Pact file will contain provider state "{name}"'))
def state_present(consumer: ConsumerWorld, name: str) -> None:
    """The written interaction has the provider state."""
    assert name in [s["name"] for s in _states(consumer)]


@then(parsers.parse('the provider state "{name}" in the Pact file will contain the following parameters:'))
def state_parameters(consumer: ConsumerWorld, name: str, datatable: list[list[str]]) -> None:
    """The written provider state has exactly these parameters."""
    [row] = table_rows(datatable)
    [state] = [s for s in _states(consumer) if s["name"] == name]
    assert state.get("params") == json.loads(row["parameters"])
