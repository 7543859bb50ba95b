"""Writing pact files: merge into an existing file, atomically, safe across processes.

``write_pact`` takes an exclusive ``fcntl.flock`` on a hidden sidecar lock file
(``.<pact>.lock``, e.g. ``pacts/.web-users.json.lock``) around read-merge-write, so
pytest-xdist workers writing the same pact at once each see the others' interactions; the
new text goes to a temporary file in the same directory, then ``os.replace``-d over the
pact, so a reader never sees a half-written file. ``durable=True`` (or ``POLYPACT_FSYNC=1``)
also fsyncs the file and its directory, for crash durability; consumer tests skip that by
default (it costs milliseconds per test).

Write sessions: a test run should start each pact afresh (an interaction renamed or deleted
since the last run must not stay in the contract), while every write of the same run
merges. ``write_pact(..., session=ID)`` records ``ID`` in a hidden marker next to the pact
(``.<pact>.session``); a write whose session differs from the marker's replaces the file
instead of merging into it. :func:`write_session` (from :mod:`polypact.write_session`) is
the process's session id: one per pytest run, xdist workers included, or
``$POLYPACT_PACT_SESSION``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from polypact.errors import PactConflictError, PactFileError
from polypact.model.pact import Pact
from polypact.pactfile.canonical import dumps_pact, merge_interactions
from polypact.pactfile.document import loads_pact
from polypact.pactfile.serialize import check_writable
from polypact.write_session import SESSION_ENV, set_write_session, write_session


def sidecar_path(path: str | os.PathLike[str], suffix: str) -> Path:
    """The hidden sidecar of the pact file ``path``: ``<dir>/.<name><suffix>``."""
    target = Path(path)
    return target.with_name(f".{target.name}{suffix}")


@contextlib.contextmanager
def pact_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive lock on the hidden ``.<name>.lock`` next to ``path`` (blocks until
    other writers finish)."""
    lock_path = sidecar_path(path, ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, durable: bool = False) -> None:
    """Replace ``path`` with ``text`` atomically (temp file, ``os.replace``); with
    ``durable`` the data and the directory entry are fsynced too."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def merge_pacts(existing: Pact, new: Pact) -> Pact:
    """``new`` merged into ``existing`` (same consumer and provider required)."""
    if (existing.consumer.name, existing.provider.name) != (new.consumer.name, new.provider.name):
        raise PactConflictError(
            f"the existing pact is between {existing.consumer.name!r} and "
            f"{existing.provider.name!r}, not {new.consumer.name!r} and {new.provider.name!r}")
    metadata: dict[str, Any] = {**existing.metadata, **new.metadata}
    plugins = _merge_plugins(existing.metadata.get("plugins"), new.metadata.get("plugins"))
    if plugins is not None:
        metadata["plugins"] = plugins
    return Pact(
        consumer=new.consumer,
        provider=new.provider,
        interactions=merge_interactions(existing.interactions, new.interactions),
        metadata=metadata,
        spec_version=new.spec_version,
        extra={**existing.extra, **new.extra},
    )


def _merge_plugins(old: Any, new: Any) -> list[Any] | None:
    if old is None and new is None:
        return None
    merged: dict[Any, Any] = {}
    for entry in [*(old or []), *(new or [])]:
        name = entry.get("name") if isinstance(entry, dict) else repr(entry)
        merged[name] = entry
    return list(merged.values())


def write_pact(pact: Pact, path: str | os.PathLike[str], *, spec_version: str = "4.0",
               merge: bool = True, session: str | None = None,
               durable: bool | None = None) -> Path:
    """Write ``pact`` to ``path`` in ``spec_version`` and return the path.

    With ``merge`` (the default) interactions already in the file are kept: an identical
    interaction is replaced, a different one with the same description and provider
    states raises :class:`PactConflictError` (its message starts with ``path``). Safe when
    several processes write the same file at once.

    ``session`` (a write-session id, see :func:`write_session`): the file is merged into
    only when its hidden ``.<name>.session`` marker holds this id, i.e. it was written in
    the same session; otherwise it is replaced and the marker set. Without ``session``
    the marker is ignored. ``durable`` (default: ``POLYPACT_FSYNC`` set) fsyncs the file.
    """
    if durable is None:
        durable = bool(os.environ.get("POLYPACT_FSYNC"))
    check_writable(spec_version)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with pact_lock(target):
        new_session = session if session is not None and _marked_session(target) != session else None
        _write_locked(pact, target, spec_version, merge and new_session is None, durable)
        if new_session is not None:
            atomic_write_text(sidecar_path(target, ".session"), new_session + "\n", durable=durable)
            with contextlib.suppress(OSError):  # the visible lock of earlier versions
                os.unlink(os.fspath(target) + ".lock")
    return target


def _marked_session(target: Path) -> str | None:
    """The session id in the pact's marker (``None`` when there is none)."""
    try:
        return sidecar_path(target, ".session").read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _write_locked(pact: Pact, target: Path, spec_version: str, merge: bool,
                  durable: bool) -> None:
    """Read-merge-write ``pact`` to ``target`` (the caller holds the lock)."""
    to_write = pact
    existing_bytes = target.read_bytes() if merge and target.exists() else b""
    try:
        if existing_bytes:
            to_write = merge_pacts(_parsed_existing(target, existing_bytes), pact)
        text = dumps_pact(to_write, spec_version)
    except PactConflictError as exc:
        raise PactConflictError(f"{target}: {exc}") from exc
    if existing_bytes and text.encode("utf-8") == existing_bytes:
        return  # the file already says exactly this: leave it untouched
    atomic_write_text(target, text, durable=durable)


_PARSED: dict[str, tuple[bytes, Pact]] = {}


def _parsed_existing(target: Path, data: bytes) -> Pact:
    """The existing pact file parsed, reusing the last parse of the same bytes (a test
    suite re-merges into the same file many times). Cached pacts are never mutated:
    :func:`merge_pacts` builds a new one."""
    key = os.fspath(target)
    cached = _PARSED.get(key)
    if cached is not None and cached[0] == data:
        return cached[1]
    try:
        existing = loads_pact(data, key, strict=False)
    except PactFileError as exc:
        raise PactFileError(f"cannot merge into the existing pact file: {exc.reason}",
                            source=exc.source, path=exc.path) from exc
    if len(_PARSED) > 32:
        _PARSED.clear()
    _PARSED[key] = (data, existing)
    return existing


__all__ = [
    "SESSION_ENV", "atomic_write_text", "merge_pacts", "pact_lock", "set_write_session",
    "sidecar_path", "write_pact", "write_session",
]
