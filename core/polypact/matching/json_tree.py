"""The recursive JSON tree comparison (objects, arrays and leaves) with Pact semantics.

This is the walk the reference core does in ``compare_json``: objects compare keys (strict
in requests, missing keys reported once at the parent), arrays compare element by element,
leaves go through the rule list selected for their path or equality. Collection rules are
interpreted here: ``type``/``min``/``max`` on arrays (each actual element is compared with
the first expected one), ``values``/``eachValue`` (keys free), ``eachKey``,
``arrayContains`` variants, ``notEmpty`` and ``equality`` on whole collections. Leaf rules
go to the registered value matchers through :meth:`MatchContext.apply_rules`.

The walk is reusable on any decoded tree (GraphQL, protobuf as dicts):
:func:`match_json_value`.
"""

from __future__ import annotations

import json
from typing import Any

from polypact.matching import rulekinds
from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import STAR, RulePath, format_path, to_node_path
from polypact.model.rules import Rule, RuleList

_EQUALITY = Rule("equality")


def match_json_value(expected: Any, actual: Any, path: Any, context: MatchContext) -> list[Mismatch]:
    """Compare two decoded JSON values under ``context``'s rules, from node ``path``.

    ``path`` is a node path (``("$",)``, ``["$", "items", 0]``) or an expression (``"$"``).
    Returns the mismatches (empty: the values match). Raises
    :class:`polypact.errors.MatcherDefinitionError` for a rule the engine cannot apply.
    """
    out: list[Mismatch] = []
    compare(to_node_path(path), expected, actual, context, out)
    return out


def type_name(value: Any) -> str:
    """The JSON type name of a value, as used in mismatch messages."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Decimal"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


def json_equal(a: Any, b: Any) -> bool:
    """Strict JSON equality: ``1`` differs from ``1.0`` and ``True`` (as JSON does)."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        return False
    if ta is dict:
        return a.keys() == b.keys() and all(json_equal(v, b[k]) for k, v in a.items())
    if ta is list:
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=False))
    return a == b


