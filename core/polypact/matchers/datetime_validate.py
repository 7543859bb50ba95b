"""Validate a date/time string against a Java-style format, the way the reference core does.

Each token of the format consumes the text greedily and without backtracking (numbers take
as many digits as the letter run allows, at least one, so ``yyyy-MM-dd`` accepts
``1990-4-18``); numeric fields are range-checked, and a day is checked against its month
(and year, for 29 February) when both are present.
"""

from __future__ import annotations

import calendar
import re

from polypact.matchers.datetime_pattern import PatternError, Token, parse_pattern
from polypact.matchers.timezones import ABBREVIATIONS, is_zone_id

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_I = re.IGNORECASE
_OFF_H = r"[+-](?P<oh>\d{1,2})"
_OFF_M = r"(?P<om>\d{1,2})"
_OFF_S = r"(?P<os>\d{1,2})"


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _digits(count: int) -> str:
    return rf"(?>\d{{1,{count}}})"


#: kind -> (regex source for the value, (min, max) for numeric values or None)
_NUMERIC: dict[str, tuple[int, int, str]] = {
    "month_num": (1, 12, "month"),
    "day": (1, 31, "day in month"),
    "day_of_year": (1, 366, "day in year"),
    "week_of_year": (1, 56, "week in year"),
    "week_of_month": (1, 5, "week in month"),
    "week_of_month0": (0, 4, "week in month"),
    "quarter_num": (1, 4, "quarter"),
    "hour0": (0, 23, "hour"),
    "hour24": (1, 24, "hour"),
    "hour12": (1, 12, "hour"),
    "hour11": (0, 11, "hour"),
    "minute": (0, 59, "minute"),
    "second": (0, 60, "second"),
}
_WIDTH = {"day_of_year": 3, "day_of_week": 1}


def _offset_regex(kind: str, count: int) -> str:
    hm_colon = rf"{_OFF_H}:{_OFF_M}"
    if kind == "offset_z":
        if count <= 3:
            return r"[+-](?P<oh>\d{2})(?P<om>\d{2})"
        if count == 4:
            return rf"(?:GMT|UTC)(?:{hm_colon})?"
        return hm_colon
    if kind == "offset_gmt":
        if count <= 3:
            return rf"(?:GMT|UTC)(?:{_OFF_H}(?::{_OFF_M})?)?"
        return rf"(?:GMT|UTC)(?:{hm_colon})?"
    body = {
        1: rf"{_OFF_H.replace('1,2', '2')}(?P<om>\d{{2}})?",
        2: r"[+-](?P<oh>\d{2})(?P<om>\d{2})",
        3: r"[+-](?P<oh>\d{2}):(?P<om>\d{2})",
        4: r"[+-](?P<oh>\d{2})(?P<om>\d{2})(?P<os>\d{2})?",
        5: rf"[+-](?P<oh>\d{{2}}):(?P<om>\d{{2}})(?::{_OFF_S})?",
    }[count]
    return rf"(?:Z|{body})" if kind == "offset_xz" else body


def _token_regex(tok: Token) -> str:
    kind, count = tok.kind, tok.count
    if kind == "text":
        return re.escape(tok.text)
    if kind == "era":
        return r"(?:AD|BC)"
    if kind == "ampm":
        return r"(?:AM|PM)"
    if kind == "year":
        # "yy" is up to two digits; other runs (Java's "y", "yyyy") up to four or the run
        return rf"(?P<v>{_digits(2 if count == 2 else max(4, count))})"
    if kind == "month":
        if count <= 2:
            return rf"(?P<v>{_digits(2)})"
        return _alt([m[:3] for m in MONTHS] if count == 3 else MONTHS)
    if kind in ("day_name",) or (kind == "day_of_week" and count > 2):
        return _alt([d[:3] for d in DAYS] if count <= 3 else DAYS)
    if kind == "day_of_week":
        return r"(?P<v>[1-7])"
    if kind in _NUMERIC:
        return rf"(?P<v>{_digits(_WIDTH.get(kind, 2))})"
    if kind == "quarter":
        if count <= 2:
            return rf"(?P<v>{_digits(2)})"
        return r"Q[1-4]" if count == 3 else r"(?:1st|2nd|3rd|4th) quarter"
    if kind in ("fraction",):
        return rf"(?P<v>{_digits(count)})"
    if kind in ("nano", "milli_of_day", "nano_of_day"):
        return r"\d+"
    if kind.startswith("offset"):
        return _offset_regex(kind, count)
    if kind == "zone_name":
        return r"(?P<v>[A-Za-z]{3,5})"
    if kind == "zone_id":
        return r"(?P<v>[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)+)"
    raise PatternError(f"unsupported pattern token {tok.letter * count!r}")


