"""Schema awareness: loading SDL and checking queries, variables and examples against it.

All checks raise :class:`GraphQLSchemaError` (a :class:`polypact.errors.UsageError`) at
consumer-test time, with every problem on its own line, located in the query (line and
column) or in the response example (GraphQL path such as ``data.user.age``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from polypact.errors import UsageError

from polypact_graphql.document import GraphQLDocumentError, syntax_error


class GraphQLSchemaError(UsageError):
    """A schema does not load, or a query, its variables or a response example break it."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}:\n{lines}" if len(problems) > 1 else f"{source}: {problems[0]}")


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and "{" not in value and len(value) < 4096


def load_schema(schema: Any) -> tuple[Any, str]:
    """``(GraphQLSchema, source name)`` from a schema object, a path to an SDL file, or SDL
    text. Raises :class:`GraphQLSchemaError` / :class:`GraphQLDocumentError` naming the file
    (or ``<schema>``), line and column when it does not parse or is not a valid schema."""
    from graphql import GraphQLSchema

    if isinstance(schema, GraphQLSchema):
        return schema, "<schema>"
    if isinstance(schema, Path) or (isinstance(schema, str) and _looks_like_path(schema)):
        path = Path(schema)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise GraphQLSchemaError(str(path), [f"cannot read the schema file: {exc.strerror}"]) from None
        return _build(text, str(path)), str(path)
    if isinstance(schema, str):
        return _build(schema, "<schema>"), "<schema>"
    raise GraphQLSchemaError("<schema>", [
        f"expected a schema as SDL text, a path or a GraphQLSchema, got {type(schema).__name__}"])


@lru_cache(maxsize=32)
def _build(text: str, source: str) -> Any:
    from graphql import GraphQLSyntaxError, build_schema, validate_schema

    try:
        schema = build_schema(text)
    except GraphQLSyntaxError as exc:
        raise syntax_error(exc, text, source) from None
    except (TypeError, ValueError) as exc:  # unknown types, bad extensions
        raise GraphQLSchemaError(source, [f"not a valid schema: {exc}"]) from None
    errors = validate_schema(schema)
    if errors:
        raise GraphQLSchemaError(source, [f"not a valid schema: {e.message}" for e in errors])
    return schema


def schema_digest(schema: Any) -> str:
    """A short stable digest of a schema's SDL (written to the pact for reference)."""
    from graphql import print_schema

    return hashlib.sha256(print_schema(schema).encode("utf-8")).hexdigest()[:16]


def _located(error: Any) -> str:
    locs = error.locations or []
    where = f"line {locs[0].line}, column {locs[0].column}: " if locs else ""
    return where + error.message


def validate_query(schema: Any, document: Any, *, source: str = "<query>") -> None:
    """Raise when ``document`` is not valid against ``schema`` (unknown fields, wrong
    argument types, missing required arguments, ...)."""
    from graphql import validate

    errors = validate(schema, document)
    if errors:
        raise GraphQLSchemaError(f"{source} is invalid against the schema",
                                 [_located(e) for e in errors])


def check_variables(schema: Any, operation: Any, variables: dict[str, Any] | None, *,
                    source: str = "<query>") -> None:
    """Raise when the example ``variables`` do not fit the operation's variable types."""
    from graphql.execution.values import get_variable_values

    result = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    if isinstance(result, list):
        raise GraphQLSchemaError(f"variables of {source}", [e.message for e in result])


def deprecated_usages(schema: Any, document: Any) -> list[str]:
    """What ``document`` uses that ``schema`` marks deprecated, one line each."""
    from graphql import NoDeprecatedCustomRule, validate

    return [_located(e) for e in validate(schema, document, [NoDeprecatedCustomRule])]


def load_document_and_operation(query: str, operation_name: str | None,
                                source: str) -> tuple[Any, Any]:
    """Parse ``query`` and select its operation (helper shared by checks)."""
    from polypact_graphql.document import parse_query, select_operation

    document = parse_query(query, source=source)
    return document, select_operation(document, operation_name, source=source)


__all__ = [
    "GraphQLDocumentError", "GraphQLSchemaError", "check_variables", "deprecated_usages",
    "load_document_and_operation", "load_schema", "schema_digest", "validate_query",
]
