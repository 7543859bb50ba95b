"""polypact: consumer-driven contract testing across protocols, Pact-compatible.

Public names are re-exported here lazily so that ``import polypact`` stays cheap.
"""

from __future__ import annotations

from typing import Any

from polypact.hookspecs import hookimpl

__version__ = "0.1.0"

_LAZY = {
    # consumer DSL
    "Pact": ("polypact.consumer", "Pact"),
    # matchers DSL
    **{name: ("polypact.dsl", name) for name in (
        "like", "each_like", "regex", "integer", "decimal", "number", "boolean", "null",
        "date", "time", "datetime", "includes", "equal_to", "array_containing", "each_key",
        "each_value", "not_empty", "semver", "values", "content_type", "status_code",
        "from_provider_state", "uuid", "random_string", "mock_server_url", "xml_element",
        "all_of", "any_of",
    )},
    # pact files
    "read_pact": ("polypact.pactfile", "read_pact"),
    "write_pact": ("polypact.pactfile", "write_pact"),
    # matching
    "match_request": ("polypact.matching", "match_request"),
    "match_response": ("polypact.matching", "match_response"),
    "match_message": ("polypact.matching", "match_message"),
    "Mismatch": ("polypact.matching.mismatch", "Mismatch"),
    # verification
    "Verifier": ("polypact.verifier", "Verifier"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'polypact' has no attribute {name!r}")


__all__ = ["__version__", "hookimpl", *_LAZY]
