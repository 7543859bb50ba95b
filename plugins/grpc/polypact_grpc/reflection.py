"""Descriptors from the provider through gRPC server reflection.

Used by the verifier when a pact names a ``descriptorKey`` but carries no descriptor set
(``Verifier().transport("grpc", target, reflection=True)``). The reflection protocol's own
messages are compiled in-process from the definition below (no grpcio-reflection needed);
``grpc.reflection.v1`` is tried first, then ``v1alpha``.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from polypact.errors import VerificationError

from polypact_grpc.descriptors import ProtoDescriptors, load_descriptors, register_descriptors

#: The subset of grpc/reflection/v1/reflection.proto polypact uses (wire-compatible).
REFLECTION_PROTO = """
syntax = "proto3";
package polypact.reflection;
message ServerReflectionRequest {
  string host = 1;
  oneof message_request {
    string file_by_filename = 3;
    string file_containing_symbol = 4;
    string list_services = 7;
  }
}
message FileDescriptorResponse { repeated bytes file_descriptor_proto = 1; }
message ServiceResponse { string name = 1; }
message ListServiceResponse { repeated ServiceResponse service = 1; }
message ErrorResponse { int32 error_code = 1; string error_message = 2; }
message ServerReflectionResponse {
  string valid_host = 1;
  oneof message_response {
    FileDescriptorResponse file_descriptor_response = 4;
    ListServiceResponse list_services_response = 6;
    ErrorResponse error_response = 7;
  }
}
"""
SERVICES = ("grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection")
_LOCK = threading.Lock()
_MESSAGES: list[ProtoDescriptors] = []


def reflection_messages() -> ProtoDescriptors:
    """The compiled reflection messages (compiled once per process)."""
    with _LOCK:
        if not _MESSAGES:
            from polypact_grpc.compiler import compile_protos

            with tempfile.TemporaryDirectory(prefix="polypact-reflection-") as tmp:
                path = Path(tmp) / "polypact_reflection.proto"
                path.write_text(REFLECTION_PROTO, encoding="utf-8")
                _MESSAGES.append(load_descriptors(compile_protos(path), source="reflection.proto"))
        return _MESSAGES[0]


class ReflectionClient:
    """Asks one provider for file descriptors through server reflection."""

    def __init__(self, channel: Any, timeout: float = 10.0):
        messages = reflection_messages()
        self.request_cls = messages.message_class("polypact.reflection.ServerReflectionRequest")
        self.response_cls = messages.message_class("polypact.reflection.ServerReflectionResponse")
        self.channel = channel
        self.timeout = timeout

    def ask(self, **request: str) -> Any:
        """One reflection request; the decoded response (v1, else v1alpha)."""
        import grpc

        data = self.request_cls(**request).SerializeToString()
        last: Exception | None = None
        for service in SERVICES:
            call = self.channel.stream_stream(f"/{service}/ServerReflectionInfo")
            try:
                replies = list(call(iter([data]), timeout=self.timeout))
            except grpc.RpcError as exc:
                last = exc
                if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
                    continue
                raise VerificationError(f"server reflection failed: {exc.code().name} {exc.details()}") from None
            if replies:
                reply = self.response_cls.FromString(replies[0])
                if reply.WhichOneof("message_response") == "error_response":
                    raise VerificationError(
                        f"server reflection could not answer {request}: {reply.error_response.error_message}"
                    )
                return reply
        raise VerificationError(f"the provider does not offer gRPC server reflection ({last})")

    def services(self) -> list[str]:
        """The services the provider lists."""
        return [s.name for s in self.ask(list_services="*").list_services_response.service]

    def descriptor_set(self, symbol: str) -> bytes:
        """A serialized ``FileDescriptorSet`` with the file defining ``symbol`` and its imports."""
        from google.protobuf import descriptor_pb2

        files: dict[str, Any] = {}
        pending = [("file_containing_symbol", symbol)]
        while pending:
            kind, value = pending.pop()
            for raw in self.ask(**{kind: value}).file_descriptor_response.file_descriptor_proto:
                fdp = descriptor_pb2.FileDescriptorProto.FromString(raw)
                if fdp.name in files:
                    continue
                files[fdp.name] = fdp
                pending.extend(("file_by_filename", dep) for dep in fdp.dependency if dep not in files)
        return descriptor_pb2.FileDescriptorSet(file=list(files.values())).SerializeToString()


def descriptors_for_interaction(channel: Any, interaction: Any, timeout: float = 10.0) -> ProtoDescriptors:
    """Fetch the descriptors of ``interaction``'s service through reflection and register
    them under its ``descriptorKey`` for this process."""
    config = (interaction.plugin_configuration or {}).get("protobuf") or {}
    service = str(config.get("service", "")).lstrip("./").rpartition("/")[0]
    if not service:
        raise VerificationError(f"interaction {interaction.description!r} names no gRPC service")
    client = ReflectionClient(channel, timeout)
    if "." not in service:
        matches = [s for s in client.services() if s.rsplit(".", 1)[-1] == service]
        service = matches[0] if len(matches) == 1 else service
    descriptors = load_descriptors(client.descriptor_set(service), source=f"server reflection ({service})")
    if config.get("descriptorKey"):
        register_descriptors(config["descriptorKey"], descriptors)
    return descriptors
