"""Provider-side warnings: pacts that query fields the provider's schema deprecates.

The provider's schema comes from :func:`use_provider_schema` (Python) or the environment
variable ``POLYPACT_GRAPHQL_SCHEMA`` (a path to an SDL file; works with ``polypact verify``).
Without one, nothing is checked. Warnings never fail a verification.
"""

from __future__ import annotations

import os
from typing import Any

from polypact_graphql.config import graphql_config

ENV_SCHEMA = "POLYPACT_GRAPHQL_SCHEMA"
_explicit: list[Any] = []


def use_provider_schema(schema: Any) -> None:
    """Use ``schema`` (SDL text, a path, or a GraphQLSchema; ``None`` to forget it) for
    deprecation warnings during verification in this process."""
    _explicit.clear()
    if schema is not None:
        from polypact_graphql.schema import load_schema

        _explicit.append(load_schema(schema)[0])


def provider_schema() -> Any:
    """The provider schema in effect (``None`` when none is configured)."""
    if _explicit:
        return _explicit[0]
    path = os.environ.get(ENV_SCHEMA)
    if not path:
        return None
    from polypact_graphql.schema import load_schema

    return load_schema(path)[0]


def request_query(interaction: Any) -> tuple[str | None, str | None]:
    """The query text and operation name an HTTP GraphQL interaction sends (POST JSON body,
    ``application/graphql`` body or GET query parameters)."""
    request = getattr(interaction, "request", None)
    if request is None:
        return None, None
    config = graphql_config(interaction) or {}
    if request.query.get("query"):
        names = request.query.get("operationName") or [config.get("operation")]
        return request.query["query"][0], names[0]
    body = request.body
    if not body.is_present:
        return None, None
    if body.media_type == "application/graphql":
        return body.text(), config.get("operation")
    try:
        value = body.json_value()
    except ValueError:
        return None, None
    if isinstance(value, dict) and isinstance(value.get("query"), str):
        return value["query"], value.get("operationName") or config.get("operation")
    return None, None


def deprecation_warnings(interaction: Any) -> list[str]:
    """One warning per deprecated field, argument or enum value ``interaction`` uses."""
    schema = provider_schema()
    if schema is None or graphql_config(interaction) is None:
        return []
    query, _ = request_query(interaction)
    if query is None:
        return []
    from polypact_graphql.document import GraphQLDocumentError, parse_query
    from polypact_graphql.schema import deprecated_usages

    try:
        document = parse_query(query, source=f"query of {interaction.description!r}")
    except GraphQLDocumentError as exc:
        return [f"GraphQL: {exc}"]
    return [f"GraphQL: {interaction.description!r} uses a deprecated part of the provider's "
            f"schema ({usage})" for usage in deprecated_usages(schema, document)]
