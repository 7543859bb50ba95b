"""Java-style date/time formats: tokenising, validating, rendering (with hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polypact.matchers.datetime_pattern import PatternError, Token, parse_pattern
from polypact.matchers.datetime_render import render_datetime
from polypact.matchers.datetime_validate import validate_datetime


def test_tokens_of_an_iso_pattern():
    tokens = parse_pattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
    assert [t.kind for t in tokens] == [
        "year", "text", "month", "text", "day", "text", "hour0", "text", "minute", "text",
        "second", "text", "fraction", "offset_xz",
    ]
    assert tokens[5] == Token("text", text="T")
    assert tokens[-2].count == 3 and tokens[-1].count == 3


def test_quotes_and_escaped_quotes():
    assert [t.text for t in parse_pattern("''")] == ["'"]
    assert parse_pattern("'o''clock'")[0].text == "o'clock"
    assert validate_datetime("10 o'clock", "HH 'o''clock'") is None


@pytest.mark.parametrize("pattern, fragment", [
    ("yyyy-MM-ddTHH", "unknown pattern letter 'T'"),
    ("yyyy-MM-dd'T", "unterminated quote"),
    ("dddd", "too many pattern letters 'd'"),
    ("yyyy{MM}", "unknown pattern letter '{'"),
    ("", "empty"),
])
def test_bad_patterns_say_where(pattern, fragment):
    with pytest.raises(PatternError, match=fragment):
        parse_pattern(pattern)


@pytest.mark.parametrize("value, pattern", [
    ("2024-01-02T10:11:12.123+01:00", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
    ("2024-01-02T10:11:12.123Z", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
    ("Tue, 02 Jan 2024 10:11:12 GMT", "EEE, dd MMM yyyy HH:mm:ss z"),
    ("Tuesday, 2 January 2024", "EEEE, d MMMM yyyy"),
    ("09:05", "HH:mm"),
    ("2024-01-02T10:11:12+0100", "yyyy-MM-dd'T'HH:mm:ssZ"),
    ("2024-01-02T10:11:12-0530", "yyyy-MM-dd'T'HH:mm:ssZ"),
    ("1990-4-18", "yyyy-MM-dd"),
    ("1990-04-8", "yyyy-MM-dd"),
    ("12/31/99", "MM/dd/yy"),
    ("2024-02-29", "yyyy-MM-dd"),
    ("3:07 PM", "h:mm a"),
    ("2024-01-02 Europe/London", "yyyy-MM-dd VV"),
    ("Q1 2024", "QQQ yyyy"),
])
def test_values_that_match(value, pattern):
    assert validate_datetime(value, pattern) is None


@pytest.mark.parametrize("value, pattern, fragment", [
    ("2024-13-02", "yyyy-MM-dd", "invalid month 13"),
    ("2023-02-29", "yyyy-MM-dd", "not a valid day for month 2"),
    ("2024-04-31", "yyyy-MM-dd", "not a valid day"),
    ("24:00", "HH:mm", "invalid hour 24"),
    ("10:60", "HH:mm", "invalid minute 60"),
    ("2024-01-02T10:11:12", "yyyy-MM-dd'T'HH:mm:ssXXX", "expected 'XXX'"),
    ("2024-01-02x", "yyyy-MM-dd", "unexpected text 'x'"),
    ("Tue, 02 Jan 2024 10:11:12 XYZ", "EEE, dd MMM yyyy HH:mm:ss z", "unknown time-zone"),
    ("13:07 PM", "h:mm a", "invalid hour 13"),
    ("2024/01/02", "yyyy-MM-dd", "expected '-'"),
])
def test_values_that_do_not_match_say_why(value, pattern, fragment):
    problem = validate_datetime(value, pattern)
    assert problem is not None and fragment in problem


PATTERNS = [
    "yyyy-MM-dd", "HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", "EEE, dd MMM yyyy HH:mm:ss z", "dd/MM/yy", "d MMMM yyyy",
    "yyyyMMdd'T'HHmmssZ", "h:mm a", "EEEE 'the' D'th day'", "yyyy-'W'ww-e", "K:mm a, O",
    "kk:mm:ss.SSSSSS", "QQQQ yyyy", "yyyy-MM-dd'T'HH:mm:ssX", "yyyy-MM-dd'T'HH:mm:ssZZZZZ",
]

instants = st.datetimes(
    min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31),
    timezones=st.sampled_from([
        dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)),
        dt.timezone(dt.timedelta(hours=-8)), dt.timezone(dt.timedelta(hours=13)),
    ]),
)


@settings(max_examples=300, deadline=None)
@given(instant=instants, pattern=st.sampled_from(PATTERNS))
def test_rendered_values_validate_against_their_format(instant, pattern):
    text = render_datetime(instant, pattern)
    assert validate_datetime(text, pattern) is None, (text, pattern)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_unpadded_dates_validate_and_impossible_days_do_not(day):
    assert validate_datetime(f"{day.year}-{day.month}-{day.day}", "yyyy-MM-dd") is None
    assert validate_datetime(f"{day.year}-{day.month:02d}-{day.day:02d}", "yyyy-MM-dd") is None
    assert validate_datetime(f"{day.year}-{day.month}-32", "yyyy-MM-dd") is not None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=12))
def test_validator_never_raises_on_arbitrary_text(text):
    result = validate_datetime(text, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
    assert result is None or isinstance(result, str)
