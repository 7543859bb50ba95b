"""When a verification run has nothing to verify, and how to say why.

A run that verifies no interaction cannot show that the provider satisfies anything, so
it fails (exit 1), as the reference verifier fails when it finds no pacts: no pact files
at the locations, pacts only for other providers, or filters that select none of the
interactions. :meth:`Verifier.allow_empty` turns that into a warning (the CLI's
``--allow-empty``, alias ``--ignore-no-pacts-error``). Pacts that hold no interaction at
all are only a warning, as in the reference: an empty contract is satisfied.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from polypact.errors import VerificationError


class NothingToVerify(VerificationError):
    """No pact for the provider was found at the given locations (a
    :class:`VerificationError`: :meth:`Verifier.verify` reports it as a failed run)."""


def no_pacts(provider: str | None, where: str, found_providers: Sequence[str]) -> NothingToVerify:
    """The error for "no pact of ``provider`` at ``where``", naming the providers whose
    pacts were found there instead."""
    if not found_providers:
        return NothingToVerify(f"no pacts found in {where}")
    others = ", ".join(repr(p) for p in sorted(set(found_providers)))
    return NothingToVerify(
        f"no pacts for provider {provider!r} in {where} (the pacts there are for {others})"
    )


def interaction_total(pacts: Sequence[Any]) -> int:
    """How many interactions the loaded ``pacts`` (:class:`LoadedPact`) hold."""
    return sum(len(p.pact.interactions) for p in pacts)


def no_interactions_warning(pacts: Sequence[Any]) -> str:
    """The warning for pacts without any interaction: an empty contract is satisfied by
    any provider, so (as in the reference verifier) this is not a failure."""
    sources = ", ".join(str(p.source) for p in pacts)
    return f"the {len(pacts)} pact(s) ({sources}) have no interactions"


def why_nothing_selected(pacts: Sequence[Any], interaction_filter: Any) -> str:
    """Why ``interaction_filter`` left none of the interactions of ``pacts``."""
    return (
        f"the filters ({interaction_filter.describe()}) select none of the "
        f"{interaction_total(pacts)} interaction(s) in {len(pacts)} pact(s)"
    )


def unknown_transport(name: str, registry: Any) -> str | None:
    """Why ``name`` cannot be used as a transport (``None`` when a plugin registered it):
    the registered transports and the closest name. Shared by ``Verifier.transport`` and
    ``polypact verify --transport``."""
    known = sorted(registry.tables["transports"])
    if name in known:
        return None
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (f"no transport named {name!r} is registered "
            f"(registered: {', '.join(known) or 'none'}){hint}")
