"""Canonical pact output: interaction keys, deterministic order and ``dumps_pact``.

The same interactions give the same bytes whatever order they were recorded in:
interactions are de-duplicated and sorted by description, then provider states, then
type and key; every object's keys are sorted; the text is indented by two spaces and ends
with a newline. A V4 interaction's ``key`` is the first 16 hex digits of the SHA-256 of
its canonical JSON without the key (a key read from a file is kept).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from polypact import __version__
from polypact.errors import PactConflictError, UnsupportedVersionError
from polypact.model.interactions import AsynchronousMessage, Interaction
from polypact.model.pact import Pact
from polypact.pactfile._context import child
from polypact.pactfile.serialize import WRITTEN_VERSION, check_writable, interaction_json


def canonical_json(value: Any) -> str:
    """Compact JSON with sorted keys: the form hashed and compared."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def interaction_key(interaction: Interaction) -> str:
    """The stable content hash of an interaction (16 hex digits), ignoring its ``key``."""
    text = canonical_json(interaction_json(interaction, "4.0"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def identity(interaction: Interaction) -> tuple[str, str]:
    """What makes two interactions "the same one": description and provider states."""
    states = canonical_json([[s.name, s.params] for s in interaction.provider_states])
    return interaction.description, states


def _describe(interaction: Interaction) -> str:
    states = ", ".join(repr(s) for s in interaction.state_names())
    return f"{interaction.description!r}" + (f" given {states}" if states else "")


def differences(a: Any, b: Any, path: str = "$", limit: int = 5) -> list[str]:
    """JSON paths where two JSON values differ (at most ``limit``)."""
    out: list[str] = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{child(path, k)} only in {'the new' if k in b else 'the existing'} one")
            elif a[k] != b[k]:
                out.extend(differences(a[k], b[k], child(path, k), limit - len(out)))
            if len(out) >= limit:
                break
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                out.extend(differences(x, y, child(path, i), limit - len(out)))
            if len(out) >= limit:
                break
    elif a != b:
        out.append(f"{path}: {canonical_json(a)[:60]} != {canonical_json(b)[:60]}")
    return out[:limit]


def merge_interactions(existing: list[Interaction], new: list[Interaction]) -> list[Interaction]:
    """``existing`` with ``new`` merged in: an identical interaction replaces its twin, a
    different one with the same description and provider states is a
    :class:`PactConflictError`, the rest are kept."""
    merged: dict[tuple[str, str], Interaction] = {}
    for interaction in [*existing, *new]:
        ident = identity(interaction)
        twin = merged.get(ident)
        if twin is not None:
            old_json = interaction_json(twin, "4.0")
            new_json = interaction_json(interaction, "4.0")
            if old_json != new_json:
                diffs = "; ".join(differences(old_json, new_json))
                raise PactConflictError(
                    f"interaction {_describe(interaction)} conflicts with the existing "
                    f"interaction {_describe(twin)}: same description and provider states, "
                    f"different content ({diffs})")
        merged[ident] = interaction
    return list(merged.values())


def pact_json(pact: Pact, spec_version: str = "4.0") -> dict[str, Any]:
    """The pact as a JSON document in ``spec_version`` (interactions merged and sorted)."""
    v = check_writable(spec_version)
    interactions = merge_interactions([], pact.interactions)
    entries = []
    for interaction in interactions:
        key = None
        if v == "4.0":
            key = interaction.key or interaction_key(interaction)
        body = interaction_json(interaction, v, key=key)
        entries.append((_sort_key(interaction, key), body))
    entries.sort(key=lambda e: e[0])
    doc: dict[str, Any] = {
        "consumer": {**pact.consumer.extra, "name": pact.consumer.name},
        "provider": {**pact.provider.extra, "name": pact.provider.name},
    }
    messages = [isinstance(i, AsynchronousMessage) for i in interactions]
    if v == "3.0" and any(messages):
        if not all(messages):
            raise UnsupportedVersionError(
                "a V3 pact file holds either HTTP interactions or messages, not both "
                f"(pact between {pact.consumer.name!r} and {pact.provider.name!r} has "
                f"{messages.count(False)} HTTP interaction(s) and {messages.count(True)} "
                "message(s)); write V4 or split the pact")
        doc["messages"] = [body for _, body in entries]
    else:
        doc["interactions"] = [body for _, body in entries]
    metadata = dict(pact.metadata)
    metadata["pactSpecification"] = {"version": WRITTEN_VERSION[v]}
    metadata["polypact"] = {"version": __version__}
    doc["metadata"] = metadata
    doc.update(pact.extra)
    return doc


def _sort_key(interaction: Interaction, key: str | None) -> tuple[str, str, str, str]:
    description, states = identity(interaction)
    return description, states, interaction.type, key or ""


def dumps_pact(pact: Pact, spec_version: str = "4.0") -> str:
    """The canonical text of a pact file in ``spec_version`` (``"4.0"``, ``"3.0"`` or
    ``"2.0"``): sorted keys, sorted interactions, two-space indent, trailing newline."""
    return json.dumps(pact_json(pact, spec_version), indent=2, sort_keys=True,
                      ensure_ascii=False) + "\n"
