"""Protobuf descriptors: a ``FileDescriptorSet`` loaded into its own pool, with lookups.

:class:`ProtoDescriptors` wraps one serialized descriptor set (compiled in-process, read
from a pact file, or fetched through server reflection). It is keyed like the Pact protobuf
plugin keys it (the MD5 hex digest of the serialized set) and gives dynamic message classes
and gRPC method information by name. Instances are cached by key (:func:`load_descriptors`).
"""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass
from typing import Any

from polypact.errors import UsageError

_CACHE: dict[str, ProtoDescriptors] = {}
_CACHE_LOCK = threading.Lock()


@dataclass(frozen=True)
class MethodInfo:
    """One gRPC method: names, message classes and streaming kind."""

    service: str  # full service name without a leading dot: "area.Calculator"
    name: str  # method name: "CalculateOne"
    input_class: Any
    output_class: Any
    client_streaming: bool
    server_streaming: bool

    @property
    def path(self) -> str:
        """The HTTP/2 path of the method: ``/area.Calculator/CalculateOne``."""
        return f"/{self.service}/{self.name}"

    @property
    def service_key(self) -> str:
        """The method as the Pact protobuf plugin writes it: ``.area.Calculator/CalculateOne``."""
        return f".{self.service}/{self.name}"

    @property
    def kind(self) -> str:
        """``unary``, ``server`` (server streaming), ``client`` or ``bidi``."""
        if self.client_streaming and self.server_streaming:
            return "bidi"
        if self.client_streaming:
            return "client"
        if self.server_streaming:
            return "server"
        return "unary"

    @property
    def input_type(self) -> str:
        """The full name of the request message type (no leading dot)."""
        return self.input_class.DESCRIPTOR.full_name

    @property
    def output_type(self) -> str:
        """The full name of the response message type (no leading dot)."""
        return self.output_class.DESCRIPTOR.full_name


class ProtoDescriptors:
    """A loaded ``FileDescriptorSet``: dynamic message classes and methods by name."""

    def __init__(self, data: bytes, proto_file: str = "", source: str = "descriptor set"):
        from google.protobuf import descriptor_pb2

        self.data = bytes(data)
        self.proto_file = proto_file
        self.source = source
        self.key = hashlib.md5(self.data).hexdigest()  # noqa: S324 - the plugin's key format
        try:
            self.fds = descriptor_pb2.FileDescriptorSet.FromString(self.data)
        except Exception as exc:  # noqa: BLE001 - decode errors of any kind
            raise UsageError(f"{source}: not a serialized FileDescriptorSet ({exc})") from exc
        self.pool = _build_pool(self.fds, source)
        self._classes: dict[str, Any] = {}

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def from_base64(cls, text: str, proto_file: str = "", source: str = "descriptor set") -> ProtoDescriptors:
        """Descriptors from the base64 text the Pact protobuf plugin stores in a pact."""
        try:
            data = base64.b64decode(text, validate=False)
        except Exception as exc:  # noqa: BLE001
            raise UsageError(f"{source}: protoDescriptors is not valid base64 ({exc})") from exc
        return load_descriptors(data, proto_file, source)

    # -- lookups ----------------------------------------------------------------------
    def file_names(self) -> list[str]:
        """The ``.proto`` file names in the set, dependencies first."""
        return [f.name for f in self.fds.file]

    def message_names(self) -> list[str]:
        """Full names of every message type in the set."""
        names: list[str] = []
        for fdp in self.fds.file:
            prefix = f"{fdp.package}." if fdp.package else ""
            stack = [(prefix, m) for m in fdp.message_type]
            while stack:
                pre, msg = stack.pop()
                names.append(pre + msg.name)
                stack.extend((f"{pre}{msg.name}.", nested) for nested in msg.nested_type)
        return names

    def message_class(self, name: str) -> Any:
        """The dynamic message class for ``name`` (``.pkg.Type``, ``pkg.Type`` or a simple
        name that is unique in the set)."""
        full = self._resolve_message_name(name)
        cls = self._classes.get(full)
        if cls is None:
            from google.protobuf import message_factory

            cls = message_factory.GetMessageClass(self.pool.FindMessageTypeByName(full))
            self._classes[full] = cls
        return cls

    def _resolve_message_name(self, name: str) -> str:
        wanted = name.strip().lstrip(".")
        names = self.message_names()
        if wanted in names:
            return wanted
        candidates = [n for n in names if n.rsplit(".", 1)[-1] == wanted or n.endswith("." + wanted)]
        if len(candidates) == 1:
            return candidates[0]
        known = ", ".join(sorted(names)) or "none"
        problem = "is ambiguous" if candidates else "is not defined"
        raise UsageError(f"{self.source}: message type {name!r} {problem} (message types: {known})")

    def services(self) -> list[str]:
        """Full names of every service in the set."""
        out: list[str] = []
        for fdp in self.fds.file:
            prefix = f"{fdp.package}." if fdp.package else ""
            out.extend(prefix + s.name for s in fdp.service)
        return out

    def methods(self) -> list[MethodInfo]:
        """Every method of every service in the set."""
        return [
            self.method(f"{svc}/{m.name}")
            for svc in self.services()
            for m in self.pool.FindServiceByName(svc).methods
        ]

    def method(self, service_method: str) -> MethodInfo:
        """Look a method up by ``pkg.Service/Method`` (also ``.pkg.Service/Method``,
        ``/pkg.Service/Method``, ``Service/Method`` when unique, or ``pkg.Service.Method``)."""
        text = service_method.strip().lstrip("/").lstrip(".")
        if "/" in text:
            svc_name, _, meth_name = text.rpartition("/")
        else:
            svc_name, _, meth_name = text.rpartition(".")
        services = self.services()
        matches = [s for s in services if s == svc_name] or [
            s for s in services if s.rsplit(".", 1)[-1] == svc_name
        ]
        if len(matches) > 1:
            raise UsageError(
                f"{self.source}: service {svc_name!r} of method {service_method!r} is ambiguous: "
                f"give the package, one of {', '.join(f'{s}/{meth_name}' for s in matches)}"
            )
        if not matches:
            known = ", ".join(services) or "none"
            raise UsageError(
                f"{self.source}: service {svc_name!r} of method {service_method!r} is not defined "
                f"(services: {known})"
            )
        service = self.pool.FindServiceByName(matches[0])
        method = service.methods_by_name.get(meth_name)
        if method is None:
            known = ", ".join(m.name for m in service.methods) or "none"
            raise UsageError(
                f"{self.source}: unknown method {meth_name!r} in service {service.full_name!r} "
                f"(methods: {known})"
            )
        return MethodInfo(
            service=service.full_name,
            name=method.name,
            input_class=self.message_class(method.input_type.full_name),
            output_class=self.message_class(method.output_type.full_name),
            client_streaming=bool(method.client_streaming),
            server_streaming=bool(method.server_streaming),
        )

    def plugin_entry(self) -> dict[str, str]:
        """The ``metadata.plugins[].configuration[<key>]`` value for this set."""
        return {
            "protoDescriptors": base64.b64encode(self.data).decode("ascii"),
            "protoFile": self.proto_file,
        }


