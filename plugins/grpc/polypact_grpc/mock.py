"""The mock gRPC server of consumer tests.

One grpcio server on 127.0.0.1 (port 0 by default) serves every gRPC interaction of a
consumer test through a generic handler: calls are routed by full method name, request
messages are decoded with the contract's descriptors and matched (fields and metadata), and
the contracted response messages (generators applied) or the contracted status are sent.
Calls that match no interaction, and interactions never called, are reported by
:meth:`GrpcMockServer.problems` like the HTTP mock reports them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent import futures
from typing import Any

from polypact.errors import MockServerError
from polypact.matching.mismatch import Mismatch
from polypact.transport import MockConfig, MockProblem

from polypact_grpc.compare import compare_message, compare_metadata, compare_stream_length
from polypact_grpc.generation import generator_context, message_bytes, metadata_value
from polypact_grpc.layout import MESSAGE_KEY, GrpcContract, contract_for

MISMATCH_STATUS = "FAILED_PRECONDITION"


def call_summary(path: str) -> str:
    """How a call reads in the consumer-test report (``gRPC call /pkg.Service/Method``),
    the counterpart of the HTTP mock's ``GET /path``."""
    return f"gRPC call {path}"


def call_metadata(context: Any) -> dict[str, Any]:
    """The invocation metadata of a call as a dict (keys lower-case; last value wins)."""
    return {str(k).lower(): v for k, v in (context.invocation_metadata() or ())}


#: How long :meth:`GrpcMockServer.stop` lets calls in flight finish (seconds).
_STOP_GRACE_SECONDS = 0.2


class GrpcMockServer:
    """A running mock gRPC server (see the module docstring)."""

    def __init__(self, pact: Any, interactions: Sequence[Any], config: MockConfig):
        import grpc

        self.registry = config.registry
        self.contracts: list[GrpcContract] = [contract_for(i, pact) for i in interactions]
        self.routes: dict[str, list[GrpcContract]] = {}
        for contract in self.contracts:
            self.routes.setdefault(contract.method.path, []).append(contract)
        self._hits: dict[int, int] = {id(c): 0 for c in self.contracts}
        self._problems: list[MockProblem] = []
        self._lock = threading.Lock()
        workers = int(config.options.get("grpc_workers", 8))
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
        self._server.add_generic_rpc_handlers([_Handler(self)])
        host = config.host or "127.0.0.1"
        try:
            port = self._server.add_insecure_port(f"{host}:{int(config.port or 0)}")
        except RuntimeError as exc:
            raise MockServerError(f"mock gRPC server could not bind {host}:{config.port}: {exc}") from exc
        if not port:
            raise MockServerError(f"mock gRPC server could not bind {host}:{config.port}")
        self._server.start()
        self.port = port
        self.url: str | None = f"{host}:{port}"
        self._context = generator_context(self.registry, "consumer", mock_server_url=self.url)
        self._stopped = False

    # -- MockServer protocol --------------------------------------------------------------
    def problems(self) -> list[MockProblem]:
        """Calls that matched nothing or mismatched, then interactions never called."""
        with self._lock:
            out = list(self._problems)
            missing = [c for c in self.contracts if self._hits[id(c)] == 0]
        for contract in missing:
            out.append(MockProblem(
                "missing", contract.interaction.description, call_summary(contract.method.path),
            ))
        return out

    def stop(self) -> None:
        """Stop the server and release the port (idempotent).

        A short grace period makes the server say goodbye gracefully (an HTTP/2 GOAWAY
        with NO_ERROR) to channels the consumer left open; ``grace=None`` cancelled them
        instead, and grpc core then logged ``chttp2_transport.cc ... Got goaway [2] ...
        Cancelling all calls`` in the user's test output. With no call in flight the stop
        returns at once; the grace only bounds how long a call still running may finish.
        """
        if not self._stopped:
            self._stopped = True
            self._server.stop(grace=_STOP_GRACE_SECONDS).wait()

    # -- bookkeeping ----------------------------------------------------------------------
    def _record(self, problem: MockProblem) -> None:
        with self._lock:
            self._problems.append(problem)

    def request_mismatches(
        self, contract: GrpcContract, messages: list[bytes], metadata: dict[str, Any], partial: bool = False
    ) -> list[Mismatch]:
        """Mismatches between received request messages (all, or the first ones when
        ``partial``) plus metadata and the contract's requests."""
        out: list[Mismatch] = []
        expected = contract.requests
        if not partial or len(messages) > len(expected):
            if contract.method.client_streaming or len(messages) != 1:
                out.extend(compare_stream_length(len(expected), len(messages), "request"))
        for i, (part, data) in enumerate(zip(expected, messages, strict=False)):
            label = f"request message {i + 1}" if contract.method.client_streaming else ""
            out.extend(compare_message(
                part, data, contract.method.input_class, lenient=False,
                registry=self.registry, interaction=contract.interaction, label=label,
            ))
        if expected:
            out.extend(compare_metadata(
                contract.request_metadata, expected[0].matching_rules.category("metadata"), metadata,
                registry=self.registry, interaction=contract.interaction,
            ))
        return out

    def choose(self, path: str, messages: list[bytes], metadata: dict[str, Any]) -> GrpcContract | None:
        """The contract for ``path`` the call matches; records a problem when none does.

        Among several matching contracts the first one not yet answered wins, else the
        first (the HTTP mock's rule), so a second call matching two interactions exercises
        the second one."""
        candidates = self.routes.get(path, [])
        best: tuple[int, GrpcContract, list[Mismatch]] | None = None
        matched: list[GrpcContract] = []
        for contract in candidates:
            found = self.request_mismatches(contract, messages, metadata)
            if not found:
                matched.append(contract)
            elif best is None or len(found) < best[0]:
                best = (len(found), contract, found)
        if matched:
            with self._lock:
                chosen = next((c for c in matched if self._hits[id(c)] == 0), matched[0])
                self._hits[id(chosen)] += 1
            return chosen
        if best is not None:
            self._record(MockProblem(
                "mismatch", best[1].interaction.description, call_summary(path), best[2],
            ))
        return None

    # -- answers --------------------------------------------------------------------------
    def responses(self, contract: GrpcContract) -> list[bytes]:
        """The encoded response messages of ``contract`` (generators applied)."""
        return [
            message_bytes(part, contract.method.output_class, self.registry, self._context)
            for part in contract.responses
        ]

    def start(self, contract: GrpcContract, context: Any) -> None:
        """Send the contracted response metadata (initial metadata) once per call."""
        values, _ = contract.response_metadata()
        if values:
            context.send_initial_metadata(tuple((k.lower(), str(v)) for k, v in values.items()))

    def end(self, contract: GrpcContract, context: Any) -> None:
        """Abort the call with the contracted status when it is not OK."""
        import grpc

        if contract.status != "OK":
            message = ""
            if contract.status_part is not None:
                message = str(metadata_value(contract.status_part, MESSAGE_KEY, self.registry, self._context) or "")
            context.abort(grpc.StatusCode[contract.status], message)

    def reject(self, path: str, context: Any) -> None:
        """Abort a call that matched no interaction."""
        import grpc

        if path in self.routes:
            context.abort(grpc.StatusCode[MISMATCH_STATUS],
                          f"polypact mock: the call to {path} did not match its contract (see the test report)")
        context.abort(grpc.StatusCode.UNIMPLEMENTED, f"polypact mock: no interaction for {path}")


