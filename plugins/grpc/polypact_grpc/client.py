"""The provider side: replaying gRPC interactions against a running provider.

:class:`GrpcProviderClient` makes dynamic calls (``channel.unary_unary`` /
``unary_stream`` / ``stream_unary`` / ``stream_stream`` on raw bytes) with the request
messages of the contract (request generators applied with the provider-state values),
then compares the status, the response messages (by field name, extra fields fine) and
the response metadata. Descriptors come from the pact, or from the provider through gRPC
server reflection when the pact lacks them and ``options={"reflection": True}``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from polypact.errors import VerificationError
from polypact.matching.mismatch import Mismatch
from polypact.transport import ProviderConfig, VerifyContext

from polypact_grpc.compare import (
    compare_message,
    compare_metadata,
    compare_status,
    compare_stream_length,
)
from polypact_grpc.generation import generator_context, message_bytes
from polypact_grpc.layout import GrpcContract, contract_for
from polypact_grpc.target import parse_target


@dataclass
class GrpcRequest:
    """What the verifier is about to send; a ``request_filter`` may change it."""

    path: str
    messages: list[bytes]
    metadata: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class GrpcOutcome:
    """What the provider answered: status, details, messages and metadata."""

    status: str
    details: str | None
    messages: list[bytes]
    metadata: dict[str, Any]


class GrpcProviderClient:
    """Verifies gRPC interactions against the provider at ``config.target`` (HOST:PORT,
    checked by :func:`polypact_grpc.target.parse_target` before the channel is made)."""

    def __init__(self, config: ProviderConfig):
        import grpc

        self.config = config
        self.target = parse_target(config.target)
        self.channel = grpc.insecure_channel(self.target)
        self._callables: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._contracts: dict[int, tuple[Any, Any, GrpcContract]] = {}

    def close(self) -> None:
        """Close the channel."""
        self.channel.close()

    # -- verification ---------------------------------------------------------------------
    def verify(self, interaction: Any, context: VerifyContext) -> list[Mismatch]:
        """Replay ``interaction`` and return the mismatches (empty: verified)."""
        registry = context.registry or self.config.registry
        contract = self._contract(interaction, context.pact)
        gen_ctx = None
        if any(p.generators for p in contract.requests):
            gen_ctx = generator_context(registry, "provider", context.provider_state)
        request = GrpcRequest(
            contract.method.path,
            [message_bytes(p, contract.method.input_class, registry, gen_ctx) for p in contract.requests],
            self._metadata(contract),
        )
        if self.config.request_filter is not None:
            request = self.config.request_filter(request) or request
        outcome = self.call(contract, request)
        return self.compare(contract, outcome, registry)

    def _contract(self, interaction: Any, pact: Any) -> GrpcContract:
        """The resolved contract of ``interaction`` (cached while the same objects live)."""
        cached = self._contracts.get(id(interaction))
        if cached is not None and cached[0] is interaction and cached[1] is pact:
            return cached[2]
        if self.config.options.get("reflection") and not _has_descriptors(interaction, pact):
            from polypact_grpc.reflection import descriptors_for_interaction

            descriptors_for_interaction(self.channel, interaction)
        contract = contract_for(interaction, pact)
        with self._lock:
            self._contracts[id(interaction)] = (interaction, pact, contract)
        return contract

    def _metadata(self, contract: GrpcContract) -> list[tuple[str, str]]:
        pairs = [(str(k).lower(), str(v)) for k, v in contract.request_metadata.items()]
        pairs += [(str(k).lower(), str(v)) for k, v in self.config.headers.items()]
        return pairs

    def _callable(self, contract: GrpcContract) -> Any:
        kind = contract.method.kind
        key = (contract.method.path, kind)
        with self._lock:
            found = self._callables.get(key)
            if found is None:
                factory = {
                    "unary": self.channel.unary_unary,
                    "server": self.channel.unary_stream,
                    "client": self.channel.stream_unary,
                    "bidi": self.channel.stream_stream,
                }[kind]
                found = factory(contract.method.path)  # raw bytes in and out
                self._callables[key] = found
        return found

    def call(self, contract: GrpcContract, request: GrpcRequest) -> GrpcOutcome:
        """Make the call and collect the outcome (errors become a non-OK status)."""
        import grpc

        kind = contract.method.kind
        stub = self._callable(contract)
        timeout = self.config.timeout
        messages: list[bytes] = []
        call: Any = None
        first = request.messages[0] if request.messages else b""
        try:
            if kind == "unary":
                reply, call = stub.with_call(first, metadata=request.metadata, timeout=timeout)
                messages.append(reply)
            elif kind == "client":
                reply, call = stub.with_call(iter(request.messages), metadata=request.metadata, timeout=timeout)
                messages.append(reply)
            else:
                call = stub(first if kind == "server" else iter(request.messages),
                            metadata=request.metadata, timeout=timeout)
                for reply in call:
                    messages.append(reply)
            status, details = "OK", None
        except grpc.RpcError as err:
            if isinstance(err, grpc.Call):
                call = err
            code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
            status, details = code.name, err.details() if hasattr(err, "details") else str(err)
            if code == grpc.StatusCode.UNAVAILABLE and not messages:
                raise VerificationError(
                    f"gRPC provider at {self.target} is unavailable ({details})"
                ) from None
        metadata: dict[str, Any] = {}
        if call is not None:
            for key, value in list(call.initial_metadata() or ()) + list(call.trailing_metadata() or ()):
                metadata[str(key).lower()] = value
        return GrpcOutcome(status, details, messages, metadata)

    def compare(self, contract: GrpcContract, outcome: GrpcOutcome, registry: Any) -> list[Mismatch]:
        """Mismatches between the contract and what the provider answered."""
        interaction = contract.interaction
        out = compare_status(contract.status, contract.status_part, outcome.status, outcome.details,
                             registry=registry, interaction=interaction)
        expected = contract.responses
        streamed = contract.method.server_streaming
        if outcome.status == contract.status:
            out.extend(compare_stream_length(len(expected), len(outcome.messages), "response"))
        for i, (part, data) in enumerate(zip(expected, outcome.messages, strict=False)):
            label = f"response message {i + 1}" if streamed else ""
            out.extend(compare_message(part, data, contract.method.output_class, lenient=True,
                                       registry=registry, interaction=interaction, label=label))
        values, rules = contract.response_metadata()
        out.extend(compare_metadata(values, rules, outcome.metadata, registry=registry, interaction=interaction))
        return out


def _has_descriptors(interaction: Any, pact: Any) -> bool:
    from polypact_grpc.descriptors import cached_descriptors
    from polypact_grpc.layout import PLUGIN_NAME, plugin_entries

    key = ((interaction.plugin_configuration or {}).get(PLUGIN_NAME) or {}).get("descriptorKey")
    if not key:
        return False
    if cached_descriptors(key) is not None:
        return True
    return any(key in (e.get("configuration") or {}) for e in plugin_entries(pact))
