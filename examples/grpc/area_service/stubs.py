"""Generate the Python stubs of ``area.proto`` at run time (never committed)."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import ModuleType

PROTO = Path(__file__).resolve().parent / "area.proto"
_LOCK = threading.Lock()
_LOADED: tuple[ModuleType, ModuleType] | None = None


def load_stubs() -> tuple[ModuleType, ModuleType]:
    """``(area_pb2, area_pb2_grpc)``, generated into a temporary folder once per process."""
    global _LOADED
    with _LOCK:
        if _LOADED is None:
            import grpc_tools
            from grpc_tools import protoc

            out = tempfile.mkdtemp(prefix="polypact-area-stubs-")
            bundled = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
            code = protoc.main([
                "grpc_tools.protoc", f"-I{PROTO.parent}", f"-I{bundled}",
                f"--python_out={out}", f"--grpc_python_out={out}", str(PROTO),
            ])
            if code != 0:
                raise RuntimeError(f"{PROTO}: stub generation failed (protoc exit {code})")
            sys.path.insert(0, out)
            _LOADED = (importlib.import_module("area_pb2"), importlib.import_module("area_pb2_grpc"))
        return _LOADED
