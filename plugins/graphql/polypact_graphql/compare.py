"""Comparing two normalised operations and reporting differences by GraphQL path.

Paths name what differs the way a GraphQL developer reads a query:

- ``user.name``: the field with response key ``name`` under ``user``;
- ``user(id:)``: the argument ``id`` of the field ``user`` (GraphQL schema-coordinate style);
- ``search{on User}.name``: a field selected under a type condition;
- ``$id``: a variable definition; ``(operation)``: the operation's type, name, directives.

A request query is compared strictly: fields the contract does not select are mismatches,
as are fields it selects that the request lacks.
"""

from __future__ import annotations

from polypact.matching.mismatch import Mismatch

from polypact_graphql.normalize import NField, NOperation, NSelection

#: The mismatch category used for differences inside a GraphQL query.
CATEGORY = "graphql"
OPERATION_PATH = "(operation)"


def _mismatch(path: str, message: str, expected: object = None, actual: object = None) -> Mismatch:
    return Mismatch(CATEGORY, path, message, expected=expected, actual=actual, rule="graphql")


def compare_operations(expected: NOperation, actual: NOperation) -> list[Mismatch]:
    """Every difference between the contract's operation and the request's operation."""
    out: list[Mismatch] = []
    if expected.type != actual.type:
        out.append(_mismatch(OPERATION_PATH,
                             f"expected a {expected.type}, got a {actual.type}",
                             expected.type, actual.type))
    if expected.name != actual.name:
        out.append(_mismatch(OPERATION_PATH,
                             f"expected the operation to be named {_name(expected.name)}, "
                             f"got {_name(actual.name)}", expected.name, actual.name))
    if expected.directives != actual.directives:
        out.append(_mismatch(OPERATION_PATH,
                             f"expected operation directives {_dirs(expected.directives)}, "
                             f"got {_dirs(actual.directives)}",
                             list(expected.directives), list(actual.directives)))
    out.extend(_compare_variables(expected, actual))
    out.extend(compare_selections(expected.selection, actual.selection, ""))
    return out


def _name(name: str | None) -> str:
    return repr(name) if name else "anonymous"


def _dirs(directives: tuple[str, ...]) -> str:
    return " ".join(directives) if directives else "(none)"


def _compare_variables(expected: NOperation, actual: NOperation) -> list[Mismatch]:
    out = []
    for name, exp in expected.variables.items():
        act = actual.variables.get(name)
        path = f"${name}"
        if act is None:
            out.append(_mismatch(path, f"variable ${name}: {exp.type} is not defined by the "
                                       f"query", exp.type, None))
            continue
        if exp.type != act.type:
            out.append(_mismatch(path, f"variable ${name}: expected type {exp.type}, got "
                                       f"{act.type}", exp.type, act.type))
        if exp.default != act.default:
            out.append(_mismatch(path, f"variable ${name}: expected default "
                                       f"{exp.default or '(none)'}, got {act.default or '(none)'}",
                                 exp.default, act.default))
        if exp.directives != act.directives:
            out.append(_mismatch(path, f"variable ${name}: expected directives "
                                       f"{_dirs(exp.directives)}, got {_dirs(act.directives)}",
                                 list(exp.directives), list(act.directives)))
    for name, act in actual.variables.items():
        if name not in expected.variables:
            out.append(_mismatch(f"${name}", f"variable ${name}: {act.type} is defined by the "
                                             f"query but not by the contract", None, act.type))
    return out


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix and not key.startswith("{") else prefix + key


def compare_selections(expected: NSelection, actual: NSelection, prefix: str) -> list[Mismatch]:
    """Differences between two selection sets found under the GraphQL path ``prefix``."""
    out: list[Mismatch] = []
    for key, exp in expected.fields.items():
        path = _join(prefix, key)
        act = actual.fields.get(key)
        if act is None:
            out.append(_mismatch(path, f"field {path} is missing from the query (the contract "
                                       f"selects {_describe(exp)})", _describe(exp), None))
        else:
            out.extend(_compare_fields(exp, act, path))
    for key, act in actual.fields.items():
        if key not in expected.fields:
            path = _join(prefix, key)
            out.append(_mismatch(path, f"field {path} ({_describe(act)}) is selected by the query "
                                       f"but not by the contract", None, _describe(act)))
    for cond, exp_sel in expected.conditions.items():
        path = _join(prefix, f"{{on {cond}}}")
        act_sel = actual.conditions.get(cond)
        if act_sel is None:
            out.append(_mismatch(path, f"the query has no fragment on {cond} at "
                                       f"{prefix or 'the root'}", f"... on {cond}", None))
        else:
            out.extend(compare_selections(exp_sel, act_sel, path))
    for cond in actual.conditions:
        if cond not in expected.conditions:
            path = _join(prefix, f"{{on {cond}}}")
            out.append(_mismatch(path, f"the query has a fragment on {cond} at "
                                       f"{prefix or 'the root'} the contract does not",
                                 None, f"... on {cond}"))
    return out


def _describe(f: NField) -> str:
    text = f.name if f.key == f.name else f"{f.key}: {f.name}"
    if f.args:
        text += "(" + ", ".join(f"{k}: {v}" for k, v in sorted(f.args.items())) + ")"
    return text


def _compare_fields(exp: NField, act: NField, path: str) -> list[Mismatch]:
    out: list[Mismatch] = []
    if exp.name != act.name:
        out.append(_mismatch(path, f"field {path}: expected field {exp.name!r} (response key "
                                   f"{exp.key!r}), got field {act.name!r}", exp.name, act.name))
        return out
    base = path.rsplit(".", 1)[0] + "." if "." in path else ""
    coord = f"{base}{exp.key}"
    for arg, value in exp.args.items():
        arg_path = f"{coord}({arg}:)"
        if arg not in act.args:
            out.append(_mismatch(arg_path, f"argument {arg} of {path} is missing (expected "
                                           f"{value})", value, None))
        elif act.args[arg] != value:
            out.append(_mismatch(arg_path, f"argument {arg} of {path}: expected {value}, got "
                                           f"{act.args[arg]}", value, act.args[arg]))
    for arg, value in act.args.items():
        if arg not in exp.args:
            out.append(_mismatch(f"{coord}({arg}:)", f"argument {arg} of {path} ({value}) is "
                                 f"not in the contract", None, value))
    if exp.directives != act.directives:
        out.append(_mismatch(path, f"field {path}: expected directives {_dirs(exp.directives)}, "
                                   f"got {_dirs(act.directives)}",
                             list(exp.directives), list(act.directives)))
    if exp.selection is None and act.selection is not None:
        out.append(_mismatch(path, f"field {path}: expected a leaf field, got a selection set"))
    elif exp.selection is not None and act.selection is None:
        out.append(_mismatch(path, f"field {path}: expected a selection set, got a leaf field"))
    elif exp.selection is not None and act.selection is not None:
        out.extend(compare_selections(exp.selection, act.selection, path))
    return out
