"""The Pact protobuf plugin's pact layout: reading and writing gRPC interactions.

A gRPC interaction is a ``Synchronous/Messages`` interaction with ``transport: "grpc"``::

    "pluginConfiguration": {"protobuf": {"descriptorKey": "<md5>", "service": ".pkg.Svc/Method"}}
    "request":  {"contents": {"content": "<base64>", "contentType":
                 "application/protobuf;message=.pkg.In", "contentTypeHint": "BINARY",
                 "encoded": "base64"}, "metadata": {"contentType": ...}, "matchingRules":
                 {"body": {"$.field": ...}, "metadata": {"key": ...}}}
    "response": [ ...the same shape, one part per response message... ]

and the pact's ``metadata.plugins`` holds ``{"name": "protobuf", "version": ...,
"configuration": {"<md5>": {"protoDescriptors": "<base64 FileDescriptorSet>",
"protoFile": "<.proto text>"}}}``. A non-OK status is the ``grpc-status`` (and
``grpc-message``) entry of a response part's metadata. polypact's streaming extension: the
response list is the ordered server stream, and further client-stream messages follow
``request`` in the interaction field ``additionalRequests`` (see
docs/explanation/grpc-streaming.md).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from polypact.errors import PactFileError, UsageError
from polypact.model import (
    Body,
    Generator,
    Generators,
    MatchingRules,
    MessageContents,
    Rule,
    RuleList,
)

from polypact_grpc.descriptors import MethodInfo, ProtoDescriptors, cached_descriptors

PLUGIN_NAME = "protobuf"
#: The Pact protobuf plugin version written into ``metadata.plugins`` (a verifier in the
#: Pact ecosystem loads this plugin version to read the interactions).
PLUGIN_VERSION = "0.6.4"
CONTENT_TYPE = "application/protobuf"
STREAM_KEY = "additionalRequests"
STATUS_KEY = "grpc-status"
MESSAGE_KEY = "grpc-message"
#: Metadata keys that describe the message rather than travel as gRPC metadata.
RESERVED_METADATA = frozenset({"contenttype", "content-type", STATUS_KEY, MESSAGE_KEY})


def content_type_for(type_name: str) -> str:
    """``application/protobuf;message=.pkg.Type`` for a full message type name."""
    return f"{CONTENT_TYPE};message=.{type_name.lstrip('.')}"


def message_type_of(content_type: str | None) -> str | None:
    """The ``message`` parameter of a protobuf content type (as written), if any."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "message" and value.strip():
            return value.strip().strip('"')
    return None


def is_grpc_interaction(interaction: Any) -> bool:
    """True for interactions served by the grpc transport (or written by the protobuf
    plugin for it)."""
    if getattr(interaction, "transport", None) == "grpc":
        return True
    config = (getattr(interaction, "plugin_configuration", None) or {}).get(PLUGIN_NAME) or {}
    return getattr(interaction, "type", "") == "Synchronous/Messages" and "service" in config


# -- descriptors in the pact ------------------------------------------------------------
def plugin_entries(pact: Any) -> list[dict[str, Any]]:
    """Every ``metadata.plugins`` entry of the protobuf plugin in ``pact``."""
    metadata = getattr(pact, "metadata", None) or {}
    return [
        e for e in metadata.get("plugins", []) or []
        if isinstance(e, dict) and e.get("name") == PLUGIN_NAME
    ]


def descriptors_from_pact(pact: Any, key: str, where: str = "") -> ProtoDescriptors:
    """The descriptor set stored under ``key`` in ``pact``'s plugin metadata (else one
    loaded earlier in this process under that key)."""
    for entry in plugin_entries(pact):
        config = (entry.get("configuration") or {}).get(key)
        if isinstance(config, dict) and config.get("protoDescriptors"):
            return ProtoDescriptors.from_base64(
                config["protoDescriptors"], config.get("protoFile", ""),
                source=f"pact metadata.plugins[protobuf].configuration[{key}]",
            )
    cached = cached_descriptors(key)
    if cached is not None:
        return cached
    raise PactFileError(
        f"descriptorKey {key!r} has no descriptor set in metadata.plugins "
        "(expected an entry {name: 'protobuf', configuration: {<key>: {protoDescriptors}}})",
        path=where or "pluginConfiguration.protobuf.descriptorKey",
    )


def add_descriptors(metadata: dict[str, Any], descriptors: ProtoDescriptors) -> None:
    """Store ``descriptors`` in a pact's ``metadata.plugins`` (idempotent)."""
    plugins = metadata.setdefault("plugins", [])
    entry = next((e for e in plugins if isinstance(e, dict) and e.get("name") == PLUGIN_NAME), None)
    if entry is None:
        entry = {"configuration": {}, "name": PLUGIN_NAME, "version": PLUGIN_VERSION}
        plugins.append(entry)
    entry.setdefault("configuration", {})[descriptors.key] = descriptors.plugin_entry()


# -- message parts ----------------------------------------------------------------------
def make_part(
    type_name: str | None,
    data: bytes | None,
    metadata: dict[str, Any] | None = None,
    rules: MatchingRules | None = None,
    generators: Generators | None = None,
) -> MessageContents:
    """One message part in the plugin's layout (``data`` None: no contents)."""
    meta: dict[str, Any] = {}
    contents = Body.missing()
    if type_name is not None and data is not None:
        ct = content_type_for(type_name)
        contents = Body.from_bytes(data, ct, "BINARY")
        meta["contentType"] = ct
    meta.update(metadata or {})
    return MessageContents(contents, meta, rules or MatchingRules(), generators or Generators())


