"""Provider verification: replay pacts against a provider, protocol-agnostic.

Public names: :class:`Verifier`, :class:`VerificationSummary`, :class:`InteractionResult`,
:class:`VerificationRun`, :class:`LoadedPact`, :class:`StateContext`,
:class:`InteractionFilter`, :class:`NothingToVerify`, :class:`PolypactWarning`.
"""

from __future__ import annotations

from polypact.verifier.filters import InteractionFilter
from polypact.verifier.results import (
    InteractionResult,
    LoadedPact,
    PolypactWarning,
    VerificationRun,
    VerificationSummary,
)
from polypact.verifier.selection import NothingToVerify
from polypact.verifier.states import StateContext, run_handler
from polypact.verifier.verifier import Verifier

__all__ = [
    "InteractionFilter",
    "InteractionResult",
    "LoadedPact",
    "NothingToVerify",
    "PolypactWarning",
    "StateContext",
    "VerificationRun",
    "VerificationSummary",
    "Verifier",
    "run_handler",
]
