"""Value matchers for equality, regex, type, include, null, boolean and notEmpty, plus the
structural rule names (values, eachKey, eachValue, arrayContains) that the engine applies.

Every matcher is ``fn(rule, expected, actual, context) -> str | None``; ``fn.validate(rule)``
checks the rule definition when a pact is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from polypact.matchers.regex_syntax import invalid_regex, python_regex
from polypact.matchers.values import (
    describe,
    is_number,
    json_equal,
    json_text,
    same_kind,
    text_mode,
    value_of,
)
from polypact.model.rules import Rule

Matcher = Callable[[Rule, Any, Any, Any], "str | None"]
Validator = Callable[[Rule], "str | None"]


def with_validator(validate: Validator) -> Callable[[Matcher], Matcher]:
    """Attach ``validate`` to a matcher function as its ``.validate`` attribute."""

    def decorate(fn: Matcher) -> Matcher:
        fn.validate = validate  # type: ignore[attr-defined]
        return fn

    return decorate


@lru_cache(maxsize=1024)
def compile_regex(pattern: str) -> re.Pattern[str]:
    """Compile (and cache) a rule's regular expression, written in Java/Rust syntax
    (``\\Q...\\E``, ``(?<name>...)``, ``\\p{...}`` are translated first)."""
    return re.compile(python_regex(pattern))


def check_regex(pattern: object) -> str | None:
    """``None`` when ``pattern`` is a string that compiles as a regular expression."""
    if not isinstance(pattern, str):
        return f"expected the regular expression to be a string, got {value_of(pattern)}"
    try:
        compile_regex(pattern)
    except re.error as exc:
        return invalid_regex(pattern, exc)
    return None


def no_params(rule: Rule) -> str | None:
    """Validator of rules without attributes: always fine."""
    return None


# -- equality ---------------------------------------------------------------------------
@with_validator(no_params)
def match_equality(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual equals expected (by JSON kind: ``1`` is not ``1.0``, ``true`` is not ``1``)."""
    if text_mode(context, actual):
        if isinstance(expected, str) and expected == actual:
            return None
        return f"Expected '{actual}' to be equal to '{json_text(expected)}'"
    if json_equal(expected, actual):
        return None
    return f"Expected {describe(actual)} to be equal to {describe(expected)}"


# -- regex ------------------------------------------------------------------------------
def _validate_regex(rule: Rule) -> str | None:
    if rule.get("regex") is None:
        return "a regex rule needs a 'regex' attribute"
    return check_regex(rule.get("regex"))


@with_validator(_validate_regex)
def match_regex(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """The whole value matches the rule's ``regex`` (numbers by their JSON text)."""
    pattern = rule.get("regex")
    problem = check_regex(pattern)
    if problem:
        return problem
    if actual is None:
        return f"Expected null (Null) to match '{pattern}'"
    text = json_text(actual)
    if compile_regex(pattern).fullmatch(text):
        return None
    return f"Expected '{text}' to match '{pattern}'"


# -- type (and its aliases min / max) ---------------------------------------------------
def _validate_type(rule: Rule) -> str | None:
    bounds = {}
    for name in ("min", "max"):
        value = rule.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"'{name}' must be a non-negative integer, got {value_of(value)}"
        bounds[name] = value
    if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
        return f"'min' ({bounds['min']}) is greater than 'max' ({bounds['max']})"
    return None


@with_validator(_validate_type)
def match_type(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual has the JSON kind of expected (container lengths are the engine's job)."""
    if text_mode(context, actual) or same_kind(expected, actual):
        return None
    return f"Expected {describe(actual)} to be the same type as {describe(expected)}"


# -- include ----------------------------------------------------------------------------
def _validate_include(rule: Rule) -> str | None:
    if not isinstance(rule.get("value"), str):
        return "an include rule needs a string 'value' attribute"
    return None


@with_validator(_validate_include)
def match_include(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """The rule's ``value`` is a substring of the actual value's text."""
    substring = str(rule.get("value", ""))
    text = json_text(actual)
    if substring in text:
        return None
    return f"Expected '{text}' to include '{substring}'"


# -- null, boolean, notEmpty ------------------------------------------------------------
@with_validator(no_params)
def match_null(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is JSON ``null``."""
    if actual is None:
        return None
    if text_mode(context, actual):
        return f"Expected '{actual}' to be a null value"
    return f"Expected {describe(actual)} to be a null value"


@with_validator(no_params)
def match_boolean(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is ``true``/``false`` or the string ``"true"``/``"false"``."""
    if isinstance(actual, bool) or actual in ("true", "false"):
        return None
    if text_mode(context, actual):
        return f"Expected '{actual}' to match a boolean"
    return f"Expected {describe(actual)} to match a boolean"


@with_validator(no_params)
def match_not_empty(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is present and not empty (``0`` and ``false`` count as not empty)."""
    if actual is None:
        return "Expected non-empty value but got a NULL"
    if isinstance(actual, (str, list, tuple, dict, bytes)) and len(actual) == 0:
        return f"Expected {describe(actual)} to not be empty"
    return None


# -- structural rules: applied by the engine, registered so rule validation knows them ---
def _validate_nested_rules(rule: Rule) -> str | None:
    rules = rule.get("rules")
    if rules is None:
        return None
    if not isinstance(rules, list) or not all(isinstance(r, (dict, Rule)) for r in rules):
        return f"'rules' of a {rule.kind} rule must be a list of matcher definitions"
    return None


def _validate_variants(rule: Rule) -> str | None:
    variants = rule.get("variants")
    if not isinstance(variants, list):
        return "an arrayContains rule needs a 'variants' list"
    for i, variant in enumerate(variants):
        if not isinstance(variant, dict) or not isinstance(variant.get("rules", {}), dict):
            return f"variant {i} of the arrayContains rule must be an object with 'rules'"
        if not is_number(variant.get("index", 0)):
            return f"variant {i} of the arrayContains rule needs a numeric 'index'"
    return None


def _structural(kind: str, validate: Validator) -> Matcher:
    @with_validator(validate)
    def structural(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
        return None

    structural.__name__ = f"match_{kind}"
    structural.__doc__ = (
        f"``{kind}`` is structural: the matching engine applies it to containers; on a "
        f"single value it always passes."
    )
    return structural


match_values = _structural("values", no_params)
match_each_key = _structural("eachKey", _validate_nested_rules)
match_each_value = _structural("eachValue", _validate_nested_rules)
match_array_contains = _structural("arrayContains", _validate_variants)
