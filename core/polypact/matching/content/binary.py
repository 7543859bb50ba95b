"""The fallback content matcher for any other content type (``*/*``).

Without rules the bodies must be byte-for-byte equal. Rules at ``$`` apply to the whole
body: ``contentType`` (the registered matcher sniffs magic numbers) to the raw bytes,
anything else to the body decoded as text.
"""

from __future__ import annotations

from polypact.matching import rulekinds
from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.model.body import Body


def _preview(data: bytes, limit: int = 32) -> str:
    return data[:limit].hex()


class BinaryMatcher:
    """Byte equality, or the rules at ``$`` on the whole body."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two opaque bodies."""
        found = context.resolve(("$",))
        if found is None:
            if expected.content == actual.content:
                return []
            return [Mismatch(
                "body", "$",
                f"Actual body [{actual.content_type or ''}, {len(actual.content)} bytes, starting with "
                f"{_preview(actual.content)}] is not equal to the expected body [{expected.content_type or ''}, "
                f"{len(expected.content)} bytes, starting with {_preview(expected.content)}]",
                expected.content, actual.content, "equality",
            )]
        rules, cascaded = found
        failures = []
        passed = False
        for rule in rules.rules:
            reason = self._apply(rule, cascaded, expected, actual, context)
            if reason is None:
                passed = True
            else:
                failures.append(Mismatch("body", "$", reason, expected.content, actual.content, rule.kind))
        if rules.combine.upper() == "OR" and passed:
            return []
        return failures

    @staticmethod
    def _apply(rule, cascaded: bool, expected: Body, actual: Body, context: MatchContext) -> str | None:
        kind = rulekinds.canonical(rule.kind)
        if kind == "contentType":
            context.path = ("$",)
            return context.apply_rule(rule, cascaded, expected.content, actual.content)
        if kind == "equality":
            return None if expected.content == actual.content else "Expected the body to be equal to the expected body"
        if kind == "type":
            return None
        try:
            actual_text = actual.content.decode("utf-8")
        except UnicodeDecodeError:
            return f"{rule.kind} needs text but the actual body is not UTF-8"
        was = context.text_values
        context.text_values = True
        try:
            context.path = ("$",)
            return context.apply_rule(rule, cascaded, expected.text(), actual_text)
        finally:
            context.text_values = was
