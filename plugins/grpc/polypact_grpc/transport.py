"""The ``grpc`` transport: mock gRPC server for consumers, dynamic client for providers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.transport import MockConfig, ProviderConfig


class GrpcTransport:
    """Serves and verifies interactions whose ``transport`` is ``"grpc"``.

    ``interaction_types`` is empty: ``Synchronous/Messages`` interactions are gRPC only when
    they say so (``transport: "grpc"``), as the Pact protobuf plugin writes them.
    """

    name = "grpc"
    interaction_types: Sequence[str] = ()

    def start_mock(self, pact: Any, interactions: Sequence[Any], config: MockConfig) -> Any:
        """Start a :class:`polypact_grpc.mock.GrpcMockServer` for ``interactions``."""
        from polypact_grpc.mock import GrpcMockServer

        return GrpcMockServer(pact, interactions, config)

    def provider_client(self, config: ProviderConfig) -> Any:
        """A :class:`polypact_grpc.client.GrpcProviderClient` for ``config.target``."""
        from polypact_grpc.client import GrpcProviderClient

        return GrpcProviderClient(config)
