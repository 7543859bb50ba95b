"""Test helpers: a gRPC provider built from descriptors alone (no generated code)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

import grpc
from polypact_grpc.descriptors import ProtoDescriptors


@contextmanager
def dynamic_provider(descriptors: ProtoDescriptors, handlers: dict[str, Callable[..., Any]],
                     extra: list[Any] | None = None) -> Iterator[str]:
    """Serve ``handlers`` (``"pkg.Service/Method"`` -> grpcio behaviour function taking
    decoded messages, plus ``extra`` generic handlers) on 127.0.0.1; yields ``HOST:PORT``."""
    factories = {
        "unary": grpc.unary_unary_rpc_method_handler,
        "server": grpc.unary_stream_rpc_method_handler,
        "client": grpc.stream_unary_rpc_method_handler,
        "bidi": grpc.stream_stream_rpc_method_handler,
    }
    by_service: dict[str, dict[str, Any]] = {}
    for name, behaviour in handlers.items():
        method = descriptors.method(name)
        by_service.setdefault(method.service, {})[method.name] = factories[method.kind](
            behaviour,
            request_deserializer=method.input_class.FromString,
            response_serializer=method.output_class.SerializeToString,
        )
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers(
        [grpc.method_handlers_generic_handler(svc, methods) for svc, methods in by_service.items()]
        + list(extra or [])
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None).wait()


def verify(pact: Any, target: str, **http: Any) -> Any:
    """Verify ``pact`` (a model) with the grpc transport at ``target``; the summary."""
    from polypact.verifier import Verifier

    verifier = Verifier().add_pact(pact).transport("grpc", target)
    if http:
        verifier.transport("http", http["http"])
    with verifier:
        return verifier.verify()


def mismatches(summary: Any) -> list[Any]:
    """Every mismatch of every result of a summary."""
    return [m for result in summary.results for m in result.mismatches]


def reflection_handler(descriptors: ProtoDescriptors, service: str = "grpc.reflection.v1alpha.ServerReflection") -> Any:
    """A minimal gRPC server-reflection service answering from ``descriptors``."""
    from polypact_grpc.reflection import reflection_messages

    messages = reflection_messages()
    request_cls = messages.message_class("polypact.reflection.ServerReflectionRequest")
    response_cls = messages.message_class("polypact.reflection.ServerReflectionResponse")
    by_name = {f.name: f for f in descriptors.fds.file}

    def answer(request_iterator, context):
        for raw in request_iterator:
            request = request_cls.FromString(raw)
            reply = response_cls()
            kind = request.WhichOneof("message_request")
            if kind == "list_services":
                for name in descriptors.services():
                    reply.list_services_response.service.add(name=name)
            elif kind == "file_by_filename" and request.file_by_filename in by_name:
                reply.file_descriptor_response.file_descriptor_proto.append(
                    by_name[request.file_by_filename].SerializeToString())
            elif kind == "file_containing_symbol":
                for fdp in descriptors.fds.file:
                    prefix = f"{fdp.package}." if fdp.package else ""
                    if any(prefix + s.name == request.file_containing_symbol for s in fdp.service):
                        reply.file_descriptor_response.file_descriptor_proto.append(fdp.SerializeToString())
            if not reply.WhichOneof("message_response"):
                reply.error_response.error_code = 5
                reply.error_response.error_message = "not found"
            yield reply.SerializeToString()

    return grpc.method_handlers_generic_handler(
        service, {"ServerReflectionInfo": grpc.stream_stream_rpc_method_handler(answer)})
