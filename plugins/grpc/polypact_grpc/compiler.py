"""Compile ``.proto`` files in-process with grpcio-tools into a ``FileDescriptorSet``.

No separate ``protoc`` binary is needed: :func:`compile_protos` runs the protobuf compiler
bundled with ``grpc_tools`` (with its well-known types on the import path) and returns the
serialized descriptor set, imports included. A file that does not compile raises
:class:`ProtoCompileError` carrying the compiler's own messages (``file:line:column: text``).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from polypact.errors import UsageError

_STDERR_LOCK = threading.Lock()


class ProtoCompileError(UsageError):
    """A ``.proto`` file could not be compiled; ``messages`` holds the compiler's lines."""

    def __init__(self, proto: str, messages: list[str]):
        self.proto = proto
        self.messages = messages
        detail = "\n  ".join(messages) if messages else "(the compiler printed nothing)"
        super().__init__(f"{proto}: the protobuf compiler rejected the file:\n  {detail}")


def well_known_include() -> str:
    """The directory holding grpc_tools' bundled ``google/protobuf/*.proto`` files."""
    import grpc_tools

    return str(Path(grpc_tools.__file__).resolve().parent / "_proto")


def compile_protos(
    protos: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    import_paths: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """Compile one or more ``.proto`` files and return a serialized ``FileDescriptorSet``.

    Each proto's own directory is on the import path, then ``import_paths`` in order, then
    the bundled well-known types. Raises :class:`ProtoCompileError` with the compiler's
    message (file, line and column) when the file does not compile, and
    :class:`polypact.errors.UsageError` when a file does not exist.
    """
    from grpc_tools import protoc

    files = [protos] if isinstance(protos, (str, os.PathLike)) else list(protos)
    if not files:
        raise UsageError("compile_protos needs at least one .proto file")
    paths = [Path(p).resolve() for p in files]
    for path in paths:
        if not path.is_file():
            raise UsageError(f"{path}: .proto file not found")
    includes: list[str] = []
    for item in [*(str(p.parent) for p in paths), *(str(Path(i).resolve()) for i in import_paths)]:
        if item not in includes:
            includes.append(item)
    includes.append(well_known_include())
    with tempfile.TemporaryDirectory(prefix="polypact-protoc-") as tmp:
        out = Path(tmp) / "descriptors.pb"
        args = ["grpc_tools.protoc", *(f"-I{i}" for i in includes)]
        args += [f"--descriptor_set_out={out}", "--include_imports"]
        args += [str(p) for p in paths]
        code, messages = _run_capturing_stderr(protoc.main, args, Path(tmp) / "stderr.txt")
        if code != 0 or not out.exists():
            raise ProtoCompileError(", ".join(str(p) for p in paths), messages)
        return out.read_bytes()


def _run_capturing_stderr(func, args: list[str], capture: Path) -> tuple[int, list[str]]:
    """Run the C++ compiler with file descriptor 2 redirected to ``capture``."""
    import sys

    with _STDERR_LOCK:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(capture, "wb") as sink:
                os.dup2(sink.fileno(), 2)
                try:
                    code = func(args)
                finally:
                    os.dup2(saved, 2)
        finally:
            os.close(saved)
    text = capture.read_text(encoding="utf-8", errors="replace")
    return int(code or 0), [line for line in text.splitlines() if line.strip()]
