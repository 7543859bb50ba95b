"""The ``message`` transport: message hand-off in consumer tests, producers in
verification."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.model import ASYNC_MESSAGE, SYNC_MESSAGE
from polypact.transport import MockConfig, ProviderConfig


class MessageTransport:
    """Serves ``Asynchronous/Messages`` and ``Synchronous/Messages`` interactions (gRPC's
    synchronous messages name their own ``transport`` and never reach this one)."""

    name = "message"
    interaction_types = (ASYNC_MESSAGE, SYNC_MESSAGE)

    def start_mock(self, pact: Any, interactions: Sequence[Any], config: MockConfig) -> Any:
        """A :class:`polypact_message.mock.MessageMock` holding ``interactions`` for a
        ``pact.serve()`` block."""
        from polypact_message.mock import MessageMock

        return MessageMock(pact, interactions, config)

    def provider_client(self, config: ProviderConfig) -> Any:
        """A :class:`polypact_message.provider.MessageProviderClient` for ``config.target``
        (producers, an endpoint URL or ``module:attribute``)."""
        from polypact_message.provider import MessageProviderClient

        return MessageProviderClient(config)
