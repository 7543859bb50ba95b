"""Message comparison: contents (lenient, like responses) and metadata."""

from __future__ import annotations

from typing import Any

from polypact.matching.body import body_content_type, equivalent_types, match_body
from polypact.matching.context import MatchContext
from polypact.matching.headers import parameter_header_mismatch
from polypact.matching.http import _body_with_type, _registry, body_rules
from polypact.matching.jsonvalues import json_equal, short
from polypact.matching.mismatch import Mismatch
from polypact.model.body import media_type
from polypact.model.interactions import CONTENT_TYPE_METADATA_KEYS, MessageContents


def match_metadata(expected: dict[str, Any], actual: dict[str, Any], context: MatchContext) -> list[Mismatch]:
    """Compare message metadata: every expected key must be present and match."""
    out: list[Mismatch] = []
    for key, value in expected.items():
        if key not in actual:
            out.append(Mismatch("metadata", key, f"Expected message metadata {key!r} but was missing", value, None))
            continue
        other = actual[key]
        path = ("$", key)
        found = context.resolve(path)
        if found is not None:
            rules, cascaded = found
            was = context.text_values
            context.text_values = isinstance(other, str)
            try:
                failures = context.apply_rules(rules, cascaded, value, other, path)
            finally:
                context.text_values = was
            out.extend(Mismatch("metadata", key, reason, value, other, rule.kind)
                       for rule, reason in failures)
        elif key.lower() in CONTENT_TYPE_METADATA_KEYS and isinstance(value, str) and isinstance(other, str):
            if parameter_header_mismatch(value, other):
                out.append(Mismatch("metadata", key, f"Expected metadata {key!r} to be {value!r} but was {other!r}",
                                    value, other, "equality"))
        elif not json_equal(value, other):
            out.append(Mismatch("metadata", key, f"Expected metadata {key!r} to be {short(value)} but was "
                                                 f"{short(other)}", value, other, "equality"))
    return out


def match_message(
    expected: MessageContents, actual: MessageContents, *, registry: Any = None, interaction: Any = None
) -> list[Mismatch]:
    """Compare an actual message with the expected one; the mismatches (empty: it matches)."""
    registry = _registry(registry)
    rules = expected.matching_rules
    common = {"registry": registry, "interaction": interaction, "part": "message", "allow_unexpected_keys": True}
    out: list[Mismatch] = []
    e_body = _body_with_type(expected.contents, expected.content_type())
    a_body = _body_with_type(actual.contents, actual.content_type())
    e_ct, a_ct = body_content_type(e_body), body_content_type(a_body)
    if e_body.is_present and a_body.is_present and not equivalent_types(e_ct, a_ct):
        out.append(Mismatch("body-type", "$", f"Expected a message of type {media_type(e_ct)} but it was "
                                              f"{media_type(a_ct)}", e_ct, a_ct))
    else:
        out.extend(match_body(e_body, a_body, MatchContext("body", body_rules(rules), **common)))
    meta_ctx = MatchContext("metadata", rules.category("metadata"), **common)
    out.extend(match_metadata(expected.metadata or {}, actual.metadata or {}, meta_ctx))
    return out
