"""Matching rules: the pure-data form of Pact matchers.

A :class:`Rule` is one matcher definition (``{"match": "type", "min": 1}``); a
:class:`RuleList` combines rules with AND or OR; :class:`MatchingRules` maps each category
(``body``, ``header``, ``query``, ``path``, ``status``, ``metadata``, ...) to rule lists by
path expression. Categories without paths (``path``, ``status``, ``method``) use the key ``""``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Categories whose rules apply to the whole value and are written without a path key.
PATHLESS_CATEGORIES = frozenset({"path", "status", "method"})


@dataclass(frozen=True)
class Rule:
    """One matcher definition: its ``match`` name and the remaining attributes."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        """An attribute of the rule (``min``, ``regex``, ``format``, ...)."""
        return self.params.get(name, default)

    def to_json(self) -> dict[str, Any]:
        """The rule as written in a V3/V4 pact file."""
        return {"match": self.kind, **self.params}

    def __hash__(self) -> int:
        return hash((self.kind, repr(sorted(self.params.items(), key=lambda kv: kv[0]))))


@dataclass
class RuleList:
    """Rules that apply at one path, combined with ``AND`` (default) or ``OR``."""

    rules: list[Rule] = field(default_factory=list)
    combine: str = "AND"

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def kinds(self) -> set[str]:
        """The set of matcher names in this list."""
        return {r.kind for r in self.rules}

    def has(self, kind: str) -> bool:
        """True when some rule in this list is of ``kind``."""
        return any(r.kind == kind for r in self.rules)

    def to_json(self) -> dict[str, Any]:
        """The list as written in a V3/V4 pact file."""
        return {"combine": self.combine, "matchers": [r.to_json() for r in self.rules]}


@dataclass
class MatchingRules:
    """All matching rules of one request, response or message, grouped by category."""

    categories: dict[str, dict[str, RuleList]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.categories.values())

    def category(self, name: str) -> dict[str, RuleList]:
        """The rules of one category by path (empty dict when none)."""
        return self.categories.get(name, {})

    def add(self, category: str, path: str, rule: Rule, combine: str = "AND") -> None:
        """Add one rule at ``path`` in ``category``."""
        lst = self.categories.setdefault(category, {}).setdefault(path, RuleList(combine=combine))
        lst.rules.append(rule)

    def set(self, category: str, path: str, rules: RuleList) -> None:
        """Replace the rules at ``path`` in ``category``."""
        self.categories.setdefault(category, {})[path] = rules

    def copy(self) -> MatchingRules:
        """A deep-enough copy (new dicts and lists, shared immutable rules)."""
        return MatchingRules(
            {
                cat: {p: RuleList(list(rl.rules), rl.combine) for p, rl in paths.items()}
                for cat, paths in self.categories.items()
            }
        )