class _Handler:
    """Generic RPC handler: every method of every contracted service."""

    def __init__(self, mock: GrpcMockServer):
        self.mock = mock

    def service(self, details: Any) -> Any:
        import grpc

        path = details.method
        contracts = self.mock.routes.get(path)
        if not contracts:
            self.mock._record(MockProblem("unexpected", "", call_summary(path)))
            return None
        method = contracts[0].method
        if method.kind == "unary":
            return grpc.unary_unary_rpc_method_handler(self._unary(path))
        if method.kind == "server":
            return grpc.unary_stream_rpc_method_handler(self._server_stream(path))
        if method.kind == "client":
            return grpc.stream_unary_rpc_method_handler(self._client_stream(path))
        return grpc.stream_stream_rpc_method_handler(self._bidi(path))

    def _chosen(self, path: str, requests: list[bytes], context: Any) -> GrpcContract:
        """The contract the call's request messages and metadata match (else the call is
        rejected: ``reject`` aborts it)."""
        contract = self.mock.choose(path, requests, call_metadata(context))
        if contract is None:
            self.mock.reject(path, context)
        return contract

    def _single_reply(self, path: str, requests: list[bytes], context: Any) -> bytes:
        """Answer a unary or client-streaming call: its contract's first response message."""
        contract = self._chosen(path, requests, context)
        self.mock.start(contract, context)
        self.mock.end(contract, context)
        replies = self.mock.responses(contract)
        return replies[0] if replies else b""

    def _unary(self, path: str) -> Any:
        def handle(request: bytes, context: Any) -> bytes:
            return self._single_reply(path, [request], context)
        return handle

    def _server_stream(self, path: str) -> Any:
        def handle(request: bytes, context: Any) -> Iterator[bytes]:
            contract = self._chosen(path, [request], context)
            yield from self._stream_out(contract, context)
        return handle

    def _client_stream(self, path: str) -> Any:
        def handle(requests: Iterator[bytes], context: Any) -> bytes:
            return self._single_reply(path, list(requests), context)
        return handle

    def _stream_out(self, contract: GrpcContract, context: Any) -> Iterator[bytes]:
        self.mock.start(contract, context)
        yield from self.mock.responses(contract)
        self.mock.end(contract, context)

    def _bidi(self, path: str) -> Any:
        def handle(requests: Iterator[bytes], context: Any) -> Iterator[bytes]:
            metadata = call_metadata(context)
            candidates = list(self.mock.routes.get(path, []))
            received: list[bytes] = []
            sent = 0
            for request in requests:
                received.append(request)
                still = [c for c in candidates
                         if not self.mock.request_mismatches(c, received, metadata, partial=True)]
                if not still:
                    break
                candidates = still
                replies = self.mock.responses(candidates[0])
                if sent < len(replies):
                    if sent == 0:
                        self.mock.start(candidates[0], context)
                    yield replies[sent]
                    sent += 1
            contract = self.mock.choose(path, received, metadata)
            if contract is None:
                self.mock.reject(path, context)
            if sent == 0:
                self.mock.start(contract, context)
            yield from self.mock.responses(contract)[sent:]
            self.mock.end(contract, context)
        return handle
