"""polypact: consumer-driven contract testing across protocols, Pact-compatible.

Public names are re-exported here lazily so that ``import polypact`` stays cheap; the
``TYPE_CHECKING`` imports below let type checkers and IDEs resolve them, and
``dir(polypact)`` lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from polypact.hookspecs import hookimpl

if TYPE_CHECKING:
    from polypact.consumer import Pact
    from polypact.dsl import (
        all_of,
        any_of,
        array_containing,
        boolean,
        content_type,
        date,
        datetime,
        decimal,
        each_key,
        each_like,
        each_value,
        equal_to,
        from_provider_state,
        includes,
        integer,
        like,
        mock_server_url,
        not_empty,
        null,
        number,
        random_string,
        regex,
        semver,
        status_code,
        time,
        uuid,
        values,
        xml_element,
    )
    from polypact.matching import match_message, match_request, match_response
    from polypact.matching.mismatch import Mismatch
    from polypact.pactfile import read_pact, write_pact
    from polypact.verifier import Verifier

__version__ = "0.1.0"

_DSL_NAMES = (
    "like", "each_like", "regex", "integer", "decimal", "number", "boolean", "null",
    "date", "time", "datetime", "includes", "equal_to", "array_containing", "each_key",
    "each_value", "not_empty", "semver", "values", "content_type", "status_code",
    "from_provider_state", "uuid", "random_string", "mock_server_url", "xml_element",
    "all_of", "any_of",
)

_LAZY = {
    # consumer DSL
    "Pact": ("polypact.consumer", "Pact"),
    # matchers DSL
    **{name: ("polypact.dsl", name) for name in _DSL_NAMES},
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
    hint = _PACT_PYTHON_NAMES.get(name)
    if hint:
        raise AttributeError(f"module 'polypact' has no attribute {name!r}: {hint}")
    raise AttributeError(f"module 'polypact' has no attribute {name!r}")


#: Names pact-python users reach for, and what polypact calls them.
_PACT_PYTHON_NAMES = {
    "term": "use regex(pattern, example)",
    "Term": "use regex(pattern, example)",
    "Like": "use like(example)",
    "EachLike": "use each_like(example, min=1)",
    "SomethingLike": "use like(example)",
    "Format": "use the typed matchers: integer(), decimal(), datetime(format=...), uuid(), ...",
    "match": "the matchers are top-level functions: from polypact import like, regex, integer, ...",
    "Consumer": "use Pact(consumer, provider)",
    "Provider": "use Pact(consumer, provider) for consumer tests and Verifier(provider) for verification",
}


def __dir__() -> list[str]:
    """The public names (lazy ones included), for ``dir(polypact)`` and completion."""
    return sorted(__all__)


#: Static (not computed) so that type checkers and linters see the public names.
__all__ = [
    "__version__", "hookimpl", "Pact", "like", "each_like", "regex", "integer", "decimal",
    "number", "boolean", "null", "date", "time", "datetime", "includes", "equal_to",
    "array_containing", "each_key", "each_value", "not_empty", "semver", "values",
    "content_type", "status_code", "from_provider_state", "uuid", "random_string",
    "mock_server_url", "xml_element", "all_of", "any_of", "read_pact", "write_pact",
    "match_request", "match_response", "match_message", "Mismatch", "Verifier",
]
