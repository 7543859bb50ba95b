"""Steps of the ``http_consumer.feature`` files: the consumer DSL, the HTTP mock server
(``pact.serve()``) exercised with real requests, and the pact file it writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact
from polypact.errors import ConsumerTestError
from polypact.matching.mismatch import Mismatch
from polypact.transport import MockProblem
from pytest_bdd import parsers, then, when

from .client import Response, send
from .data import fixture_path, table_rows
from .interactions import InteractionDefinition, declare
from .meaning import describe, find_meaning


@dataclass
class ConsumerWorld:
    """One consumer test: the pact, the running mock session and what happened."""

    pact: Any
    session: Any = None
    mock: Any = None
    response: Response | None = None
    done: bool = False
    error: ConsumerTestError | None = None
    builder: Any = None

    def start(self) -> None:
        """Enter ``pact.serve()``."""
        self.session = self.pact.serve()
        self.mock = self.session.__enter__()

    def finish(self) -> None:
        """Leave ``pact.serve()``, keeping the consumer-test error if one is raised."""
        if self.session is None or self.done:
            return
        self.done = True
        try:
            self.session.__exit__(None, None, None)
        except ConsumerTestError as exc:
            self.error = exc

    def problems(self) -> list[MockProblem]:
        """The mock's problems: from the error once the test is done, else live."""
        if self.done:
            return list(self.error.problems) if self.error else []
        return [problem for _, problem in self.mock.problems()]

    def mismatches(self) -> list[Mismatch]:
        """Every mismatch of every problem."""
        return [m for p in self.problems() for m in p.mismatches]

    @property
    def pact_file(self) -> Path:
        """Where the pact is (or would be) written."""
        return Path(self.pact.path)

    def pact_json(self) -> dict[str, Any]:
        """The written pact file, decoded."""
        return json.loads(self.pact_file.read_text(encoding="utf-8"))


@pytest.fixture
def consumer(tmp_path: Path, pact_spec_version: str) -> Iterator[ConsumerWorld]:
    """A consumer test writing its pact under ``tmp_path``; its mock is always stopped."""
    world = ConsumerWorld(Pact("compat-consumer", "compat-provider", pact_dir=tmp_path,
                               spec_version=pact_spec_version))
    yield world
    if world.session is not None and not world.done:
        world.finish()


def _changes(datatable: list[list[str]]) -> dict[str, str]:
    [row] = table_rows(datatable)
    return row


# -- mock server -------------------------------------------------------------------------
def _start_with(consumer: ConsumerWorld, definitions: list[InteractionDefinition]) -> None:
    for definition in definitions:
        declare(consumer.pact, definition)
    consumer.start()


def _numbers(text: str) -> list[int]:
    return [int(n) for n in text.replace('"', "").split(",")]


@when(parsers.re(r'the mock server is started with interactions? "?(?P<numbers>[\d, ]+)"?$'))
def start_mock(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition], numbers: str) -> None:
    """Declare the interactions and start the mock."""
    _start_with(consumer, [interactions[n] for n in _numbers(numbers)])


@when(parsers.parse("the mock server is started with interaction {number:d} but with the following changes:"))
def start_mock_changed(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition],
                       number: int, datatable: list[list[str]]) -> None:
    """Declare a changed interaction and start the mock."""
    _start_with(consumer, [interactions[number].changed(_changes(datatable))])


def _make_request(consumer: ConsumerWorld, definition: InteractionDefinition) -> None:
    headers = list(definition.headers)
    body = None
    if definition.body is not None:
        body = definition.body.data
        if definition.body.content_type and not any(n.lower() == "content-type" for n, _ in headers):
            headers.append(("Content-Type", definition.body.content_type))
    consumer.response = send(consumer.mock.url, definition.method, definition.path,
                             query=definition.query_string, headers=headers, body=body)


@when(parsers.parse("request {number:d} is made to the mock server"))
def make_request(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition], number: int) -> None:
    """Send the request of an interaction to the mock."""
    _make_request(consumer, interactions[number])


@when(parsers.parse("request {number:d} is made to the mock server with the following changes:"))
def make_changed_request(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition],
                         number: int, datatable: list[list[str]]) -> None:
    """Send a changed request of an interaction to the mock."""
    _make_request(consumer, interactions[number].changed(_changes(datatable)))


