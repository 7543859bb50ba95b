"""Body matchers that compare GraphQL requests by meaning, not by text.

- :class:`GraphQLJsonRequestMatcher`: JSON request bodies (``{"query", "variables",
  "operationName", "extensions"}``) of interactions marked GraphQL in their
  ``pluginConfiguration``; chosen through the ``polypact_select_content_matcher`` hook.
- :class:`GraphQLQueryMatcher`: raw ``application/graphql`` bodies (the query text).

``query`` is compared as normalised operations (:mod:`polypact_graphql.compare`); the other
members go through the core's JSON matching with the interaction's rules, so matchers on
``$.variables.*`` work as everywhere else. graphql-core is imported on first use.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from polypact.matching.mismatch import Mismatch

from polypact_graphql.config import graphql_config, schema_for

_NOT_JSON = object()


@lru_cache(maxsize=1024)
def _normalized(text: str, operation: str | None, ignore_typename: bool, schema_key: int,
                source: str) -> Any:
    from polypact_graphql.normalize import normalize_query

    return normalize_query(text, operation, schema=_SCHEMA_BY_ID.get(schema_key),
                           ignore_typename=ignore_typename, source=source)


_SCHEMA_BY_ID: dict[int, Any] = {}


def query_mismatches(expected_query: Any, expected_operation: str | None, actual_query: Any,
                     actual_operation: str | None, *, ignore_typename: bool = False,
                     schema: Any = None, path: str = "$.query") -> list[Mismatch]:
    """Mismatches between the contract's query and a request's query (empty: equivalent).

    A request query that does not parse (or names no operation) is one ``body`` mismatch at
    ``path``; differences between valid operations are ``graphql`` mismatches at GraphQL
    paths (``user.name``, ``user(id:)``, ``$id``, ``(operation)``).
    """
    from polypact_graphql.compare import compare_operations
    from polypact_graphql.document import GraphQLDocumentError

    key = 0
    if schema is not None:
        key = id(schema)
        _SCHEMA_BY_ID[key] = schema
    try:
        expected = _normalized(expected_query, expected_operation, ignore_typename, key,
                               "the contract's query")
    except GraphQLDocumentError as exc:
        return [Mismatch("body", path, f"the contract's GraphQL query is unusable: {exc}",
                         expected=expected_query, actual=actual_query, rule="graphql")]
    if not isinstance(actual_query, str):
        return [Mismatch("body", path, f"expected a GraphQL query string, got "
                                       f"{type(actual_query).__name__ if actual_query is not None else 'none'}",
                         expected=expected_query, actual=actual_query, rule="graphql")]
    try:
        operation = actual_operation
        if operation is None and expected_operation is not None:
            from polypact_graphql.document import operations, parse_query

            if len(operations(parse_query(actual_query))) > 1:
                operation = expected_operation  # several operations, none named: the contract's
        actual = _normalized(actual_query, operation, ignore_typename, key, "the request's query")
    except GraphQLDocumentError as exc:
        where = f" (line {exc.line}, column {exc.column})" if exc.line else ""
        return [Mismatch("body", path, f"the request's GraphQL query is invalid: {exc.reason}{where}",
                         expected=expected_query, actual=actual_query, rule="graphql")]
    return compare_operations(expected, actual)


def _json(body: Any) -> Any:
    try:
        return body.json_value()
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON


def _match_json(expected: Any, actual: Any, context: Any) -> list[Mismatch]:
    from polypact.matching import match_json_value

    return list(match_json_value(expected, actual, ("$",), context))


class GraphQLJsonRequestMatcher:
    """Matches the JSON body of a GraphQL request: the query semantically, the rest
    (variables, extensions) with the usual matchers and the interaction's rules."""

    def match(self, expected: Any, actual: Any, context: Any) -> list[Mismatch]:
        """Compare an expected and an actual request body (see the module docstring)."""
        exp = _json(expected)
        if not isinstance(exp, dict) or not isinstance(exp.get("query"), str):
            return _match_json(exp, _json(actual), context) if exp is not _NOT_JSON else []
        act = _json(actual)
        if act is _NOT_JSON or not isinstance(act, dict):
            return [Mismatch("body", "$", "expected a JSON object with a GraphQL query, got "
                             + ("a body that is not JSON" if act is _NOT_JSON else
                                f"JSON {type(act).__name__}"),
                             expected=exp, actual=actual.text() if act is _NOT_JSON else act,
                             rule="graphql")]
        config = graphql_config(getattr(context, "interaction", None)) or {}
        out = query_mismatches(
            exp["query"], exp.get("operationName") or config.get("operation"),
            act.get("query"), act.get("operationName"),
            ignore_typename=bool(config.get("ignoreTypename")), schema=schema_for(config),
        )
        rest_exp = {k: v for k, v in exp.items() if k not in ("query", "operationName")}
        rest_act = {k: v for k, v in act.items() if k not in ("query", "operationName")}
        for member in ("variables", "extensions"):
            if not rest_exp.get(member):
                # An absent, null or empty member in the contract accepts the same from the
                # client (clients differ in sending "variables": {} or nothing at all).
                rest_exp.pop(member, None)
                if not rest_act.get(member) or member == "extensions":
                    rest_act.pop(member, None)
        out.extend(_match_json(rest_exp, rest_act, context))
        return out


