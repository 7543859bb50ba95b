"""Interaction definitions from the suite's tables, declared through polypact's consumer DSL.

A row of ``the following HTTP interactions have been defined`` (columns ``method``,
``path``, ``query``, ``headers``, ``body``, ``matching rules``, ``response``, ``response
headers``, ``response content``, ``response body``, ``response matching rules``) becomes an
:class:`InteractionDefinition`; scenario steps change some of its cells
(:meth:`InteractionDefinition.changed`). :func:`declare` declares it on a
:class:`polypact.Pact` with ``upon_receiving(...).with_request(...).will_respond_with(...)``;
rules read from the suite's rule files are added to the declared model's matching rules.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from polypact.model import MatchingRules

from .data import (
    BodySpec,
    body_spec,
    header_multimap,
    matching_rules,
    parse_headers,
    parse_query,
)

_KNOWN = frozenset({
    "No", "method", "path", "query", "headers", "raw headers", "body", "content type",
    "matching rules", "response", "response headers", "response content", "response body",
    "response matching rules",
})


@dataclass
class InteractionDefinition:
    """One interaction of a scenario table (cells already parsed)."""

    number: int = 0
    method: str = "GET"
    path: str = "/"
    query: dict[str, list[str]] | None = None
    query_string: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: BodySpec | None = None
    rules: MatchingRules | None = None
    status: int = 200
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: BodySpec | None = None
    response_content_type: str | None = None
    response_rules: MatchingRules | None = None
    provider_states: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def description(self) -> str:
        """The interaction's description in pacts and mocks."""
        return f"interaction {self.number}"

    @classmethod
    def from_row(cls, row: dict[str, str]) -> InteractionDefinition:
        """A definition from one table row."""
        definition = cls(number=int(row.get("No") or 0))
        return definition.changed(row)

    def changed(self, row: dict[str, str]) -> InteractionDefinition:
        """A copy with the non-empty cells of ``row`` applied. A new body keeps the old
        content type when its cell does not name one (``Hello Mars!`` stays text/plain)."""
        unknown = set(row) - _KNOWN
        if unknown:
            raise ValueError(f"unknown interaction columns: {sorted(unknown)}")
        new = copy.deepcopy(self)
        cells = {k: v for k, v in row.items() if v != ""}
        if "method" in cells:
            new.method = cells["method"]
        if "path" in cells:
            new.path = cells["path"]
        if "query" in cells:
            new.query = parse_query(cells["query"])
            new.query_string = cells["query"]
        for column in ("headers", "raw headers"):
            if column in cells:
                new.headers = parse_headers(cells[column])
        if "body" in cells:
            spec = body_spec(cells["body"])
            old_type = self.body.content_type if self.body else None
            new.body = spec if spec.content_type else BodySpec(spec.data, old_type)
        if "content type" in cells:
            data = new.body.data if new.body else b""
            new.body = BodySpec(data, cells["content type"])
        if "matching rules" in cells:
            new.rules = matching_rules(cells["matching rules"])
        if "response" in cells:
            new.status = int(cells["response"])
        if "response headers" in cells:
            new.response_headers = parse_headers(cells["response headers"])
        if "response content" in cells:
            new.response_content_type = cells["response content"]
        if "response body" in cells:
            spec = body_spec(cells["response body"])
            new.response_body = spec
            if spec.content_type:
                new.response_content_type = spec.content_type
        if "response matching rules" in cells:
            new.response_rules = matching_rules(cells["response matching rules"])
        return new

    # -- what a provider answers --------------------------------------------------------
    def response_content(self) -> tuple[bytes, str | None]:
        """The response body bytes and content type a provider sends."""
        if self.response_body is None:
            return b"", None
        return self.response_body.data, self.response_content_type or "text/plain"


def _body_args(spec: BodySpec | None, fallback_type: str | None = None) -> dict[str, Any]:
    if spec is None:
        return {}
    return {"body": spec.data, "content_type": spec.content_type or fallback_type or "text/plain"}


def _merge_rules(target: MatchingRules, extra: MatchingRules | None) -> None:
    if not extra:
        return
    for category, paths in extra.categories.items():
        for path, rule_list in paths.items():
            target.set(category, path, rule_list)


def declare(pact: Any, definition: InteractionDefinition) -> Any:
    """Declare ``definition`` on a :class:`polypact.Pact` through the HTTP DSL; returns the
    interaction builder."""
    builder = pact.upon_receiving(definition.description)
    for name, params in definition.provider_states:
        builder.given(name, **params)
    headers = header_multimap(definition.headers) or None
    builder.with_request(
        definition.method,
        definition.path,
        query=definition.query,
        headers=headers,
        **_body_args(definition.body),
    )
    response_headers = header_multimap(definition.response_headers) or None
    body_args = _body_args(definition.response_body, definition.response_content_type)
    if not body_args and definition.response_content_type:
        body_args = {"content_type": definition.response_content_type}
    builder.will_respond_with(definition.status, headers=response_headers, **body_args)
    _merge_rules(builder.interaction.request.matching_rules, definition.rules)
    _merge_rules(builder.interaction.response.matching_rules, definition.response_rules)
    return builder


def parse_table(datatable: list[list[str]]) -> dict[int, InteractionDefinition]:
    """The Background table as definitions by number (``No`` column)."""
    header, *rows = datatable
    out: dict[int, InteractionDefinition] = {}
    for index, row in enumerate(rows, 1):
        cells = dict(zip(header, row, strict=True))
        cells.setdefault("No", str(index))
        definition = InteractionDefinition.from_row(cells)
        out[definition.number] = definition
    return out
