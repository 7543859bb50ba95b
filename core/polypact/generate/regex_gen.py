"""Generate random strings that match a regular expression (the ``Regex`` generator).

The pattern is parsed with Python's own regex parser and walked: literals, classes,
categories (``\\d``, ``\\w``, ``\\s`` and negations), ``.``, alternation, groups and back
references, and repeats (unbounded ones are capped a few repeats above their minimum).
Anchors and lookarounds are ignored while generating; each candidate is checked with
``re.fullmatch`` and regenerated (a bounded number of times) when a lookaround rejects it.
"""

from __future__ import annotations

import random
import re
import string
from typing import Any

from polypact.matchers.regex_syntax import invalid_regex, python_regex

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: How many extra repeats an unbounded ``*``/``+``/``{n,}`` may produce.
UNBOUNDED_EXTRA = 8
_PRINTABLE = [c for c in string.printable if c not in "\x0b\x0c"]
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: string.digits,
    sre_constants.CATEGORY_SPACE: " \t\n\r",
    sre_constants.CATEGORY_WORD: string.ascii_letters + string.digits + "_",
}
_NEGATED = {
    sre_constants.CATEGORY_NOT_DIGIT: sre_constants.CATEGORY_DIGIT,
    sre_constants.CATEGORY_NOT_SPACE: sre_constants.CATEGORY_SPACE,
    sre_constants.CATEGORY_NOT_WORD: sre_constants.CATEGORY_WORD,
}


class RegexGenerationError(ValueError):
    """The pattern is invalid or no matching string could be generated."""


def _class_chars(items: list[tuple[Any, Any]]) -> list[str]:
    """The characters an ``IN`` set admits (from printable ASCII when negated)."""
    allowed: set[str] = set()
    negate = False
    for op, arg in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            allowed.add(chr(arg))
        elif op is sre_constants.RANGE:
            low, high = arg
            allowed.update(chr(c) for c in range(low, min(high, low + 2000) + 1))
        elif op is sre_constants.CATEGORY:
            if arg in _CATEGORIES:
                allowed.update(_CATEGORIES[arg])
            elif arg in _NEGATED:
                excluded = set(_CATEGORIES[_NEGATED[arg]])
                allowed.update(c for c in _PRINTABLE if c not in excluded)
    if negate:
        return [c for c in _PRINTABLE if c not in allowed]
    return sorted(allowed)


class _Walker:
    def __init__(self, rng: random.Random, dotall: bool):
        self.rng = rng
        self.dotall = dotall
        self.groups: dict[int, str] = {}

    def seq(self, parsed: Any) -> str:
        return "".join(self.node(op, arg) for op, arg in parsed)

    def node(self, op: Any, arg: Any) -> str:  # noqa: C901 - one branch per opcode
        c = sre_constants
        if op is c.LITERAL:
            return chr(arg)
        if op is c.NOT_LITERAL:
            return self.rng.choice([ch for ch in _PRINTABLE if ord(ch) != arg])
        if op is c.ANY:
            pool = _PRINTABLE if self.dotall else [ch for ch in _PRINTABLE if ch != "\n"]
            return self.rng.choice(pool)
        if op is c.IN:
            chars = _class_chars(arg)
            if not chars:
                raise RegexGenerationError("a character class admits no printable character")
            return self.rng.choice(chars)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            low, high, sub = arg
            if high is c.MAXREPEAT:
                high = low + UNBOUNDED_EXTRA
            return "".join(self.seq(sub) for _ in range(self.rng.randint(low, high)))
        if op is c.SUBPATTERN:
            group, _add, _del, sub = arg
            text = self.seq(sub)
            if group is not None:
                self.groups[group] = text
            return text
        if op is getattr(c, "ATOMIC_GROUP", None):
            return self.seq(arg)
        if op is c.BRANCH:
            _unused, branches = arg
            return self.seq(self.rng.choice(branches))
        if op is c.GROUPREF:
            return self.groups.get(arg, "")
        if op is c.GROUPREF_EXISTS:
            group, yes, no = arg
            if group in self.groups:
                return self.seq(yes)
            return self.seq(no) if no is not None else ""
        if op is c.CATEGORY:
            return self.rng.choice(_class_chars([(op, arg)]))
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return ""
        raise RegexGenerationError(f"unsupported regex construct {op}")


def strip_anchors(pattern: str) -> str:
    """The pattern without one leading ``^`` and one trailing unescaped ``$``."""
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def generate_from_regex(
    pattern: str, rng: random.Random | None = None, attempts: int = 100
) -> str:
    """A random string that fully matches ``pattern``; :class:`RegexGenerationError` if the
    pattern does not compile or nothing matching could be produced."""
    rng = rng or random.Random()
    body = strip_anchors(pattern)
    try:
        body = python_regex(body)
        compiled = re.compile(body)
        parsed = sre_parse.parse(body)
    except re.error as exc:
        raise RegexGenerationError(invalid_regex(pattern, exc)) from exc
    dotall = bool(compiled.flags & re.DOTALL)
    for _ in range(attempts):
        candidate = _Walker(rng, dotall).seq(parsed)
        if compiled.fullmatch(candidate):
            return candidate
    raise RegexGenerationError(
        f"could not generate a string matching '{pattern}' in {attempts} attempts"
    )
