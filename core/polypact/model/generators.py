"""Generators: the pure-data form of Pact generators (``{"type": "RandomInt", ...}``).

:class:`Generators` maps each category (``body``, ``header``, ``query``, ``path``,
``status``, ``metadata``) to generators by path. ``path`` and ``status`` use the key ``""``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from polypact.model.rules import PATHLESS_CATEGORIES

#: Categories whose generator applies to the whole value (written without a path key):
#: the same categories as for matching rules.
PATHLESS_GENERATOR_CATEGORIES = PATHLESS_CATEGORIES


@dataclass(frozen=True)
class Generator:
    """One generator definition: its ``type`` and remaining attributes."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute of the generator (``min``, ``regex``, ``expression``, ...)."""
        return self.params.get(name, default)

    def to_json(self) -> dict[str, Any]:
        """The generator as written in a pact file."""
        return {"type": self.kind, **self.params}


@dataclass
class Generators:
    """All generators of one request, response or message, grouped by category."""

    categories: dict[str, dict[str, Generator]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.categories.values())

    def category(self, name: str) -> dict[str, Generator]:
        """The generators of one category by path (empty dict when none)."""
        return self.categories.get(name, {})

    def add(self, category: str, path: str, generator: Generator) -> None:
        """Set the generator at ``path`` in ``category``."""
        self.categories.setdefault(category, {})[path] = generator

    def copy(self) -> Generators:
        """A copy with new dicts (generators themselves are immutable)."""
        return Generators({c: dict(p) for c, p in self.categories.items()})
