"""Reading matching rules (V2 flat maps, V3/V4 category maps) and writing rules and
generators (generators are read by :mod:`polypact.pactfile.generators`).

- V2: ``{"$.body.x": {"match": "type"}, "$.headers.Name": {...}, "$.query.q": {...},
  "$.path": {...}}`` (told apart from V3 by the first key starting with ``$``, as the
  reference ``matchers_from_json`` does). Body paths become ``$.x``.
- V3/V4: ``{"body": {"$.x": {"combine": "AND", "matchers": [...]}}, "path": {"combine",
  "matchers"}, ...}``.

Category aliases are normalised: ``headers`` -> ``header``, ``content``/``contents`` ->
``body``. A rule without ``match`` but with ``regex``/``min``/``max``/``timestamp``/
``time``/``date`` is a regex/type/timestamp/time/date rule. Rule kinds are kept as
written (aliases such as ``timestamp`` or ``min`` are resolved by the matcher registry).
Pathless categories (``path``, ``status``, ``method``) use the path ``""``.
"""

from __future__ import annotations

import re
from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.matchers.regex_syntax import regex_error
from polypact.model.generators import Generators
from polypact.model.rules import PATHLESS_CATEGORIES, MatchingRules, Rule, RuleList
from polypact.pactfile._checks import check_rule_path, registry_for
from polypact.pactfile._context import attempt, child, describe, expect_array, expect_object, fail
from polypact.pactfile.generators import (  # re-exported: rules and generators read alike
    CATEGORY_ALIASES,
    category_name,
    parse_generator,
    parse_generators,
)

_GUESSED_KINDS = (("regex", "regex"), ("min", "type"), ("max", "type"),
                  ("timestamp", "timestamp"), ("time", "time"), ("date", "date"))
_V2_KEY = re.compile(r"^\$(?:\.([A-Za-z_][A-Za-z0-9_\-]*)|\['([^']*)'\])")


# -- matching rules ----------------------------------------------------------------------
def parse_matching_rules(
    obj: Any, spec_version: str = "4.0", *, source: str | None = None,
    path: str = "$.matchingRules", strict: bool = True,
) -> MatchingRules:
    """The :class:`MatchingRules` of a ``matchingRules`` value (any version's shape).

    With ``strict`` (the default) every rule is validated: a known matcher name (when the
    registry has matchers), a regex that compiles and the matcher's own ``validate``.
    """
    rules = MatchingRules()
    if obj is None:
        return rules
    obj = expect_object(obj, source, path)
    if not obj:
        return rules
    if next(iter(obj)).startswith("$"):
        _load_v2(rules, obj, source, path, strict)
    else:
        for cat, value in obj.items():
            attempt(lambda cat=cat, value=value: _load_v3_category(
                rules, category_name(cat), value, source, child(path, cat), strict), None)
    return rules


def _load_v2(rules: MatchingRules, obj: dict[str, Any], source: str | None, path: str,
             strict: bool) -> None:
    for key, value in obj.items():
        attempt(lambda key=key, value=value: _load_v2_rule(
            rules, key, value, source, child(path, key), strict), None)


def _load_v2_rule(rules: MatchingRules, key: str, value: Any, source: str | None, kpath: str,
                  strict: bool) -> None:
    category, sub = split_v2_key(key)
    if category is None:
        raise fail(f"expected a V2 rule path such as '$.body.x', '$.headers.Name', "
                   f"'$.query.q' or '$.path', found {key!r}", source, kpath)
    if strict:
        check_rule_path(sub, category, source=source, path=kpath)
    rules.add(category, sub, parse_rule(value, source=source, path=kpath, strict=strict))


