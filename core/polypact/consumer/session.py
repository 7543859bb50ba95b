"""Serving a pact's interactions during a consumer test: :class:`MockSession`.

``with pact.serve() as mock:`` starts one mock per transport the declared interactions
need (asking the registry which transport serves each interaction), exposes their URLs,
and on leaving collects every mock's problems, stops the mocks, then either raises
:class:`polypact.errors.ConsumerTestError` with a readable report or writes the pact file.
The pact's interactions are cleared in both cases, ready for the next test.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from polypact.consumer.report import render_report
from polypact.errors import ConsumerTestError, UsageError
from polypact.transport import MockConfig, MockProblem

if TYPE_CHECKING:
    from polypact.consumer.pact import Pact

#: The transport started when a test declares no interaction at all (so stray requests
#: are still caught and reported).
DEFAULT_TRANSPORT = "http"


class MockSession:
    """The running mocks of one ``pact.serve()`` block."""

    def __init__(self, pact: Pact, options: dict[str, Any]):
        self.pact = pact
        self.options = dict(options)
        self.servers: dict[str, Any] = {}
        self.model: Any = None
        self.pact_path: Any = None

    # -- URLs -----------------------------------------------------------------------------
    @property
    def url(self) -> str | None:
        """The HTTP mock's base URL (else the first mock's URL; ``None`` when none)."""
        server = self.servers.get(DEFAULT_TRANSPORT)
        if server is None and self.servers:
            server = next(iter(self.servers.values()))
        return getattr(server, "url", None) if server is not None else None

    def url_for(self, transport: str) -> str | None:
        """The URL of the mock of one transport (``"http"``, ``"grpc"``, ...)."""
        try:
            return self.servers[transport].url
        except KeyError:
            running = ", ".join(self.servers) or "none"
            raise UsageError(f"no {transport!r} mock is running in this serve() block (running: {running})") from None

    def problems(self) -> list[tuple[str, MockProblem]]:
        """Every running mock's problems so far, as (transport name, problem) pairs."""
        return [(name, p) for name, server in self.servers.items() for p in server.problems()]

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> MockSession:
        pact = self.pact
        try:
            registry = pact.registry
            self.model = model = pact.to_model()
            groups: dict[str, list[Any]] = {}
            for interaction in model.interactions:
                groups.setdefault(registry.transport_name_for(interaction), []).append(interaction)
            if not groups and DEFAULT_TRANSPORT in registry.tables["transports"]:
                groups[DEFAULT_TRANSPORT] = []
            options = dict(self.options)
            host = options.pop("host", "127.0.0.1")
            port = int(options.pop("port", 0))
            for name, interactions in groups.items():
                config = MockConfig(host=host, port=port, registry=registry, options=dict(options))
                self.servers[name] = registry.transport(name).start_mock(model, interactions, config)
        except BaseException:
            self._stop_all()
            pact.clear()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        try:
            try:
                problems = self.problems()
            finally:
                self._stop_all()
            if exc is not None and not isinstance(exc, Exception):
                return False  # KeyboardInterrupt, SystemExit: let them through untouched
            if problems or exc is not None:
                message = render_report(
                    self.pact.consumer,
                    self.pact.provider,
                    problems,
                    exc,
                    show_transport=len(self.servers) > 1,
                )
                raise ConsumerTestError(message, [p for _, p in problems]) from exc
            self.pact_path = self.pact.write(self.model)
        finally:
            self.pact.clear()
        return False

    def _stop_all(self) -> None:
        errors: list[BaseException] = []
        for server in self.servers.values():
            try:
                server.stop()
            except Exception as exc:  # noqa: BLE001 - stop the others, then report
                errors.append(exc)
        if errors:
            raise errors[0]
