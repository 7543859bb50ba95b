"""Transport protocols: what a protocol plugin supplies to mock and verify interactions.

A transport (registered with ``polypact_register_transports``) has two faces:

- consumer side, :meth:`Transport.start_mock` serves a set of interactions (a mock HTTP or
  gRPC server, or a message hand-off) and collects what did not match;
- provider side, :meth:`Transport.provider_client` returns a :class:`ProviderClient` that
  replays an interaction against the real provider and returns the mismatches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from polypact.matching.mismatch import Mismatch


@dataclass
class MockProblem:
    """A problem a mock saw during a consumer test.

    ``kind`` is ``"missing"`` (an interaction was never exercised), ``"unexpected"`` (a
    request matched no interaction) or ``"mismatch"`` (a request came close to an
    interaction but differed, see ``mismatches``).
    """

    kind: str
    description: str
    request_summary: str = ""
    mismatches: list[Mismatch] = field(default_factory=list)


@dataclass
class MockConfig:
    """Options for starting a mock: bind address (always loopback by default), port
    (0: the OS picks), and transport-specific options."""

    host: str = "127.0.0.1"
    port: int = 0
    registry: Any = None
    options: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class MockServer(Protocol):
    """A running mock for one transport."""

    url: str | None

    def problems(self) -> list[MockProblem]:
        """Everything that went wrong so far (missing, unexpected, mismatched)."""

    def stop(self) -> None:
        """Stop serving and release the port. Idempotent."""


@dataclass
class ProviderConfig:
    """How to reach the provider for one transport during verification.

    ``target`` is transport-specific: a base URL, a WSGI/ASGI app, ``HOST:PORT`` for gRPC,
    a mapping of message producers, ... ``headers`` are added to every request (e.g.
    authorisation); ``request_filter`` may rewrite each request before it is sent.
    """

    target: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    request_filter: Callable[[Any], Any] | None = None
    timeout: float = 30.0
    registry: Any = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class VerifyContext:
    """Per-interaction data a provider client needs: values returned by provider-state
    handlers (for ``ProviderState`` generators) and the registry."""

    provider_state: dict[str, Any] = field(default_factory=dict)
    registry: Any = None
    pact: Any = None


@runtime_checkable
class ProviderClient(Protocol):
    """Replays interactions against a provider."""

    def verify(self, interaction: Any, context: VerifyContext) -> list[Mismatch]:
        """Send ``interaction``'s request (or trigger its message) and return mismatches
        between the contract and what the provider answered (empty list: verified)."""

    def close(self) -> None:
        """Release connections."""


@runtime_checkable
class Transport(Protocol):
    """A protocol plugin's entry point for mocking and verification."""

    name: str
    interaction_types: Sequence[str]

    def start_mock(self, pact: Any, interactions: Sequence[Any], config: MockConfig) -> MockServer:
        """Start serving ``interactions`` (of ``pact``) and return the running mock."""

    def provider_client(self, config: ProviderConfig) -> ProviderClient:
        """A client that verifies interactions against the provider ``config`` names."""
