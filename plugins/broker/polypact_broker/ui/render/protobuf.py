"""Protobuf message contents decoded to JSON for the UI.

A gRPC (or other protobuf) pact carries its descriptors: ``metadata.plugins[]
.configuration[descriptorKey].protoDescriptors`` is a base64 ``FileDescriptorSet``, as the
Pact protobuf plugin and polypact's gRPC plugin write it. With it, the base64 contents of
each message decode to a JSON value through protobuf's ``descriptor_pool``,
``message_factory`` and ``json_format``.

protobuf is optional, and plugins never import each other, so this is the broker's own
small decoder (not ``polypact_grpc``'s). Whenever something is missing -- protobuf not
installed, no or broken descriptors, an unknown type, bytes that do not parse -- the
answer is ``None`` and the UI falls back to the message type and size.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

#: Larger descriptor sets or message contents are not decoded (type and size only).
MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024
MAX_CONTENT_BYTES = 1024 * 1024
_WELL_KNOWN = re.compile(r"google/protobuf/([a-z_]+)\.proto")


def descriptor_sets(document: Any) -> dict[str, str]:
    """``descriptorKey`` -> base64 ``FileDescriptorSet`` from a pact's
    ``metadata.plugins[].configuration`` (entries without ``protoDescriptors`` skipped)."""
    metadata = document.get("metadata") if isinstance(document, dict) else None
    plugins = metadata.get("plugins") if isinstance(metadata, dict) else None
    out: dict[str, str] = {}
    for plugin in plugins if isinstance(plugins, list) else []:
        config = plugin.get("configuration") if isinstance(plugin, dict) else None
        for key, entry in (config.items() if isinstance(config, dict) else ()):
            data = entry.get("protoDescriptors") if isinstance(entry, dict) else None
            if isinstance(key, str) and isinstance(data, str) and data:
                out.setdefault(key, data)
    return out


def _protobuf() -> SimpleNamespace | None:
    """protobuf's modules, or ``None`` when protobuf is not installed."""
    try:
        from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
    except ImportError:
        return None
    return SimpleNamespace(descriptor_pb2=descriptor_pb2, descriptor_pool=descriptor_pool,
                           json_format=json_format, message_factory=message_factory)


@dataclass(frozen=True)
class _Schema:
    """A descriptor pool and the full names (no leading dot) of what it defines."""

    pool: Any
    messages: frozenset[str]
    methods: Mapping[str, tuple[str, str]]  #: "pkg.Service/method" -> (input, output) types


def _well_known(pb: SimpleNamespace, name: str) -> Any:
    """The FileDescriptorProto of a ``google/protobuf/*.proto`` file a set depends on."""
    match = _WELL_KNOWN.fullmatch(name)
    if match is None:
        raise KeyError(name)
    importlib.import_module(f"google.protobuf.{match.group(1)}_pb2")
    proto = pb.descriptor_pb2.FileDescriptorProto()
    pb.descriptor_pool.Default().FindFileByName(name).CopyToProto(proto)
    return proto


def _names(prefix: str, messages: Any, into: set[str]) -> None:
    for message in messages:
        full = f"{prefix}.{message.name}" if prefix else message.name
        into.add(full)
        _names(full, message.nested_type, into)


@lru_cache(maxsize=16)
def _schema(encoded: str) -> _Schema | None:
    """The schema of a base64 ``FileDescriptorSet`` (``None`` when it does not load)."""
    pb = _protobuf()
    if pb is None or len(encoded) > MAX_DESCRIPTOR_BYTES * 4 // 3 + 4:
        return None
    try:
        files = {f.name: f for f in pb.descriptor_pb2.FileDescriptorSet.FromString(
            base64.b64decode(encoded, validate=True)).file}
        pool = pb.descriptor_pool.DescriptorPool()
        added: set[str] = set()

        def add(name: str, path: tuple[str, ...]) -> None:  # dependencies first
            if name in added:
                return
            if name in path or len(path) > 64:
                raise ValueError(f"cyclic or too deep imports at {name}")
            proto = files[name] if name in files else _well_known(pb, name)
            for dependency in proto.dependency:
                add(dependency, (*path, name))
            pool.Add(proto)
            added.add(name)

        messages: set[str] = set()
        methods: dict[str, tuple[str, str]] = {}
        for name, proto in files.items():
            add(name, ())
            _names(proto.package, proto.message_type, messages)
            for service in proto.service:
                full = f"{proto.package}.{service.name}" if proto.package else service.name
                for method in service.method:
                    methods[f"{full}/{method.name}"] = (method.input_type.lstrip("."),
                                                        method.output_type.lstrip("."))
        return _Schema(pool, frozenset(messages), methods)
    except Exception:  # noqa: BLE001 - untrusted descriptors: any failure means "not decoded"
        return None


def _method_types(schema: _Schema, service: str | None) -> tuple[str, str] | None:
    """(input, output) types of ``Service/method`` (the service may be unqualified)."""
    if not service or "/" not in service:
        return None
    service = service.lstrip(".")
    if service in schema.methods:
        return schema.methods[service]
    found = [types for key, types in schema.methods.items() if key.endswith("." + service)]
    return found[0] if len(found) == 1 else None


def resolve_type(schema: _Schema, type_name: str | None, fallback: str | None) -> str | None:
    """The full name of message ``type_name`` (qualified or not) in ``schema``; the
    method's type ``fallback`` settles an ambiguous or missing name."""
    if not type_name:
        return fallback if fallback in schema.messages else None
    wanted = type_name.lstrip(".")
    if wanted in schema.messages:
        return wanted
    found = [n for n in schema.messages if n.endswith("." + wanted)]
    if fallback in found:
        return fallback
    return found[0] if len(found) == 1 else None


def decode_message(descriptors: str, content: bytes, type_name: str | None, *,
                   service: str | None = None, side: str = "request") -> Any | None:
    """``content`` (protobuf bytes) as a JSON value, typed by ``type_name`` (from the
    content type) or else by the ``service``'s method (``side``: ``request`` takes its
    input type, ``response`` its output type); ``None`` when it cannot be decoded."""
    pb = _protobuf()
    if pb is None or len(content) > MAX_CONTENT_BYTES:
        return None
    schema = _schema(descriptors)
    if schema is None:
        return None
    types = _method_types(schema, service)
    full = resolve_type(schema, type_name, (types[1] if side == "response" else types[0])
                        if types else None)
    if full is None:
        return None
    try:
        descriptor = schema.pool.FindMessageTypeByName(full)
        get_class = getattr(pb.message_factory, "GetMessageClass", None)  # protobuf >= 4.22
        cls = get_class(descriptor) if get_class else \
            pb.message_factory.MessageFactory(schema.pool).GetPrototype(descriptor)
        message = cls.FromString(content)
        return pb.json_format.MessageToDict(message, preserving_proto_field_name=True)
    except Exception:  # noqa: BLE001 - bytes that do not parse as the type: not decoded
        return None


def content_bytes(part: Any) -> bytes | None:
    """The raw bytes of a message part's base64 ``contents`` (``None`` when it has none)."""
    contents = part.get("contents") if isinstance(part, dict) else None
    if not isinstance(contents, dict) or not isinstance(contents.get("content"), str):
        return None
    if str(contents.get("encoded", "")).lower() != "base64":
        return None
    try:
        return base64.b64decode(contents["content"], validate=True)
    except (binascii.Error, ValueError):
        return None
