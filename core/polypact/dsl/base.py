"""Matcher objects of the consumer DSL and :func:`extract`, which turns a tree of plain values
and matcher objects into an example plus matching rules and generators at JSON paths."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from polypact.errors import UsageError
from polypact.matchers import check_value, validate_rule
from polypact.model.generators import Generator, Generators
from polypact.model.rules import MatchingRules, Rule, RuleList

#: Why a minimum of 0 items is refused, and what to declare instead (used by ``each_like``
#: and ``like``'s array bounds).
NO_EMPTY_MIN = (
    "min must be at least 1. Pact deliberately has no optional or possibly-empty arrays: a "
    "contract states what the provider returns in one provider state, so 'zero or more "
    "items' cannot be one contract (a provider always answering [] would pass it and the "
    "item rules would never be verified). Declare two interactions with different provider "
    "states instead: one expecting a plain [] (e.g. .given(\"no orders\")) and one with "
    "each_like(...) (e.g. .given(\"orders exist\"))"
)

_IDENT_FIRST = set("_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_IDENT_REST = _IDENT_FIRST | set("0123456789")


def child_path(path: str, key: str) -> str:
    """``$.name`` for identifier keys, ``$['first name']`` otherwise (as the reference writes)."""
    key = str(key)
    if key and key[0] in _IDENT_FIRST and all(c in _IDENT_REST for c in key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


def index_path(path: str, index: int | str) -> str:
    """``$.items[0]`` or, with ``"*"``, ``$.items[*]``."""
    return f"{path}[{index}]"


@dataclass
class Extracted:
    """What :func:`extract` found: the plain ``example`` and the ``rules`` and ``generators``
    keyed by path."""

    example: Any
    rules: dict[str, RuleList] = field(default_factory=dict)
    generators: dict[str, Generator] = field(default_factory=dict)

    def add_to(
        self, rules: MatchingRules, generators: Generators, category: str = "body"
    ) -> None:
        """Put the rules and generators into an interaction part's ``category``."""
        for path, rule_list in self.rules.items():
            rules.set(category, path, RuleList(list(rule_list.rules), rule_list.combine))
        for path, generator in self.generators.items():
            generators.add(category, path, generator)

    def rules_json(self) -> dict[str, Any]:
        """The rules as written in a V3/V4 pact (``{path: {"combine", "matchers"}}``)."""
        return {path: rl.to_json() for path, rl in self.rules.items()}

    def generators_json(self) -> dict[str, Any]:
        """The generators as written in a pact (``{path: {"type", ...}}``)."""
        return {path: g.to_json() for path, g in self.generators.items()}


class RuleSink:
    """Collects rules and generators while walking a value tree."""

    def __init__(self) -> None:
        self.rules: dict[str, RuleList] = {}
        self.generators: dict[str, Generator] = {}

    def add_rules(self, path: str, rules: Iterable[Rule], combine: str = "AND") -> None:
        rules = list(rules)
        if not rules:
            return
        existing = self.rules.get(path)
        if existing is None:
            self.rules[path] = RuleList(rules, combine)
            return
        for rule in rules:
            if rule not in existing.rules:
                existing.rules.append(rule)

    def add_generator(self, path: str, generator: Generator | None) -> None:
        if generator is not None:
            self.generators[path] = generator


@dataclass(frozen=True)
class Matcher:
    """A DSL matcher: an example value, the rules it puts at its path, an optional generator.

    Instances are immutable; build them with the functions of :mod:`polypact.dsl`.
    ``label`` names the call in error messages (``integer(1.5)``).
    """

    example: Any
    rules: tuple[Rule, ...] = ()
    generator: Generator | None = None
    combine: str = "AND"
    label: str = "matcher"

    def extract_into(self, path: str, sink: RuleSink) -> Any:
        """Record this matcher's rules/generator at ``path``; return the plain example."""
        sink.add_rules(path, self.rules, self.combine)
        sink.add_generator(path, self.generator)
        return walk(self.example, path, sink)

    def validate(self) -> Matcher:
        """Raise :class:`UsageError` unless the rules are valid and the example satisfies
        them; returns ``self``."""
        plain = extract(self.example).example
        for rule in self.rules:
            problem = validate_rule(rule)
            if problem:
                raise UsageError(f"{self.label}: invalid {rule.kind} rule: {problem}")
        reasons = [check_value(rule, plain, plain) for rule in self.rules]
        failed = [r for r in reasons if r]
        if failed and (self.combine == "AND" or len(failed) == len(reasons)):
            raise UsageError(
                f"{self.label}: the example {plain!r} does not satisfy its own matcher: "
                f"{failed[0]}"
            )
        return self


def walk(value: Any, path: str, sink: RuleSink) -> Any:
    """The plain example of ``value`` (matchers replaced by their examples), recording rules
    and generators found on the way."""
    if isinstance(value, Matcher):
        return value.extract_into(path, sink)
    if isinstance(value, dict):
        return {k: walk(v, child_path(path, k), sink) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [walk(v, index_path(path, i), sink) for i, v in enumerate(value)]
    return copy.deepcopy(value)


def extract(value: Any, *, base_path: str = "$") -> Extracted:
    """Split a tree of plain values and matchers into example, rules and generators.

    >>> from polypact.dsl import like, integer
    >>> ex = extract({"id": integer(7), "tags": like(["a"])})
    >>> ex.example
    {'id': 7, 'tags': ['a']}
    >>> sorted(ex.rules)
    ['$.id', '$.tags']
    """
    sink = RuleSink()
    example = walk(value, base_path, sink)
    return Extracted(example, sink.rules, sink.generators)


def extract_value(value: Any) -> tuple[Any, RuleList | None, Generator | None]:
    """For single values (a header, a query value, the path, the status): the example, the
    rule list and the generator at the value itself (``None`` when there are none)."""
    found = extract(value, base_path="$")
    nested = [p for p in (*found.rules, *found.generators) if p != "$"]
    if nested:
        raise UsageError(
            f"a single value cannot hold nested matchers (found rules at {', '.join(nested)})"
        )
    return found.example, found.rules.get("$"), found.generators.get("$")
