"""The gRPC plugin's hook implementations (entry point ``grpc``).

Loading this module is cheap: it only checks that grpcio, protobuf and grpcio-tools are
installed (an ``ImportError`` naming the missing module makes ``polypact plugins`` show
"unavailable: install polypact[grpc]") and imports them inside the hooks.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from polypact import hookimpl

for _module in ("grpc", "google.protobuf", "grpc_tools"):
    try:
        _found = importlib.util.find_spec(_module)
    except (ImportError, ValueError):
        _found = None
    if _found is None:
        raise ImportError(f"polypact grpc plugin needs {_module!r}: install polypact[grpc]", name=_module)


@hookimpl
def polypact_register_transports(register: Callable[..., None]) -> None:
    """Register the ``grpc`` transport (mock gRPC server and provider client)."""
    from polypact_grpc.transport import GrpcTransport

    register("grpc", GrpcTransport())


@hookimpl
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register ``with_grpc`` and ``will_respond_with_grpc``."""
    from polypact_grpc.dsl import BUILDERS

    for name, function in BUILDERS.items():
        register(name, function)


@hookimpl
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register the ``application/protobuf`` body matcher (decodes with the descriptors)."""
    from polypact_grpc.content import ProtobufContentMatcher

    matcher = ProtobufContentMatcher()
    register("application/protobuf", matcher)
    register("application/x-protobuf", matcher)
    register("application/grpc", matcher)


@hookimpl
def polypact_verification_started(run: Any) -> None:
    """Load the descriptor sets of the pacts being verified, so protobuf bodies of any
    transport (HTTP included) can be decoded."""
    from polypact_grpc.content import load_pact_descriptors

    for pact in getattr(run, "pacts", None) or []:
        load_pact_descriptors(getattr(pact, "pact", pact))


@hookimpl
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Check every ``--transport grpc=HOST:PORT`` before the run starts, so a malformed
    target is one usage error (exit 2) rather than a DNS lookup and an "unavailable" error
    per interaction."""
    from polypact.cli.verify import parse_transport

    from polypact_grpc.target import parse_target

    for text in getattr(args, "transport", None) or []:
        name, target = parse_transport(text)
        if name == "grpc":
            parse_target(target, label=f"--transport {text!r}")
