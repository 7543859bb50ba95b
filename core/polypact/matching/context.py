"""The matching context: which rules apply where, and how strict to be.

A :class:`MatchContext` carries one category's rules (``body``, ``header``, ``query``,
``metadata``, ...) with their paths parsed once, the strictness (requests refuse
unexpected keys, responses and messages allow them), the registry leaf matchers are looked
up in, and the interaction (plugins read its ``plugin_configuration``). Content matchers
and plugins use its helpers:

- :meth:`MatchContext.rules_for` / :meth:`MatchContext.resolve`: the best rule list for a
  node path (weighted like the reference core), and whether it was inherited (cascaded)
  from an ancestor path;
- :meth:`MatchContext.apply_rules`: run a rule list on one leaf value through the
  registered value matchers;
- :meth:`MatchContext.with_rules`: the same context with other rules (``eachValue``,
  ``arrayContains`` variants).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.matching import rulekinds
from polypact.matching.paths import FIELD, ROOT, RulePath
from polypact.model.rules import Rule, RuleList

#: Categories whose rules are weighted and may cascade to descendants.
WEIGHTED_CATEGORIES = frozenset({"body", "content", "contents", "metadata"})
#: Categories whose rule keys are plain names (``Content-Type``) rather than paths.
NAMED_CATEGORIES = frozenset({"header", "query"})


@dataclass
class MatchContext:
    """Everything a comparison needs besides the two values.

    ``category`` names the rule category (``body``, ``header``, ...); ``rules`` its rule
    lists keyed by path expression; ``allow_unexpected_keys`` is False for requests;
    ``text_values`` is True while comparing strings taken from XML, text, headers, query or
    path (number-type matchers then parse numbers from text); ``path`` is the node path of
    the value being compared right now (a tuple starting with ``"$"``); ``part`` names the
    part being matched (``request``, ``response``, ``message``).
    """

    category: str = "body"
    rules: Mapping[str, RuleList] = field(default_factory=dict)
    allow_unexpected_keys: bool = True
    registry: Any = None
    interaction: Any = None
    text_values: bool = False
    path: tuple = ("$",)
    part: str = ""
    cascaded: bool = False
    xml: bool = False

    def __post_init__(self) -> None:
        if self.registry is None:
            from polypact.registry import get_registry

            self.registry = get_registry()
        self._compiled: list[tuple[RulePath, RuleList]] = []
        for expr, rule_list in (self.rules or {}).items():
            self._compiled.append((self._compile(expr), _as_rule_list(rule_list, expr)))
        self._index_sensitive = any(rp.index_sensitive for rp, _ in self._compiled)
        self._cache: dict[tuple, Resolved | None] = {}
        self._matchers: dict[str, Any] = {}

    def _compile(self, expr: str) -> RulePath:
        if self.category in NAMED_CATEGORIES:
            if not expr.startswith("$"):
                return RulePath(expr, [(ROOT, "$"), (FIELD, expr.lower() if self.category == "header" else expr)])
            rp = RulePath(expr)
            if self.category == "header":
                rp = RulePath(expr, [(k, v.lower() if k == FIELD and isinstance(v, str) else v) for k, v in rp.tokens])
            return rp
        rp = RulePath(expr or "$") if self.category in WEIGHTED_CATEGORIES else RulePath(expr)
        return rp.without_index_tokens() if self.xml else rp

    # -- plugin-facing conveniences ------------------------------------------------------
    @property
    def plugin_configuration(self) -> dict[str, Any]:
        """The interaction's ``pluginConfiguration`` (empty when there is no interaction)."""
        return dict(getattr(self.interaction, "plugin_configuration", None) or {})

    def with_rules(self, rules: Mapping[str, RuleList], **changes: Any) -> MatchContext:
        """A copy of this context with other rules (same registry, strictness, ...)."""
        values = {
            "category": self.category, "rules": rules,
            "allow_unexpected_keys": self.allow_unexpected_keys, "registry": self.registry,
            "interaction": self.interaction, "text_values": self.text_values,
            "path": self.path, "part": self.part, "xml": self.xml,
        }
        values.update(changes)
        return MatchContext(**values)

    # -- rule selection ------------------------------------------------------------------
    def key_for(self, path: Sequence[object]) -> tuple:
        """The cache key of a node path (indexes folded when no rule names an index)."""
        if self._index_sensitive:
            return tuple(path)
        return tuple(0 if type(s) is int else s for s in path)

    def lookup(self, key: tuple) -> Resolved | None:
        """The :class:`Resolved` rules for a key from :meth:`key_for` (cached)."""
        try:
            return self._cache[key]
        except KeyError:
            pass
        best: Resolved | None = None
        if self._compiled:
            best_score = -1
            chosen = None
            for rp, rule_list in self._compiled:
                w = rp.weight(key)
                if w > 0:
                    score = w * rp.length
                    if score > best_score:
                        best_score = score
                        chosen = (rule_list, rp.length != len(key))
            if chosen is not None:
                cascaded = chosen[1] and self.category in WEIGHTED_CATEGORIES
                direct = {rulekinds.canonical(r.kind) for rl in self.exact_rules(key) for r in rl.rules}
                best = Resolved(chosen[0], cascaded, frozenset(direct))
        self._cache[key] = best
        return best

    def resolve(self, path: Sequence[object]) -> tuple[RuleList, bool] | None:
        """The best rule list for node ``path`` and whether it cascaded from an ancestor.

        ``None`` when no rule path matches ``path`` or one of its ancestors.
        """
        if not self._compiled:
            return None
        found = self.lookup(self.key_for(path))
        return (found.rules, found.cascaded) if found else None

    def rules_for(self, path: Sequence[object]) -> RuleList | None:
        """The most specific rule list that applies to ``path`` (``None`` if none)."""
        found = self.resolve(path)
        return found[0] if found else None

    def matcher_is_defined(self, path: Sequence[object]) -> bool:
        """True when some rule applies to ``path`` (directly or from an ancestor)."""
        return self.resolve(path) is not None

    def exact_rules(self, path: Sequence[object]) -> list[RuleList]:
        """The rule lists whose path names ``path`` itself."""
        return [rl for rp, rl in self._compiled if rp.matches_exactly(path)]

    def direct_matcher_defined(self, path: Sequence[object], kinds: set[str] | None = None) -> bool:
        """True when a rule keyed by ``path`` itself exists (of one of ``kinds`` if given)."""
        lists = self.exact_rules(path)
        if not kinds:
            return bool(lists)
        return any(rulekinds.canonical(r.kind) in kinds for rl in lists for r in rl.rules)

    def type_matcher_defined(self, path: Sequence[object]) -> bool:
        """True when a rule list applying to ``path`` (or an ancestor) has a type rule."""
        return any(
            rp.weight(path) > 0 and any(rulekinds.is_type_like(r.kind) for r in rl.rules)
            for rp, rl in self._compiled
        )

    # -- leaf matching ---------------------------------------------------------------------
    def matcher(self, kind: str) -> Any:
        """The value matcher registered for ``kind`` (cached); error when none is."""
        try:
            return self._matchers[kind]
        except KeyError:
            pass
        fn = self.registry.matcher(kind)
        if fn is None:
            canon = rulekinds.canonical(kind)
            fn = self.registry.matcher(canon) if canon != kind else None
        if fn is None:
            raise MatcherDefinitionError(
                f"unknown matcher {kind!r}: no plugin registers it "
                f"(see `polypact plugins --all`)", path=self.category
            )
        self._matchers[kind] = fn
        return fn

    def apply_resolved(self, found: Resolved, expected: Any, actual: Any, path: tuple) -> list[tuple[Rule, str]]:
        """Like :meth:`apply_rules` for a :class:`Resolved` (its matchers looked up once)."""
        plan = found.plan
        if plan is None:
            plan = found.plan = [(rule, self._leaf_fn(rule)) for rule in found.rules.rules]
        self.path = path
        self.cascaded = cascaded = found.cascaded
        failures: list[tuple[Rule, str]] = []
        passed = False
        for rule, fn in plan:
            if fn is None:
                reason = self.apply_rule(rule, cascaded, expected, actual)
            else:
                reason = fn(rule, expected, actual, self)
            if reason is None:
                passed = True
            else:
                failures.append((rule, reason))
        if passed and failures and found.is_or:
            return []
        return failures

    def _leaf_fn(self, rule: Rule) -> Any:
        kind = rulekinds.canonical(rule.kind)
        if kind == "values" or kind in rulekinds.COLLECTION_ONLY:
            return None
        return self.matcher(rule.kind)

    def apply_rules(
        self, rules: RuleList, cascaded: bool, expected: Any, actual: Any, path: Sequence[object]
    ) -> list[tuple[Rule, str]]:
        """Run ``rules`` on one leaf value; the failures as ``(rule, reason)`` pairs.

        AND needs every rule to pass, OR at least one (then nothing is reported).
        """
        failures: list[tuple[Rule, str]] = []
        passed = False
        self.path = path if type(path) is tuple else tuple(path)
        self.cascaded = cascaded
        for rule in rules.rules:
            reason = self.apply_rule(rule, cascaded, expected, actual)
            if reason is None:
                passed = True
            else:
                failures.append((rule, reason))
        if passed and failures and rules.combine.upper() == "OR":
            return []
        return failures

    def apply_rule(self, rule: Rule, cascaded: bool, expected: Any, actual: Any) -> str | None:
        """Run one rule on a leaf value: ``None`` when it passes, else the reason."""
        kind = rulekinds.canonical(rule.kind)
        if kind == "values":
            return self.matcher("equality")(_EQUALITY, expected, actual, self)
        if kind in rulekinds.COLLECTION_ONLY:
            if not self.text_values or cascaded:
                return None
            return f"{rule.kind} applies to maps and lists, not to {_short(actual)}"
        try:
            fn = self._matchers[rule.kind]
        except KeyError:
            fn = self.matcher(rule.kind)
        return fn(rule, expected, actual, self)


