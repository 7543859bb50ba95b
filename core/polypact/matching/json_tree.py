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

from typing import Any

from polypact.matching import rulekinds
from polypact.matching.context import MatchContext
from polypact.matching.jsonvalues import (
    list_rule_check,
    map_rule_check,
    short,
)
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import STAR, RulePath, format_path, to_node_path
from polypact.matching.render import describe_value
from polypact.model.rules import Rule

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


def _mm(ctx: MatchContext, path: tuple, message: str, expected: Any, actual: Any, rule: str | None = None) -> Mismatch:
    return Mismatch(ctx.category, format_path(path), message, expected, actual, rule)


def compare(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    """Compare one node (dispatch on the expected value's type)."""
    _compare(path, ctx.key_for(path), expected, actual, ctx, out)


def _compare(path: tuple, key: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    te = type(expected)
    if te is dict:
        if type(actual) is dict:
            _compare_maps(path, key, expected, actual, ctx, out)
        else:
            out.append(_mm(ctx, path, f"Type mismatch: expected an object but got {describe_value(actual)}",
                           expected, actual, "type"))
    elif te is list:
        if type(actual) is list:
            _compare_lists(path, key, expected, actual, ctx, out)
        else:
            out.append(_mm(ctx, path, f"Type mismatch: expected an array but got {describe_value(actual)}",
                           expected, actual, "type"))
    else:
        _compare_leaf(path, key, expected, actual, ctx, out)


# -- leaves ------------------------------------------------------------------------------
def _compare_leaf(path: tuple, key: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    found = ctx.lookup(key)
    if found is None:
        if type(expected) is type(actual) and expected == actual:
            return
        reason = ctx.apply_rule(_EQUALITY, False, expected, actual)
        if reason is not None:
            out.append(_mm(ctx, path, reason, expected, actual, "equality"))
        return
    for rule, reason in ctx.apply_resolved(found, expected, actual, path):
        out.append(_mm(ctx, path, reason, expected, actual, rule.kind))


# -- objects ------------------------------------------------------------------------------
def _children(path: tuple, key: tuple, expected: dict, actual: dict, ctx: MatchContext, out: list[Mismatch]) -> None:
    for name, value in expected.items():
        if name in actual:
            _compare((*path, name), (*key, name), value, actual[name], ctx, out)


def _compare_maps(path: tuple, key: tuple, expected: dict, actual: dict, ctx: MatchContext, out: list[Mismatch]) -> None:
    if not expected and actual and not ctx.allow_unexpected_keys:
        out.append(_mm(ctx, path, f"Expected an empty Object but received {short(actual)}", expected, actual))
        return
    found = ctx.lookup(key)
    if found is None:
        _match_keys(path, frozenset(), expected, actual, ctx, out)
        _children(path, key, expected, actual, ctx, out)
        return
    if found.other_rules and found.container_checks:
        failures: list[Mismatch] = []
        passed = False
        for rule in found.other_rules:
            reason = map_rule_check(rule, found.cascaded, expected, actual)
            if reason is None:
                passed = True
            else:
                failures.append(_mm(ctx, path, reason, expected, actual, rule.kind))
        if not (found.is_or and passed):
            out.extend(failures)
    if found.other_rules or not found.values_rules:
        _match_keys(path, found.direct, expected, actual, ctx, out)
        _children(path, key, expected, actual, ctx, out)
    for rule in found.values_rules:
        sub_ctx, sub_key = ctx, key
        if rulekinds.canonical(rule.kind) == "eachValue":
            sub_ctx = _each_value_context(ctx, path, rule)
            sub_key = sub_ctx.key_for(path)
        first = next(iter(expected.values()), None) if expected else None
        for name, value in actual.items():
            if name in expected:
                _compare((*path, name), (*sub_key, name), expected[name], value, sub_ctx, out)
            elif expected:
                _compare((*path, name), (*sub_key, name), first, value, sub_ctx, out)


def _each_value_context(ctx: MatchContext, path: tuple, rule: Rule) -> MatchContext:
    sub = rulekinds.sub_rules(rule, format_path(path))
    star = RulePath.from_node_path(path, (STAR, "*"))
    return ctx.with_rules({star.expr: sub}, category=ctx.category)


def _match_keys(path: tuple, direct: frozenset[str], expected: dict, actual: dict, ctx: MatchContext,
                out: list[Mismatch]) -> None:
    if not (direct and direct & _KEY_FREEING):
        missing = [k for k in expected if k not in actual]
        if missing:
            if ctx.allow_unexpected_keys:
                out.append(_mm(ctx, path, f"missing keys: {', '.join(missing)}",
                               list(expected), list(actual)))
        if not ctx.allow_unexpected_keys and (missing or len(actual) != len(expected)):
            out.append(_mm(ctx, path, f"Expected a Map with keys [{', '.join(sorted(expected))}] but received one "
                                      f"with keys [{', '.join(sorted(actual))}]", list(expected), list(actual)))
    if "eachKey" in direct:
        for rl in ctx.exact_rules(path):
            for rule in rl.rules:
                if rulekinds.canonical(rule.kind) != "eachKey":
                    continue
                sub = rulekinds.sub_rules(rule, format_path(path))
                for name in actual:
                    key_path = (*path, name)
                    was_text = ctx.text_values
                    ctx.text_values = True
                    try:
                        for sub_rule, reason in ctx.apply_rules(sub, False, "", name, key_path):
                            out.append(_mm(ctx, key_path, f"key {name!r}: {reason}", "", name, sub_rule.kind))
                    finally:
                        ctx.text_values = was_text


_KEY_FREEING = frozenset({"values", "eachValue", "eachKey"})


# -- arrays -------------------------------------------------------------------------------
def _compare_lists(path: tuple, key: tuple, expected: list, actual: list, ctx: MatchContext, out: list[Mismatch]) -> None:
    found = ctx.lookup(key)
    if found is not None:
        _compare_lists_with_rules(path, key, found, expected, actual, ctx, out)
        return
    if not expected and actual:
        out.append(_mm(ctx, path, f"Expected an empty Array but received {short(actual)}", expected, actual))
        return
    sens = ctx._index_sensitive
    for index, value in enumerate(expected):
        if index < len(actual):
            _compare((*path, index), (*key, index if sens else 0), value, actual[index], ctx, out)
        elif not ctx.matcher_is_defined((*path, index)):
            out.append(_mm(ctx, path, f"Expected {short(value)} (index {index}) but was missing", expected, actual))
    if len(actual) > len(expected):
        out.append(_mm(ctx, path, f"Expected an Array with {len(expected)} element(s) but received "
                                  f"{len(actual)} element(s)", expected, actual))


def _compare_lists_with_rules(
    path: tuple, key: tuple, found: Any, expected: list, actual: list, ctx: MatchContext, out: list[Mismatch],
) -> None:
    if not expected:
        return
    cascaded = found.cascaded
    results: list[tuple[list[Mismatch], bool]] = []
    uses_contents = False
    for rule, kind in zip(found.rules.rules, found.kinds, strict=True):
        hits: list[Mismatch] = []
        if kind == "arrayContains":
            _array_contains(path, rule, expected, actual, ctx, hits)
            results.append((hits, False))
        elif kind == "eachValue" and not cascaded:
            sub_ctx = _each_value_context(ctx, path, rule)
            _list_contents(path, sub_ctx.key_for(path), expected, actual, sub_ctx, hits)
            results.append((hits, False))
        else:
            reason = list_rule_check(rule, cascaded, expected, actual) if found.container_checks else None
            if reason is not None:
                hits.append(_mm(ctx, path, reason, expected, actual, rule.kind))
            results.append((hits, True))
            uses_contents = True
    contents: list[Mismatch] = []
    if uses_contents:
        _list_contents(path, key, expected, actual, ctx, contents)
    if found.is_or and not all(hits or (shared and contents) for hits, shared in results):
        return
    for hits, _ in results:
        out.extend(hits)
    out.extend(contents)


def _list_contents(path: tuple, key: tuple, expected: list, actual: list, ctx: MatchContext,
                   out: list[Mismatch]) -> None:
    first = expected[0]
    n_exp = len(expected)
    if ctx._index_sensitive:
        for index, value in enumerate(actual):
            _compare((*path, index), (*key, index), expected[index] if index < n_exp else first, value, ctx, out)
    else:
        child_key = (*key, 0)
        for index, value in enumerate(actual):
            _compare((*path, index), child_key, expected[index] if index < n_exp else first, value, ctx, out)
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
