"""The GraphQL consumer DSL: ``with_graphql`` and ``will_respond_with_graphql``.

::

    (pact.upon_receiving("a query for user 1")
        .given("user 1 exists")
        .with_graphql('query User($id: ID!) { user(id: $id) { id name } }',
                      variables={"id": "1"}, operation_name="User", schema="schema.graphql")
        .will_respond_with_graphql(data={"user": {"id": like("1"), "name": like("Ann")}}))

The interaction is an ordinary ``Synchronous/HTTP`` one (POST ``/graphql`` with a JSON body
``{"query", "variables", "operationName"}``, or GET with query parameters), readable by any
Pact tool; what makes it GraphQL is ``pluginConfiguration.graphql`` (see
:mod:`polypact_graphql.config`). Everything is checked when it is declared: the query must
parse, and with a schema the query must be valid, the variables must fit their types and the
response example must fit the selection set.

(``will_respond_with`` is the HTTP plugin's method; a DSL name belongs to one plugin, hence
``will_respond_with_graphql``.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from polypact.consumer.parts import checked_status, http_interaction, string_headers
from polypact.errors import UsageError
from polypact.model import Body, HttpRequest, HttpResponse

from polypact_graphql.config import PLUGIN_KEY, graphql_config, remember_schema

if TYPE_CHECKING:
    from polypact.dsl import Extracted

_UNSET: Any = object()
_STATE_ATTR = "_polypact_graphql"


def _extract(value: Any) -> Extracted:
    from polypact.dsl import extract

    return extract(value, base_path="$")


def with_graphql(
    builder: Any,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    *,
    method: str = "POST",
    path: str = "/graphql",
    headers: Mapping[str, Any] | None = None,
    extensions: Mapping[str, Any] | None = None,
    schema: Any = None,
    ignore_typename: bool = False,
) -> Any:
    """Declare a GraphQL request: the query, its variables (matchers allowed with POST),
    the operation name, the HTTP method (``POST`` JSON body or ``GET`` query parameters),
    the endpoint path, extra headers, ``extensions``, an optional ``schema`` (SDL text, a
    path to an SDL file, or a ``GraphQLSchema``) and whether to ignore ``__typename``
    fields when matching queries."""
    from polypact_graphql.document import parse_query, select_operation

    where = f"interaction {builder.description!r}"
    source = f"the GraphQL query of {where}"
    document = parse_query(query, source=source)
    operation = select_operation(document, operation_name, source=source)
    method = str(method).upper()
    if method not in ("POST", "GET"):
        raise UsageError(f"{where}: a GraphQL request is sent with POST or GET, not {method}")
    if not isinstance(path, str) or not path.startswith("/"):
        raise UsageError(f"{where}: the endpoint path must start with '/', got {path!r}")
    if variables is not None and not isinstance(variables, Mapping):
        raise UsageError(f"{where}: variables must be a mapping, got {type(variables).__name__}")

    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = dict(variables)
    if operation_name is not None:
        body["operationName"] = operation_name
    if extensions is not None:
        body["extensions"] = dict(extensions)
    extracted = _extract(body)
    example = extracted.example

    config: dict[str, Any] = {
        "operation": operation_name or (operation.name.value if operation.name else None),
        "operationType": operation.operation.value,
    }
    if ignore_typename:
        config["ignoreTypename"] = True
    loaded = None
    if schema is not None:
        from polypact_graphql.schema import (
            check_variables,
            load_schema,
            schema_digest,
            validate_query,
        )

        loaded, _ = load_schema(schema)
        validate_query(loaded, document, source=source)
        check_variables(loaded, operation, example.get("variables"), source=source)
        config["schemaDigest"] = digest = schema_digest(loaded)
        remember_schema(digest, loaded)
    if config["operation"] is None:
        del config["operation"]

    request = HttpRequest(method=method, path=path, headers=string_headers(headers, where))
    if method == "POST":
        request.headers.setdefault("Content-Type", ["application/json"])
        request.body = Body.from_json(example)
        extracted.add_to(request.matching_rules, request.generators)
    else:
        if extracted.rules or extracted.generators:
            raise UsageError(f"{where}: matchers in variables need method='POST' (a GET "
                             f"request carries them as one JSON text parameter)")
        request.query = {"query": [query]}
        if variables is not None:
            request.query["variables"] = [json.dumps(example["variables"], separators=(",", ":"))]
        if operation_name is not None:
            request.query["operationName"] = [operation_name]
        if extensions is not None:
            request.query["extensions"] = [json.dumps(example["extensions"], separators=(",", ":"))]

    interaction = http_interaction(builder, "with_graphql() needs an HTTP one")
    interaction.request = request
    interaction.plugin_configuration[PLUGIN_KEY] = config
    setattr(builder, _STATE_ATTR, (document, operation, loaded))
    return builder


def will_respond_with_graphql(
    builder: Any,
    data: Any = _UNSET,
    errors: list[Any] | None = None,
    *,
    status: int = 200,
    headers: Mapping[str, Any] | None = None,
    extensions: Mapping[str, Any] | None = None,
    content_type: str = "application/json",
) -> Any:
    """Declare the GraphQL response: ``data`` and/or ``errors`` (matchers allowed
    anywhere), the HTTP status, headers, ``extensions`` and the content type. With a schema
    given to :func:`with_graphql`, the example must fit the query's selection and types."""
    where = f"interaction {builder.description!r}"
    state = getattr(builder, _STATE_ATTR, None)
    if state is None or graphql_config(builder.interaction) is None:
        raise UsageError(f"{where}: call with_graphql(...) before will_respond_with_graphql(...)")
    checked_status(status, where)
    if data is _UNSET and errors is None:
        raise UsageError(f"{where}: a GraphQL response needs data=..., errors=[...] or both")
    body: dict[str, Any] = {}
    if data is not _UNSET:
        body["data"] = data
    if errors is not None:
        body["errors"] = errors
    if extensions is not None:
        body["extensions"] = dict(extensions)
    extracted = _extract(body)
    example = extracted.example
    document, operation, schema = state
    if schema is not None:
        from polypact_graphql.examples import check_response_example

        check_response_example(schema, document, operation, example,
                               source=f"the response example of {where}")
    response = HttpResponse(status=status, headers=string_headers(headers, where))
    response.headers.setdefault("Content-Type", [content_type])
    response.body = Body.from_json(example, content_type)
    extracted.add_to(response.matching_rules, response.generators)
    http_interaction(builder, "with_graphql() needs an HTTP one").response = response
    return builder


BUILDERS = {
    "with_graphql": with_graphql,
    "will_respond_with_graphql": will_respond_with_graphql,
}
