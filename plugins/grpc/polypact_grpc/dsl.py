"""The gRPC consumer DSL: ``with_grpc`` and ``will_respond_with_grpc``.

::

    (pact.upon_receiving("area of a rectangle").given("calculator up")
        .with_grpc(proto="area.proto", method="area.Calculator/CalculateOne",
                   request={"rectangle": {"length": number(3), "width": number(4)}},
                   metadata={"authorization": regex(r"Bearer .+", "Bearer t")})
        .will_respond_with_grpc(response={"value": number(12)}))

Streaming methods take ordered lists: ``requests=[...]`` (client and bidi streaming) and
``responses=[...]`` (server and bidi streaming). Error contracts give ``status`` (a gRPC
status name or number) and ``message`` (the status details, matchers allowed); a server
stream may send messages before its error status.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from polypact.errors import UsageError
from polypact.model import Generators, MatchingRules, MessageContents, SynchronousMessages

from polypact_grpc.compiler import compile_protos
from polypact_grpc.descriptors import (
    MethodInfo,
    ProtoDescriptors,
    cached_descriptors,
    load_descriptors,
)
from polypact_grpc.layout import (
    MESSAGE_KEY,
    PLUGIN_NAME,
    STATUS_KEY,
    STREAM_KEY,
    add_descriptors,
    make_part,
    part_to_json,
    status_name,
)
from polypact_grpc.markup import interaction_markup
from polypact_grpc.values import value_to_message

_COMPILED: dict[tuple, ProtoDescriptors] = {}
_COMPILED_LOCK = threading.Lock()


def descriptors_for(
    proto: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    import_paths: Sequence[str | os.PathLike[str]] = (),
    descriptor_set: bytes | str | os.PathLike[str] | None = None,
) -> ProtoDescriptors:
    """Descriptors from ``.proto`` file(s) (compiled once per file version) or from a
    compiled ``FileDescriptorSet`` (bytes or a file path)."""
    if descriptor_set is not None:
        if isinstance(descriptor_set, (bytes, bytearray)):
            return load_descriptors(bytes(descriptor_set), source="descriptor_set")
        path = Path(descriptor_set)
        if not path.is_file():
            raise UsageError(f"{path}: descriptor set file not found")
        return load_descriptors(path.read_bytes(), source=str(path))
    if proto is None:
        raise UsageError("with_grpc needs proto= (a .proto file) or descriptor_set=")
    files = [proto] if isinstance(proto, (str, os.PathLike)) else list(proto)
    resolved = [Path(p).resolve() for p in files]
    stamp = tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in resolved)
    key = (stamp, tuple(str(Path(i).resolve()) for i in import_paths))
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
    if found is not None:
        return found
    data = compile_protos(resolved, import_paths)
    loaded = load_descriptors(data, resolved[0].read_text(encoding="utf-8"), source=str(resolved[0]))
    with _COMPILED_LOCK:
        _COMPILED[key] = loaded
    return loaded


def _extract_single(value: Any) -> tuple[Any, Any, Any]:
    from polypact.dsl import extract_value

    return extract_value(value)


def _message_part(
    method_class: Any, value: Any, metadata: dict[str, Any] | None, where: str
) -> tuple[MessageContents, dict[str, Any]]:
    """Encode one message (matchers allowed) into a part; returns it and the example."""
    from polypact.dsl import extract

    extracted = extract(value if value is not None else {}, base_path="$")
    example = extracted.example
    message = value_to_message(method_class, example, where)
    matching, gens = MatchingRules(), Generators()
    extracted.add_to(matching, gens)
    meta = _metadata(metadata, matching, gens)
    part = make_part(method_class.DESCRIPTOR.full_name, message.SerializeToString(), meta, matching, gens)
    return part, example


def _message_parts(
    method_class: Any, values: list[Any], metadata: dict[str, Any] | None, where: str, streaming: bool
) -> tuple[list[MessageContents], Any]:
    """The parts of a side's messages (metadata goes on the first, messages of a stream are
    labelled ``message N`` in errors) and the first message's example."""
    parts = []
    first_example: Any = None
    for i, value in enumerate(values):
        label = where + (f" message {i + 1}" if streaming else "")
        part, example = _message_part(method_class, value, metadata if i == 0 else None, label)
        parts.append(part)
        first_example = example if i == 0 else first_example
    return parts, first_example


def _metadata(values: dict[str, Any] | None, rules: MatchingRules, gens: Generators) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in (values or {}).items():
        example, rule_list, generator = _extract_single(raw)
        out[str(key)] = example
        if rule_list:
            rules.set("metadata", str(key), rule_list)
        if generator is not None:
            gens.add("metadata", str(key), generator)
    return out


def _attach(builder: Any, descriptors: ProtoDescriptors) -> None:
    metadata = getattr(getattr(builder, "pact", None), "metadata", None)
    if isinstance(metadata, dict):
        add_descriptors(metadata, descriptors)


