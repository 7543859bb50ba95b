"""Structural DSL matchers: arrays of like elements, maps with free keys, arrays containing
variants."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from polypact.dsl.base import NO_EMPTY_MIN, Matcher, RuleSink, extract, index_path, walk
from polypact.errors import UsageError
from polypact.matchers import check_value
from polypact.model.rules import Rule


@dataclass(frozen=True)
class EachLike(Matcher):
    """An array whose every element is like ``template`` (rule ``type`` with ``min``/``max``
    on the array, the template's own rules at ``path[*]``)."""

    template: Any = None
    copies: int = 1

    def extract_into(self, path: str, sink: RuleSink) -> Any:
        """Record the array rule and the template's rules at ``[*]``; return the example."""
        sink.add_rules(path, self.rules, self.combine)
        element = walk(self.template, index_path(path, "*"), sink)
        return [copy.deepcopy(element) for _ in range(self.copies)]


@dataclass(frozen=True)
class ValuesMatcher(Matcher):
    """A map whose keys are free (rule ``values``); nested matchers apply to every value
    (``path.*``)."""

    def extract_into(self, path: str, sink: RuleSink) -> Any:
        """Record ``values`` and the children's rules under ``path.*`` / ``path[*]``."""
        sink.add_rules(path, self.rules, self.combine)
        if isinstance(self.example, dict):
            return {k: walk(v, f"{path}.*", sink) for k, v in self.example.items()}
        if isinstance(self.example, (list, tuple)):
            return [walk(v, index_path(path, "*"), sink) for v in self.example]
        return walk(self.example, path, sink)


@dataclass(frozen=True)
class ArrayContaining(Matcher):
    """An array that contains, in any order, an element matching each variant (rule
    ``arrayContains``; each variant carries its own rules and generators, relative to the
    element)."""

    variants: tuple[Any, ...] = ()

    def extract_into(self, path: str, sink: RuleSink) -> Any:
        """Record the ``arrayContains`` rule with each variant's rules; return the examples."""
        examples, variants = [], []
        for index, variant in enumerate(self.variants):
            found = extract(variant)
            examples.append(found.example)
            entry: dict[str, Any] = {"index": index, "rules": found.rules_json()}
            if found.generators:
                entry["generators"] = found.generators_json()
            variants.append(entry)
        sink.add_rules(path, [Rule("arrayContains", {"variants": variants})])
        return examples


def _rule_definitions(rules: Any, label: str) -> list[dict[str, Any]]:
    """The JSON rule definitions of a matcher, a rule, or a list of them."""
    items = rules if isinstance(rules, (list, tuple)) else [rules]
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Matcher):
            out.extend(rule.to_json() for rule in item.rules)
        elif isinstance(item, Rule):
            out.append(item.to_json())
        elif isinstance(item, dict) and "match" in item:
            out.append(dict(item))
        else:
            raise UsageError(f"{label}: expected matchers or rule definitions, got {item!r}")
    if not out:
        raise UsageError(f"{label}: at least one rule is needed")
    return out


def _check_each(label: str, keys_or_values: list[Any], rules: list[dict[str, Any]]) -> None:
    for definition in rules:
        rule = Rule(definition["match"], {k: v for k, v in definition.items() if k != "match"})
        for item in keys_or_values:
            problem = check_value(rule, item, item)
            if problem:
                raise UsageError(f"{label}: the example does not satisfy its own rule: {problem}")


def each_like(example: Any, min: int = 1, max: int | None = None) -> EachLike:  # noqa: A002
    """An array of elements like ``example``: at least ``min`` (default 1), at most ``max``.

    Writes ``{"match": "type", "min": min}`` (and ``max``) at the array's path and the
    example's own rules at ``path[*]``; the example array holds ``min`` copies. Pact has no
    optional attributes: for an empty array, expect ``[]``.
    """
    if isinstance(min, bool) or not isinstance(min, int) or min < 1:
        raise UsageError(f"each_like(min={min!r}): {NO_EMPTY_MIN}")
    if max is not None and (not isinstance(max, int) or max < min):
        raise UsageError(f"each_like(min={min}, max={max!r}): max must be an integer >= min")
    params: dict[str, Any] = {"min": min}
    if max is not None:
        params["max"] = max
    label = f"each_like({example!r})"
    return EachLike(None, (Rule("type", params),), label=label, template=example, copies=min)


def values(example: dict[str, Any]) -> ValuesMatcher:
    """A map whose keys are free: writes ``{"match": "values"}``; matchers inside the example
    apply to every value (``path.*``)."""
    if not isinstance(example, (dict, list, tuple)):
        raise UsageError(f"values({example!r}): the example must be a map (or a list)")
    return ValuesMatcher(example, (Rule("values"),), label=f"values({example!r})")


def each_key(example: dict[str, Any], rules: Any) -> Matcher:
    """A map whose every key satisfies ``rules`` (matchers such as ``regex(...)``): writes
    ``{"match": "eachKey", "rules": [...]}``."""
    label = f"each_key({example!r})"
    if not isinstance(example, dict):
        raise UsageError(f"{label}: the example must be a map")
    definitions = _rule_definitions(rules, label)
    _check_each(label, list(example), definitions)
    return Matcher(example, (Rule("eachKey", {"rules": definitions}),), label=label)


def each_value(example: dict[str, Any], rules: Any) -> Matcher:
    """A map whose every value satisfies ``rules``: writes
    ``{"match": "eachValue", "rules": [...]}``."""
    label = f"each_value({example!r})"
    if not isinstance(example, dict):
        raise UsageError(f"{label}: the example must be a map")
    definitions = _rule_definitions(rules, label)
    _check_each(label, [extract(v).example for v in example.values()], definitions)
    return Matcher(example, (Rule("eachValue", {"rules": definitions}),), label=label)


def array_containing(variants: list[Any]) -> ArrayContaining:
    """An array that contains an element matching each variant, in any order (extra elements
    are fine): writes ``{"match": "arrayContains", "variants": [...]}``."""
    if not isinstance(variants, (list, tuple)) or not variants:
        raise UsageError("array_containing(variants): give a non-empty list of variants")
    return ArrayContaining(None, label="array_containing(...)", variants=tuple(variants))