def split_v2_key(key: str) -> tuple[str | None, str]:
    """``("body", "$.x")`` for ``$.body.x``, ``("header", "Name")`` for ``$.headers.Name``,
    ``("path", "")`` for ``$.path``; ``(None, "")`` when ``key`` is not a V2 rule path."""
    m = _V2_KEY.match(key)
    if not m:
        return None, ""
    first = m.group(1) if m.group(1) is not None else m.group(2)
    rest = key[m.end():]
    category = category_name(first)
    if category == "body":
        return "body", "$" + rest
    if not rest:
        return category, ""
    m2 = _V2_KEY.match("$" + rest)
    if not m2:
        return None, ""
    name = m2.group(1) if m2.group(1) is not None else m2.group(2)
    if m2.end() != len(rest) + 1:
        return None, ""
    return category, name


def _load_v3_category(rules: MatchingRules, category: str, value: Any, source: str | None,
                      path: str, strict: bool) -> None:
    value = expect_object(value, source, path)
    if category in PATHLESS_CATEGORIES or "matchers" in value:
        rules.set(category, "", _merge(rules, category, "", parse_rule_list(
            value, source=source, path=path, strict=strict)))
        return
    for sub, lst in value.items():
        attempt(lambda sub=sub, lst=lst: _load_rule_list(
            rules, category, sub, lst, source, child(path, sub), strict), None)


def _load_rule_list(rules: MatchingRules, category: str, sub: str, lst: Any, source: str | None,
                    path: str, strict: bool) -> None:
    if strict:
        check_rule_path(sub, category, source=source, path=path)
    rules.set(category, sub, _merge(rules, category, sub, parse_rule_list(
        lst, source=source, path=path, strict=strict)))


def _merge(rules: MatchingRules, category: str, sub: str, new: RuleList) -> RuleList:
    existing = rules.category(category).get(sub)
    if existing is None:
        return new
    return RuleList(existing.rules + new.rules, existing.combine)


def parse_rule_list(obj: Any, *, source: str | None = None, path: str = "$",
                    strict: bool = True) -> RuleList:
    """A :class:`RuleList` from ``{"combine": "AND", "matchers": [...]}`` (a single rule
    object is accepted as a one-rule list)."""
    obj = expect_object(obj, source, path)
    if "matchers" not in obj:
        return RuleList([parse_rule(obj, source=source, path=path, strict=strict)])
    combine = obj.get("combine", "AND")
    if not isinstance(combine, str) or combine.upper() not in ("AND", "OR"):
        raise fail(f"expected \"AND\" or \"OR\", found {describe(combine)}", source,
                   child(path, "combine"))
    mpath = child(path, "matchers")
    matchers = expect_array(obj["matchers"], source, mpath)
    return RuleList([parse_rule(m, source=source, path=child(mpath, i), strict=strict)
                     for i, m in enumerate(matchers)], combine.upper())


def parse_rule(obj: Any, *, source: str | None = None, path: str = "$",
               strict: bool = True) -> Rule:
    """One :class:`Rule` from a matcher definition (``{"match": "regex", "regex": ...}``)."""
    obj = expect_object(obj, source, path)
    if "match" in obj or "pact:matcher:type" in obj:
        key = "match" if "match" in obj else "pact:matcher:type"
        kind = obj[key]
        if not isinstance(kind, str) or not kind:
            raise fail(f"expected a matcher name, found {describe(kind)}", source, child(path, key))
        params = {k: v for k, v in obj.items() if k != key}
    else:
        guessed = next((kind for attr, kind in _GUESSED_KINDS if attr in obj), None)
        if guessed is None:
            raise MatcherDefinitionError(
                "matching rule has no 'match' and its type cannot be guessed "
                "(expected 'match', or one of 'regex', 'min', 'max', 'timestamp', 'time', 'date')",
                source=source, path=path)
        kind, params = guessed, dict(obj)
    rule = Rule(kind, params)
    if strict:
        validate_rule(rule, source=source, path=path)
    return rule


