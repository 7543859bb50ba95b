"""The step layer itself: every mismatch message the suite quotes is understood."""

from __future__ import annotations

import re

import pytest
from polypact.matching.mismatch import Mismatch

from .data import FEATURES
from .meaning import Meaning, find_meaning, meaning_of

_ERROR = re.compile(r'with error "(?P<error>.*)"\s*$')


def _quoted_errors() -> list[str]:
    errors = []
    for path in sorted(FEATURES.glob("*/*.feature")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _ERROR.search(line)
            if m:
                errors.append(m["error"].split('" -> "', 1)[-1])
    return errors


@pytest.mark.skipif(not FEATURES.is_dir(), reason="compatibility suite not found")
def test_every_quoted_message_has_a_meaning() -> None:
    """A message shape the table does not know would only be checked by category."""
    errors = _quoted_errors()
    assert len(errors) >= 30
    unknown = [e for e in errors if meaning_of(e) == Meaning()]
    assert not unknown


def test_meaning_rejects_a_mismatch_about_another_value() -> None:
    """Category and path alone are not enough: the values must agree too."""
    wrong = Mismatch("body", "$.one", "Expected 'x' (String) to be a number", "a", "x", "number")
    right = Mismatch("body", "$.one", "...", "a", "100X01", "number")
    message = "Expected '100X01' (String) to be a number"
    assert find_meaning([wrong, right], category="body", path="$.one", message=message) == [right]
    assert find_meaning([wrong], category="body", path="$.one", message=message) == []


def test_meaning_checks_the_rule_and_the_name() -> None:
    """A regex failure is not a type failure; a header mismatch is about its header."""
    regex = Mismatch("header", "X-Test", "...", "1000", "9999ABC", "regex")
    other = Mismatch("header", "X-Other", "...", None, None, None)
    message = "Expected '9999ABC' to match '\\d{1,4}'"
    assert find_meaning([regex], category="header", message=message) == [regex]
    assert find_meaning([regex.__class__("header", "X-Test", "", "1000", "9999ABC", "type")],
                        category="header", message=message) == []
    assert find_meaning([other], category="header",
                        message="Expected a header 'X-TEST' but was missing") == []
