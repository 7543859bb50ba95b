"""Relative date/time expressions of the Date, Time and DateTime generators.

The grammar follows the reference core's:

- dates: ``[base] (+|- N unit)*`` with base ``now``/``today``/``yesterday``/``tomorrow`` and
  units ``day(s)``, ``week(s)``, ``month(s)``, ``year(s)``; or ``next``/``last`` followed by
  ``day``, ``week``, ``fortnight``, ``month``, ``year``, a weekday (``monday``/``mon``, ...)
  or a month name (``january``/``jan``, ...), optionally followed by ``+``/``-`` adjustments.
- times: ``[base] (+|- N unit)*`` with base ``now``, ``midnight``, ``noon`` or
  ``N o'clock [am|pm]`` and units ``hour(s)``, ``minute(s)``, ``second(s)``,
  ``millisecond(s)``; or ``next``/``last`` ``hour``/``minute``/...
- date-times: ``<date expression> @ <time expression>`` (either side may be empty).

Examples: ``+1 day``, ``-2 weeks``, ``today + 1 month @ 10 o'clock``, ``now + 1 hour``,
``next monday``, ``yesterday @ midnight``. Anything else raises :class:`DateExpressionError`
saying what was expected where.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(\+|-|@)|(\d+)|([A-Za-z][A-Za-z']*))")

_DATE_BASES = {"now": 0, "today": 0, "yesterday": -1, "tomorrow": 1}
_DATE_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week",
               "month": "month", "months": "month", "year": "year", "years": "year"}
_WEEKDAYS = {name: i for i, names in enumerate([
    ("mon", "monday"), ("tues", "tuesday", "tue"), ("wed", "wednesday"),
    ("thurs", "thursday", "thu"), ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"),
]) for name in names}
_MONTHS = {name: i + 1 for i, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"),
]) for name in names}
_TIME_UNITS = {"hour": "hours", "hours": "hours", "minute": "minutes", "minutes": "minutes",
               "second": "seconds", "seconds": "seconds",
               "millisecond": "milliseconds", "milliseconds": "milliseconds"}


class DateExpressionError(ValueError):
    """A date/time expression that does not parse."""


@dataclass
class _Tokens:
    expression: str
    items: list[tuple[str, str, int]]  # (kind, text, position)
    pos: int = 0

    @classmethod
    def of(cls, expression: str) -> _Tokens:
        items, i = [], 0
        text = expression
        while i < len(text):
            if text[i:].strip() == "":
                break
            m = _TOKEN.match(text, i)
            if not m:
                raise DateExpressionError(
                    f"unexpected character {text[i:].strip()[:1]!r} in expression {expression!r}"
                )
            if m.group(1):
                items.append(("op", m.group(1), m.start(1)))
            elif m.group(2):
                items.append(("int", m.group(2), m.start(2)))
            else:
                items.append(("word", m.group(3).lower(), m.start(3)))
            i = m.end()
        return cls(expression, items)

    def peek(self) -> tuple[str, str, int] | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self) -> tuple[str, str, int] | None:
        tok = self.peek()
        if tok is not None:
            self.pos += 1
        return tok

    def fail(self, expected: str) -> DateExpressionError:
        tok = self.peek()
        where = f"at {tok[1]!r} (index {tok[2]})" if tok else "at the end"
        return DateExpressionError(
            f"invalid expression {self.expression!r}: expected {expected} {where}"
        )


def _adjustments(toks: _Tokens, units: dict[str, str]) -> list[tuple[int, str, int]]:
    out = []
    while toks.peek() is not None:
        op = toks.peek()
        if op[0] != "op" or op[1] not in "+-":
            raise toks.fail("+ or -")
        toks.take()
        num = toks.peek()
        if num is None or num[0] != "int":
            raise toks.fail("an integer value")
        toks.take()
        unit = toks.peek()
        if unit is None or unit[1] not in units:
            raise toks.fail(f"a unit ({', '.join(sorted(set(units)))})")
        toks.take()
        out.append((1 if op[1] == "+" else -1, units[unit[1]], int(num[1])))
    return out


def _add_months(d: _dt.datetime, months: int) -> _dt.datetime:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return d.replace(year=year, month=month + 1, day=day)


def _step_until(d: _dt.datetime, sign: int, predicate) -> _dt.datetime:
    """Step day by day out of the current match (if any), then on to the next one."""
    one = _dt.timedelta(days=sign)
    while predicate(d):
        d += one
    while not predicate(d):
        d += one
    return d


def _apply_date(d: _dt.datetime, sign: int, unit: str, n: int) -> _dt.datetime:
    if unit == "day":
        return d + _dt.timedelta(days=sign * n)
    if unit == "week":
        return d + _dt.timedelta(weeks=sign * n)
    if unit == "month":
        return _add_months(d, sign * n)
    if unit == "year":
        return _add_months(d, sign * 12 * n)
    if unit.startswith("weekday:"):
        wd = int(unit.split(":")[1])
        return _step_until(d, sign, lambda x: x.weekday() == wd)
    month = int(unit.split(":")[1])
    moved = _step_until(d, sign, lambda x: x.month == month)
    return moved.replace(day=1)


def execute_date_expression(base: _dt.datetime, expression: str) -> _dt.datetime:
    """``base`` moved by a date expression (an empty expression gives ``base``)."""
    toks = _Tokens.of(expression)
    if not toks.items:
        return base
    first = toks.peek()
    result = base
    if first[0] == "word" and first[1] in _DATE_BASES:
        toks.take()
        result = base + _dt.timedelta(days=_DATE_BASES[first[1]])
    elif first[0] == "word" and first[1] in ("next", "last"):
        toks.take()
        sign = 1 if first[1] == "next" else -1
        what = toks.take()
        if what is None:
            raise toks.fail("an offset (day, week, fortnight, month, year, a weekday or a month)")
        word = what[1]
        if word in ("day", "week", "month", "year"):
            result = _apply_date(result, sign, word, 1)
        elif word == "fortnight":
            result = _apply_date(result, sign, "week", 2)
        elif word in _WEEKDAYS:
            result = _apply_date(result, sign, f"weekday:{_WEEKDAYS[word]}", 1)
        elif word in _MONTHS:
            result = _apply_date(result, sign, f"month:{_MONTHS[word]}", 1)
        else:
            toks.pos -= 1
            raise toks.fail("an offset (day, week, fortnight, month, year, a weekday or a month)")
    elif not (first[0] == "op" and first[1] in "+-"):
        raise toks.fail("one of now, today, yesterday, tomorrow, +, -, next or last")
    for sign, unit, n in _adjustments(toks, _DATE_UNITS):
        result = _apply_date(result, sign, unit, n)
    return result


def _time_base(toks: _Tokens, base: _dt.datetime) -> _dt.datetime:
    first = toks.peek()
    on_hour = base.replace(minute=0, second=0, microsecond=0)
    if first[0] == "word" and first[1] == "now":
        toks.take()
        return base
    if first[0] == "word" and first[1] in ("midnight", "noon"):
        toks.take()
        return on_hour.replace(hour=0 if first[1] == "midnight" else 12)
    if first[0] == "int":
        toks.take()
        hour = int(first[1])
        if not 1 <= hour <= 12:
            toks.pos -= 1
            raise toks.fail("an hour from 1 to 12")
        oclock = toks.peek()
        if oclock is None or oclock[1] != "o'clock":
            raise toks.fail("o'clock")
        toks.take()
        suffix = toks.peek()
        if suffix is not None and suffix[1] in ("am", "pm"):
            toks.take()
            return on_hour.replace(hour=hour % 12 + (12 if suffix[1] == "pm" else 0))
        # neither am nor pm: the next time the clock shows that hour
        for candidate in (hour % 12, hour % 12 + 12):
            moment = on_hour.replace(hour=candidate)
            if moment >= base:
                return moment
        return on_hour.replace(hour=hour % 12) + _dt.timedelta(days=1)
    raise toks.fail("one of now, midnight, noon, 1-12 o'clock, +, -, next or last")


def execute_time_expression(base: _dt.datetime, expression: str) -> _dt.datetime:
    """``base`` moved by a time expression (an empty expression gives ``base``)."""
    toks = _Tokens.of(expression)
    if not toks.items:
        return base
    first = toks.peek()
    result = base
    if first[0] == "word" and first[1] in ("next", "last"):
        toks.take()
        unit = toks.peek()
        if unit is None or unit[1] not in _TIME_UNITS:
            raise toks.fail("hour, minute, second or millisecond")
        toks.take()
        sign = 1 if first[1] == "next" else -1
        result = result + sign * _dt.timedelta(**{_TIME_UNITS[unit[1]]: 1})
    elif not (first[0] == "op" and first[1] in "+-"):
        result = _time_base(toks, base)
    for sign, unit, n in _adjustments(toks, _TIME_UNITS):
        result = result + sign * _dt.timedelta(**{unit: n})
    return result


def execute_datetime_expression(base: _dt.datetime, expression: str) -> _dt.datetime:
    """``base`` moved by ``<date expression> [@ <time expression>]``."""
    if "@" in expression:
        date_part, time_part = expression.split("@", 1)
        return execute_time_expression(execute_date_expression(base, date_part), time_part)
    return execute_date_expression(base, expression)


def check_expression(kind: str, expression: object) -> str | None:
    """``None`` when ``expression`` parses as a ``kind`` (Date/Time/DateTime) expression."""
    if expression is None or expression == "":
        return None
    if not isinstance(expression, str):
        return f"an expression must be a string, got {expression!r}"
    run = {"Date": execute_date_expression, "Time": execute_time_expression}.get(
        kind, execute_datetime_expression
    )
    try:
        run(_dt.datetime(2000, 1, 15, 9, 30, tzinfo=_dt.timezone.utc), expression)
    except DateExpressionError as exc:
        return str(exc)
    return None
