"""Parsing GraphQL documents and picking the operation a request runs.

Every failure is a :class:`GraphQLDocumentError` (a :class:`polypact.errors.UsageError`)
whose message names where the text came from, the line and column, and what was wrong.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from polypact.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from graphql import DocumentNode, OperationDefinitionNode


class GraphQLDocumentError(UsageError):
    """A GraphQL query (or SDL) could not be parsed or does not contain the operation asked
    for. ``source`` names the text's origin, ``line``/``column`` locate the problem."""

    def __init__(self, message: str, *, source: str = "<query>", line: int | None = None,
                 column: int | None = None):
        self.source = source
        self.line = line
        self.column = column
        self.reason = message
        where = source if line is None else f"{source}, line {line}, column {column}"
        super().__init__(f"{where}: {message}")


def syntax_error(exc: Exception, text: str, source: str) -> GraphQLDocumentError:
    """Turn a graphql-core ``GraphQLSyntaxError`` into a readable error with a caret line."""
    locations = getattr(exc, "locations", None) or []
    line = column = None
    detail = getattr(exc, "description", None) or str(exc).split("\n", 1)[0]
    if locations:
        line, column = locations[0].line, locations[0].column
        lines = text.splitlines()
        if 0 < line <= len(lines):
            detail += f"\n    {lines[line - 1]}\n    {' ' * (column - 1)}^"
    return GraphQLDocumentError(detail, source=source, line=line, column=column)


@lru_cache(maxsize=512)
def _parse_cached(text: str) -> DocumentNode:
    from graphql import parse

    return parse(text, no_location=False)


def parse_query(text: str, *, source: str = "<query>") -> DocumentNode:
    """Parse an executable GraphQL document (cached by text).

    Raises :class:`GraphQLDocumentError` when ``text`` is not a string, does not parse, or
    contains type-system definitions instead of operations and fragments.
    """
    if not isinstance(text, str):
        raise GraphQLDocumentError(
            f"expected the GraphQL query as a string, got {type(text).__name__}", source=source
        )
    from graphql import GraphQLSyntaxError
    from graphql.language import ExecutableDefinitionNode

    try:
        document = _parse_cached(text)
    except GraphQLSyntaxError as exc:
        raise syntax_error(exc, text, source) from None
    for definition in document.definitions:
        if not isinstance(definition, ExecutableDefinitionNode):
            loc = definition.loc.source.get_location(definition.loc.start) if definition.loc else None
            raise GraphQLDocumentError(
                f"a query may contain only operations and fragments, found a "
                f"{definition.kind.replace('_', ' ')}",
                source=source, line=loc.line if loc else None, column=loc.column if loc else None,
            )
    return document


def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    """The operation definitions of a document, in order."""
    from graphql.language import OperationDefinitionNode

    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def select_operation(
    document: DocumentNode, operation_name: str | None, *, source: str = "<query>"
) -> OperationDefinitionNode:
    """The operation a request with ``operation_name`` runs (GraphQL's GetOperation).

    Without a name the document must contain exactly one operation.
    """
    ops = operations(document)
    if not ops:
        raise GraphQLDocumentError("the document contains no operation", source=source)
    if operation_name is None or operation_name == "":
        if len(ops) > 1:
            names = ", ".join(op.name.value if op.name else "<anonymous>" for op in ops)
            raise GraphQLDocumentError(
                f"the document has {len(ops)} operations ({names}); operationName must say "
                f"which one to run", source=source,
            )
        return ops[0]
    for op in ops:
        if op.name is not None and op.name.value == operation_name:
            return op
    names = ", ".join(op.name.value for op in ops if op.name) or "none named"
    raise GraphQLDocumentError(
        f"operationName {operation_name!r} names no operation in the document (operations: "
        f"{names})", source=source,
    )


def fragments(document: DocumentNode) -> dict[str, object]:
    """The fragment definitions of a document by name."""
    from graphql.language import FragmentDefinitionNode

    return {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