def load_descriptors(data: bytes, proto_file: str = "", source: str = "descriptor set") -> ProtoDescriptors:
    """Load (or reuse from the cache) the descriptors of a serialized descriptor set."""
    key = hashlib.md5(bytes(data)).hexdigest()  # noqa: S324
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        if proto_file and not cached.proto_file:
            cached.proto_file = proto_file
        return cached
    loaded = ProtoDescriptors(data, proto_file, source)
    with _CACHE_LOCK:
        return _CACHE.setdefault(key, loaded)


def cached_descriptors(key: str) -> ProtoDescriptors | None:
    """Descriptors loaded earlier in this process under ``key`` (MD5 hex), if any."""
    with _CACHE_LOCK:
        return _CACHE.get(key)


def register_descriptors(key: str, descriptors: ProtoDescriptors) -> None:
    """Make ``descriptors`` available under another ``key`` (a pact's ``descriptorKey``
    whose set came from elsewhere, e.g. server reflection)."""
    with _CACHE_LOCK:
        _CACHE[key] = descriptors


def all_cached() -> list[ProtoDescriptors]:
    """Every descriptor set loaded in this process, oldest first."""
    with _CACHE_LOCK:
        return list(_CACHE.values())


def _build_pool(fds: Any, source: str) -> Any:
    """A fresh descriptor pool holding every file of ``fds``; dependencies the set leaves
    out (well-known types) are taken from the default pool."""
    from google.protobuf import descriptor_pb2, descriptor_pool

    pool = descriptor_pool.DescriptorPool()
    by_name = {f.name: f for f in fds.file}
    added: set[str] = set()

    def add(name: str, chain: tuple[str, ...]) -> None:
        if name in added:
            return
        if name in chain:
            raise UsageError(f"{source}: circular import involving {name!r}")
        fdp = by_name.get(name)
        if fdp is None:
            _import_well_known_types()
            try:
                default = descriptor_pool.Default().FindFileByName(name)
            except KeyError:
                raise UsageError(
                    f"{source}: {chain[-1] if chain else name!r} imports {name!r}, which is not "
                    "in the descriptor set (compile with --include_imports)"
                ) from None
            fdp = descriptor_pb2.FileDescriptorProto()
            default.CopyToProto(fdp)
        for dep in fdp.dependency:
            add(dep, (*chain, name))
        pool.Add(fdp)
        added.add(name)

    for fdp in fds.file:
        add(fdp.name, ())
    return pool


def _import_well_known_types() -> None:
    """Make sure the well-known types are in the default pool (their modules add them)."""
    from google.protobuf import (  # noqa: F401
        any_pb2,
        api_pb2,
        duration_pb2,
        empty_pb2,
        field_mask_pb2,
        source_context_pb2,
        struct_pb2,
        timestamp_pb2,
        type_pb2,
        wrappers_pb2,
    )
