"""The warnings of a verification run: gathered into the summary once each, state
handlers no interaction needs, and their emission as :class:`PolypactWarning`."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from polypact.verifier.results import LoadedPact, PolypactWarning, VerificationSummary
from polypact.verifier.state_calls import did_you_mean


def state_names(pacts: Iterable[LoadedPact]) -> set[str]:
    """Every provider-state name the interactions of ``pacts`` give."""
    return {
        state.name
        for loaded in pacts
        for interaction in loaded.pact.interactions
        for state in interaction.provider_states
    }


def unused_handlers(handlers: Mapping[str, Any], pacts: list[LoadedPact]) -> list[str]:
    """A warning for each registered Python state handler whose state no interaction of
    ``pacts`` gives (a misspelt name, or a state the consumers no longer use), with a
    did-you-mean hint naming the closest state of the pacts."""
    if not handlers or not pacts:
        return []
    known = state_names(pacts)
    return [
        f"state handler {name!r} was registered but no interaction has that provider "
        f"state{did_you_mean(name, known)}"
        for name in handlers
        if name not in known
    ]


def gather(summary: VerificationSummary, extra: Iterable[str] = ()) -> None:
    """Add every interaction's warnings, then ``extra``, to ``summary.warnings`` (each
    warning once, in the order first seen)."""
    for result in summary.results:
        for warning in result.warnings:
            summary.add_warning(warning)
    for warning in extra:
        summary.add_warning(warning)


def emit(summary: VerificationSummary, stacklevel: int = 3) -> None:
    """Issue each of the summary's warnings as a :class:`PolypactWarning` (pytest lists
    them in its warnings summary; ``warnings.simplefilter`` can silence or raise them)."""
    for warning in summary.warnings:
        warnings.warn(warning, PolypactWarning, stacklevel=stacklevel)