def part_to_json(part: MessageContents) -> dict[str, Any]:
    """A message part as written in a pact (for the ``additionalRequests`` extension)."""
    out: dict[str, Any] = {}
    body = part.contents
    if not body.is_missing:
        out["contents"] = {
            "content": base64.b64encode(body.content).decode("ascii"),
            "contentType": body.content_type,
            "contentTypeHint": "BINARY",
            "encoded": "base64",
        }
    if part.matching_rules:
        out["matchingRules"] = {
            cat: {p: rl.to_json() for p, rl in paths.items()}
            for cat, paths in part.matching_rules.categories.items() if paths
        }
    if part.generators:
        out["generators"] = {
            cat: {p: g.to_json() for p, g in paths.items()}
            for cat, paths in part.generators.categories.items() if paths
        }
    out["metadata"] = dict(part.metadata)
    return out


def part_from_json(data: Any, where: str) -> MessageContents:
    """Read a message part written by :func:`part_to_json` (or any V4 message part)."""
    if not isinstance(data, dict):
        raise PactFileError("expected a message part object", path=where)
    contents = Body.missing()
    raw = data.get("contents")
    if isinstance(raw, dict) and raw.get("content") is not None:
        try:
            content = base64.b64decode(raw["content"]) if raw.get("encoded") == "base64" else str(raw["content"]).encode()
        except Exception as exc:  # noqa: BLE001
            raise PactFileError(f"contents.content is not base64: {exc}", path=f"{where}.contents") from exc
        contents = Body.from_bytes(content, raw.get("contentType"), raw.get("contentTypeHint"))
    rules = MatchingRules()
    for cat, paths in (data.get("matchingRules") or {}).items():
        for path, rl in (paths or {}).items():
            matchers = [Rule(m.get("match", "equality"), {k: v for k, v in m.items() if k != "match"})
                        for m in rl.get("matchers", [])]
            rules.set(cat, path, RuleList(matchers, rl.get("combine", "AND")))
    gens = Generators()
    for cat, paths in (data.get("generators") or {}).items():
        for path, g in (paths or {}).items():
            gens.add(cat, path, Generator(g.get("type", ""), {k: v for k, v in g.items() if k != "type"}))
    return MessageContents(contents, dict(data.get("metadata") or {}), rules, gens)


# -- a whole gRPC contract ---------------------------------------------------------------
@dataclass
class GrpcContract:
    """Everything needed to mock or verify one gRPC interaction."""

    interaction: Any
    descriptors: ProtoDescriptors
    method: MethodInfo
    requests: list[MessageContents]
    responses: list[MessageContents]
    status: str = "OK"
    status_part: MessageContents | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def request_metadata(self) -> dict[str, Any]:
        """Expected request metadata (gRPC headers), without the content type."""
        if not self.requests:
            return {}
        return {k: v for k, v in self.requests[0].metadata.items() if k.lower() not in RESERVED_METADATA}

    def response_metadata(self) -> tuple[dict[str, Any], dict[str, RuleList]]:
        """Expected response metadata (initial or trailing) and its rules, merged over the
        response parts, without the content type and status keys."""
        values: dict[str, Any] = {}
        rules: dict[str, RuleList] = {}
        for part in self.interaction.response:
            for key, value in part.metadata.items():
                if key.lower() not in RESERVED_METADATA:
                    values[key] = value
            for key, rl in part.matching_rules.category("metadata").items():
                if key.lower() not in RESERVED_METADATA:
                    rules[key] = rl
        return values, rules


def status_of(part: MessageContents, where: str = "") -> str | None:
    """The ``grpc-status`` a response part declares, as a status code name."""
    value = part.metadata.get(STATUS_KEY)
    if value is None:
        return None
    try:
        return status_name(value)
    except UsageError as exc:
        raise PactFileError(f"{where}: {exc}", path=f"response[].metadata.{STATUS_KEY}") from None


def status_name(value: Any, where: str = "") -> str:
    """A gRPC status code name from a name (any case) or a number; :class:`UsageError`
    naming ``where`` for anything else."""
    import grpc

    text = str(value).strip()
    for code in grpc.StatusCode:
        if text.upper() == code.name or text == str(code.value[0]):
            return code.name
    known = ", ".join(c.name for c in grpc.StatusCode)
    raise UsageError(f"{where + ': ' if where else ''}unknown gRPC status {value!r} (known: {known})")


def contract_for(interaction: Any, pact: Any) -> GrpcContract:
    """Resolve an interaction in the protobuf plugin's layout into a :class:`GrpcContract`."""
    desc = getattr(interaction, "description", "")
    where = f"interaction {desc!r}"
    config = (getattr(interaction, "plugin_configuration", None) or {}).get(PLUGIN_NAME)
    if not isinstance(config, dict) or not config.get("service") or not config.get("descriptorKey"):
        raise PactFileError(
            f"{where}: a gRPC interaction needs pluginConfiguration.protobuf with "
            "'descriptorKey' and 'service'",
            path="pluginConfiguration.protobuf",
        )
    descriptors = descriptors_from_pact(pact, config["descriptorKey"])
    try:
        method = descriptors.method(config["service"])
    except Exception as exc:
        raise PactFileError(f"{where}: {exc}", path="pluginConfiguration.protobuf.service") from exc
    requests = [interaction.request]
    for i, raw in enumerate(interaction.extra.get(STREAM_KEY) or []):
        requests.append(part_from_json(raw, f"{STREAM_KEY}[{i}]"))
    if method.client_streaming and len(requests) == 1 and requests[0].contents.is_missing:
        requests = []
    contract = GrpcContract(interaction, descriptors, method, requests, [])
    for part in interaction.response:
        status = status_of(part, where)
        if status is not None:
            contract.status = status
            contract.status_part = part
            if status != "OK":
                continue
        if part.contents.is_missing:
            continue
        contract.responses.append(part)
    return contract
