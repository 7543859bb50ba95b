"""Run one generator definition through the registry."""

from __future__ import annotations

from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.generate.context import GeneratorContext
from polypact.model.generators import Generator


def generate_value(definition: Generator, current: Any, context: GeneratorContext) -> Any:
    """The value ``definition`` generates to replace ``current`` (looked up by its ``type``
    in the context's registry); :class:`MatcherDefinitionError` for an unknown type."""
    fn = context.get_registry().generator(definition.kind)
    if fn is None:
        known = ", ".join(sorted(context.get_registry().tables["generators"])) or "none"
        raise MatcherDefinitionError(
            f"unknown generator type {definition.kind!r} (registered: {known})"
        )
    return fn(definition, current, context)
