"""Asserting the meaning of the reference core's mismatch wording on polypact mismatches.

The suite's ``Then`` steps quote the reference core's messages. As the suite's README
permits, the step layer checks what a message means, not its words: the mismatch category,
where it is (JSON path, header or query name) and, when the message starts with the actual
value (``Expected '100X01' (String) to be a number``), that the mismatch is about that value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from polypact.matching.mismatch import Mismatch

#: Reference categories (as the consumer steps name them) to polypact categories.
CATEGORY_ALIASES = {
    "body-content-type": {"body-type", "body"},
    "header": {"header"},
    "query": {"query"},
    "body": {"body", "body-type"},
    "path": {"path"},
    "method": {"method"},
    "status": {"status"},
    "metadata": {"metadata"},
}

_LEADING_LITERAL = re.compile(
    r"""^Expected\s+(?P<lit>'(?:[^']*)'|\[[^\]]*\]|\{[^}]*\}|-?\d+(?:\.\d+)?|true|false|null)(?:\s|$)"""
)
_QUOTED_NAME = re.compile(r"(?:parameter|header|field|key|child)\s+'([^']+)'")


def leading_literal(message: str) -> tuple[bool, Any]:
    """``(True, value)`` when a reference message starts with the actual value
    (``Expected '100X01' ...`` -> ``"100X01"``, ``Expected [] ...`` -> ``[]``), else
    ``(False, None)``."""
    m = _LEADING_LITERAL.match(message)
    if not m:
        return False, None
    lit = m.group("lit")
    if lit.startswith("'"):
        return True, lit[1:-1]
    try:
        return True, json.loads(lit)
    except ValueError:
        return False, None


def named_item(message: str) -> str | None:
    """The query parameter / header / form field a message names (``'b'`` in
    ``Expected query parameter 'b' but was missing``)."""
    m = _QUOTED_NAME.search(message)
    return m.group(1) if m else None


def same_value(a: Any, b: Any) -> bool:
    """JSON equality that tells booleans from numbers (``1 != true``)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return a == b


def _norm_path(path: str) -> str:
    return path.strip().lower()


def path_matches(mismatch: Mismatch, path: str) -> bool:
    """True when the mismatch is at ``path`` (JSON paths exactly, names case-insensitively)."""
    if path.startswith("$"):
        return mismatch.path == path or (path == "$" and mismatch.path in ("", "$"))
    return _norm_path(mismatch.path).removeprefix("$.") == _norm_path(path)


def find_meaning(
    mismatches: Iterable[Mismatch],
    *,
    category: str | None = None,
    path: str | None = None,
    message: str = "",
) -> list[Mismatch]:
    """The mismatches that carry the meaning of the reference ``message``: the category
    (reference names accepted), the path (given, or the name the message quotes) and, when
    the message starts with the actual value, that value."""
    found = list(mismatches)
    if category is not None:
        wanted = CATEGORY_ALIASES.get(category, {category})
        found = [m for m in found if m.category in wanted]
    where = path if path is not None else named_item(message)
    if where is not None and category not in ("body", "body-content-type"):
        found = [m for m in found if path_matches(m, where)]
    elif path is not None:
        found = [m for m in found if path_matches(m, path)]
    has_literal, value = leading_literal(message)
    if has_literal:
        found = [m for m in found if _about_value(m, value)]
    return found


def _about_value(mismatch: Mismatch, value: Any) -> bool:
    actual = mismatch.actual
    if same_value(actual, value):
        return True
    # query and header values arrive as text; a message may quote the whole actual list
    if isinstance(actual, list) and any(same_value(a, value) for a in actual):
        return True
    return isinstance(actual, str) and not isinstance(value, str) and actual == json.dumps(value)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(mismatches: Iterable[Mismatch]) -> str:
    """Mismatches one per line, for assertion messages."""
    return "\n".join(
        f"  [{m.category}] {m.path!r}: {m.message} (expected={_short(m.expected)}, "
        f"actual={_short(m.actual)}, rule={m.rule})"
        for m in mismatches
    ) or "  (none)"
