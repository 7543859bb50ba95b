"""The ``http`` transport: the consumer-side mock server and the provider-side client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.model import HTTP
from polypact.transport import MockConfig, ProviderConfig


class HttpTransport:
    """Serves ``Synchronous/HTTP`` interactions in consumer tests and replays them against
    providers during verification."""

    name = "http"
    interaction_types = (HTTP,)

    def start_mock(self, pact: Any, interactions: Sequence[Any], config: MockConfig) -> Any:
        """Start an :class:`polypact_http.mock_server.HttpMockServer` for ``interactions``
        on ``config.host:config.port`` (127.0.0.1, OS-chosen port by default)."""
        from polypact_http.mock_server import HttpMockServer

        return HttpMockServer(pact, interactions, config)

    def provider_client(self, config: ProviderConfig) -> Any:
        """An :class:`polypact_http.provider.HttpProviderClient` for ``config``."""
        from polypact_http.provider import HttpProviderClient

        return HttpProviderClient(config)
