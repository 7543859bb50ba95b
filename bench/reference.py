"""pact-python 4.2.0 (the Rust reference core) as the benchmarks' peer.

Imported lazily: a missing pact-python turns the peer figures into ``None``, not a crash.
Loopback-only, telemetry off (see :mod:`tests.interop.peer`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_patched = False


def available() -> bool:
    """Whether pact-python can be imported (and is patched onto loopback)."""
    global _patched
    try:
        from tests.interop.peer import install_loopback_patches

        if not _patched:
            install_loopback_patches()
            _patched = True
        import pact  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def quiet_stdout() -> Iterator[None]:
    """Send file descriptor 1 to /dev/null (the Rust verifier prints its report there;
    polypact's Python API prints nothing, so neither side pays for terminal output)."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def verify(pact: Path, provider: str, base_url: str) -> tuple[float, bool, Any]:
    """Verify ``pact`` with pact-python's ``Verifier``; (seconds, passed, verifier).

    The time covers ``Verifier.verify()`` only (loading the pact included, as for
    polypact), not building the verifier.
    """
    from tests.interop.peer import reference_verifier

    verifier = reference_verifier(provider, base_url).add_source(pact)
    started = time.perf_counter()
    try:
        with quiet_stdout():
            verifier.verify()
        ok = True
    except RuntimeError:
        ok = False
    return time.perf_counter() - started, ok, verifier