class GraphQLQueryMatcher:
    """Matches ``application/graphql`` bodies: the whole body is a query document."""

    def match(self, expected: Any, actual: Any, context: Any) -> list[Mismatch]:
        """Compare two query documents semantically."""
        config = graphql_config(getattr(context, "interaction", None)) or {}
        return query_mismatches(
            expected.text(), config.get("operation"), actual.text(), config.get("operation"),
            ignore_typename=bool(config.get("ignoreTypename")), schema=schema_for(config),
            path="$",
        )


class GraphQLJsonResponseMatcher:
    """Matches GraphQL response bodies with the core's JSON matcher, and when they differ
    while the provider answered with GraphQL ``errors`` the contract does not expect, adds
    one mismatch quoting those errors (usually the reason, e.g. a renamed field)."""

    def match(self, expected: Any, actual: Any, context: Any) -> list[Mismatch]:
        """Compare two response bodies (see the class docstring)."""
        core = context.registry.content_matcher(expected.content_type)
        if core is None:
            return []
        mismatches = list(core.match(expected, actual, context))
        if not mismatches:
            return mismatches
        exp, act = _json(expected), _json(actual)
        errors = act.get("errors") if isinstance(act, dict) else None
        if isinstance(errors, list) and errors and not (isinstance(exp, dict) and "errors" in exp):
            messages = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e)
                                 for e in errors[:5])
            mismatches.append(Mismatch("body", "$.errors", f"the provider answered with GraphQL "
                                       f"errors the contract does not expect: {messages}",
                                       expected=None, actual=errors, rule="graphql"))
        return mismatches


class GraphQLQueryParamsMatcher:
    """Matches the query parameters of a GraphQL GET request: ``query`` semantically,
    ``variables`` and ``extensions`` as decoded JSON, ``operationName`` through operation
    selection, any other parameter exactly.

    Selected for GraphQL GET interactions through the ``polypact_select_query_matcher`` hook.
    """

    GRAPHQL_PARAMS = ("query", "variables", "operationName", "extensions")

    def match(self, expected: dict[str, list[Any]], actual: dict[str, list[Any]],
              context: Any) -> list[Mismatch]:
        """Compare two query-parameter multimaps of GraphQL GET requests."""
        config = graphql_config(getattr(context, "interaction", None)) or {}

        def first(params: dict[str, list[Any]], name: str) -> Any:
            values = params.get(name) or [None]
            return values[0]

        out = query_mismatches(
            first(expected, "query"), first(expected, "operationName") or config.get("operation"),
            first(actual, "query"), first(actual, "operationName"),
            ignore_typename=bool(config.get("ignoreTypename")), schema=schema_for(config),
            path="query",
        )
        for name in ("variables", "extensions"):
            exp, act = _decode(first(expected, name)), _decode(first(actual, name))
            if name == "extensions" and exp in (None, {}):
                continue
            if (exp or {}) != (act or {}):
                out.append(Mismatch("query", name, f"query parameter {name}: expected {exp!r}, "
                                                   f"got {act!r}", expected=exp, actual=act))
        for name in sorted(set(expected) | set(actual)):
            if name in self.GRAPHQL_PARAMS or expected.get(name) == actual.get(name):
                continue
            out.append(Mismatch("query", name, f"query parameter {name}: expected "
                                               f"{expected.get(name)!r}, got {actual.get(name)!r}",
                                expected=expected.get(name), actual=actual.get(name)))
        return out


def _decode(text: Any) -> Any:
    if not isinstance(text, str) or not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
