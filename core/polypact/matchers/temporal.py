"""``date``, ``time`` and ``datetime`` (alias ``timestamp``) matchers with Java-style formats.

Without a format, ``date`` expects ``yyyy-MM-dd``, ``time`` ``HH:mm:ss`` and ``datetime``
``yyyy-MM-dd'T'HH:mm:ssXXX`` (an offset is required), as in the reference core. The format
is read from ``format`` (or, as some writers put it, from the attribute named like the rule).
"""

from __future__ import annotations

from typing import Any

from polypact.matchers.basic import Matcher, with_validator
from polypact.matchers.datetime_pattern import check_pattern
from polypact.matchers.datetime_validate import validate_datetime
from polypact.matchers.values import json_text
from polypact.model.rules import Rule

DEFAULT_FORMATS = {
    "date": "yyyy-MM-dd",
    "time": "HH:mm:ss",
    "datetime": "yyyy-MM-dd'T'HH:mm:ssXXX",
    "timestamp": "yyyy-MM-dd'T'HH:mm:ssXXX",
}
_LABEL = {"date": "date", "time": "time", "datetime": "timestamp", "timestamp": "timestamp"}


def rule_format(rule: Rule) -> Any:
    """The format of a date/time rule (its default when the rule has none)."""
    value = rule.get("format")
    if value is None:
        value = rule.get(rule.kind)
    if value is None and rule.kind in ("datetime", "timestamp"):
        value = rule.get("timestamp", rule.get("datetime"))
    if value is None or value == "":
        return DEFAULT_FORMATS.get(rule.kind, DEFAULT_FORMATS["datetime"])
    return value


def _validate(rule: Rule) -> str | None:
    return check_pattern(rule_format(rule))


def _make(kind: str) -> Matcher:
    label = _LABEL[kind]

    @with_validator(_validate)
    def match(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
        fmt = rule_format(rule)
        problem = check_pattern(fmt)
        if problem:
            return problem
        text = json_text(actual)
        if isinstance(actual, str) and validate_datetime(text, fmt) is None:
            return None
        return f"Expected '{text}' to match a {label} pattern of '{fmt}'"

    match.__name__ = f"match_{kind}"
    match.__doc__ = f"Actual is a string in the rule's {label} format (default {DEFAULT_FORMATS[kind]!r})."
    return match


match_date = _make("date")
match_time = _make("time")
match_datetime = _make("datetime")


def explain(actual: Any, fmt: str) -> str | None:
    """Why ``actual`` does not match ``fmt`` (``None`` when it does): for reports and the DSL."""
    if not isinstance(actual, str):
        return f"{json_text(actual)!r} is not a string"
    return validate_datetime(actual, fmt)
