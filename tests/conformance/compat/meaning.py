"""Asserting the meaning of the reference core's mismatch wording on polypact mismatches.

The suite's ``Then`` steps quote the reference core's messages. As the suite's README
permits, the step layer checks what a message means, not its words: :func:`meaning_of`
reads a reference message into a :class:`Meaning` (where the mismatch is, the expected and
actual values it names, the rule that failed) and :func:`find_meaning` keeps the polypact
mismatches of the right category that agree with every part of it. A message the table
does not know only constrains the category and the path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from polypact.matching.mismatch import Mismatch

#: Reference categories (as the consumer steps name them) to polypact categories.
CATEGORY_ALIASES = {
    "body-content-type": {"body-type"},
    "body": {"body", "body-type"},
}

_UNSET: Any = object()


@dataclass(frozen=True)
class Meaning:
    """What a reference message says; ``_UNSET`` fields say nothing.

    ``expected`` / ``actual`` are values (or :class:`Pattern` / :class:`Size` checks), ``path``
    a JSON path or a header / query name, ``rules`` the polypact rule kinds that mean the
    same check.
    """

    path: str | None = None
    expected: Any = _UNSET
    actual: Any = _UNSET
    rules: frozenset[str] | None = None


@dataclass(frozen=True)
class Pattern:
    """A value the message quotes as a regular expression (``application/json;\\s*charset=UTF-8``)."""

    regex: str

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` (as text) is what the message quotes."""
        return isinstance(value, str) and re.fullmatch(self.regex, value, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Size:
    """A binary body the message describes by its length (``30922 bytes``)."""

    length: int

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is bytes of this length."""
        return isinstance(value, (bytes, bytearray)) and len(value) == self.length


def literal(text: str) -> Any:
    """A value as the reference core prints it: ``'text'``, ``100``, ``true``, ``[1, 2]``."""
    text = text.strip()
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1]
    return json.loads(text)


_LIT = r"(?P<{}>'[^']*'|\[[^\]]*\]|\{{[^}}]*\}}|-?\d+(?:\.\d+)?|true|false|null)"


def _lit(name: str) -> str:
    return _LIT.format(name)


def _rules(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


Reader = Callable[[re.Match[str]], Meaning]

#: Reference message shapes and what they mean.
MESSAGES: list[tuple[re.Pattern[str], Reader]] = [
    (re.compile(r"Expected query parameter '(?P<name>[^']+)' but was missing"),
     lambda m: Meaning(path=m["name"], actual=None)),
    (re.compile(r"Unexpected query parameter '(?P<name>[^']+)' received"),
     lambda m: Meaning(path=m["name"], expected=None)),
    (re.compile(r"Expected a header '(?P<name>[^']+)' but was missing"),
     lambda m: Meaning(path=m["name"], actual=None)),
    (re.compile(r"Expected header '(?P<name>[^']+)' to have value '(?P<e>[^']*)' but was '(?P<a>[^']*)'"),
     lambda m: Meaning(path=m["name"], expected=Pattern(m["e"]), actual=Pattern(m["a"]))),
    (re.compile(r"Expected a body of '(?P<e>[^']+)' but the actual content type was '(?P<a>[^']+)'"),
     lambda m: Meaning(expected=Pattern(re.escape(m["e"])), actual=Pattern(re.escape(m["a"])))),
    (re.compile(r"Expected body '(?P<e>[^']*)' to match '(?P<a>[^']*)' using equality but did not match"),
     lambda m: Meaning(expected=m["e"], actual=m["a"], rules=_rules("equality"))),
    (re.compile(r"Expected a Map with keys \[(?P<e>[^\]]*)\] but received one with keys \[(?P<a>[^\]]*)\]"),
     lambda m: Meaning(expected=[k.strip() for k in m["e"].split(",")],
                       actual=[k.strip() for k in m["a"].split(",")])),
    (re.compile(r"Expected child <(?P<name>[^/]+)/> but was missing"),
     lambda m: Meaning(expected=m["name"], actual=None)),
    (re.compile(r"Actual body \[[^,]+, (?P<a>\d+) bytes.*expected body \[[^,]+, (?P<e>\d+) bytes"),
     lambda m: Meaning(expected=Size(int(m["e"])), actual=Size(int(m["a"])))),
    (re.compile(r"Expected form post parameter '(?P<name>[^']+)' with value '(?P<e>[^']*)' but was '(?P<a>[^']*)'"),
     lambda m: Meaning(path=f"$.{m['name']}", expected=m["e"], actual=m["a"])),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be equal to {_lit('e')} \(\w+\)"),
     lambda m: Meaning(expected=literal(m["e"]), actual=literal(m["a"]), rules=_rules("equality"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be the same type as {_lit('e')} \(\w+\)"),
     lambda m: Meaning(expected=literal(m["e"]), actual=literal(m["a"]), rules=_rules("type", "values"))),
    (re.compile(rf"Expected {_lit('a')} \(size \d+\) to have (?:minimum|maximum) size of \d+"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("type", "min", "max", "minType", "maxType"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be a number"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("number"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be an integer"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("integer"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be a decimal number"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("decimal"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to be a null value"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("null"))),
    (re.compile(rf"Expected {_lit('a')} \(\w+\) to match a boolean"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("boolean"))),
    (re.compile(rf"Expected {_lit('a')} to include {_lit('e')}"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("include"))),
    (re.compile(rf"Expected {_lit('a')} to match a date pattern of '[^']+'"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("date", "timestamp", "datetime"))),
    (re.compile(rf"Expected {_lit('a')} to match '(?P<re>.*)'$"),
     lambda m: Meaning(actual=literal(m["a"]), rules=_rules("regex"))),
    (re.compile(r"Expected binary contents to have content type '[^']+' but detected contents was '[^']+'"),
     lambda m: Meaning(rules=_rules("contentType"))),
]


def meaning_of(message: str) -> Meaning:
    """The :class:`Meaning` of a reference message (an empty one for unknown shapes)."""
    for pattern, reader in MESSAGES:
        found = pattern.match(message)
        if found:
            return reader(found)
    return Meaning()


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


def _value_agrees(wanted: Any, value: Any) -> bool:
    if wanted is _UNSET:
        return True
    if isinstance(wanted, (Pattern, Size)):
        if isinstance(value, list):  # header and query values are lists of text
            return any(wanted.accepts(v) for v in value)
        return wanted.accepts(value)
    if same_value(wanted, value):
        return True
    # header and query values arrive as lists of text; a message may quote one of them
    return isinstance(value, list) and any(same_value(wanted, v) for v in value)


def path_matches(mismatch: Mismatch, path: str) -> bool:
    """True when the mismatch is at ``path`` (JSON paths exactly, names case-insensitively)."""
    if path.startswith("$"):
        return mismatch.path == path or (path == "$" and mismatch.path in ("", "$"))
    return mismatch.path.strip().lower().removeprefix("$.") == path.strip().lower()


def find_meaning(
    mismatches: Iterable[Mismatch],
    *,
    category: str | None = None,
    path: str | None = None,
    message: str = "",
) -> list[Mismatch]:
    """The mismatches of ``category`` at ``path`` that agree with the meaning of the
    reference ``message`` (see :func:`meaning_of`)."""
    meaning = meaning_of(message)
    where = path if path is not None else meaning.path
    found = list(mismatches)
    if category is not None:
        wanted = CATEGORY_ALIASES.get(category, {category})
        found = [m for m in found if m.category in wanted]
    if where is not None:
        found = [m for m in found if path_matches(m, where)]
    found = [m for m in found if _value_agrees(meaning.expected, m.expected)]
    found = [m for m in found if _value_agrees(meaning.actual, m.actual)]
    if meaning.rules is not None:
        found = [m for m in found if m.rule in meaning.rules]
    return found


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
