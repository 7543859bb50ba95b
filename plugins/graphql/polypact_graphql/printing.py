"""Canonical text of normalised GraphQL values, directives and operations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from polypact_graphql.document import GraphQLDocumentError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from polypact_graphql.normalize import NField, NOperation, NSelection


def print_value(node: Any) -> str:
    """The canonical text of a GraphQL value literal (object fields sorted, strings
    JSON-quoted, block strings equal to ordinary strings)."""
    kind = node.kind
    if kind == "variable":
        return "$" + node.name.value
    if kind == "int_value":
        return str(int(node.value))
    if kind == "float_value":
        return repr(float(node.value))
    if kind == "string_value":
        return json.dumps(node.value, ensure_ascii=False)
    if kind == "boolean_value":
        return "true" if node.value else "false"
    if kind == "null_value":
        return "null"
    if kind == "enum_value":
        return node.value
    if kind == "list_value":
        return "[" + ", ".join(print_value(v) for v in node.values) + "]"
    if kind == "object_value":
        items = sorted((f.name.value, print_value(f.value)) for f in node.fields)
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    raise GraphQLDocumentError(f"unsupported value literal of kind {kind!r}")


def print_directive(node: Any) -> str:
    """The canonical text of one directive (arguments sorted by name)."""
    args = sorted((a.name.value, print_value(a.value)) for a in node.arguments or ())
    inner = f"({', '.join(f'{k}: {v}' for k, v in args)})" if args else ""
    return f"@{node.name.value}{inner}"


def field_text(f: NField) -> str:
    """A field's name and sorted arguments (``user(id: 1)``)."""
    args = ", ".join(f"{k}: {v}" for k, v in sorted(f.args.items()))
    return f.name + (f"({args})" if args else "")



def operation_text(op: NOperation) -> str:
    """A deterministic one-operation document: equal for equivalent queries."""
    head = op.type + (f" {op.name}" if op.name else "")
    if op.variables:
        defs = []
        for name in sorted(op.variables):
            v = op.variables[name]
            text = f"${name}: {v.type}"
            if v.default is not None:
                text += f" = {v.default}"
            defs.append(" ".join((text, *v.directives)))
        head += "(" + ", ".join(defs) + ")"
    if op.directives:
        head += " " + " ".join(op.directives)
    return head + " " + _print_selection(op.selection, "")


def _print_selection(sel: NSelection, indent: str) -> str:
    inner = indent + "  "
    lines = []
    for key in sorted(sel.fields):
        f = sel.fields[key]
        text = (f"{key}: " if key != f.name else "") + field_text(f)
        if f.directives:
            text += " " + " ".join(f.directives)
        if f.selection is not None:
            text += " " + _print_selection(f.selection, inner)
        lines.append(inner + text)
    for cond in sorted(sel.conditions):
        lines.append(f"{inner}... on {cond} " + _print_selection(sel.conditions[cond], inner))
    return "{\n" + "\n".join(lines) + "\n" + indent + "}"
