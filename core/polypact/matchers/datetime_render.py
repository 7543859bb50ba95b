"""Render a :class:`datetime.datetime` with a Java-style format string.

Used by the Date/Time/DateTime generators and by the DSL to make examples; everything it
renders validates against the same format (a property test checks this).
"""

from __future__ import annotations

import datetime as _dt

from polypact.matchers.datetime_pattern import Token, parse_pattern
from polypact.matchers.datetime_validate import DAYS, MONTHS
from polypact.matchers.timezones import ABBREVIATIONS

_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


def _num(value: int, count: int) -> str:
    return str(value).zfill(count)


def _offset(dt: _dt.datetime) -> tuple[str, int, int, int]:
    delta = dt.utcoffset() or _dt.timedelta(0)
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return sign, total // 3600, (total % 3600) // 60, total % 60


def _render_offset(tok: Token, dt: _dt.datetime) -> str:
    sign, h, m, s = _offset(dt)
    zero = h == m == s == 0
    kind, count = tok.kind, tok.count
    if kind == "offset_z":
        if count <= 3:
            return f"{sign}{h:02d}{m:02d}"
        if count == 4:
            return "GMT" if zero else f"GMT{sign}{h:02d}:{m:02d}"
        return f"{sign}{h:02d}:{m:02d}"
    if kind == "offset_gmt":
        if count <= 3:
            return "GMT" if zero else (f"GMT{sign}{h}" + (f":{m:02d}" if m else ""))
        return "GMT" if zero else f"GMT{sign}{h:02d}:{m:02d}"
    if kind == "offset_xz" and zero:
        return "Z"
    if count == 1:
        return f"{sign}{h:02d}" + (f"{m:02d}" if m else "")
    if count in (2, 4):
        return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if count == 4 and s else "")
    return f"{sign}{h:02d}:{m:02d}" + (f":{s:02d}" if count == 5 and s else "")


def _zone_name(dt: _dt.datetime) -> str:
    _sign, h, m, _s = _offset(dt)
    return "UTC" if h == m == 0 else (dt.tzname() or "UTC")


def _render_token(tok: Token, dt: _dt.datetime) -> str:  # noqa: C901 - one branch per letter
    kind, count = tok.kind, tok.count
    if kind == "text":
        return tok.text
    if kind == "era":
        return "AD"
    if kind == "year":
        return _num(dt.year % 100, 2) if count == 2 else _num(dt.year, count)
    if kind in ("month", "month_num"):
        if kind == "month" and count >= 3:
            name = MONTHS[dt.month - 1].capitalize()
            return name[:3] if count == 3 else name
        return _num(dt.month, count)
    if kind == "day":
        return _num(dt.day, count)
    if kind == "day_of_year":
        return _num(dt.timetuple().tm_yday, count)
    if kind in ("quarter", "quarter_num"):
        q = (dt.month - 1) // 3 + 1
        if kind == "quarter" and count == 3:
            return f"Q{q}"
        if kind == "quarter" and count >= 4:
            return f"{_ORDINAL[q]} quarter"
        return _num(q, count)
    if kind == "week_of_year":
        return _num(dt.isocalendar()[1], count)
    if kind == "week_of_month":
        first = dt.replace(day=1).weekday()
        return str(min(5, (dt.day + first - 1) // 7 + 1))
    if kind == "week_of_month0":
        return str(min(4, (dt.day - 1) // 7))
    if kind == "day_name" or (kind == "day_of_week" and count > 2):
        name = DAYS[dt.weekday()].capitalize()
        return name[:3] if count <= 3 else name
    if kind == "day_of_week":
        return str(dt.isoweekday())
    if kind == "ampm":
        return "AM" if dt.hour < 12 else "PM"
    if kind == "hour0":
        return _num(dt.hour, count)
    if kind == "hour24":
        return _num(dt.hour or 24, count)
    if kind == "hour12":
        return _num(dt.hour % 12 or 12, count)
    if kind == "hour11":
        return _num(dt.hour % 12, count)
    if kind == "minute":
        return _num(dt.minute, count)
    if kind == "second":
        return _num(dt.second, count)
    if kind == "fraction":
        return f"{dt.microsecond:06d}".ljust(count, "0")[:count]
    if kind == "nano":
        return str(dt.microsecond * 1000)
    if kind in ("milli_of_day", "nano_of_day"):
        millis = ((dt.hour * 60 + dt.minute) * 60 + dt.second) * 1000 + dt.microsecond // 1000
        return str(millis if kind == "milli_of_day" else millis * 1_000_000)
    if kind.startswith("offset"):
        return _render_offset(tok, dt)
    if kind == "zone_name":
        return _zone_name(dt)
    if kind == "zone_id":
        return "Etc/UTC"
    raise ValueError(f"cannot render pattern letter {tok.letter!r}")


def render_datetime(value: _dt.datetime, pattern: str) -> str:
    """``value`` formatted with the Java-style ``pattern`` (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    tokens = parse_pattern(pattern)
    named_zone = any(tok.kind in ("zone_name", "zone_id") for tok in tokens)
    if named_zone and value.utcoffset() and value.tzname() not in ABBREVIATIONS:
        # a zone we cannot name: render the same instant in UTC instead
        value = value.astimezone(_dt.timezone.utc)
    return "".join(_render_token(tok, value) for tok in tokens)
