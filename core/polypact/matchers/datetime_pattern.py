"""Java-style date/time format strings (``yyyy-MM-dd'T'HH:mm:ss.SSSXXX``) parsed into tokens.

The letters follow ``java.time.format.DateTimeFormatter`` (and ``SimpleDateFormat``) as the
Pact reference core reads them: a run of one pattern letter is one token (``yyyy`` is a year
of up to four digits), text in single quotes is literal, ``''`` is a quote, and punctuation is
literal. Letters that are not pattern letters, digits and ``{}[]`` are refused, as the
reference does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: Pattern letter -> (token kind, largest run length allowed).
LETTERS: dict[str, tuple[str, int]] = {
    "G": ("era", 5),
    "y": ("year", 99), "Y": ("year", 99), "u": ("year", 99),
    "M": ("month", 5), "L": ("month_num", 5),
    "D": ("day_of_year", 99), "d": ("day", 2),
    "Q": ("quarter", 5), "q": ("quarter_num", 2),
    "w": ("week_of_year", 2), "W": ("week_of_month", 2), "F": ("week_of_month0", 2),
    "E": ("day_name", 5), "e": ("day_of_week", 5), "c": ("day_of_week", 1),
    "a": ("ampm", 1),
    "h": ("hour12", 2), "H": ("hour0", 2), "k": ("hour24", 2), "K": ("hour11", 2),
    "m": ("minute", 2), "s": ("second", 2),
    "S": ("fraction", 99), "n": ("nano", 99), "A": ("milli_of_day", 99),
    "N": ("nano_of_day", 99),
    "Z": ("offset_z", 5), "x": ("offset_x", 5), "X": ("offset_xz", 5),
    "O": ("offset_gmt", 4), "z": ("zone_name", 4), "V": ("zone_id", 2),
}

_FORBIDDEN_TEXT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'{}[]")


class PatternError(ValueError):
    """A date/time format string that cannot be parsed."""


@dataclass(frozen=True)
class Token:
    """One element of a format: a pattern letter run (``kind``, ``count``) or literal text."""

    kind: str
    count: int = 0
    letter: str = ""
    text: str = ""


@lru_cache(maxsize=512)
def parse_pattern(pattern: str) -> tuple[Token, ...]:
    """Tokenise a Java-style format string; :class:`PatternError` says where it fails."""
    if not isinstance(pattern, str) or not pattern:
        raise PatternError("the format is empty")
    tokens: list[Token] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch in LETTERS:
            j = i
            while j < n and pattern[j] == ch:
                j += 1
            count = j - i
            kind, limit = LETTERS[ch]
            if count > limit:
                raise PatternError(
                    f"too many pattern letters {ch!r} ({count}) in {pattern!r} at index {i}"
                )
            tokens.append(Token(kind, count, ch))
            i = j
        elif ch == "'":
            if pattern.startswith("''", i):
                tokens.append(Token("text", text="'"))
                i += 2
                continue
            j, buf = i + 1, []
            while True:
                if j >= n:
                    raise PatternError(f"unterminated quote in {pattern!r} at index {i}")
                if pattern.startswith("''", j):
                    buf.append("'")
                    j += 2
                elif pattern[j] == "'":
                    break
                else:
                    buf.append(pattern[j])
                    j += 1
            tokens.append(Token("text", text="".join(buf)))
            i = j + 1
        elif ch in _FORBIDDEN_TEXT:
            raise PatternError(
                f"unknown pattern letter {ch!r} in {pattern!r} at index {i} "
                f"(quote literal text, e.g. 'T')"
            )
        else:
            j = i
            while j < n and pattern[j] not in _FORBIDDEN_TEXT and pattern[j] not in LETTERS:
                j += 1
            tokens.append(Token("text", text=pattern[i:j]))
            i = j
    return tuple(tokens)


def check_pattern(pattern: object) -> str | None:
    """``None`` when ``pattern`` is a usable format string, else the reason."""
    if not isinstance(pattern, str):
        return f"a date/time format must be a string, got {pattern!r}"
    try:
        parse_pattern(pattern)
    except PatternError as exc:
        return f"invalid date/time format {pattern!r}: {exc}"
    return None
