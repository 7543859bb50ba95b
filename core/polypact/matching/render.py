"""A short, readable rendering of mismatches (one numbered line each)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from polypact.matching.mismatch import Mismatch


def _show(value: Any, limit: int = 40) -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return f"<{len(value)} bytes>"
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def render_mismatch(mismatch: Mismatch) -> str:
    """One line: ``category path: message (expected X, got Y) [rule]``."""
    where = mismatch.category + (f" {mismatch.path}" if mismatch.path else "")
    line = f"{where}: {mismatch.message}"
    if mismatch.expected is not None or mismatch.actual is not None:
        line += f" (expected {_show(mismatch.expected)}, got {_show(mismatch.actual)})"
    if mismatch.rule:
        line += f" [{mismatch.rule}]"
    return line


def render_mismatches(mismatches: Iterable[Mismatch]) -> str:
    """Numbered lines, one per mismatch; ``"no mismatches"`` for an empty list."""
    lines = [f"{n}. {render_mismatch(m)}" for n, m in enumerate(mismatches, 1)]
    return "\n".join(lines) if lines else "no mismatches"
