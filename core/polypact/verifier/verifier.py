"""The provider verifier: replays every interaction of a set of pacts against a provider.

The verifier is protocol-agnostic: it asks the registry which transport serves each
interaction and lets that transport's provider client replay it. Provider states are set
up and torn down through the ``polypact_provider_state`` hook (Python callables, a
state-change URL, or any plugin's mechanism).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from polypact.errors import PolypactError, UsageError
from polypact.transport import ProviderConfig, VerifyContext
from polypact.verifier import run_warnings
from polypact.verifier.filters import InteractionFilter
from polypact.verifier.results import (
    InteractionResult,
    LoadedPact,
    VerificationRun,
    VerificationSummary,
)
from polypact.verifier.selection import (
    NothingToVerify,
    interaction_total,
    no_interactions_warning,
    no_pacts,
    unknown_transport,
    why_nothing_selected,
)
from polypact.verifier.state_calls import describe_error, set_up_states, tear_down_states
from polypact.verifier.states import StateContext


class Verifier:
    """Verify a provider against pacts.

    Example::

        summary = (
            Verifier("users")
            .add_source("pacts/")
            .provider_base_url("http://127.0.0.1:8000")
            .state_handlers({"user 1 exists": create_user})
            .verify()
        )
        assert summary.success

    ``provider=None`` takes the provider named by the pacts (they must all agree). Pacts
    naming another provider are skipped with a warning.

    Warnings (a provider state no handler takes, with a did-you-mean hint; a state
    handler no interaction needs; a skipped pact) are collected once each in
    ``summary.warnings`` and issued as :class:`PolypactWarning` when :meth:`verify`
    ends. ``strict_states=True`` makes a provider state no handler takes an error of its
    interaction instead. Handler signatures: see :mod:`polypact.verifier.states`.
    """

    def __init__(self, provider: str | None = None, *, registry: Any = None,
                 strict_states: bool = False):
        self.provider = provider
        self._registry = registry
        self._locations: list[tuple[str, dict[str, Any]]] = []
        self._pacts: list[LoadedPact] = []
        self._loaded: list[LoadedPact] | None = None
        self._configs: dict[str, ProviderConfig] = {}
        self._state = StateContext(strict_states=strict_states)
        self._filter = InteractionFilter()
        self._reporters: list[Any] = []
        self._clients: dict[str, Any] = {}
        self._client_errors: dict[str, BaseException] = {}
        self._allow_empty = False
        self.warnings: list[str] = []

    # -- configuration (fluent) -----------------------------------------------------------
    @property
    def registry(self) -> Any:
        """The registry this verifier uses (the process-wide one unless given)."""
        if self._registry is None:
            from polypact.registry import get_registry

            self._registry = get_registry()
        return self._registry

    def add_source(self, location: str | Any, **options: Any) -> Verifier:
        """Add pacts from a file, a directory of ``*.json`` or a ``scheme:location``."""
        self._locations.append((str(location), options))
        self._loaded = None
        return self

    def has_sources(self) -> bool:
        """True once a pact or a pact source was added."""
        return bool(self._locations or self._pacts)

    def add_pact(self, pact: Any, *, source: str = "<memory>", pending: bool = False) -> Verifier:
        """Add a :class:`polypact.model.Pact` (or a :class:`LoadedPact`) directly."""
        loaded = pact if isinstance(pact, LoadedPact) else LoadedPact(pact, source, pending)
        self._pacts.append(loaded)
        self._loaded = None
        return self

    def transport(
        self,
        name: str,
        target: Any,
        *,
        headers: dict[str, str] | None = None,
        request_filter: Callable[[Any], Any] | None = None,
        timeout: float = 30.0,
        **options: Any,
    ) -> Verifier:
        """Say how to reach the provider for transport ``name`` (a base URL, an in-process
        WSGI/ASGI app, ``HOST:PORT``, ...); ``headers`` replace same-name request headers
        and ``request_filter(request)`` may rewrite each request before it is sent.

        A ``name`` no registered plugin provides is a :class:`UsageError` naming the
        registered transports and the closest one (the check ``polypact verify
        --transport`` makes, shared with it)."""
        reason = unknown_transport(name, self.registry)
        if reason:
            raise UsageError(f".transport({name!r}, ...): {reason}")
        self._configs[name] = ProviderConfig(
            target=target,
            headers=dict(headers or {}),
            request_filter=request_filter,
            timeout=timeout,
            options=options,
        )
        return self

    def provider_base_url(self, url: Any, **kwargs: Any) -> Verifier:
        """Shortcut for ``transport("http", url, ...)``."""
        return self.transport("http", url, **kwargs)

    def state_handler(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator registering a Python handler for the provider state ``name``."""

        def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._state.handlers[name] = fn
            return fn

        return decorate

    def state_handlers(self, mapping: dict[str, Callable[..., Any]]) -> Verifier:
        """Register Python handlers for several provider states at once."""
        self._state.handlers.update(mapping)
        return self

    def strict_states(self, strict: bool = True) -> Verifier:
        """Make a provider state that no handler takes an error of its interaction
        (by default it is a warning)."""
        self._state.strict_states = strict
        return self

    def state_change_url(
        self, url: str, *, teardown: bool = True, headers: dict[str, str] | None = None
    ) -> Verifier:
        """POST ``{state, params, action}`` to ``url`` to set up (and tear down) states."""
        self._state.state_change_url = url
        self._state.state_change_teardown = teardown
        self._state.state_change_headers = dict(headers or {})
        return self

    def filter(
        self, description: str | None = None, state: str | None = None, consumer: str | None = None
    ) -> Verifier:
        """Verify only interactions matching these regular expressions (``re.search``);
        ``state=""`` selects interactions without provider states."""
        self._filter = InteractionFilter.build(description, state, consumer)
        return self

    def allow_empty(self, allowed: bool = True) -> Verifier:
        """Let a run with nothing to verify (no pacts found, or filters selecting no
        interaction) succeed with a warning; by default it fails (exit code 1)."""
        self._allow_empty = allowed
        return self

    def reporter(self, name_or_reporter: Any, destination: str | None = None, **options: Any) -> Verifier:
        """Add a reporter: a registered name (``console``, ``json``, ``junit``) with its
        destination, or an object with ``started``/``interaction_verified``/``finished``."""
        if isinstance(name_or_reporter, str):
            factory = self.registry.tables["reporters"].get(name_or_reporter)
            if factory is None:
                known = ", ".join(sorted(self.registry.tables["reporters"])) or "none"
                raise UsageError(f"no reporter named {name_or_reporter!r} (registered: {known})")
            self._reporters.append(factory(destination, options))
        else:
            self._reporters.append(name_or_reporter)
        return self

    # -- loading ------------------------------------------------------------------------
    def load(self) -> list[LoadedPact]:
        """Load every source (once) and keep the pacts of this verifier's provider."""
        if self._loaded is not None:
            return self._loaded
        from polypact.verifier.sources import load_location

        pacts = list(self._pacts)
        for location, options in self._locations:
            pacts.extend(load_location(location, self.registry, options))
        if self.provider is None:
            names = sorted({p.provider for p in pacts})
            if len(names) > 1:
                raise UsageError(
                    f"the pacts name several providers ({', '.join(names)}); choose one "
                    f"(Verifier(provider=...) or --provider NAME)"
                )
            self.provider = names[0] if names else None
        kept = []
        for p in pacts:
            if p.provider != self.provider:
                self.warnings.append(
                    f"skipped {p.source}: it is for provider {p.provider!r}, not {self.provider!r}"
                )
            else:
                kept.append(p)
        if not kept and (self._locations or self._pacts):
            where = ", ".join(loc for loc, _ in self._locations) or "the given pacts"
            raise no_pacts(self.provider, where, [p.provider for p in pacts])
        self._loaded = kept
        return kept

    def cases(self) -> Iterable[tuple[LoadedPact, Any]]:
        """Every (pact, interaction) pair the filters select, in pact-file order."""
        flt = self._filter
        for loaded in self.load():
            for interaction in loaded.pact.interactions:
                if not flt or flt.accepts(loaded.consumer, interaction):
                    yield loaded, interaction

    # -- verification ---------------------------------------------------------------------
    def verify(self) -> VerificationSummary:
        """Verify every selected interaction and return the summary (never raises for
        mismatches; errors of one interaction are recorded and the run continues).
        The run's warnings are issued as :class:`PolypactWarning` before it returns.

        A run with nothing to verify (no pacts for the provider, or no interaction left
        by the filters) fails with ``summary.empty_reason`` saying why, unless
        :meth:`allow_empty` made it a warning; pacts without any interaction are only a
        warning."""
        registry = self.registry
        started = time.perf_counter()
        empty = None
        try:
            pacts = self.load()
            cases = list(self.cases())
        except NothingToVerify as exc:
            pacts, cases, empty = [], [], str(exc)
        if pacts and not cases:
            if interaction_total(pacts):
                empty = why_nothing_selected(pacts, self._filter)
            elif (warning := no_interactions_warning(pacts)) not in self.warnings:
                self.warnings.append(warning)
        run = VerificationRun(
            provider=self.provider,
            pacts=pacts,
            options={"filters": bool(self._filter), "transports": sorted(self._configs)},
            interaction_count=len(cases),
        )
        summary = VerificationSummary(self.provider, warnings=list(self.warnings))
        if empty is not None and self._allow_empty:
            summary.warnings.append(f"nothing to verify: {empty}")
        else:
            summary.empty_reason = empty
        hook = registry.pm.hook
        self._emit(hook.polypact_verification_started, "started", run=run)
        verified = hook.polypact_interaction_verified
        listeners = [getattr(r, "interaction_verified", None) for r in self._reporters]
        listeners = [fn for fn in listeners if fn is not None]
        try:
            for loaded, interaction in cases:
                result = self.verify_interaction(loaded, interaction)
                summary.results.append(result)
                verified(result=result)
                for fn in listeners:
                    fn(result)
        finally:
            self.close()
        summary.duration = time.perf_counter() - started
        run_warnings.gather(summary, run_warnings.unused_handlers(self._state.handlers, pacts))
        self._emit(hook.polypact_verification_finished, "finished", summary=summary)
        run_warnings.emit(summary)
        return summary

    def _emit(self, hook_caller: Any, method: str, **kwargs: Any) -> None:
        """Call the hook, then every reporter; a reporter that fails (a report that cannot
        be written) does not stop the others: the first error is raised after them all."""
        hook_caller(**kwargs)
        failed: PolypactError | None = None
        for rep in self._reporters:
            fn = getattr(rep, method, None)
            if fn is None:
                continue
            try:
                fn(*kwargs.values())
            except PolypactError as exc:
                failed = failed or exc
        if failed is not None:
            raise failed

    def verify_interaction(self, loaded: LoadedPact, interaction: Any) -> InteractionResult:
        """Verify one interaction: set up its states, replay it, tear the states down."""
        registry = self.registry
        t0 = time.perf_counter()
        result = InteractionResult(loaded, interaction, pending=bool(interaction.pending or loaded.pending))
        ctx = self._state
        ctx.registry, ctx.pact, ctx.interaction = registry, loaded.pact, interaction
        hook = registry.pm.hook.polypact_provider_state
        done: list[Any] = []
        try:
            values = set_up_states(hook, interaction.provider_states, ctx, result, done)
            result.transport = name = registry.transport_name_for(interaction)
            client = self._clients.get(name) or self._client(name)
            result.mismatches = list(
                client.verify(interaction, VerifyContext(values, registry, loaded.pact))
            )
        except Exception as exc:  # noqa: BLE001 - one interaction's failure must not stop the run
            result.error = describe_error(exc)
        finally:
            if done:
                tear_down_states(hook, done, ctx, result)
        result.duration = time.perf_counter() - t0
        return result

    def _client(self, name: str) -> Any:
        failed = self._client_errors.get(name)
        if failed is not None:
            raise failed  # a client that could not be made is not tried again per interaction
        try:
            return self._make_client(name)
        except Exception as exc:
            self._client_errors[name] = exc
            raise

    def _make_client(self, name: str) -> Any:
        config = self._configs.get(name)
        if config is None:
            cli = "--provider-base-url URL" if name == "http" else f"--transport {name}=TARGET"
            raise UsageError(
                f"no provider target for transport {name!r}; configure one with "
                f".transport({name!r}, target) in Python or {cli} on the command line"
            )
        config.registry = self.registry
        client = self.registry.transport(name).provider_client(config)
        self._clients[name] = client
        return client

    def close(self) -> None:
        """Release every provider client (connections, event loops)."""
        clients, self._clients = self._clients, {}
        self._client_errors.clear()
        scratch = list(self._state.scratch.values())
        self._state.scratch.clear()
        for client in [*clients.values(), *(s for s in scratch if hasattr(s, "close"))]:
            try:
                client.close()
            except Exception:  # noqa: BLE001, S110 - closing is best effort
                pass

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

