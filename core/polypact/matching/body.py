"""Body comparison: body states, content types, and dispatch to a content matcher.

:func:`match_body` handles what is common to every content type (a missing expected body
matches anything; an empty or null expected body needs an empty actual one; a present one
needs a present one; the two content types must agree) and hands the rest to the content
matcher the registry selects for the expected content type.
"""

from __future__ import annotations

from collections.abc import Callable

from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.matching.sniff import detect_content_type
from polypact.model.body import Body, BodyState, media_type


def body_content_type(body: Body, declared: str | None = None) -> str:
    """The content type of a body: declared (header/metadata), else the body's, else sniffed."""
    if declared:
        return declared
    if body.content_type:
        return body.content_type
    if body.is_present:
        return detect_content_type(body.content)
    return ""


def equivalent_types(expected: str, actual: str) -> bool:
    """True when two content types name the same kind of content.

    Parameters are ignored; ``text/xml`` and ``application/xml`` are equivalent; a
    ``+suffix`` type is equivalent to its base (``application/hal+json`` ~
    ``application/json``).
    """
    e, a = media_type(expected), media_type(actual)
    if not e or not a or e == a or "*" in e or "*" in a:
        return True
    strict_xml = ("application/xml", "text/xml")
    if e in strict_xml and a in strict_xml:
        return True
    if "+" in a:
        main, _, sub = a.partition("/")
        if e == f"{main}/{sub.rsplit('+', 1)[1]}":
            return True
    return False


def _describe(body: Body) -> str:
    if body.state is BodyState.PRESENT:
        return f"{len(body.content)} byte(s) of {body.content_type or 'unknown content'}"
    return body.state.value


def match_body(
    expected: Body,
    actual: Body,
    context: MatchContext,
    *,
    content_type_accepted: Callable[[str], bool] | None = None,
) -> list[Mismatch]:
    """Compare two bodies under ``context`` (category ``body`` rules).

    Content types come from each body's ``content_type`` (callers put the Content-Type
    header or contentType metadata there), else are sniffed from the content. The content
    matcher is ``registry.content_matcher(content_type, interaction, part)``.
    """
    if expected.state is BodyState.MISSING:
        return []
    if expected.state in (BodyState.EMPTY, BodyState.NULL):
        if actual.state is BodyState.PRESENT:
            return [Mismatch("body", "$", f"Expected an empty body but received {_describe(actual)}",
                             None, actual.content, None)]
        return []
    if actual.state is not BodyState.PRESENT:
        return [Mismatch("body", "$", f"Expected a body ({_describe(expected)}) but it was {actual.state.value}",
                         expected.content, None, None)]
    expected_ct = body_content_type(expected)
    actual_ct = body_content_type(actual)
    if not equivalent_types(expected_ct, actual_ct) and not (
        content_type_accepted is not None and content_type_accepted(actual_ct)
    ):
        return [Mismatch("body-type", "$", f"Expected a body of '{media_type(expected_ct)}' but the actual "
                                           f"content type was '{media_type(actual_ct)}'",
                         expected_ct, actual_ct, None)]
    matcher = context.registry.content_matcher(expected_ct, context.interaction, context.part)
    if matcher is None:
        from polypact.matching.content.binary import BinaryMatcher

        matcher = BinaryMatcher()
    if expected.content_type != expected_ct:
        expected = expected.with_content_type(expected_ct)
    if actual.content_type != actual_ct:
        actual = actual.with_content_type(actual_ct)
    return list(matcher.match(expected, actual, context))