def validate_rule(rule: Rule, *, source: str | None, path: str) -> None:
    """Check one rule: known name, well-typed attributes, compiling regexes, nested rules
    and the registered matcher's own ``validate``. Raises :class:`MatcherDefinitionError`."""
    registry = registry_for("matchers")
    matcher = None
    if registry is not None:
        matcher = registry.matcher(rule.kind)
        if matcher is None:
            known = ", ".join(sorted(registry.tables["matchers"]))
            raise MatcherDefinitionError(
                f"unknown matcher {rule.kind!r} (known matchers: {known})",
                source=source, path=child(path, "match"))
    _check_params(rule, source, path)
    validate = getattr(matcher, "validate", None)
    if callable(validate):
        reason = validate(rule)
        if reason:
            raise MatcherDefinitionError(str(reason), source=source, path=path)


def _check_params(rule: Rule, source: str | None, path: str) -> None:
    regex = rule.params.get("regex")
    if regex is not None or rule.kind == "regex":
        if not isinstance(regex, str):
            raise MatcherDefinitionError(f"expected a regex string, found {describe(regex)}",
                                         source=source, path=child(path, "regex"))
        reason = regex_error(regex)
        if reason:
            raise MatcherDefinitionError(reason, source=source, path=child(path, "regex"))
    for attr in ("min", "max"):
        value = rule.params.get(attr)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise MatcherDefinitionError(f"expected a non-negative integer, found {describe(value)}",
                                         source=source, path=child(path, attr))
    nested = rule.params.get("rules")
    if rule.kind in ("eachKey", "eachValue") and nested is not None:
        npath = child(path, "rules")
        if not isinstance(nested, list):
            raise MatcherDefinitionError(
                f"expected an array of matcher definitions, found {describe(nested)}",
                source=source, path=npath)
        for i, item in enumerate(nested):
            parse_rule(item, source=source, path=child(npath, i))
    if rule.kind in ("eachKey", "eachValue") and rule.params.get("generator") is not None:
        parse_generator(rule.params["generator"], source=source, path=child(path, "generator"))
    variants = rule.params.get("variants")
    if rule.kind == "arrayContains" and variants is not None:
        vpath = child(path, "variants")
        for i, variant in enumerate(expect_array(variants, source, vpath)):
            _check_variant(variant, source, child(vpath, i))


def _check_variant(variant: Any, source: str | None, path: str) -> None:
    """Check one ``arrayContains`` variant: ``{"index", "rules", "generators"}`` where
    ``rules`` is a body category (``{path: {"combine", "matchers"}}``, paths relative to
    the element, as the reference ``add_rules_from_json`` reads it) and ``generators`` is
    ``{path: {"type", ...}}``."""
    variant = expect_object(variant, source, path)
    if variant.get("rules") is not None:
        _load_v3_category(MatchingRules(), "body", variant["rules"], source,
                          child(path, "rules"), True)
    if variant.get("generators") is not None:
        gpath = child(path, "generators")
        for sub, gen in expect_object(variant["generators"], source, gpath).items():
            check_rule_path(sub, "body", source=source, path=child(gpath, sub))
            parse_generator(gen, source=source, path=child(gpath, sub))


# -- writing -----------------------------------------------------------------------------
def rules_to_json(rules: MatchingRules) -> dict[str, Any]:
    """Matching rules in the V3/V4 category-map form (empty categories left out)."""
    return _category_map_json({
        cat: {p: lst for p, lst in paths.items() if lst.rules} for cat, paths in rules.categories.items()
    })


def generators_to_json(generators: Generators) -> dict[str, Any]:
    """Generators in the V3/V4 category-map form (empty categories left out)."""
    return _category_map_json(generators.categories)


def _category_map_json(categories: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{category: {path: item.to_json()}}`` without empty categories; a category whose
    only path is ``""`` (``path``, ``status``, ``method``) holds its item directly."""
    out: dict[str, Any] = {}
    for cat, paths in categories.items():
        if not paths:
            continue
        if list(paths) == [""]:
            out[cat] = paths[""].to_json()
        else:
            out[cat] = {p: item.to_json() for p, item in paths.items()}
    return out


__all__ = [
    "CATEGORY_ALIASES", "category_name", "generators_to_json", "parse_generator",
    "parse_generators", "parse_matching_rules", "parse_rule", "parse_rule_list",
    "rules_to_json", "split_v2_key", "validate_rule",
]
