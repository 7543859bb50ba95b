"""The consumer DSL's entry point: :class:`Pact`.

::

    pact = Pact("web", "users", pact_dir=tmp_path)
    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists", id=1)
        .with_request("GET", "/users/1")
        .will_respond_with(200, body={"id": integer(1)}))
    with pact.serve() as mock:
        ...  # exercise the client against mock.url

Protocol methods come from plugins through the registry; :class:`Pact` itself only knows
descriptions, serving (:meth:`Pact.serve`) and writing (:meth:`Pact.write`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from polypact.consumer.builder import InteractionBuilder
from polypact.consumer.dispatch import dsl_method, method_names, missing_method_error, public_names
from polypact.consumer.session import MockSession
from polypact.errors import UsageError
from polypact.model import Interaction, Pacticipant
from polypact.model import Pact as PactModel

SPEC_VERSIONS = ("2.0", "3.0", "4.0")
MERGE_MODES = ("session", "always", "never")


class Pact:
    """A contract being declared by a consumer test.

    ``pact_dir`` is where :meth:`serve` (on success) and :meth:`write` put
    ``<consumer>-<provider>.json``; ``spec_version`` the Pact specification version written
    (``"4.0"`` by default); ``registry`` the plugin registry (the process-wide one when
    ``None``).

    ``merge`` says what happens to a pact file already at :attr:`path`:

    - ``"session"`` (default): the first write of a write session replaces it, later
      writes of the same session merge into it. A session is one pytest run (xdist workers
      included), else one process, else everything sharing ``$POLYPACT_PACT_SESSION``
      (see :mod:`polypact.write_session`), so interactions renamed or
      removed since the last run do not linger in the contract;
    - ``"always"``: every write merges into what the file holds;
    - ``"never"``: every write replaces the file.
    """

    def __init__(
        self,
        consumer: str,
        provider: str,
        *,
        pact_dir: str | os.PathLike[str] = "pacts",
        spec_version: str = "4.0",
        registry: Any = None,
        merge: str = "session",
    ):
        if not consumer or not provider:
            raise UsageError("Pact(consumer, provider) needs two non-empty names")
        spec_version = str(spec_version)
        if spec_version not in SPEC_VERSIONS:
            raise UsageError(
                f"Pact(spec_version={spec_version!r}): expected one of {', '.join(SPEC_VERSIONS)}"
            )
        if merge not in MERGE_MODES:
            raise UsageError(f"Pact(merge={merge!r}): expected one of {', '.join(MERGE_MODES)}")
        self.merge = merge
        self.consumer = consumer
        self.provider = provider
        self.pact_dir = Path(pact_dir)
        self.spec_version = spec_version
        self._registry = registry
        self.builders: list[InteractionBuilder] = []
        self.metadata: dict[str, Any] = {}

    # -- registry -------------------------------------------------------------------------
    @property
    def registry(self) -> Any:
        """The plugin registry used to look up DSL methods and transports."""
        if self._registry is None:
            from polypact.registry import get_registry

            self._registry = get_registry()
        return self._registry

    # -- declaring ------------------------------------------------------------------------
    def upon_receiving(self, description: str) -> InteractionBuilder:
        """Start declaring an interaction; returns its :class:`InteractionBuilder`."""
        if not isinstance(description, str) or not description:
            raise UsageError(f"upon_receiving() needs a non-empty description, got {description!r}")
        builder = InteractionBuilder(self, description)
        self.builders.append(builder)
        return builder

    @property
    def interactions(self) -> list[Interaction]:
        """The interactions declared since the last successful (or failed) serve."""
        return [b.build() for b in self.builders]

    def clear(self) -> None:
        """Forget every declared interaction."""
        self.builders.clear()

    # -- output ---------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The pact file this pact writes: ``<pact_dir>/<consumer>-<provider>.json``."""
        return self.pact_dir / f"{self.consumer}-{self.provider}.json"

    def to_model(self) -> PactModel:
        """The declared interactions as a :class:`polypact.model.Pact`."""
        return PactModel(
            consumer=Pacticipant(self.consumer),
            provider=Pacticipant(self.provider),
            interactions=self.interactions,
            metadata=dict(self.metadata),
            spec_version=self.spec_version,
        )

    def write(self, model: PactModel | None = None) -> Path:
        """Write the declared interactions into :attr:`path` (merging as ``merge`` says);
        returns the path.

        Used directly by protocols without a mock server (messages); :meth:`serve` calls it
        when every interaction matched.
        """
        from polypact.pactfile import write_pact
        from polypact.write_session import write_session

        model = model if model is not None else self.to_model()
        self.pact_dir.mkdir(parents=True, exist_ok=True)
        path = self.path
        session = write_session() if self.merge != "always" else None
        write_pact(model, path, spec_version=self.spec_version, merge=self.merge != "never",
                   session=session)
        self.registry.pm.hook.polypact_pact_written(pact=model, path=str(path))
        return path

    # -- serving --------------------------------------------------------------------------
    def serve(self, **options: Any) -> MockSession:
        """A context manager that serves the declared interactions (one mock per
        transport), checks them on exit, writes the pact when all matched and clears the
        interactions. Options: ``host`` (127.0.0.1), ``port`` (0) and transport-specific
        ones (e.g. ``cors=True`` for HTTP)."""
        return MockSession(self, options)

    # -- plugin methods -------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        function = self.registry.builder_method("pact." + name)
        if function is None:
            raise missing_method_error(name, "Pact", self.registry, known=public_names(self))
        return dsl_method(function, self, name, self.registry, prefix="pact.")

    def __dir__(self) -> list[str]:
        """The pact's own attributes plus the methods plugins registered for it
        (``expects_to_receive``, ``verify``, ...), for REPL and notebook completion."""
        return sorted({*super().__dir__(), *method_names(self.registry, "pact.")})

    def __repr__(self) -> str:
        return f"<Pact {self.consumer!r} -> {self.provider!r}: {len(self.builders)} interactions>"
