"""Where reports go: checking a destination before a run, writing it atomically after.

A report destination is checked when its reporter is created, so that a path that cannot
be written fails the command at once (exit 2), not after a long verification: the path
must not be a directory, and its parent directory is created when missing (like
``mkdir -p``) and must accept new files. Reports
are written to a temporary file in the same directory and moved into place with
:func:`os.replace`, so a reader never sees half a report; an ``OSError`` while writing
becomes a :class:`ReportError` with one line naming the report and the path.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from polypact.errors import PolypactError, UsageError

#: Destinations that mean "standard output" rather than a file.
STDOUT = (None, "-")


class ReportError(PolypactError):
    """A report could not be written (CLI exit 2)."""


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_destination(destination: str | os.PathLike[str] | None, label: str) -> None:
    """Raise :class:`UsageError` (``"LABEL PATH: why"``) unless a report can be written to
    ``destination`` (``None`` and ``"-"``, standard output, always can)."""
    if destination in STDOUT:
        return
    path = Path(destination)
    where = f"{label} {str(destination)!r}"
    if path.is_dir():
        raise UsageError(f"{where}: is a directory; expected a file path")
    parent = path.parent
    if not parent.exists() and not parent.is_symlink():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"{where}: cannot create the directory {str(parent)!r} ({_reason(exc)})"
            ) from None
    if not parent.is_dir():
        raise UsageError(f"{where}: {str(parent)!r} is not a directory")
    probe = parent / f".{path.name}.{secrets.token_hex(4)}.probe"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise UsageError(
            f"{where}: cannot create files in {str(parent)!r} ({_reason(exc)})"
        ) from None
    os.close(fd)
    probe.unlink(missing_ok=True)


def write_report(destination: str | os.PathLike[str], data: str | bytes, label: str) -> None:
    """Write ``data`` to ``destination`` atomically (temporary file + :func:`os.replace`);
    :class:`ReportError` naming ``label`` and the path when the file system refuses."""
    path = Path(destination)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    temp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ReportError(
            f"{label} {str(destination)!r}: could not write the report ({_reason(exc)})"
        ) from None
