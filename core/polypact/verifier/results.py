"""Results of a verification run: per interaction, per run, and the run's description."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from polypact.matching.mismatch import Mismatch


class PolypactWarning(UserWarning):
    """A verification warning (an unhandled provider state, an unused state handler, a
    skipped pact...) issued with :func:`warnings.warn` at the end of
    :meth:`polypact.verifier.Verifier.verify`, so pytest lists it in its warnings summary."""


def _title_with_paths(result: InteractionResult) -> str:
    """``title: why`` on one line: the error, or the paths of the mismatches."""
    if result.error is not None:
        return f"{result.title}: {result.error}"
    paths = ", ".join(dict.fromkeys(m.path or m.category for m in result.mismatches))
    return f"{result.title}: mismatches at {paths}"


@dataclass(repr=False)
class LoadedPact:
    """A pact loaded by a pact source, with where it came from.

    ``source`` names the file or location; ``pending`` marks every interaction of the pact
    as pending (e.g. a broker's pending pact); ``options`` keeps source-specific data
    (a broker's verification-results link, ...).
    """

    pact: Any
    source: str = "<memory>"
    pending: bool = False
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def consumer(self) -> str:
        """The consumer's name."""
        return self.pact.consumer.name

    @property
    def provider(self) -> str:
        """The provider's name."""
        return self.pact.provider.name

    def __repr__(self) -> str:
        count = len(getattr(self.pact, "interactions", ()) or ())
        pending = ", pending" if self.pending else ""
        return (f"<LoadedPact {self.source}: {self.consumer} -> {self.provider}, "
                f"{count} interaction(s){pending}>")


@dataclass(repr=False)
class VerificationRun:
    """What a verification run is about to do (passed to ``started`` events)."""

    provider: str | None
    pacts: list[LoadedPact]
    options: dict[str, Any] = field(default_factory=dict)
    interaction_count: int = 0

    def __repr__(self) -> str:
        return (f"<VerificationRun provider={self.provider!r}: {self.interaction_count} "
                f"interaction(s) from {len(self.pacts)} pact(s)>")


@dataclass(repr=False)
class InteractionResult:
    """The outcome of verifying one interaction.

    ``mismatches`` lists what differed; ``error`` holds a one-line reason when the
    interaction could not be verified at all (state handler failed, provider unreachable).
    A pending interaction that fails is reported but does not fail the run.
    """

    loaded: LoadedPact
    interaction: Any
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    pending: bool = False
    duration: float = 0.0
    transport: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def pact(self) -> Any:
        """The :class:`polypact.model.Pact` holding the interaction."""
        return self.loaded.pact

    @property
    def consumer(self) -> str:
        """The consumer whose pact holds the interaction."""
        return self.loaded.consumer

    @property
    def description(self) -> str:
        """The interaction's description."""
        return self.interaction.description

    @property
    def ok(self) -> bool:
        """True when the provider honoured the interaction."""
        return not self.mismatches and self.error is None

    @property
    def failed(self) -> bool:
        """True when the interaction fails the run (not ok and not pending)."""
        return not self.ok and not self.pending

    @property
    def status(self) -> str:
        """``passed``, ``failed``, ``error``, ``pending-passed`` or ``pending-failed``."""
        if self.pending:
            return "pending-passed" if self.ok else "pending-failed"
        if self.error is not None:
            return "error"
        return "passed" if self.ok else "failed"

    @property
    def title(self) -> str:
        """``consumer: description (given state, state)``: a one-line name."""
        states = self.interaction.state_names()
        given = f" (given {', '.join(states)})" if states else ""
        return f"{self.consumer}: {self.description}{given}"

    def __str__(self) -> str:
        """One line: the status, the title and, when it failed, why (paths or error)."""
        if self.ok:
            return f"{self.status}: {self.title}"
        return f"{self.status}: {_title_with_paths(self)}"

    def __repr__(self) -> str:
        return f"<InteractionResult {self}>"

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (the JSON report uses it)."""
        return {
            "consumer": self.consumer,
            "provider": self.loaded.provider,
            "source": self.loaded.source,
            "description": self.description,
            "providerStates": [
                {"name": s.name, "params": s.params} for s in self.interaction.provider_states
            ],
            "transport": self.transport,
            "status": self.status,
            "pending": self.pending,
            "durationMs": round(self.duration * 1000, 3),
            "mismatches": [m.to_json() for m in self.mismatches],
            "error": self.error,
            "warnings": list(self.warnings),
        }


@dataclass(repr=False)
class VerificationSummary:
    """Every interaction result of a run, with totals.

    ``empty_reason`` says why nothing was verified (no pacts for the provider, filters
    that selected no interaction); such a run does not succeed.
    """

    provider: str | None
    results: list[InteractionResult] = field(default_factory=list)
    duration: float = 0.0
    warnings: list[str] = field(default_factory=list)
    empty_reason: str | None = None

    @property
    def passed(self) -> list[InteractionResult]:
        """Results that verified (pending or not)."""
        return [r for r in self.results if r.ok]

    @property
    def failures(self) -> list[InteractionResult]:
        """Results that fail the run (not pending)."""
        return [r for r in self.results if r.failed]

    @property
    def pending_failures(self) -> list[InteractionResult]:
        """Pending results that did not verify (reported, not failing)."""
        return [r for r in self.results if r.pending and not r.ok]

    @property
    def success(self) -> bool:
        """True when something was verified and no non-pending interaction failed."""
        return self.empty_reason is None and not any(r.failed for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 on success, 1 when an interaction failed or nothing was verified."""
        return 0 if self.success else 1

    def counts(self) -> dict[str, int]:
        """Totals: interactions, passed, failed, errors, pending (failing pending ones)."""
        return {
            "interactions": len(self.results),
            "passed": sum(1 for r in self.results if r.ok),
            "failed": sum(1 for r in self.results if r.failed and r.error is None),
            "errors": sum(1 for r in self.results if r.failed and r.error is not None),
            "pending": len(self.pending_failures),
        }

    def add_warning(self, warning: str) -> None:
        """Record ``warning`` once (a warning already recorded is not repeated)."""
        if warning not in self.warnings:
            self.warnings.append(warning)

    def describe_failures(self) -> str:
        """The numbered failure list as text, followed by the run's warnings (an
        unhandled provider state often explains a failure); empty when the run
        succeeded."""
        from polypact.reporters.text import failure_list, warning_list

        if not self.failures:
            return ""
        text = failure_list(self.failures)
        if self.warnings:
            text += "\n\n" + warning_list(self.warnings)
        return text

    def assert_ok(self) -> None:
        """Raise ``AssertionError`` listing every failure (and the run's warnings) when the
        run did not succeed."""
        if self.empty_reason is not None:
            raise AssertionError(f"provider verification verified nothing: {self.empty_reason}")
        if not self.success:
            raise AssertionError(
                f"provider verification failed:\n{self.describe_failures()}"
            )

    def counts_line(self) -> str:
        """``N interaction(s), P passed, F failed, E error(s), X pending failure(s)``."""
        c = self.counts()
        return (f"{c['interactions']} interaction(s), {c['passed']} passed, {c['failed']} "
                f"failed, {c['errors']} error(s), {c['pending']} pending failure(s)")

    def __str__(self) -> str:
        """A few lines: the verdict and totals, one line per failure (with the paths that
        differed), then the warnings: never the pacts themselves."""
        verdict = "passed" if self.success else "FAILED"
        lines = [f"verification of {self.provider!r} {verdict}: {self.counts_line()}"]
        if self.empty_reason is not None:
            lines.append(f"  nothing was verified: {self.empty_reason}")
        lines.extend(f"  {i}) {_title_with_paths(r)}" for i, r in enumerate(self.failures, 1))
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    def __repr__(self) -> str:
        first = str(self).splitlines()[0]
        more = len(self.failures) + len(self.warnings) + (self.empty_reason is not None)
        return f"<VerificationSummary {first}" + (f" (+{more} line(s) in str())>" if more else ">")

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form of the whole run."""
        return {
            "provider": self.provider,
            "success": self.success,
            "summary": self.counts(),
            "durationMs": round(self.duration * 1000, 3),
            "warnings": list(self.warnings),
            "nothingToVerify": self.empty_reason,
            "interactions": [r.to_json() for r in self.results],
        }
