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
from typing import Any

from polypact.errors import UsageError
from polypact.model import Body, HttpRequest, HttpResponse, SynchronousHttp

from polypact_graphql.config import PLUGIN_KEY, graphql_config, remember_schema

_UNSET: Any = object()
_STATE_ATTR = "_polypact_graphql"


def _extract(value: Any) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    from polypact.dsl import extract

    extracted = extract(value, base_path="$")
    return extracted.example, dict(extracted.rules), dict(extracted.generators)


def _plain_headers(headers: Mapping[str, Any] | None, where: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in (headers or {}).items():
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        if not all(isinstance(v, str) for v in values):
            raise UsageError(f"{where} header {name!r}: expected string values, got {value!r}")
        out[str(name)] = values
    return out


def _http_interaction(builder: Any) -> SynchronousHttp:
    current = builder.interaction
    if current is None:
        current = SynchronousHttp()
        builder.interaction = current
    elif not isinstance(current, SynchronousHttp):
        raise UsageError(f"interaction {builder.description!r} is already a {current.type} "
                         f"interaction; with_graphql() needs an HTTP one")
    return current


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
    example, rules, generators = _extract(body)

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

    request = HttpRequest(method=method, path=path, headers=_plain_headers(headers, where))
    if method == "POST":
        request.headers.setdefault("Content-Type", ["application/json"])
        request.body = Body.from_json(example)
        for rule_path, rule_list in rules.items():
            request.matching_rules.set("body", rule_path, rule_list)
        for gen_path, generator in generators.items():
            request.generators.add("body", gen_path, generator)
    else:
        if rules or generators:
            raise UsageError(f"{where}: matchers in variables need method='POST' (a GET "
                             f"request carries them as one JSON text parameter)")
        request.query = {"query": [query]}
        if variables is not None:
            request.query["variables"] = [json.dumps(example["variables"], separators=(",", ":"))]
        if operation_name is not None:
            request.query["operationName"] = [operation_name]
        if extensions is not None:
            request.query["extensions"] = [json.dumps(example["extensions"], separators=(",", ":"))]

    interaction = _http_interaction(builder)
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
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise UsageError(f"{where}: the status must be an integer from 100 to 599, got {status!r}")
    if data is _UNSET and errors is None:
        raise UsageError(f"{where}: a GraphQL response needs data=..., errors=[...] or both")
    body: dict[str, Any] = {}
    if data is not _UNSET:
        body["data"] = data
    if errors is not None:
        body["errors"] = errors
    if extensions is not None:
        body["extensions"] = dict(extensions)
    example, rules, generators = _extract(body)
    document, operation, schema = state
    if schema is not None:
        from polypact_graphql.examples import check_response_example

        check_response_example(schema, document, operation, example,
                               source=f"the response example of {where}")
    response = HttpResponse(status=status, headers=_plain_headers(headers, where))
    response.headers.setdefault("Content-Type", [content_type])
    response.body = Body.from_json(example, content_type)
    for rule_path, rule_list in rules.items():
        response.matching_rules.set("body", rule_path, rule_list)
    for gen_path, generator in generators.items():
        response.generators.add("body", gen_path, generator)
    _http_interaction(builder).response = response
    return builder


BUILDERS = {
    "with_graphql": with_graphql,
    "will_respond_with_graphql": will_respond_with_graphql,
}
