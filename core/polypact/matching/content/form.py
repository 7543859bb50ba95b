"""The ``application/x-www-form-urlencoded`` content matcher.

Both bodies are parsed into multimaps and compared like query strings, with body rules at
``$.name`` applying to the values of field ``name``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.matching.multimap import match_multimap
from polypact.model.body import Body


def parse_form(data: bytes) -> dict[str, list[str]]:
    """Decode a form body into a multimap (keys in first-seen order, values in order)."""
    out: dict[str, list[str]] = {}
    for key, value in parse_qsl(data.decode("utf-8"), keep_blank_values=True, strict_parsing=False):
        out.setdefault(key, []).append(value)
    return out


class FormMatcher:
    """Form bodies compared as multimaps."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two form-urlencoded bodies."""
        try:
            exp, act = parse_form(expected.content), parse_form(actual.content)
        except (UnicodeDecodeError, ValueError) as exc:
            return [Mismatch("body", "$", f"Could not parse the form body: {exc}", expected.content, actual.content)]
        was = context.text_values
        context.text_values = True
        try:
            return match_multimap(exp, act, context, label="form post parameter", path_style="json")
        finally:
            context.text_values = was
