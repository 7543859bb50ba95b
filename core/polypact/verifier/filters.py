"""Selecting interactions to verify by description, provider state or consumer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from polypact.errors import UsageError


def _compile(pattern: str | None, what: str) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"invalid {what} filter {pattern!r}: {exc}") from None


@dataclass
class InteractionFilter:
    """Regular expressions (searched, not anchored) an interaction must match.

    ``state=""`` selects interactions without provider states.
    """

    description: re.Pattern[str] | None = None
    state: re.Pattern[str] | None = None
    consumer: re.Pattern[str] | None = None
    no_state: bool = False

    @classmethod
    def build(
        cls, description: str | None = None, state: str | None = None, consumer: str | None = None
    ) -> InteractionFilter:
        """Compile the given patterns (``UsageError`` for an invalid one)."""
        return cls(
            _compile(description, "description"),
            _compile(state or None, "state"),
            _compile(consumer, "consumer"),
            no_state=state == "",
        )

    def __bool__(self) -> bool:
        return bool(self.description or self.state or self.consumer or self.no_state)

    def describe(self) -> str:
        """The active filters in words, e.g. ``description 'zzz', consumer '^web$'``
        (``no filters`` when there are none)."""
        parts = [
            f"{name} {pattern.pattern!r}"
            for name, pattern in (("description", self.description), ("state", self.state),
                                  ("consumer", self.consumer))
            if pattern is not None
        ]
        if self.no_state:
            parts.append("no provider state")
        return ", ".join(parts) or "no filters"

    def accepts(self, consumer: str, interaction: Any) -> bool:
        """True when the interaction of ``consumer``'s pact passes every filter."""
        if self.consumer is not None and not self.consumer.search(consumer):
            return False
        if self.description is not None and not self.description.search(interaction.description):
            return False
        names = [s.name for s in interaction.provider_states]
        if self.no_state and names:
            return False
        if self.state is not None and not any(self.state.search(n) for n in names):
            return False
        return True
