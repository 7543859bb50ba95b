"""Comparing messages beyond :func:`polypact.matching.match_message`.

- :func:`match_request_message`: a synchronous exchange's request message, compared
  strictly (like an HTTP request: unexpected keys fail), metadata as for messages;
- :func:`match_responses`: the response messages of a synchronous exchange, each compared
  with :func:`~polypact.matching.match_message` (lenient), with a mismatch when the
  provider produced fewer responses than the contract expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from polypact.matching import MatchContext, Mismatch, match_body, match_message, match_metadata
from polypact.model import MessageContents


def _rules_for_body(part: MessageContents) -> dict:
    for name in ("body", "content", "contents"):
        found = part.matching_rules.category(name)
        if found:
            return found
    return {}


def _typed(part: MessageContents) -> Any:
    ct = part.content_type()
    body = part.contents
    return body.with_content_type(ct) if ct and ct != body.content_type else body


def match_request_message(expected: MessageContents, actual: MessageContents, *,
                          registry: Any = None, interaction: Any = None) -> list[Mismatch]:
    """Mismatches of a request message (strict contents, then metadata)."""
    if registry is None:
        from polypact.registry import get_registry

        registry = get_registry()
    common = {"registry": registry, "interaction": interaction, "part": "request"}
    body_ctx = MatchContext("body", _rules_for_body(expected), allow_unexpected_keys=False, **common)
    out = list(match_body(_typed(expected), _typed(actual), body_ctx))
    meta_ctx = MatchContext("metadata", expected.matching_rules.category("metadata"), **common)
    out.extend(match_metadata(expected.metadata or {}, actual.metadata or {}, meta_ctx))
    return out


def _indexed(m: Mismatch, index: int) -> Mismatch:
    return Mismatch(m.category, m.path, f"response {index}: {m.message}", m.expected, m.actual,
                    m.rule, {**m.extra, "response": index})


def match_responses(expected: Sequence[MessageContents], actual: Sequence[MessageContents], *,
                    registry: Any = None, interaction: Any = None) -> list[Mismatch]:
    """Mismatches of a synchronous exchange's responses, in order (extra actual responses
    are allowed, as extra keys are in a response)."""
    out: list[Mismatch] = []
    if len(actual) < len(expected):
        out.append(Mismatch(
            "body", "$", f"Expected {len(expected)} response message(s) but the provider "
                         f"produced {len(actual)}", len(expected), len(actual)))
    for index, (e, a) in enumerate(zip(expected, actual, strict=False)):
        found = match_message(e, a, registry=registry, interaction=interaction)
        out.extend(_indexed(m, index) if len(expected) > 1 else m for m in found)
    return out
