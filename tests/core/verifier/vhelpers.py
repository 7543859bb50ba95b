"""Shared helpers for verifier tests: a fake transport and small pact models."""

from __future__ import annotations

from typing import Any

from polypact import hookimpl
from polypact.matching.mismatch import Mismatch
from polypact.model import (
    HttpRequest,
    HttpResponse,
    Pact,
    Pacticipant,
    ProviderState,
    SynchronousHttp,
)


class FakeClient:
    """A provider client whose answers come from ``config.target(interaction, context)``."""

    def __init__(self, config: Any):
        self.config = config
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.closed = False

    def verify(self, interaction: Any, context: Any) -> list[Mismatch]:
        self.calls.append((interaction.description, dict(context.provider_state)))
        return list(self.config.target(interaction, context))

    def close(self) -> None:
        self.closed = True


class FakeTransport:
    """Registered as ``fake`` for HTTP interactions."""

    name = "fake"
    interaction_types = ("Synchronous/HTTP",)

    def __init__(self) -> None:
        self.clients: list[FakeClient] = []

    def start_mock(self, pact: Any, interactions: Any, config: Any) -> Any:
        raise NotImplementedError

    def provider_client(self, config: Any) -> FakeClient:
        client = FakeClient(config)
        self.clients.append(client)
        return client


class FakePlugin:
    """Registers the fake transport and records lifecycle events."""

    def __init__(self) -> None:
        self.transport = FakeTransport()
        self.events: list[tuple[str, Any]] = []

    @hookimpl
    def polypact_register_transports(self, register: Any) -> None:
        register("fake", self.transport)

    @hookimpl
    def polypact_verification_started(self, run: Any) -> None:
        self.events.append(("started", run.interaction_count))

    @hookimpl
    def polypact_interaction_verified(self, result: Any) -> None:
        self.events.append(("verified", result.description))

    @hookimpl
    def polypact_verification_finished(self, summary: Any) -> None:
        self.events.append(("finished", summary.success))


def interaction(description: str, *states: tuple[str, dict[str, Any]] | str, pending: bool = False) -> SynchronousHttp:
    """An HTTP interaction GET /<description> with the given provider states."""
    provider_states = [
        ProviderState(s, {}) if isinstance(s, str) else ProviderState(s[0], dict(s[1])) for s in states
    ]
    return SynchronousHttp(
        description=description,
        provider_states=provider_states,
        pending=pending,
        request=HttpRequest("GET", "/" + description.replace(" ", "-")),
        response=HttpResponse(200),
    )


def pact(consumer: str, provider: str, *interactions: SynchronousHttp) -> Pact:
    """A pact model holding ``interactions``."""
    return Pact(Pacticipant(consumer), Pacticipant(provider), list(interactions))


def fails_when(*descriptions: str) -> Any:
    """A fake target failing the named interactions with one body mismatch."""

    def target(interaction: Any, context: Any) -> list[Mismatch]:
        if interaction.description in descriptions:
            return [Mismatch("body", "$.name", "Expected 'Ann' but received 'Bob'", "Ann", "Bob", "equality")]
        return []

    return target


def passes(interaction: Any, context: Any) -> list[Mismatch]:
    """A fake target that verifies everything."""
    return []
