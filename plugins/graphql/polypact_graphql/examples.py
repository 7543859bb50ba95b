"""Checking a response example against the query's selection set and the schema's types.

The consumer writes the response it expects (``data`` and ``errors``); this module makes
sure that example is one the provider could actually send for the query: every selected
field present (fields under ``@include``/``@skip`` may be absent), nothing unselected,
scalars of the right kind, non-null fields not null, lists where lists are declared.
"""

from __future__ import annotations

from typing import Any

from polypact_graphql.normalize import NSelection, normalize_operation
from polypact_graphql.schema import GraphQLSchemaError

_SCALARS = {
    "Int": lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31,
    "Float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "Boolean": lambda v: isinstance(v, bool),
    "ID": lambda v: isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)),
}


def check_response_example(schema: Any, document: Any, operation: Any, body: Any, *,
                           source: str = "the response example") -> None:
    """Raise :class:`GraphQLSchemaError` listing every way ``body`` (the example response
    body, matchers already replaced by their examples) contradicts the query and schema."""
    problems: list[str] = []
    if not isinstance(body, dict):
        raise GraphQLSchemaError(source, ["a GraphQL response body must be a JSON object"])
    for key in body:
        if key not in ("data", "errors", "extensions"):
            problems.append(f"{key}: not a GraphQL response member (data, errors, extensions)")
    errors = body.get("errors")
    if errors is not None:
        if not isinstance(errors, list):
            problems.append("errors: must be a list of error objects")
        else:
            for i, err in enumerate(errors):
                if not isinstance(err, dict) or not isinstance(err.get("message"), str):
                    problems.append(f"errors[{i}]: an error needs a string 'message'")
    data = body.get("data")
    if data is not None:
        normalised = normalize_operation(document, operation, schema=schema)
        root = {"query": schema.query_type, "mutation": schema.mutation_type,
                "subscription": schema.subscription_type}[normalised.type]
        _Checker(schema, problems).check_object(normalised.selection, root, data, "data")
    if problems:
        raise GraphQLSchemaError(source, problems)


class _Checker:
    """Walks an example value alongside the normalised selection and the schema types."""

    def __init__(self, schema: Any, problems: list[str]):
        self.schema = schema
        self.problems = problems

    def check_object(self, sel: NSelection, parent: Any, value: Any, path: str) -> None:
        """Check an object value selected with ``sel`` on type ``parent``."""
        from graphql import is_abstract_type

        if not isinstance(value, dict):
            self.problems.append(f"{path}: expected an object of type {parent.name}, got "
                                 f"{_kind(value)}")
            return
        concrete = parent
        if is_abstract_type(parent):
            typename = value.get("__typename")
            concrete = self.schema.get_type(typename) if isinstance(typename, str) else None
        # response key -> (field, type to look the field up on, required?)
        allowed: dict[str, tuple[Any, Any, bool]] = {
            key: (f, concrete or parent, True) for key, f in sel.fields.items()
        }
        for cond, sub in sel.conditions.items():
            cond_type = self.schema.get_type(cond)
            if concrete is None:
                applies, required = True, False
            else:
                applies = cond == concrete.name or (
                    cond_type is not None and is_abstract_type(cond_type)
                    and self.schema.is_sub_type(cond_type, concrete))
                required = applies
            if applies:
                for key, f in sub.fields.items():
                    allowed.setdefault(key, (f, concrete or cond_type, required))
        for key, (f, owner, required) in allowed.items():
            field_path = f"{path}.{key}"
            if key not in value:
                conditional = any(d.startswith(("@include", "@skip")) for d in f.directives)
                if required and not conditional:
                    self.problems.append(
                        f"{field_path}: selected by the query but missing from the example")
                continue
            field_type = _field_type(owner, f.name)
            if field_type is not None:
                self.check_value(f.selection, field_type, value[key], field_path)
        for key in value:
            if key not in allowed:
                self.problems.append(f"{path}.{key}: in the example but not selected by the query")

    def check_value(self, sel: NSelection | None, type_: Any, value: Any, path: str) -> None:
        """Check any value against its declared output type."""
        from graphql import is_enum_type, is_list_type, is_non_null_type, is_scalar_type

        declared = type_
        if is_non_null_type(type_):
            if value is None:
                self.problems.append(f"{path}: is null but its type {type_} is non-null")
                return
            type_ = type_.of_type
        if value is None:
            return
        if is_list_type(type_):
            if not isinstance(value, list):
                self.problems.append(f"{path}: expected a list ({declared}), got {_kind(value)}")
                return
            for i, item in enumerate(value):
                self.check_value(sel, type_.of_type, item, f"{path}[{i}]")
            return
        if is_scalar_type(type_):
            check = _SCALARS.get(type_.name)
            if check is not None and not check(value):
                self.problems.append(f"{path}: {_kind(value)} {value!r} is not a valid {type_.name}")
            return
        if is_enum_type(type_):
            if value not in type_.values:
                self.problems.append(f"{path}: {value!r} is not a value of enum {type_.name} "
                                     f"({', '.join(type_.values)})")
            return
        self.check_object(sel or NSelection(), type_, value, path)


def _field_type(owner: Any, name: str) -> Any:
    from graphql import GraphQLNonNull, GraphQLString

    if name == "__typename":
        return GraphQLNonNull(GraphQLString)
    fields = getattr(owner, "fields", None)
    if fields and name in fields:
        return fields[name].type
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"
