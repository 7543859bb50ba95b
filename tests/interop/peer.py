"""Using pact-python 4.2.0 (the reference core) safely as a peer, in tests and benchmarks.

Rules this module enforces:

- ``PACT_DO_NOT_TRACK=true`` before pact-python is imported (no usage telemetry);
- every helper server pact-python starts (state-change callback, message relay) binds
  127.0.0.1: ``pact._util.find_free_port`` binds all interfaces to pick a port, so it is
  replaced by a loopback-only version, and the servers' default host is forced to
  127.0.0.1;
- its mock servers and verifiers are given host 127.0.0.1 by the helpers below.

Never call pact-python's plugin installer nor its CLI stub server (it binds 0.0.0.0).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from types import ModuleType
from typing import Any

LOOPBACK = "127.0.0.1"


def loopback_free_port() -> int:
    """A free TCP port on 127.0.0.1 (released before returning, like pact-python's)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def install_loopback_patches() -> Callable[[], None]:
    """Import pact-python with telemetry off and its helper servers on 127.0.0.1.

    Returns a function that undoes the patches (tests call it on teardown; benchmarks may
    keep them for the whole process). Calling it twice is harmless.
    """
    os.environ["PACT_DO_NOT_TRACK"] = "true"
    import pact._server as pact_server
    import pact._util as pact_util

    saved: list[tuple[ModuleType, str, Any]] = [
        (pact_util, "find_free_port", pact_util.find_free_port),
        (pact_server, "find_free_port", pact_server.find_free_port),
        (pact_server, "StateCallback", pact_server.StateCallback),
        (pact_server, "MessageProducer", pact_server.MessageProducer),
    ]
    pact_util.find_free_port = loopback_free_port
    pact_server.find_free_port = loopback_free_port
    pact_server.StateCallback = _loopback_subclass(pact_server.StateCallback)
    pact_server.MessageProducer = _loopback_subclass(pact_server.MessageProducer)

    def undo() -> None:
        for module, name, value in saved:
            setattr(module, name, value)

    return undo


def _loopback_subclass(cls: type) -> type:
    """``cls`` with its ``host`` argument pinned to 127.0.0.1 (idempotent)."""
    if getattr(cls, "_polypact_loopback", False):
        return cls

    class Loopback(cls):  # type: ignore[misc, valid-type]
        _polypact_loopback = True

        def __init__(self, handler: Any, host: str = LOOPBACK, port: int | None = None):
            super().__init__(handler, host=LOOPBACK, port=port)

    Loopback.__name__ = Loopback.__qualname__ = f"Loopback{cls.__name__}"
    return Loopback


def reference_verifier(provider: str, base_url: str) -> Any:
    """A pact-python ``Verifier`` for ``provider`` at ``base_url`` (a 127.0.0.1 URL)."""
    from pact import Verifier

    return Verifier(provider, host=LOOPBACK).add_transport(url=base_url)


def run_reference_verifier(verifier: Any) -> tuple[bool, str]:
    """Run a configured pact-python ``Verifier``: (whether it passed, its output without
    ANSI colours). pact-python raises ``RuntimeError`` when verification fails."""
    try:
        verifier.verify()
        ok = True
    except RuntimeError:
        ok = False
    return ok, verifier.output(strip_ansi=True)


def reference_verify_http(provider: str, pact_path: Any, base_url: str,
                          state_change_url: str) -> tuple[bool, str]:
    """Verify ``pact_path`` with pact-python against the HTTP provider at ``base_url``,
    provider states (setup and teardown, in the body) through ``state_change_url``."""
    verifier = (reference_verifier(provider, base_url).add_source(pact_path)
                .state_handler(state_change_url, body=True, teardown=True))
    return run_reference_verifier(verifier)
