"""Plain-text pieces shared by reporters: mismatch rendering and the failure list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def render(mismatches: Sequence[Any]) -> str:
    """Mismatches as readable text (the matching engine's renderer when available)."""
    if not mismatches:
        return ""
    try:
        from polypact.matching import render_mismatches
    except ImportError:
        render_mismatches = None
    if render_mismatches is not None:
        try:
            return str(render_mismatches(list(mismatches)))
        except Exception:  # noqa: BLE001, S110 - fall back to the plain form below
            pass
    return "\n".join(
        f"{i}. {getattr(m, 'path', '')}: {getattr(m, 'message', m)}"
        for i, m in enumerate(mismatches, 1)
    )


def indent(text: str, prefix: str = "     ") -> str:
    """Indent every line of ``text``."""
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def failure_text(result: Any) -> str:
    """Why one interaction failed: its error, or its rendered mismatches, followed by its
    warnings as ``note:`` lines (an unhandled provider state often explains a failure)."""
    text = f"error: {result.error}" if result.error is not None else render(result.mismatches)
    notes = [f"note: {w}" for w in getattr(result, "warnings", ()) or ()]
    return "\n".join([text, *notes]) if notes else text


def warning_list(warnings: Sequence[str]) -> str:
    """``Warnings:`` followed by one ``- warning`` line each."""
    return "\n".join(["Warnings:", *(f"- {w}" for w in warnings)])


def failure_list(results: Sequence[Any]) -> str:
    """A numbered list of failed interactions, each with what went wrong."""
    blocks = []
    for i, result in enumerate(results, 1):
        blocks.append(f"{i}) {result.title}\n{indent(failure_text(result))}")
    return "\n\n".join(blocks)
