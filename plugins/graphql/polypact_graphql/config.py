"""The plugin's per-interaction configuration (``pluginConfiguration.graphql``).

Written by the DSL, read by the content matchers and the verification warnings::

    "pluginConfiguration": {"graphql": {
        "operation": "User", "operationType": "query",
        "ignoreTypename": false, "schemaDigest": "3f1c0a9e5b7d2c41"}}

Schemas loaded in this process are remembered by digest so the mock can use the same
schema the consumer test declared (a pact read elsewhere simply has no schema).
"""

from __future__ import annotations

from typing import Any

from polypact.model.interactions import plugin_config

#: The key of this plugin in ``pluginConfiguration`` (and its entry-point name).
PLUGIN_KEY = "graphql"

_SCHEMAS: dict[str, Any] = {}


def graphql_config(interaction: Any) -> dict[str, Any] | None:
    """The interaction's GraphQL configuration, or ``None`` if it is not a GraphQL one."""
    return plugin_config(interaction, PLUGIN_KEY)


def remember_schema(digest: str, schema: Any) -> None:
    """Keep a loaded schema for interactions that name its digest."""
    _SCHEMAS[digest] = schema


def schema_for(config: dict[str, Any] | None) -> Any:
    """The schema an interaction's configuration names, when this process loaded it."""
    if not config:
        return None
    digest = config.get("schemaDigest")
    return _SCHEMAS.get(digest) if isinstance(digest, str) else None
