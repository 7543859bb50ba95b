"""The message provider client: asks the provider for each message and matches it.

The target (``Verifier.transport("message", target)`` or ``--transport message=TARGET``)
names in-process producers (see :mod:`polypact_message.producers`) or the provider's
message endpoint (the reference verifier's convention, see
:mod:`polypact_message.endpoint`); :mod:`polypact_message.target` resolves and checks it
once, when the client is created.

A producer that raises, returns the wrong type or times out fails its interaction with
that cause (a :class:`polypact.errors.VerificationError`); the verifier records it and
goes on with the next interaction.
"""

from __future__ import annotations

from typing import Any

from polypact.errors import VerificationError
from polypact.generate import GeneratorContext, apply_generators
from polypact.matching import match_message
from polypact.model import AsynchronousMessage, MessageContents, SynchronousMessages
from polypact.pactfile import interaction_json
from polypact.transport import ProviderConfig, VerifyContext

from polypact_message.endpoint import fetch_message
from polypact_message.matching import match_responses
from polypact_message.message import Message
from polypact_message.output import actual_message, actual_responses
from polypact_message.producers import call_producer, find_producer
from polypact_message.target import resolve_target


def states_json(interaction: Any) -> list[dict[str, Any]]:
    """The interaction's provider states as the endpoint convention sends them."""
    return [{"name": s.name, **({"params": dict(s.params)} if s.params else {})}
            for s in interaction.provider_states]


class MessageProviderClient:
    """Verifies ``Asynchronous/Messages`` and ``Synchronous/Messages`` interactions."""

    def __init__(self, config: ProviderConfig):
        self.config = config
        self.registry = config.registry
        self.target = resolve_target(config.target)
        self.timeout = config.timeout

    @property
    def remote(self) -> bool:
        """True when the provider is an HTTP message endpoint."""
        return isinstance(self.target, str)

    def verify(self, interaction: Any, context: VerifyContext) -> list[Any]:
        """Produce the interaction's message(s) and return the mismatches."""
        if isinstance(interaction, AsynchronousMessage):
            actual = self.produce(interaction, context)
            return match_message(interaction.message, actual, registry=self.registry,
                                 interaction=interaction)
        if isinstance(interaction, SynchronousMessages):
            actual_list = self.exchange(interaction, context)
            return match_responses(interaction.response, actual_list, registry=self.registry,
                                   interaction=interaction)
        raise VerificationError(
            f"the message transport cannot verify {interaction.type} interaction "
            f"{interaction.description!r}")

    # -- asynchronous ------------------------------------------------------------------
    def produce(self, interaction: AsynchronousMessage, context: VerifyContext) -> MessageContents:
        """The provider's actual message for an asynchronous interaction."""
        if self.remote:
            payload = {"description": interaction.description}
            if interaction.provider_states:
                payload["providerStates"] = states_json(interaction)
            return fetch_message(self.target, payload, timeout=self.timeout, headers=self.config.headers)
        output = self._call(interaction, context, None)
        return actual_message(output, interaction.message, interaction.description)

    # -- synchronous -------------------------------------------------------------------
    def request_for(self, interaction: SynchronousMessages, context: VerifyContext) -> MessageContents:
        """The request message to send: request generators applied in provider mode."""
        request = interaction.request
        if request.generators:
            ctx = GeneratorContext(mode="provider", provider_state=dict(context.provider_state),
                                   registry=self.registry)
            request = apply_generators(request, ctx)
        return request

    def exchange(self, interaction: SynchronousMessages, context: VerifyContext) -> list[MessageContents]:
        """The provider's actual responses to the interaction's request message."""
        request = self.request_for(interaction, context)
        if self.remote:
            payload: dict[str, Any] = {"description": interaction.description,
                                       "request": _request_json(interaction, request)}
            if interaction.provider_states:
                payload["providerStates"] = states_json(interaction)
            return [fetch_message(self.target, payload, timeout=self.timeout,
                                  headers=self.config.headers)]
        message = Message.from_contents(request, interaction.description)
        output = self._call(interaction, context, message)
        return actual_responses(output, interaction.response, interaction.description)

    # -- in-process producers ----------------------------------------------------------
    def _call(self, interaction: Any, context: VerifyContext, request: Message | None) -> Any:
        producer = find_producer(self.target, interaction.description)
        params: dict[str, Any] = {}
        for state in interaction.provider_states:
            params.update(state.params)
        available = {
            "description": interaction.description,
            "states": list(interaction.provider_states),
            "params": params,
            "provider_state": dict(context.provider_state),
        }
        if request is not None:
            available["request"] = request
        return call_producer(producer, available, self.timeout)

    def close(self) -> None:
        """Nothing to release (each endpoint request uses its own connection)."""


def _request_json(interaction: SynchronousMessages, request: MessageContents) -> dict[str, Any]:
    """The request message as pact JSON (what the reference verifier sends)."""
    probe = SynchronousMessages(description=interaction.description, request=request)
    return interaction_json(probe, "4.0")["request"]