def with_grpc(
    builder: Any,
    proto: Any = None,
    method: str | None = None,
    *,
    request: Any = None,
    requests: Sequence[Any] | None = None,
    metadata: dict[str, Any] | None = None,
    import_paths: Sequence[str | os.PathLike[str]] = (),
    descriptor_set: Any = None,
) -> Any:
    """Declare the gRPC call: the method (``pkg.Service/Method``), its request message
    (or ``requests`` for client and bidi streaming) and request metadata."""
    where = f"interaction {builder.description!r}"
    if not method:
        raise UsageError(f"{where}: with_grpc needs method='package.Service/Method'")
    if builder.interaction is not None:
        raise UsageError(f"{where}: with_grpc was already called (or the interaction has another type)")
    descriptors = descriptors_for(proto, import_paths, descriptor_set)
    info = descriptors.method(method)
    messages = _request_list(info, request, requests, where)
    parts, first_example = _message_parts(
        info.input_class, messages, metadata, f"{where} request", info.client_streaming
    )
    if not parts:  # a client stream with no messages: metadata only
        meta_rules, meta_gens = MatchingRules(), Generators()
        parts.append(MessageContents(metadata=_metadata(metadata, meta_rules, meta_gens),
                                     matching_rules=meta_rules, generators=meta_gens))
    interaction = SynchronousMessages(request=parts[0], response=[])
    interaction.transport = "grpc"
    interaction.plugin_configuration = {
        PLUGIN_NAME: {"descriptorKey": descriptors.key, "service": info.service_key},
    }
    if len(parts) > 1:
        interaction.extra[STREAM_KEY] = [part_to_json(p) for p in parts[1:]]
    interaction.interaction_markup = interaction_markup(
        (info.input_class.DESCRIPTOR, first_example if isinstance(first_example, dict) else None), None
    )
    builder.interaction = interaction
    _attach(builder, descriptors)
    return builder


def _stream_values(
    info: MethodInfo, noun: str, streaming: bool, single: Any, many: Sequence[Any] | None, where: str
) -> list[Any] | None:
    """The messages of one side given as ``noun=`` or ``nouns=``: the list for a streaming
    side (where ``noun=`` is refused, so a stream is always an explicit list), ``None`` for
    a single-message side (where ``nouns=`` is refused)."""
    if many is not None and single is not None:
        raise UsageError(f"{where}: give {noun}= or {noun}s=, not both")
    if streaming:
        if single is not None:
            side = "client" if noun == "request" else "server"
            raise UsageError(
                f"{where}: {info.name} is {side}-streaming ({info.path}): give {noun}s=[...] "
                f"(a list of messages, [{noun}] for a stream of one), not {noun}="
            )
        if many is None:
            return []
        if isinstance(many, (str, bytes, dict)):
            raise UsageError(f"{where}: {noun}s= must be a list of messages for {info.path}")
        return list(many)
    if many is not None:
        raise UsageError(
            f"{where}: {info.path} is a {info.kind} method (one {noun} message); "
            f"use {noun}=, not {noun}s="
        )
    return None


def _request_list(info: MethodInfo, request: Any, requests: Sequence[Any] | None, where: str) -> list[Any]:
    found = _stream_values(info, "request", info.client_streaming, request, requests, where)
    return [request] if found is None else found


def _grpc_interaction(builder: Any) -> tuple[SynchronousMessages, MethodInfo, ProtoDescriptors]:
    where = f"interaction {builder.description!r}"
    interaction = builder.interaction
    config = (getattr(interaction, "plugin_configuration", None) or {}).get(PLUGIN_NAME) or {}
    if not isinstance(interaction, SynchronousMessages) or "descriptorKey" not in config:
        raise UsageError(f"{where}: call .with_grpc(...) before .will_respond_with_grpc(...)")
    descriptors = cached_descriptors(config["descriptorKey"])
    if descriptors is None:
        raise UsageError(f"{where}: descriptors {config['descriptorKey']!r} are no longer loaded")
    return interaction, descriptors.method(config["service"]), descriptors


def will_respond_with_grpc(
    builder: Any,
    response: Any = None,
    *,
    responses: Sequence[Any] | None = None,
    status: str | int | None = None,
    message: Any = None,
    metadata: dict[str, Any] | None = None,
) -> Any:
    """Declare the answer: a response message (or ``responses`` for server and bidi
    streaming), response metadata, and optionally a non-OK ``status`` with its ``message``."""
    interaction, info, _ = _grpc_interaction(builder)
    where = f"interaction {builder.description!r} response"
    code = status_name(status, where) if status is not None else "OK"
    values = _response_list(info, response, responses, code, where)
    parts, first_example = _message_parts(info.output_class, values, metadata, where, info.server_streaming)
    if code != "OK" or message is not None:
        rules, gens = MatchingRules(), Generators()
        meta = _metadata({} if parts else metadata, rules, gens)
        meta[STATUS_KEY] = code
        if message is not None:
            meta.update(_metadata({MESSAGE_KEY: message}, rules, gens))
        parts.append(make_part(None, None, meta, rules, gens))
    elif not parts and metadata:
        rules, gens = MatchingRules(), Generators()
        parts.append(make_part(None, None, _metadata(metadata, rules, gens), rules, gens))
    interaction.response = parts
    request_markup = interaction.interaction_markup.get("markup", "")
    response_markup = interaction_markup(
        None, (info.output_class.DESCRIPTOR, first_example if isinstance(first_example, dict) else None)
    )["markup"] if first_example is not None else ""
    interaction.interaction_markup = {
        "markup": "\n".join(m for m in (request_markup, response_markup) if m),
        "markupType": "COMMON_MARK",
    }
    return builder


def _response_list(info: MethodInfo, response: Any, responses: Sequence[Any] | None, code: str, where: str) -> list[Any]:
    found = _stream_values(info, "response", info.server_streaming, response, responses, where)
    if found is not None:
        return found
    if code != "OK":
        if response is not None:
            raise UsageError(f"{where}: a call that ends with status {code} has no response message")
        return []
    return [response]


#: DSL methods registered on :class:`polypact.consumer.InteractionBuilder`.
BUILDERS = {"with_grpc": with_grpc, "will_respond_with_grpc": will_respond_with_grpc}
