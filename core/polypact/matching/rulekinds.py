"""Matcher names the engine itself interprets, and conversions of nested rule definitions.

Pact files spell some matchers in several ways (``eachKey`` / ``each-key``, ``min`` /
``type`` with ``min``); :func:`canonical` maps them to one name. Structural matchers
(``values``, ``eachKey``, ``eachValue``, ``arrayContains``) carry nested rules, which
:func:`sub_rules` and :func:`variants` turn into model objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.model.rules import Rule, RuleList

_ALIASES = {
    "each-key": "eachKey", "eachkey": "eachKey",
    "each-value": "eachValue", "eachvalue": "eachValue",
    "array-contains": "arrayContains", "arraycontains": "arrayContains",
    "not-empty": "notEmpty", "notempty": "notEmpty",
    "content-type": "contentType", "contenttype": "contentType",
    "status-code": "statusCode", "statuscode": "statusCode",
    "min-type": "type", "max-type": "type", "min-max-type": "type",
    "min": "type", "max": "type", "mintype": "type", "maxtype": "type",
    "timestamp": "datetime", "date-time": "datetime",
}

#: Rules that constrain a collection as a whole and never reach leaf matchers.
COLLECTION_ONLY = frozenset({"eachKey", "eachValue", "arrayContains"})
#: Rules that free the keys of a map (``values`` matchers in the reference's words).
VALUES_LIKE = frozenset({"values", "eachValue", "arrayContains"})


_CANONICAL: dict[str, str] = {}


def canonical(kind: str) -> str:
    """The engine's name for a matcher kind (``each-key`` -> ``eachKey``, ``min`` -> ``type``)."""
    try:
        return _CANONICAL[kind]
    except KeyError:
        pass
    name = _ALIASES.get(kind, _ALIASES.get(kind.lower(), kind)) if kind else kind
    if len(_CANONICAL) < 10_000:
        _CANONICAL[kind] = name
    return name


def is_type_like(kind: str) -> bool:
    """True for ``type`` and its ``min``/``max`` forms."""
    return canonical(kind) == "type"


def to_rule(value: Any, where: str = "") -> Rule:
    """A :class:`Rule` from a rule object or a ``{"match": ...}`` dict."""
    if isinstance(value, Rule):
        return value
    if isinstance(value, Mapping):
        params = {k: v for k, v in value.items() if k != "match"}
        kind = value.get("match")
        if not kind:
            if "regex" in value:
                kind = "regex"
            elif "min" in value or "max" in value:
                kind = "type"
            else:
                raise MatcherDefinitionError(f"a matcher needs a 'match' attribute: {dict(value)!r}", path=where)
        if not isinstance(kind, str):
            raise MatcherDefinitionError(f"'match' must be a string, found {kind!r}", path=where)
        return Rule(kind, params)
    raise MatcherDefinitionError(f"expected a matcher object but found {value!r}", path=where)


def sub_rules(rule: Rule, where: str = "") -> RuleList:
    """The nested ``rules`` of an ``eachKey`` / ``eachValue`` rule as one AND list."""
    raw = rule.get("rules")
    if raw is None:
        raw = rule.get("matchers", [])
    if isinstance(raw, RuleList):
        return raw
    if isinstance(raw, (Rule, Mapping)):
        raw = [raw]
    if not isinstance(raw, (list, tuple)):
        raise MatcherDefinitionError(f"{rule.kind} 'rules' must be a list, found {raw!r}", path=where)
    return RuleList([to_rule(r, where) for r in raw])


def variants(rule: Rule, expected_len: int, where: str = "") -> list[tuple[int, dict[str, RuleList]]]:
    """The ``arrayContains`` variants as ``(index, rules by path)``.

    Without variants every expected element must be found by equality.
    """
    raw = rule.get("variants")
    if not raw:
        return [(i, {}) for i in range(expected_len)]
    if not isinstance(raw, (list, tuple)):
        raise MatcherDefinitionError(f"arrayContains 'variants' must be a list, found {raw!r}", path=where)
    out = []
    for n, variant in enumerate(raw):
        if not isinstance(variant, Mapping):
            raise MatcherDefinitionError(f"arrayContains variant {n} must be an object", path=where)
        index = variant.get("index", n)
        if not isinstance(index, int) or isinstance(index, bool):
            raise MatcherDefinitionError(f"arrayContains variant {n}: 'index' must be an integer", path=where)
        rules = variant.get("rules") or {}
        if isinstance(rules, Mapping) and "body" in rules and isinstance(rules["body"], Mapping):
            rules = rules["body"]
        if not isinstance(rules, Mapping):
            raise MatcherDefinitionError(f"arrayContains variant {n}: 'rules' must be an object", path=where)
        converted: dict[str, RuleList] = {}
        for path, rl in rules.items():
            if isinstance(rl, RuleList):
                converted[path] = rl
            elif isinstance(rl, Mapping) and "matchers" in rl:
                converted[path] = RuleList(
                    [to_rule(m, path) for m in rl.get("matchers") or []], str(rl.get("combine", "AND")).upper()
                )
            elif isinstance(rl, (list, tuple)):
                converted[path] = RuleList([to_rule(m, path) for m in rl])
            else:
                converted[path] = RuleList([to_rule(rl, path)])
        out.append((index, converted))
    return out
