"""Steps of the ``http_provider.feature`` files (and the verification steps the message
provider feature shares): pacts written with the consumer DSL, verified with
:class:`polypact.Verifier` against an in-process provider, provider states through a
state-change callback, request filters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact, Verifier
from polypact.verifier import InteractionResult, VerificationSummary
from pytest_bdd import given, parsers, then, when

from .data import header_multimap, parse_headers, scalar, table_rows
from .interactions import InteractionDefinition, declare
from .meaning import describe
from .servers import EventLog, ProviderServer, StateCallbackServer

PROVIDER = "compat-provider"

#: The reference verifier's failure headings and what each means on a polypact result.
RESULT_ERRORS: dict[str, Callable[[InteractionResult], bool]] = {
    "Response status did not match": lambda r: any(m.category == "status" for m in r.mismatches),
    "Headers had differences": lambda r: any(m.category == "header" for m in r.mismatches),
    "Body had differences": lambda r: any(m.category in ("body", "body-type") for m in r.mismatches),
    "Metadata had differences": lambda r: any(m.category == "metadata" for m in r.mismatches),
    "State change request failed": lambda r: r.error is not None and "state" in r.error.lower(),
}


@dataclass
class ProviderWorld:
    """One verification: the provider, the pacts to verify, and the outcome."""

    pact_dir: Path
    spec_version: str
    log: EventLog = field(default_factory=EventLog)
    servers: list[Any] = field(default_factory=list)
    provider: ProviderServer | None = None
    callback: StateCallbackServer | None = None
    pact_files: list[Path] = field(default_factory=list)
    configure: list[Callable[[Verifier], None]] = field(default_factory=list)
    request_filter: Callable[[Any], Any] | None = None
    message_producers: dict[str, Any] | None = None
    broker: Any = None
    summary: VerificationSummary | None = None

    def write_pact(self, definition: InteractionDefinition, *, consumer: str | None = None,
                   folder: Path | None = None) -> Path:
        """Write a pact holding ``definition`` (its own consumer, so files do not merge).
        Pacts written to another ``folder`` (for a broker) are not verified from file."""
        name = consumer or f"compat-consumer-{len(self.pact_files) + 1}"
        pact = Pact(name, PROVIDER, pact_dir=folder or self.pact_dir, spec_version=self.spec_version)
        declare(pact, definition)
        path = Path(pact.write())
        if folder is None:
            self.pact_files.append(path)
        return path

    def results(self) -> list[InteractionResult]:
        """The interaction results of the run."""
        assert self.summary is not None, "the verification has not run"
        return self.summary.results


@pytest.fixture
def provider_world(tmp_path: Path, pact_spec_version: str) -> Iterator[ProviderWorld]:
    """A verification writing its pacts under ``tmp_path``; its servers are always stopped."""
    world = ProviderWorld(tmp_path / "pacts", pact_spec_version)
    yield world
    for server in world.servers:
        server.stop()


# -- the provider ------------------------------------------------------------------------
def _start_provider(world: ProviderWorld, definitions: list[InteractionDefinition]) -> None:
    world.provider = ProviderServer(definitions, world.log)
    world.servers.append(world.provider)
    url = world.provider.url
    world.configure.append(
        lambda verifier: verifier.provider_base_url(url, request_filter=world.request_filter)
    )


@given(parsers.re(r'a provider is started that returns the responses? from interactions? "?(?P<numbers>[\d, ]+)"?$'))
def provider_started(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition], numbers: str) -> None:
    """A provider answering with the responses of these interactions."""
    chosen = [interactions[int(n)] for n in numbers.replace('"', "").split(",")]
    _start_provider(provider_world, chosen)


@given(parsers.parse("a provider is started that returns the response from interaction {number:d}, with the following changes:"))
def provider_started_changed(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition],
                             number: int, datatable: list[list[str]]) -> None:
    """A provider answering with a changed response of an interaction."""
    [row] = table_rows(datatable)
    _start_provider(provider_world, [interactions[number].changed(row)])


# -- pacts to verify ---------------------------------------------------------------------
@given(parsers.parse("a Pact file for interaction {number:d} is to be verified"))
def pact_to_verify(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition], number: int) -> None:
    """Write a pact for the interaction."""
    provider_world.write_pact(interactions[number])


@given(parsers.parse('a Pact file for interaction {number:d} is to be verified with a provider state "{state}" defined'))
def pact_with_state(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition],
                    number: int, state: str) -> None:
    """Write a pact for the interaction, given one provider state."""
    definition = interactions[number].changed({})
    definition.provider_states = [(state, {})]
    provider_world.write_pact(definition)


@given(parsers.parse("a Pact file for interaction {number:d} is to be verified with the following provider states defined:"))
def pact_with_states(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition],
                     number: int, datatable: list[list[str]]) -> None:
    """Write a pact for the interaction, given several provider states (with parameters)."""
    definition = interactions[number].changed({})
    definition.provider_states = [
        (row["State Name"], json.loads(row["Parameters"]) if row.get("Parameters") else {})
        for row in table_rows(datatable)
    ]
    provider_world.write_pact(definition)


# -- provider states ---------------------------------------------------------------------
def _callback(world: ProviderWorld, fail: bool) -> None:
    world.callback = StateCallbackServer(world.log, fail=fail)
    world.servers.append(world.callback)
    url = world.callback.url
    world.configure.append(lambda verifier: verifier.state_change_url(url))


@given("a provider state callback is configured")
def state_callback(provider_world: ProviderWorld) -> None:
    """A state-change callback that succeeds."""
    _callback(provider_world, fail=False)


@given("a provider state callback is configured, but will return a failure")
def failing_state_callback(provider_world: ProviderWorld) -> None:
    """A state-change callback that answers 500."""
    _callback(provider_world, fail=True)


# -- request filters ---------------------------------------------------------------------
@given("a request filter is configured to make the following changes:")
def request_filter(provider_world: ProviderWorld, datatable: list[list[str]]) -> None:
    """A request filter adding headers to every request sent to the provider."""
    [row] = table_rows(datatable)
    extra = header_multimap(parse_headers(row.get("headers", "")))

    def add_headers(request: Any) -> Any:
        for name, values in extra.items():
            request.headers[name] = list(values)
        return request

    provider_world.request_filter = add_headers


# -- running -----------------------------------------------------------------------------
@when("the verification is run")
def run_verification(provider_world: ProviderWorld) -> None:
    """Verify every pact written so far against the configured provider."""
    verifier = Verifier(PROVIDER)
    for path in provider_world.pact_files:
        verifier.add_source(str(path))
    for configure in provider_world.configure:
        configure(verifier)
    provider_world.summary = verifier.verify()


def _report(world: ProviderWorld) -> str:
    lines = []
    for r in world.results():
        lines.append(f"{r.title}: {r.status} error={r.error!r} warnings={r.warnings}")
        if r.mismatches:
            lines.append(describe(r.mismatches))
    return "\n".join(lines)


@then("the verification will be successful")
def verification_successful(provider_world: ProviderWorld) -> None:
    """Every interaction of every pact verified."""
    summary = provider_world.summary
    assert summary is not None and summary.results, "nothing was verified"
    assert summary.success and all(r.ok for r in summary.results), _report(provider_world)


@then("the verification will NOT be successful")
def verification_failed(provider_world: ProviderWorld) -> None:
    """Some interaction failed."""
    summary = provider_world.summary
    assert summary is not None and summary.results
    assert not summary.success, _report(provider_world)


@then(parsers.parse('the verification results will contain a "{error}" error'))
def results_contain(provider_world: ProviderWorld, error: str) -> None:
    """A failed interaction fails for the reason the reference heading names."""
    check = RESULT_ERRORS[error]
    assert any(check(r) for r in provider_world.results() if not r.ok), _report(provider_world)


@then(parsers.parse('the request to the provider will contain the header "{header}"'))
def provider_got_header(provider_world: ProviderWorld, header: str) -> None:
    """The provider received the header (``Name: value``)."""
    [(name, value)] = parse_headers(f"'{header}'")
    assert provider_world.provider is not None
    requests = provider_world.provider.requests()
    assert requests and all(value in r.header(name) for r in requests), [r.headers for r in requests]


# -- provider-state callback checks ------------------------------------------------------
def _state_calls(world: ProviderWorld, action: str) -> list[dict[str, Any]]:
    assert world.callback is not None, "no provider state callback was configured"
    return world.callback.calls(action)


@then("the provider state callback will be called before the verification is run")
def callback_before(provider_world: ProviderWorld) -> None:
    """A set-up call came before the first request to the provider."""
    setups = provider_world.log.indexes("state", lambda c: c.get("action") == "setup")
    requests = provider_world.log.indexes("provider")
    assert setups, "the state callback was never called for setup"
    assert not requests or setups[0] < requests[0]


@then("the provider state callback will be called after the verification is run")
def callback_after(provider_world: ProviderWorld) -> None:
    """A teardown call came after the last request to the provider."""
    teardowns = provider_world.log.indexes("state", lambda c: c.get("action") == "teardown")
    requests = provider_world.log.indexes("provider")
    assert teardowns, "the state callback was never called for teardown"
    assert requests and teardowns[-1] > requests[-1]


def _called_with(world: ProviderWorld, action: str, state: str, params: dict[str, Any] | None = None) -> None:
    calls = _state_calls(world, action)
    found = [c for c in calls if (c.get("state") or "") == state
             and (params is None or c.get("params") == params)]
    assert found, f"no {action} call for {state!r} (params {params}); calls: {calls}"


@then(parsers.re(r'the provider state callback will receive a setup call with "(?P<state>[^"]*)" as the provider state parameter'))
def setup_call(provider_world: ProviderWorld, state: str) -> None:
    """The callback got a set-up call for ``state``."""
    _called_with(provider_world, "setup", state)


@then(parsers.re(r'the provider state callback will receive a teardown call "(?P<state>[^"]*)" as the provider state parameter'))
def teardown_call(provider_world: ProviderWorld, state: str) -> None:
    """The callback got a teardown call for ``state``."""
    _called_with(provider_world, "teardown", state)


def _params(datatable: list[list[str]]) -> dict[str, Any]:
    [row] = table_rows(datatable)
    return {k: scalar(v) for k, v in row.items()}


@then(parsers.parse('the provider state callback will receive a setup call with "{state}" and the following parameters:'))
def setup_call_params(provider_world: ProviderWorld, state: str, datatable: list[list[str]]) -> None:
    """The callback got a set-up call for ``state`` with these parameters."""
    _called_with(provider_world, "setup", state, _params(datatable))


@then(parsers.parse('the provider state callback will receive a teardown call "{state}" and the following parameters:'))
def teardown_call_params(provider_world: ProviderWorld, state: str, datatable: list[list[str]]) -> None:
    """The callback got a teardown call for ``state`` with these parameters."""
    _called_with(provider_world, "teardown", state, _params(datatable))


@then("the provider state callback will NOT receive a teardown call")
def no_teardown(provider_world: ProviderWorld) -> None:
    """No teardown call was made."""
    assert not _state_calls(provider_world, "teardown")


@then(parsers.parse('a warning will be displayed that there was no provider state callback configured for provider state "{state}"'))
def missing_callback_warning(provider_world: ProviderWorld, state: str) -> None:
    """The run warns about the unhandled provider state."""
    warnings = [w for r in provider_world.results() for w in r.warnings]
    warnings += list(provider_world.summary.warnings if provider_world.summary else [])
    assert any(state in w for w in warnings), warnings
