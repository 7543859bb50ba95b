"""polypact: consumer-driven contract testing across protocols, Pact-compatible.

Public names are re-exported here lazily so that ``import polypact`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from polypact.hookspecs import hookimpl

__version__ = "0.1.0"

_LAZY = {
    # model
    "Pact": ("polypact.consumer", "Pact"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'polypact' has no attribute {name!r}")


__all__ = ["__version__", "hookimpl", *_LAZY]