class Resolved:
    """The rule list chosen for one node: whether it cascaded from an ancestor, and the
    kinds of the rules keyed by the node's own path (``direct``)."""

    __slots__ = ("rules", "cascaded", "direct", "kinds", "values_rules", "other_rules", "is_or", "plan",
                 "container_checks")

    def __init__(self, rules: RuleList, cascaded: bool, direct: frozenset[str]):
        self.rules = rules
        self.cascaded = cascaded
        self.direct = direct
        self.plan: list[tuple[Rule, Any]] | None = None
        self.kinds = tuple(rulekinds.canonical(r.kind) for r in rules.rules)
        self.is_or = rules.combine.upper() == "OR"
        pairs = list(zip(rules.rules, self.kinds, strict=True))
        self.values_rules = [r for r, k in pairs if not cascaded and k in rulekinds.VALUES_LIKE]
        self.other_rules = [r for r, k in pairs if cascaded or k not in rulekinds.VALUES_LIKE]
        #: False when every rule trivially passes on a container (cascaded type rules).
        self.container_checks = not (cascaded and all(k == "type" for k in self.kinds))


_EQUALITY = Rule("equality")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_rule_list(value: Any, expr: str) -> RuleList:
    """Accept a :class:`RuleList`, a ``{"matchers": [...]}`` dict, a list or one rule."""
    if isinstance(value, RuleList):
        return value
    if isinstance(value, Rule):
        return RuleList([value])
    if isinstance(value, Mapping):
        if "matchers" in value:
            rules = [rulekinds.to_rule(m, expr) for m in value.get("matchers") or []]
            return RuleList(rules, str(value.get("combine", "AND")).upper())
        return RuleList([rulekinds.to_rule(value, expr)])
    if isinstance(value, (list, tuple)):
        return RuleList([rulekinds.to_rule(m, expr) for m in value])
    raise MatcherDefinitionError(
        f"expected a rule list (an object with 'matchers') but found {type(value).__name__}",
        path=expr,
    )
