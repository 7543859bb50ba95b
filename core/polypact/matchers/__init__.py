"""Leaf value matchers: the semantics of each standard Pact matching rule on one value.

Each matcher is ``fn(rule, expected, actual, context) -> str | None`` (``None`` when the
actual value satisfies the rule, else a one-line reason worded like the reference core's)
with an optional ``fn.validate(rule) -> str | None`` that checks the rule definition.
They reach the engine through the ``polypact_register_matchers`` hook (see
:mod:`polypact.builtin.matchers`); :data:`STANDARD_MATCHERS` lists them by rule name.

``context`` is the engine's match context; only ``context.text_values`` (values read from
text, such as XML, headers or query strings, where numbers are parsed) and ``context.path``
are used.
"""

from __future__ import annotations

from typing import Any

from polypact.matchers.basic import (
    Matcher,
    match_array_contains,
    match_boolean,
    match_each_key,
    match_each_value,
    match_equality,
    match_include,
    match_not_empty,
    match_null,
    match_regex,
    match_type,
    match_values,
)
from polypact.matchers.content_type import match_content_type, sniff_content_type
from polypact.matchers.numbers import match_decimal, match_integer, match_number
from polypact.matchers.semver_status import match_semver, match_status_code
from polypact.matchers.temporal import match_date, match_datetime, match_time
from polypact.model.rules import Rule

#: Every standard rule name (with the aliases ``min``, ``max`` and ``timestamp``).
STANDARD_MATCHERS: dict[str, Matcher] = {
    "equality": match_equality,
    "regex": match_regex,
    "type": match_type,
    "min": match_type,
    "max": match_type,
    "include": match_include,
    "integer": match_integer,
    "decimal": match_decimal,
    "number": match_number,
    "boolean": match_boolean,
    "null": match_null,
    "date": match_date,
    "time": match_time,
    "datetime": match_datetime,
    "timestamp": match_datetime,
    "contentType": match_content_type,
    "notEmpty": match_not_empty,
    "semver": match_semver,
    "statusCode": match_status_code,
    "values": match_values,
    "eachKey": match_each_key,
    "eachValue": match_each_value,
    "arrayContains": match_array_contains,
}


def check_value(rule: Rule, expected: Any, actual: Any, context: Any = None) -> str | None:
    """Apply one standard rule to one value directly (``None`` when it passes).

    For code that needs the standard semantics without a registry, such as the DSL checking
    its own examples; the matching engine looks matchers up through the registry instead.
    """
    matcher = STANDARD_MATCHERS.get(rule.kind)
    if matcher is None:
        return f"unknown matcher {rule.kind!r}"
    return matcher(rule, expected, actual, context)


def validate_rule(rule: Rule) -> str | None:
    """Check a standard rule's definition (``None`` when it is usable)."""
    matcher = STANDARD_MATCHERS.get(rule.kind)
    if matcher is None:
        return f"unknown matcher {rule.kind!r}"
    validate = getattr(matcher, "validate", None)
    return validate(rule) if validate else None


__all__ = ["STANDARD_MATCHERS", "Matcher", "check_value", "sniff_content_type", "validate_rule"]