def _check_token(tok: Token, m: re.Match[str]) -> str | None:
    kind = tok.kind
    groups = m.groupdict()
    if kind in _NUMERIC:
        low, high, label = _NUMERIC[kind]
        value = int(groups["v"])
        if not low <= value <= high:
            return f"invalid {label} {value}"
    elif kind == "month" and tok.count <= 2:
        value = int(groups["v"])
        if not 1 <= value <= 12:
            return f"invalid month {value}"
    elif kind == "quarter" and tok.count <= 2:
        if not 1 <= int(groups["v"]) <= 4:
            return f"invalid quarter {groups['v']}"
    elif kind.startswith("offset") and groups.get("oh") is not None:
        if int(groups["oh"]) > 18 or int(groups.get("om") or 0) > 59:
            return f"invalid time-zone offset {m.group(0)!r}"
    elif kind == "zone_name":
        if tok.count >= 4:
            return "full time-zone names are not supported"
        if groups["v"] not in ABBREVIATIONS:
            return f"unknown time-zone abbreviation {groups['v']!r}"
    elif kind == "zone_id" and not is_zone_id(groups["v"]):
        return f"unknown time-zone id {groups['v']!r}"
    return None


class DateTimeValidator:
    """A compiled format: :meth:`check` returns ``None`` for a matching value, else why not."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.tokens = parse_pattern(pattern)
        self._steps: list[tuple[Token, re.Pattern[str]]] = [
            (tok, re.compile(_token_regex(tok), 0 if tok.kind == "text" else _I))
            for tok in self.tokens
        ]

    def check(self, value: str) -> str | None:
        """``None`` when ``value`` matches the format, else a short reason."""
        pos = 0
        day = month = year = None
        for tok, rx in self._steps:
            m = rx.match(value, pos)
            if m is None:
                shown = value[pos:pos + 12] or "the end of the value"
                want = repr(tok.text) if tok.kind == "text" else repr(tok.letter * tok.count)
                return f"expected {want} at index {pos} but found {shown!r}"
            reason = _check_token(tok, m)
            if reason:
                return reason
            text = m.group(0)
            if tok.kind == "day":
                day = int(text)
            elif tok.kind == "year":
                year = int(text)
            elif tok.kind in ("month", "month_num"):
                month = int(text) if text.isdigit() else _month_number(text)
            pos = m.end()
        if pos != len(value):
            return f"unexpected text {value[pos:]!r} after the format"
        return _check_day(day, month, year)

    def matches(self, value: str) -> bool:
        """True when ``value`` matches the format."""
        return self.check(value) is None


def _month_number(name: str) -> int:
    lowered = name.lower()
    for i, full in enumerate(MONTHS, start=1):
        if full.startswith(lowered[:3]):
            return i
    return 0


def _check_day(day: int | None, month: int | None, year: int | None) -> str | None:
    if day is None or month is None:
        return None
    # like the reference, a date without a year is checked against a non-leap year
    check_year = 2001 if year is None or year <= 0 else year
    days = calendar.monthrange(check_year, month)[1]
    if day > days:
        where = f" in year {year}" if year is not None else ""
        return f"{day} is not a valid day for month {month}{where}"
    return None


_cache: dict[str, DateTimeValidator] = {}


def validator_for(pattern: str) -> DateTimeValidator:
    """The (cached) validator of a format; :class:`PatternError` when it does not parse."""
    found = _cache.get(pattern)
    if found is None:
        found = DateTimeValidator(pattern)
        if len(_cache) < 1024:
            _cache[pattern] = found
    return found


def validate_datetime(value: str, pattern: str) -> str | None:
    """``None`` when ``value`` matches ``pattern``, else the reason (including a bad format)."""
    try:
        return validator_for(pattern).check(value)
    except PatternError as exc:
        return f"invalid format {pattern!r}: {exc}"

