"""Steps of ``V3/message_provider.feature``: producers served by
``polypact_message.serve_producers`` and verified with ``Verifier.transport("message", url)``
(the verification, provider-state and result steps are those of :mod:`.steps_provider`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from polypact import Pact
from pytest_bdd import given, parsers

from .data import body_spec, fixture_path, table_rows
from .messages import message_value, metadata_value, unescape
from .steps_provider import PROVIDER, ProviderWorld


# -- provider ----------------------------------------------------------------------------
def _producers(world: ProviderWorld) -> dict[str, Any]:
    """The producers of the message provider, started on first use (one endpoint per run)."""
    if world.message_producers is not None:
        return world.message_producers
    producers: dict[str, Any] = {}
    world.message_producers = producers

    def configure(verifier: Any) -> None:
        from polypact_message import serve_producers

        endpoint = serve_producers(producers)
        world.servers.append(endpoint)
        verifier.transport("message", endpoint.url)

    world.configure.append(configure)
    return producers


def _produce(world: ProviderWorld, name: str, spec: str, metadata: dict[str, Any] | None = None) -> None:
    from polypact_message import Message

    value, content_type = message_value(body_spec(unescape(spec)))
    message = Message(value, dict(metadata or {}), content_type=content_type)

    def produce() -> Any:
        world.log.add("provider", name)  # the producer ran: the "request to the provider"
        return message

    _producers(world)[name] = produce


def _metadata_rows(datatable: list[list[str]]) -> dict[str, Any]:
    return {row["key"]: metadata_value(row["value"]) for row in table_rows(datatable)}


@given(parsers.re(r'a provider is started that can generate the "(?P<name>[^"]+)" message with "(?P<spec>.*)"$'))
def message_provider(provider_world: ProviderWorld, name: str, spec: str) -> None:
    """The provider generates message ``name`` with these contents."""
    _produce(provider_world, name, spec)


@given(parsers.re(r'a provider is started that can generate the "(?P<name>[^"]+)" message with "(?P<spec>.*)" and the following metadata:$'))
def message_provider_metadata(provider_world: ProviderWorld, name: str, spec: str, datatable: list[list[str]]) -> None:
    """The provider generates message ``name`` with these contents and metadata."""
    _produce(provider_world, name, spec, _metadata_rows(datatable))


def _write_message_pact(world: ProviderWorld, name: str, spec: str | None, *, state: str | None = None,
                        metadata: dict[str, Any] | None = None, rules: dict[str, Any] | None = None) -> None:
    consumer = f"compat-message-consumer-{len(world.pact_files) + 1}"
    pact = Pact(consumer, PROVIDER, pact_dir=world.pact_dir, spec_version="3.0")
    builder = pact.expects_to_receive(name)
    if spec is not None:
        value, content_type = message_value(body_spec(unescape(spec)))
        builder.with_content(value, content_type=content_type)
    if state:
        builder.given(state)
    if metadata:
        builder.with_metadata(metadata)
    if rules:
        builder.with_message_rules(rules)
    world.pact_files.append(Path(pact.verify(lambda message: None)))


@given(parsers.re(r'a Pact file for "(?P<name>[^"]+)":"(?P<spec>.*)" is to be verified$'))
def message_pact(provider_world: ProviderWorld, name: str, spec: str) -> None:
    """A message pact expecting these contents."""
    _write_message_pact(provider_world, name, spec)


@given(parsers.re(r'a Pact file for "(?P<name>[^"]+)":"(?P<spec>.*)" is to be verified with provider state "(?P<state>[^"]+)"$'))
def message_pact_state(provider_world: ProviderWorld, name: str, spec: str, state: str) -> None:
    """A message pact given a provider state."""
    _write_message_pact(provider_world, name, spec, state=state)


@given(parsers.re(r'a Pact file for "(?P<name>[^"]+)":"(?P<spec>.*)" is to be verified with the following metadata:$'))
def message_pact_metadata(provider_world: ProviderWorld, name: str, spec: str, datatable: list[list[str]]) -> None:
    """A message pact expecting these contents and metadata."""
    _write_message_pact(provider_world, name, spec, metadata=_metadata_rows(datatable))


@given(parsers.parse('a Pact file for "{name}" is to be verified with the following:'))
def message_pact_with(provider_world: ProviderWorld, name: str, datatable: list[list[str]]) -> None:
    """A message pact from a two-column table: ``body``, ``matching rules``, ``metadata``
    (``key=value; key=value``)."""
    cells = {row[0].strip(): row[1].strip() for row in datatable}
    rules = None
    if cells.get("matching rules"):
        rules = json.loads(fixture_path(cells["matching rules"]).read_text(encoding="utf-8"))
    metadata = None
    if cells.get("metadata"):
        metadata = {}
        for item in cells["metadata"].split(";"):
            key, _, value = item.strip().partition("=")
            metadata[key.strip()] = metadata_value(value)
    _write_message_pact(provider_world, name, cells.get("body"), metadata=metadata, rules=rules)