def short(value: Any, limit: int = 80) -> str:
    """A compact JSON rendering of ``value`` for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _mm(ctx: MatchContext, path: tuple, message: str, expected: Any, actual: Any, rule: str | None = None) -> Mismatch:
    return Mismatch(ctx.category, format_path(path), message, expected, actual, rule)


def compare(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    """Compare one node (dispatch on the expected value's type)."""
    te = type(expected)
    if te is dict:
        if type(actual) is dict:
            _compare_maps(path, expected, actual, ctx, out)
        else:
            out.append(_mm(ctx, path, f"Type mismatch: expected an Object but was {type_name(actual)} {short(actual)}",
                           expected, actual, "type"))
    elif te is list:
        if type(actual) is list:
            _compare_lists(path, expected, actual, ctx, out)
        else:
            out.append(_mm(ctx, path, f"Type mismatch: expected an Array but was {type_name(actual)} {short(actual)}",
                           expected, actual, "type"))
    else:
        _compare_leaf(path, expected, actual, ctx, out)


# -- leaves ------------------------------------------------------------------------------
def _compare_leaf(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    found = ctx.resolve(path)
    if found is None:
        if type(expected) is type(actual) and expected == actual:
            return
        reason = ctx.apply_rule(_EQUALITY, False, expected, actual)
        if reason is not None:
            out.append(_mm(ctx, path, reason, expected, actual, "equality"))
        return
    rules, cascaded = found
    for rule, reason in ctx.apply_rules(rules, cascaded, expected, actual, path):
        out.append(_mm(ctx, path, reason, expected, actual, rule.kind))


# -- objects ------------------------------------------------------------------------------
def _map_rule_check(rule: Rule, cascaded: bool, expected: dict, actual: dict) -> str | None:
    kind = rulekinds.canonical(rule.kind)
    if kind == "type":
        return _length_check(rule, cascaded, len(actual), "entries")
    if kind in ("regex", "values", "eachKey", "eachValue", "arrayContains"):
        return None
    if kind == "equality":
        return None if json_equal(expected, actual) else f"Expected {short(actual)} to be equal to {short(expected)}"
    if kind == "notEmpty":
        return "Expected a non-empty Object but it was empty" if not actual else None
    return f"{rule.kind} cannot be applied to an Object ({short(actual)})"


def _length_check(rule: Rule, cascaded: bool, size: int, what: str) -> str | None:
    if cascaded:
        return None
    lo, hi = rule.get("min"), rule.get("max")
    if isinstance(lo, int) and size < lo:
        return f"Expected at least {lo} {what} but received {size}"
    if isinstance(hi, int) and size > hi:
        return f"Expected at most {hi} {what} but received {size}"
    return None


def _compare_maps(path: tuple, expected: dict, actual: dict, ctx: MatchContext, out: list[Mismatch]) -> None:
    if not expected and actual and not ctx.allow_unexpected_keys:
        out.append(_mm(ctx, path, f"Expected an empty Object but received {short(actual)}", expected, actual))
        return
    found = ctx.resolve(path)
    if found is None:
        _match_keys(path, expected, actual, ctx, out)
        for key, value in expected.items():
            if key in actual:
                compare((*path, key), value, actual[key], ctx, out)
        return
    rules, cascaded = found
    values_rules = [r for r in rules.rules if not cascaded and rulekinds.canonical(r.kind) in rulekinds.VALUES_LIKE]
    other_rules = [r for r in rules.rules if r not in values_rules]
    failures: list[Mismatch] = []
    passed = False
    for rule in other_rules:
        reason = _map_rule_check(rule, cascaded, expected, actual)
        if reason is None:
            passed = True
        else:
            failures.append(_mm(ctx, path, reason, expected, actual, rule.kind))
    if rules.combine.upper() == "OR" and passed:
        failures = []
    out.extend(failures)
    if other_rules or not values_rules:
        _match_keys(path, expected, actual, ctx, out)
        for key, value in expected.items():
            if key in actual:
                compare((*path, key), value, actual[key], ctx, out)
    for rule in values_rules:
        sub_ctx = ctx
        if rulekinds.canonical(rule.kind) == "eachValue":
            sub_ctx = _each_value_context(ctx, path, rule)
        first = next(iter(expected.values()), None) if expected else None
        for key, value in actual.items():
            if key in expected:
                compare((*path, key), expected[key], value, sub_ctx, out)
            elif expected:
                compare((*path, key), first, value, sub_ctx, out)


def _each_value_context(ctx: MatchContext, path: tuple, rule: Rule) -> MatchContext:
    sub = rulekinds.sub_rules(rule, format_path(path))
    star = RulePath.from_node_path(path, (STAR, "*"))
    return ctx.with_rules({star.expr: sub}, category=ctx.category)


def _match_keys(path: tuple, expected: dict, actual: dict, ctx: MatchContext, out: list[Mismatch]) -> None:
    direct = ctx.exact_rules(path) if ctx._compiled else []
    kinds = {rulekinds.canonical(r.kind) for rl in direct for r in rl.rules}
    if not kinds & {"values", "eachValue", "eachKey"}:
        missing = [k for k in expected if k not in actual]
        if missing:
            out.append(_mm(ctx, path, f"missing keys: {', '.join(missing)}", list(expected), list(actual)))
        if not ctx.allow_unexpected_keys:
            extra = [k for k in actual if k not in expected]
            if extra:
                out.append(_mm(ctx, path, f"unexpected keys: {', '.join(extra)}", list(expected), list(actual)))
    if "eachKey" in kinds:
        for rl in direct:
            for rule in rl.rules:
                if rulekinds.canonical(rule.kind) != "eachKey":
                    continue
                sub = rulekinds.sub_rules(rule, format_path(path))
                for key in actual:
                    key_path = (*path, key)
                    was_text = ctx.text_values
                    ctx.text_values = True
                    try:
                        for sub_rule, reason in ctx.apply_rules(sub, False, "", key, key_path):
                            out.append(_mm(ctx, key_path, f"key {key!r}: {reason}", "", key, sub_rule.kind))
                    finally:
                        ctx.text_values = was_text


# -- arrays -------------------------------------------------------------------------------
def _list_rule_check(rule: Rule, cascaded: bool, expected: list, actual: list) -> str | None:
    kind = rulekinds.canonical(rule.kind)
    if kind == "type":
        return _length_check(rule, cascaded, len(actual), "item(s)")
    if kind == "equality":
        return None if json_equal(expected, actual) else f"Expected {short(actual)} to be equal to {short(expected)}"
    if kind == "notEmpty":
        return "Expected a non-empty Array but it was empty" if not actual else None
    if kind in _LIST_LENIENT:
        return None
    return f"{rule.kind} cannot be applied to an Array ({short(actual)})"


_LIST_LENIENT = frozenset({
    "regex", "values", "eachKey", "eachValue", "arrayContains", "number", "decimal", "integer",
    "time", "date", "datetime", "include", "contentType", "boolean", "semver",
})


def _compare_lists(path: tuple, expected: list, actual: list, ctx: MatchContext, out: list[Mismatch]) -> None:
    found = ctx.resolve(path)
    if found is not None:
        _compare_lists_with_rules(path, found[0], found[1], expected, actual, ctx, out)
        return
    if not expected and actual:
        out.append(_mm(ctx, path, f"Expected an empty Array but received {short(actual)}", expected, actual))
        return
    for index, value in enumerate(expected):
        if index < len(actual):
            compare((*path, index), value, actual[index], ctx, out)
        elif not ctx.matcher_is_defined((*path, index)):
            out.append(_mm(ctx, path, f"Expected {short(value)} (index {index}) but was missing", expected, actual))
    if len(actual) > len(expected):
        out.append(_mm(ctx, path, f"Expected an Array with {len(expected)} element(s) but received "
                                  f"{len(actual)} element(s)", expected, actual))


def _compare_lists_with_rules(
    path: tuple, rules: RuleList, cascaded: bool, expected: list, actual: list, ctx: MatchContext,
    out: list[Mismatch],
) -> None:
    if not expected:
        return
    results: list[tuple[list[Mismatch], bool]] = []
    uses_contents = False
    for rule in rules.rules:
        kind = rulekinds.canonical(rule.kind)
        found: list[Mismatch] = []
        if kind == "arrayContains":
            _array_contains(path, rule, expected, actual, ctx, found)
            results.append((found, False))
        elif kind == "eachValue" and not cascaded:
            _list_contents(path, expected, actual, _each_value_context(ctx, path, rule), found)
            results.append((found, False))
        else:
            reason = _list_rule_check(rule, cascaded, expected, actual)
            if reason is not None:
                found.append(_mm(ctx, path, reason, expected, actual, rule.kind))
            results.append((found, True))
            uses_contents = True
    contents: list[Mismatch] = []
    if uses_contents:
        _list_contents(path, expected, actual, ctx, contents)
    if rules.combine.upper() == "OR" and not all(found or (shared and contents) for found, shared in results):
        return
    for found, _ in results:
        out.extend(found)
    out.extend(contents)


def _list_contents(path: tuple, expected: list, actual: list, ctx: MatchContext, out: list[Mismatch]) -> None:
    first = expected[0]
    n_exp = len(expected)
    for index, value in enumerate(actual):
        compare((*path, index), expected[index] if index < n_exp else first, value, ctx, out)
    for index in range(len(actual), n_exp):
        if not ctx.matcher_is_defined((*path, index)):
            out.append(_mm(ctx, path, f"Expected {short(expected[index])} (index {index}) but was missing",
                           expected, actual))


def _array_contains(path: tuple, rule: Rule, expected: list, actual: list, ctx: MatchContext, out: list[Mismatch]) -> None:
    for index, variant_rules in rulekinds.variants(rule, len(expected), format_path(path)):
        if index >= len(expected) or index < 0:
            out.append(_mm(ctx, path, f"arrayContains: variant {index} is missing from the expected list, "
                                      f"which has {len(expected)} item(s)", expected, actual, rule.kind))
            continue
        wanted = expected[index]
        sub_ctx = ctx.with_rules(variant_rules, category=ctx.category)
        for item in actual:
            trial: list[Mismatch] = []
            compare(("$",), wanted, item, sub_ctx, trial)
            if not trial:
                break
        else:
            out.append(_mm(ctx, path, f"Variant at index {index} ({short(wanted)}) was not found in the actual list",
                           wanted, actual, rule.kind))
