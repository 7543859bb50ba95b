"""The pact: a consumer, a provider, interactions and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from polypact.model.interactions import Interaction


@dataclass
class Pacticipant:
    """A consumer or provider: its name (and any extra fields a reader kept)."""

    name: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Pact:
    """A contract between one consumer and one provider.

    ``metadata`` holds the pact file's metadata object except ``pactSpecification``, which
    is :attr:`spec_version` (the version the pact was read as, or will be written as).
    """

    consumer: Pacticipant
    provider: Pacticipant
    interactions: list[Interaction] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    spec_version: str = "4.0"
    extra: dict[str, Any] = field(default_factory=dict)

    def plugin_metadata(self, name: str) -> dict[str, Any] | None:
        """The ``metadata.plugins`` entry of the named plugin, if any."""
        for entry in self.metadata.get("plugins", []) or []:
            if isinstance(entry, dict) and entry.get("name") == name:
                return entry
        return None
