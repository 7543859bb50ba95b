"""Generators: values replaced at run time (random values, dates, provider-state values,
the mock server's URL), in consumer mode (mock responses) or provider mode (verifier
requests).

- :class:`GeneratorContext` says where values are generated.
- :data:`STANDARD_GENERATORS` are the value generators by Pact ``type`` name, registered
  through ``polypact_register_generators``; each is ``fn(definition, current, context)``.
- :func:`polypact.generate.apply.apply_generators` applies a part's generators.
"""

from __future__ import annotations

from typing import Any

from polypact.generate.context import CONSUMER, PROVIDER, GeneratorContext
from polypact.generate.contextual import (
    date_value,
    datetime_value,
    mock_server_url_value,
    provider_state_value,
    time_value,
)
from polypact.generate.random_values import (
    random_boolean,
    random_decimal,
    random_hexadecimal,
    random_int,
    random_string,
    regex_value,
    uuid_value,
)
from polypact.generate.runner import generate_value
from polypact.model.generators import Generator

#: Every standard generator by its ``type``.
STANDARD_GENERATORS = {
    "RandomInt": random_int,
    "RandomDecimal": random_decimal,
    "RandomHexadecimal": random_hexadecimal,
    "RandomString": random_string,
    "RandomBoolean": random_boolean,
    "Regex": regex_value,
    "Uuid": uuid_value,
    "Date": date_value,
    "Time": time_value,
    "DateTime": datetime_value,
    "ProviderState": provider_state_value,
    "MockServerURL": mock_server_url_value,
}


def validate_generator(definition: Generator) -> str | None:
    """Check a standard generator definition (``None`` when it is usable)."""
    fn = STANDARD_GENERATORS.get(definition.kind)
    if fn is None:
        return f"unknown generator type {definition.kind!r}"
    return fn.validate(definition)  # type: ignore[attr-defined]


def apply_generators(part: Any, context: GeneratorContext) -> Any:
    """See :func:`polypact.generate.apply.apply_generators`."""
    from polypact.generate.apply import apply_generators as apply

    return apply(part, context)


__all__ = [
    "CONSUMER", "PROVIDER", "STANDARD_GENERATORS", "GeneratorContext", "apply_generators",
    "generate_value", "validate_generator",
]
