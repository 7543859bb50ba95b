"""Relative date/time expressions (the reference core's grammar)."""

from __future__ import annotations

import datetime as dt

import pytest
from polypact.generate.date_expressions import (
    DateExpressionError,
    check_expression,
    execute_date_expression,
    execute_datetime_expression,
    execute_time_expression,
)

# Wednesday 31 January 2024, 09:30 UTC
BASE = dt.datetime(2024, 1, 31, 9, 30, 15, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("expression, expected", [
    ("", "2024-01-31"), ("now", "2024-01-31"), ("today", "2024-01-31"),
    ("yesterday", "2024-01-30"), ("tomorrow", "2024-02-01"),
    ("+1 day", "2024-02-01"), ("-2 weeks", "2024-01-17"), ("+ 2 weeks - 1 day", "2024-02-13"),
    ("today + 1 month", "2024-02-29"), ("+1 year", "2025-01-31"), ("-1 month", "2023-12-31"),
    ("next monday", "2024-02-05"), ("next wed", "2024-02-07"), ("last monday", "2024-01-29"),
    ("next fortnight", "2024-02-14"), ("next month", "2024-02-29"), ("last year", "2023-01-31"),
    ("next feb", "2024-02-01"), ("last january", "2023-01-01"), ("next jan", "2025-01-01"),
    ("tomorrow + 3 days", "2024-02-04"), ("next day + 1 week", "2024-02-08"),
])
def test_date_expressions(expression, expected):
    assert execute_date_expression(BASE, expression).date().isoformat() == expected


@pytest.mark.parametrize("expression, expected", [
    ("now", "09:30:15"), ("now + 1 hour", "10:30:15"), ("- 30 minutes", "09:00:15"),
    ("midnight", "00:00:00"), ("noon", "12:00:00"), ("noon + 90 minutes", "13:30:00"),
    ("3 o'clock pm", "15:00:00"), ("11 o'clock am", "11:00:00"), ("12 o'clock am", "00:00:00"),
    ("10 o'clock", "10:00:00"), ("9 o'clock", "21:00:00"),
    ("next hour", "10:30:15"), ("last minute", "09:29:15"), ("+ 500 milliseconds", "09:30:15.500000"),
])
def test_time_expressions(expression, expected):
    assert execute_time_expression(BASE, expression).time().isoformat() == expected


def test_datetime_expressions_combine_date_and_time():
    result = execute_datetime_expression(BASE, "today + 1 month @ 10 o'clock")
    assert result.isoformat() == "2024-02-29T10:00:00+00:00"
    assert execute_datetime_expression(BASE, "yesterday @ midnight").isoformat() == (
        "2024-01-30T00:00:00+00:00"
    )
    assert execute_datetime_expression(BASE, "@ noon + 2 hours").hour == 14
    assert execute_datetime_expression(BASE, "+1 day") == BASE + dt.timedelta(days=1)


@pytest.mark.parametrize("kind, expression, fragment", [
    ("Date", "not valid", "expected one of now, today, yesterday, tomorrow, +, -, next or last at 'not'"),
    ("Date", "now today", "expected + or - at 'today' (index 4)"),
    ("Date", "+ x day", "expected an integer value at 'x'"),
    ("Date", "+1 fortnights", "expected a unit"),
    ("Date", "next", "expected an offset"),
    ("Time", "13 o'clock", "expected an hour from 1 to 12"),
    ("Time", "3 pm", "expected o'clock"),
    ("Time", "next day", "expected hour, minute, second or millisecond"),
    ("DateTime", "today @ soon", "expected one of now, midnight, noon"),
    ("Date", "now + 1 day!", "unexpected character '!'"),
])
def test_bad_expressions_say_what_was_expected(kind, expression, fragment):
    problem = check_expression(kind, expression)
    assert problem is not None and fragment in problem, problem


def test_errors_are_value_errors():
    with pytest.raises(DateExpressionError):
        execute_date_expression(BASE, "someday")
    assert check_expression("Date", None) is None and check_expression("Time", "") is None
