"""The ``semver`` and ``statusCode`` matchers."""

from __future__ import annotations

import re
from typing import Any

from polypact.matchers.basic import no_params, with_validator
from polypact.matchers.values import is_number, json_text, value_of
from polypact.model.rules import Rule

# Semantic Versioning 2.0.0 (https://semver.org), no leading "v".
_NUM = r"(?:0|[1-9]\d*)"
_PRE_ID = r"(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)"
SEMVER = re.compile(
    rf"{_NUM}\.{_NUM}\.{_NUM}"
    rf"(?:-{_PRE_ID}(?:\.{_PRE_ID})*)?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)


def is_semver(text: str) -> bool:
    """True when ``text`` is a semantic version 2.0.0 string (``1.2.3-rc.1+build.5``)."""
    return SEMVER.fullmatch(text) is not None


@with_validator(no_params)
def match_semver(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual is a semantic version string."""
    if not isinstance(actual, str):
        return f"Expected something that matches a semantic version, but got '{json_text(actual)}'"
    if is_semver(actual):
        return None
    return f"'{actual}' is not a valid semantic version"


#: statusCode class names -> (description, predicate)
STATUS_CLASSES = {
    "info": ("Informational response (100–199)", lambda c: 100 <= c <= 199),
    "information": ("Informational response (100–199)", lambda c: 100 <= c <= 199),
    "success": ("Successful response (200–299)", lambda c: 200 <= c <= 299),
    "redirect": ("Redirect (300–399)", lambda c: 300 <= c <= 399),
    "clientError": ("Client error (400–499)", lambda c: 400 <= c <= 499),
    "serverError": ("Server error (500–599)", lambda c: 500 <= c <= 599),
    "nonError": ("Non-error response (< 400)", lambda c: c < 400),
    "error": ("Error response (>= 400)", lambda c: c >= 400),
}


def _codes(status: Any) -> list[int] | None:
    if not isinstance(status, list) or not status:
        return None
    out = []
    for item in status:
        if is_number(item) and int(item) == item:
            out.append(int(item))
        elif isinstance(item, str) and item.isdigit():
            out.append(int(item))
        else:
            return None
    return out


def _validate_status(rule: Rule) -> str | None:
    status = rule.get("status")
    if isinstance(status, str) and status in STATUS_CLASSES:
        return None
    if _codes(status) is not None:
        return None
    known = ", ".join(k for k in STATUS_CLASSES if k != "information")
    return f"'status' must be one of {known} or a list of status codes, got {value_of(status)}"


@with_validator(_validate_status)
def match_status_code(rule: Rule, expected: Any, actual: Any, context: Any) -> str | None:
    """Actual (an HTTP status code, int or digits) is in the rule's ``status`` class or list."""
    problem = _validate_status(rule)
    if problem:
        return problem
    if isinstance(actual, str) and actual.isdigit():
        code = int(actual)
    elif is_number(actual) and int(actual) == actual:
        code = int(actual)
    else:
        return f"Expected a status code but got {value_of(actual)}"
    status = rule.get("status")
    if isinstance(status, str):
        description, test = STATUS_CLASSES[status]
        ok = test(code)
    else:
        codes = _codes(status) or []
        description, ok = ", ".join(str(c) for c in codes), code in codes
    if ok:
        return None
    return f"Expected status code {code} to be a {description}"
