"""Number-kind matchers: ``integer``, ``decimal`` and ``number``.

In JSON they go by the number's kind (``integer`` rejects ``8.0``, ``decimal`` rejects ``8``,
``number`` rejects ``"8"``). For values read from text (XML, headers, query, path) the text
is parsed instead, as the reference core does: ``integer`` needs unsigned digits (``+9`` is
fine), ``number`` and ``decimal`` anything that parses as a float.
"""

from __future__ import annotations

from typing import Any

from polypact.matchers.basic import no_params, with_validator
from polypact.matchers.values import (
    describe,
    is_number,
    parses_as_float,
    parses_as_unsigned,
    text_mode,
)
from polypact.model.rules import Rule


@with_validator(no_params)
def match_integer(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is an integer number."""
    if text_mode(context, actual):
        if parses_as_unsigned(actual):
            return None
        return f"Expected '{actual}' to match an integer number"
    if is_number(actual) and isinstance(actual, int):
        return None
    return f"Expected {describe(actual)} to be an integer"


@with_validator(no_params)
def match_decimal(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is a number with a fractional part in its JSON form (``8.0`` yes, ``8`` no)."""
    if text_mode(context, actual):
        if parses_as_float(actual):
            return None
        return f"Expected '{actual}' to match a number"
    if isinstance(actual, float):
        return None
    return f"Expected {describe(actual)} to be a decimal number"


@with_validator(no_params)
def match_number(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is any number."""
    if text_mode(context, actual):
        if parses_as_float(actual):
            return None
        return f"Expected '{actual}' to match a number"
    if is_number(actual):
        return None
    return f"Expected {describe(actual)} to be a number"
