"""Normalised GraphQL operations: the form in which two queries are compared.

Normalisation removes everything that does not change what an operation asks for:
whitespace, comments, the order of fields, arguments, variable definitions and directives,
named and inline fragments (inlined into their parent), repeated fields (merged) and,
optionally, unaliased ``__typename`` fields. What it keeps: the operation type and name,
response keys (the alias when there is one, else the field name), field names, argument
values, variable definitions (type and default), directives, and type conditions that
narrow an abstract type (see :func:`normalize_operation` for how those are recognised).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from polypact_graphql.document import (
    GraphQLDocumentError,
    fragments,
    parse_query,
    select_operation,
)
from polypact_graphql.printing import field_text as _field_text
from polypact_graphql.printing import print_directive, print_value


@dataclass
class NSelection:
    """A normalised selection set: fields by response key, plus sub-selections kept
    under a type condition (``... on Admin``) when that condition narrows the parent."""

    fields: dict[str, NField] = field(default_factory=dict)
    conditions: dict[str, NSelection] = field(default_factory=dict)


@dataclass
class NField:
    """A normalised field: response key, field name, arguments (name to canonical value
    text), directives (sorted canonical text) and its selection (``None`` for leaves)."""

    key: str
    name: str
    args: dict[str, str]
    directives: tuple[str, ...]
    selection: NSelection | None


@dataclass(frozen=True)
class NVariable:
    """A normalised variable definition: type text, default value text, directives."""

    type: str
    default: str | None
    directives: tuple[str, ...] = ()


@dataclass
class NOperation:
    """A normalised operation: what the contract (or a request) asks the provider for."""

    type: str
    name: str | None
    variables: dict[str, NVariable]
    directives: tuple[str, ...]
    selection: NSelection


def _directives(nodes: Any) -> tuple[str, ...]:
    return tuple(print_directive(d) for d in nodes or ())


class _Normalizer:
    """Walks one operation, inlining fragments and merging fields."""

    def __init__(self, document: Any, schema: Any, ignore_typename: bool, source: str):
        self.fragments = fragments(document)
        self.schema = schema
        self.ignore_typename = ignore_typename
        self.source = source

    # -- types (only with a schema) ------------------------------------------------------
    def _root_type(self, op_type: str) -> Any:
        if self.schema is None:
            return None
        return {
            "query": self.schema.query_type,
            "mutation": self.schema.mutation_type,
            "subscription": self.schema.subscription_type,
        }.get(op_type)

    def _field_type(self, parent: Any, name: str) -> Any:
        fields = getattr(parent, "fields", None)
        if parent is None or fields is None or name not in fields:
            return None
        from graphql import get_named_type

        return get_named_type(fields[name].type)

    def _type_named(self, name: str) -> Any:
        return self.schema.get_type(name) if self.schema is not None else None

    # -- selection sets -------------------------------------------------------------------
    def _conditions_in(self, selection_set: Any) -> set[str]:
        found: set[str] = set()
        for sel in selection_set.selections:
            if sel.kind == "fragment_spread":
                frag = self.fragments.get(sel.name.value)
                if frag is not None:
                    found.add(frag.type_condition.name.value)
            elif sel.kind == "inline_fragment" and sel.type_condition is not None:
                found.add(sel.type_condition.name.value)
        return found

    def _flattens(self, condition: str | None, parent: Any, distinct: int) -> bool:
        if condition is None:
            return True
        if parent is not None:
            from graphql import is_object_type

            return is_object_type(parent) or parent.name == condition
        # Without a schema: a single type condition is taken to be the parent's own type
        # (fragment on the field's type); several distinct ones narrow an abstract type.
        return distinct <= 1

    def collect(self, selection_set: Any, target: NSelection, parent: Any,
                inherited: tuple[str, ...], path: tuple[str, ...], visiting: frozenset) -> None:
        """Add the selections of ``selection_set`` to ``target``."""
        distinct = len(self._conditions_in(selection_set))
        for sel in selection_set.selections:
            if sel.kind == "field":
                if self.ignore_typename and sel.name.value == "__typename" and sel.alias is None:
                    continue
                self._merge(target, self._field(sel, parent, inherited, path, visiting), path)
                continue
            if sel.kind == "fragment_spread":
                name = sel.name.value
                frag = self.fragments.get(name)
                if frag is None:
                    raise GraphQLDocumentError(
                        f"fragment {name!r} is used at {_dotted(path)} but never defined",
                        source=self.source)
                if name in visiting:
                    raise GraphQLDocumentError(
                        f"fragment {name!r} spreads itself (cycle)", source=self.source)
                condition = frag.type_condition.name.value
                body, visiting_next = frag.selection_set, visiting | {name}
                extra = _directives(sel.directives) + _directives(frag.directives)
            else:  # inline fragment
                condition = sel.type_condition.name.value if sel.type_condition else None
                body, visiting_next = sel.selection_set, visiting
                extra = _directives(sel.directives)
            if self._flattens(condition, parent, distinct):
                self.collect(body, target, parent, inherited + extra, path, visiting_next)
            else:
                group = target.conditions.setdefault(condition, NSelection())
                self.collect(body, group, self._type_named(condition), inherited + extra,
                             path + (f"{{on {condition}}}",), visiting_next)

    def _field(self, node: Any, parent: Any, inherited: tuple[str, ...],
               path: tuple[str, ...], visiting: frozenset) -> NField:
        name = node.name.value
        key = node.alias.value if node.alias else name
        args = {a.name.value: print_value(a.value) for a in node.arguments or ()}
        directives = tuple(sorted(set(inherited) | set(_directives(node.directives))))
        selection = None
        if node.selection_set is not None:
            selection = NSelection()
            self.collect(node.selection_set, selection, self._field_type(parent, name), (),
                         path + (key,), visiting)
        return NField(key, name, args, directives, selection)

    def _merge(self, target: NSelection, new: NField, path: tuple[str, ...]) -> None:
        old = target.fields.get(new.key)
        if old is None:
            target.fields[new.key] = new
            return
        where = _dotted(path + (new.key,))
        if old.name != new.name or old.args != new.args:
            raise GraphQLDocumentError(
                f"fields at {where} conflict: {_field_text(old)} and {_field_text(new)} "
                f"share the response key {new.key!r}", source=self.source)
        if (old.selection is None) != (new.selection is None):
            raise GraphQLDocumentError(
                f"fields at {where} conflict: one has a selection set, the other does not",
                source=self.source)
        directives = tuple(sorted(set(old.directives) | set(new.directives)))
        merged = NField(old.key, old.name, old.args, directives, old.selection)
        if old.selection is not None and new.selection is not None:
            _merge_selection(merged.selection, new.selection, self, path + (new.key,))
        target.fields[new.key] = merged

    def operation(self, op: Any) -> NOperation:
        """Normalise one operation definition node."""
        op_type = op.operation.value
        from graphql import print_ast

        variables = {
            v.variable.name.value: NVariable(
                print_ast(v.type),
                print_value(v.default_value) if v.default_value is not None else None,
                tuple(sorted(_directives(v.directives))),
            )
            for v in op.variable_definitions or ()
        }
        selection = NSelection()
        self.collect(op.selection_set, selection, self._root_type(op_type), (), (), frozenset())
        return NOperation(op_type, op.name.value if op.name else None, variables,
                          tuple(sorted(_directives(op.directives))), selection)


def _merge_selection(into: NSelection, other: NSelection, norm: _Normalizer,
                     path: tuple[str, ...]) -> None:
    for f in other.fields.values():
        norm._merge(into, f, path)
    for cond, sub in other.conditions.items():
        group = into.conditions.setdefault(cond, NSelection())
        _merge_selection(group, sub, norm, path + (f"{{on {cond}}}",))


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(path) if path else "the operation root"


def normalize_operation(document: Any, operation: Any, *, schema: Any = None,
                        ignore_typename: bool = False, source: str = "<query>") -> NOperation:
    """Normalise ``operation`` (a node of ``document``).

    Fragments are inlined. A type condition is dropped (its fields merged into the parent)
    when it cannot narrow anything: with a ``schema``, when the parent is an object type or
    the condition names the parent type; without one, when a selection set uses at most one
    distinct type condition (a fragment on the field's own type). Otherwise the fields stay
    grouped under ``on Type``. Raises :class:`GraphQLDocumentError` for undefined or cyclic
    fragments and conflicting fields.
    """
    return _Normalizer(document, schema, ignore_typename, source).operation(operation)


def normalize_query(text: str, operation_name: str | None = None, *, schema: Any = None,
                    ignore_typename: bool = False, source: str = "<query>") -> NOperation:
    """Parse ``text``, select the operation named ``operation_name`` and normalise it."""
    document = parse_query(text, source=source)
    op = select_operation(document, operation_name, source=source)
    return normalize_operation(document, op, schema=schema, ignore_typename=ignore_typename,
                               source=source)


def canonical_text(op: NOperation) -> str:
    """A deterministic one-operation document: equal for equivalent queries."""
    from polypact_graphql.printing import operation_text

    return operation_text(op)
