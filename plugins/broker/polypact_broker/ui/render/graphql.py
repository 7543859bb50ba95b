"""GraphQL interactions: HTTP interactions with ``pluginConfiguration.graphql``.

The query is shown as formatted GraphQL text and the variables as JSON; the response is
shown as for any HTTP interaction.
"""

from __future__ import annotations

import json
from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.bodies import header, view_body
from polypact_broker.ui.render.graphqltext import pretty_graphql
from polypact_broker.ui.render.http import http_response, request_line, two_columns
from polypact_broker.ui.render.parts import (
    generators_section,
    headers_table,
    meta,
    pre,
    rules_section,
)


def graphql_document(request: dict[str, Any]) -> tuple[str | None, Any, str | None]:
    """(query, variables, operationName) from a GraphQL request: a JSON body
    ``{query, variables, operationName}``, an ``application/graphql`` body or a GET
    ``query`` parameter."""
    view = view_body(request.get("body"), header(request.get("headers"), "Content-Type"))
    if view is not None and isinstance(view.value, dict):
        query = view.value.get("query")
        return (query if isinstance(query, str) else None, view.value.get("variables"),
                view.value.get("operationName"))
    if view is not None and view.text is not None and view.value is None:
        return view.text, None, None
    params = request.get("query")
    if isinstance(params, dict):
        q = params.get("query")
        q = q[0] if isinstance(q, list) and q else q
        if isinstance(q, str):
            return q, None, None
    return None, None, None


def render_graphql(interaction: dict[str, Any]) -> Safe:
    """A GraphQL operation over HTTP."""
    config = (interaction.get("pluginConfiguration") or {}).get("graphql") or {}
    request = interaction.get("request") if isinstance(interaction.get("request"), dict) else {}
    query, variables, operation_name = graphql_document(request)
    left = render([
        meta([("Operation", config.get("operation") or operation_name),
              ("Operation type", config.get("operationType"))]),
        request_line(request),
        tag("h4", "Query"),
        pre(pretty_graphql(query), class_="graphql") if query else
        tag("p", "no query found in the request", class_="muted"),
        [tag("h4", "Variables"), pre(json.dumps(variables, indent=2, ensure_ascii=False),
                                     class_="variables")] if variables is not None else None,
        headers_table(request.get("headers")),
        rules_section(request.get("matchingRules")),
        generators_section(request.get("generators")),
    ])
    return two_columns("Request", left, "Response", http_response(interaction.get("response")))
