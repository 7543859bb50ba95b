"""The plain-text content matcher (``text/*``): equality, or rules at ``$`` on the text."""

from __future__ import annotations

from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.model.body import Body


class TextMatcher:
    """Whole-text comparison: equality without rules, else the rule list at ``$``."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two text bodies."""
        try:
            expected_text = expected.content.decode("utf-8")
            actual_text = actual.content.decode("utf-8")
        except UnicodeDecodeError as exc:
            return [Mismatch("body", "$", f"Could not decode the body as UTF-8 text: {exc}",
                             expected.content, actual.content, None)]
        found = context.resolve(("$",))
        if found is None:
            if expected_text == actual_text:
                return []
            return [Mismatch("body", "$", f"Expected body '{_cut(expected_text)}' to match '{_cut(actual_text)}' using "
                                            f"equality but did not match",
                             expected_text, actual_text, "equality")]
        rules, cascaded = found
        was = context.text_values
        context.text_values = True
        try:
            failures = context.apply_rules(rules, cascaded, expected_text, actual_text, ("$",))
        finally:
            context.text_values = was
        return [Mismatch("body", "$", reason, expected_text, actual_text, rule.kind) for rule, reason in failures]


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
