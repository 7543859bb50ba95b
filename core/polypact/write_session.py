"""The pact *write session* of this process (kept apart from :mod:`polypact.pactfile` so
that the pytest plugin can set it without importing the pact-file machinery).

A write session is the span within which writes to one pact file merge: the first write of
a session replaces a file left by another session (see
:func:`polypact.pactfile.files.write_pact`'s ``session``). The pytest plugin makes one per
test run, shared by its xdist workers; outside pytest each process has its own unless
``$POLYPACT_PACT_SESSION`` names one (e.g. a CI script running several pytest invocations
that should all contribute to the same pacts).
"""

from __future__ import annotations

import os
import uuid

SESSION_ENV = "POLYPACT_PACT_SESSION"
_session_override: str | None = None
_process_session: str | None = None


def write_session() -> str:
    """The write-session id of this process: the one set with :func:`set_write_session`
    (the pytest plugin sets one per test run), else ``$POLYPACT_PACT_SESSION``, else a
    random id made at first use (one per process)."""
    global _process_session
    if _session_override:
        return _session_override
    env = os.environ.get(SESSION_ENV)
    if env:
        return env
    if _process_session is None:
        _process_session = uuid.uuid4().hex
    return _process_session


def set_write_session(session: str | None) -> str | None:
    """Make ``session`` this process's write session (``None``: back to the default);
    returns the previously set one, so callers can restore it."""
    global _session_override
    previous, _session_override = _session_override, session
    return previous


__all__ = ["SESSION_ENV", "set_write_session", "write_session"]