@when("the pact test is done")
def pact_test_done(consumer: ConsumerWorld) -> None:
    """Leave the ``serve()`` block: check the mock, write the pact when all matched."""
    consumer.finish()


# -- responses ---------------------------------------------------------------------------
@then(parsers.re(r"a (?P<status>\d+) (?:success|error) response is returned"))
def response_status(consumer: ConsumerWorld, status: str) -> None:
    """The mock answered with ``status``."""
    assert consumer.response is not None
    assert consumer.response.status == int(status), (
        f"status {consumer.response.status}: {consumer.response.body[:500]!r}"
    )


@then(parsers.parse('the payload will contain the "{name}" JSON document'))
def payload_document(consumer: ConsumerWorld, name: str) -> None:
    """The mock's response body is the fixture's JSON document."""
    assert consumer.response is not None
    expected = json.loads(fixture_path(f"{name}.json").read_text(encoding="utf-8"))
    assert json.loads(consumer.response.body) == expected


@then(parsers.parse('the content type will be set as "{content_type}"'))
def response_content_type(consumer: ConsumerWorld, content_type: str) -> None:
    """The mock's response has this Content-Type (parameters aside)."""
    assert consumer.response is not None
    actual = consumer.response.header("Content-Type") or ""
    assert actual.split(";")[0].strip() == content_type, actual


# -- mock status -------------------------------------------------------------------------
@then("the mock server status will be OK")
def status_ok(consumer: ConsumerWorld) -> None:
    """The test block ended without a consumer-test error."""
    assert consumer.done and consumer.error is None, str(consumer.error)


@then("the mock server status will NOT be OK")
def status_not_ok(consumer: ConsumerWorld) -> None:
    """The test block ended with a consumer-test error."""
    assert consumer.done and consumer.error is not None


@then(parsers.parse("the mock server status will be an expected but not received error for interaction {{{number:d}}}"))
def status_missing(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition], number: int) -> None:
    """The interaction was never called."""
    description = interactions[number].description
    found = [p for p in consumer.problems() if p.kind == "missing" and p.description == description]
    assert found, [(p.kind, p.description) for p in consumer.problems()]


def _unexpected(consumer: ConsumerWorld, method: str, path: str) -> None:
    found = [p for p in consumer.problems()
             if p.kind == "unexpected" and p.request_summary.split("?")[0] == f"{method} {path}"]
    assert found, [(p.kind, p.request_summary) for p in consumer.problems()]


@then(parsers.parse('the mock server status will be an unexpected "{method}" request received error for interaction {{{number:d}}}'))
def status_unexpected_interaction(consumer: ConsumerWorld, interactions: dict[int, InteractionDefinition],
                                  method: str, number: int) -> None:
    """A request like interaction ``number``'s matched nothing."""
    _unexpected(consumer, method, interactions[number].path)


@then(parsers.parse('the mock server status will be an unexpected "{method}" request received error for path "{path}"'))
def status_unexpected_path(consumer: ConsumerWorld, method: str, path: str) -> None:
    """A request to ``path`` matched nothing."""
    _unexpected(consumer, method, path)


@then("the mock server status will be mismatches")
def status_mismatches(consumer: ConsumerWorld) -> None:
    """A request came close to an interaction but differed."""
    assert any(p.kind == "mismatch" for p in consumer.problems()), [p.kind for p in consumer.problems()]


@then(parsers.re(r'the mismatches will contain a "(?P<category>[^"]+)" mismatch with error "(?P<error>.*)"$'))
def mismatch_with_error(consumer: ConsumerWorld, category: str, error: str) -> None:
    """A mismatch of ``category`` carries the meaning of the reference ``error``."""
    found = find_meaning(consumer.mismatches(), category=category, message=error)
    assert found, f"no {category} mismatch meaning {error!r}; got:\n{describe(consumer.mismatches())}"


@then(parsers.re(r'the mismatches will contain a "(?P<category>[^"]+)" mismatch with path "(?P<path>[^"]+)" with error "(?P<error>.*)"$'))
def mismatch_with_path(consumer: ConsumerWorld, category: str, path: str, error: str) -> None:
    """A mismatch of ``category`` at ``path`` carries the meaning of the reference ``error``."""
    found = find_meaning(consumer.mismatches(), category=category, path=path, message=error)
    assert found, f"no {category} mismatch at {path} meaning {error!r}; got:\n{describe(consumer.mismatches())}"
