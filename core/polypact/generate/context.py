"""The context generators run in: mode, provider-state values, mock server URL, registry."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

CONSUMER = "consumer"
PROVIDER = "provider"


@dataclass
class GeneratorContext:
    """Where and for whom values are generated.

    ``mode`` is ``"consumer"`` (a mock server answering with response generators applied) or
    ``"provider"`` (the verifier building requests with request generators applied);
    ``provider_state`` holds the values state handlers returned (``ProviderState``
    generators read them); ``mock_server_url`` is the running mock's base URL
    (``MockServerURL`` generators use it); ``registry`` is where value and body generators
    are looked up (the process-wide registry when ``None``). ``rng`` may be seeded for
    reproducible values and ``now`` fixed for date generators.
    """

    mode: str = CONSUMER
    provider_state: dict[str, Any] = field(default_factory=dict)
    mock_server_url: str | None = None
    registry: Any = None
    rng: random.Random = field(default_factory=random.Random, repr=False)
    now: Any = None

    def get_registry(self) -> Any:
        """The registry to look generators up in."""
        if self.registry is None:
            from polypact.registry import get_registry

            self.registry = get_registry()
        return self.registry

    @property
    def is_consumer(self) -> bool:
        """True in consumer mode (mock servers)."""
        return self.mode == CONSUMER

    @property
    def is_provider(self) -> bool:
        """True in provider mode (the verifier)."""
        return self.mode == PROVIDER
