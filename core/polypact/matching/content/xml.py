"""The XML content matcher (``application/xml``, ``text/xml``, ``*/*+xml``).

Elements compare by namespace URI and local name (never by prefix), attributes as a map
(extra ones are fine in responses), children grouped by name and compared in order, then
the element's trimmed text. Node paths follow the reference core: ``$.root.child``,
``['@attr']`` for attributes, ``['#text']`` for text, ``$['uri:Local']`` for namespaced
names. Rule paths may also use document prefixes (``$.soap:Envelope``), and ``[*]`` /
``[n]`` tokens are ignored: rules are looked up by the path without indexes.

Mismatch paths go one step further than the reference core (whose paths repeat
``...reading['@unit']`` for every ``<reading>``): when an element has several children of
one name, each carries its position among them, as JSON paths do
(``...reading[1]['@unit']``). A child that is the only one of its name has no index.
"""

from __future__ import annotations

import re
from typing import Any

from polypact.matching import rulekinds
from polypact.matching.content.xml_safe import parse_xml_with_namespaces
from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import FIELD, RulePath, format_path, format_tokens
from polypact.model.body import Body


def qname(tag: str) -> str:
    """``{uri}local`` -> ``uri:local``; plain names unchanged."""
    if tag[:1] == "{":
        uri, _, local = tag[1:].partition("}")
        return f"{uri}:{local}"
    return tag


def rule_key(path: tuple) -> tuple:
    """The node path rules are looked up by: ``path`` without the indexes of repeated
    elements (``('$', 'r', 'reading', 1, '@unit')`` -> ``('$', 'r', 'reading', '@unit')``)."""
    return tuple(seg for seg in path if type(seg) is not int)


def _children(element: Any) -> list[Any]:
    return [c for c in element if isinstance(c.tag, str)]


def _text(element: Any) -> str:
    parts = [(element.text or "").strip()]
    parts.extend((c.tail or "").strip() for c in element)
    return "".join(parts)


def translate_rules(rules: dict, namespaces: dict[str, str]) -> dict:
    """Rewrite prefixed names in rule paths (``soap:Envelope``) to ``uri:Envelope``."""
    if not namespaces:
        return dict(rules)
    out = {}
    for expr, rule_list in rules.items():
        tokens = RulePath(expr or "$").tokens
        changed = []
        for kind, value in tokens:
            if kind == FIELD and isinstance(value, str) and ":" in value:
                at = "@" if value.startswith("@") else ""
                prefix, _, local = value[len(at):].partition(":")
                if prefix in namespaces and not local.startswith("//"):
                    value = f"{at}{namespaces[prefix]}:{local}"
            changed.append((kind, value))
        out[format_tokens(changed)] = rule_list
    return out


class XmlMatcher:
    """Namespace-aware XML comparison on safely parsed documents."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two XML bodies."""
        roots = []
        namespaces: dict[str, str] = {}
        problems = []
        for which, body in (("expected", expected), ("actual", actual)):
            try:
                root, declared = parse_xml_with_namespaces(body.content)
                roots.append(root)
                for prefix, uri in declared.items():
                    namespaces.setdefault(prefix, uri)
            except ValueError as exc:
                problems.append(Mismatch("body", "$", f"Failed to parse the {which} body as XML: {exc}",
                                         expected.text(), actual.text()))
        if problems:
            return problems
        exp_root, act_root = roots
        ctx = context.with_rules(translate_rules(dict(context.rules), namespaces),
                                 xml=True, text_values=True)
        out: list[Mismatch] = []
        _compare_element(("$", qname(exp_root.tag)), exp_root, act_root, ctx, out)
        return out


def _element_rule(rule: Any, cascaded: bool, expected: Any, actual: Any) -> str | None:
    """One rule on an element. Value rules (regex, include, number, ...) on an element
    without child elements are left to its text, which they reach by cascading."""
    kind = rulekinds.canonical(rule.kind)
    ename, aname = qname(expected.tag), qname(actual.tag)
    if kind in ("type", "equality"):
        if ename != aname:
            return f"Expected element <{aname}> to be <{ename}>"
        if kind == "type" and not cascaded:
            n = len(_children(actual))
            lo, hi = rule.get("min"), rule.get("max")
            if isinstance(lo, int) and n < lo:
                return f"Expected <{aname}> to have at least {lo} child element(s) but it has {n}"
            if isinstance(hi, int) and n > hi:
                return f"Expected <{aname}> to have at most {hi} child element(s) but it has {n}"
        return None
    if kind == "notEmpty":
        return None if _children(actual) else f"Expected <{aname}> to have at least one child element"
    if kind in rulekinds.VALUES_LIKE or kind == "eachKey" or not _children(actual):
        return None
    if kind == "regex":
        local = actual.tag.rsplit("}", 1)[-1]
        return None if re.fullmatch(str(rule.get("regex", "")), local) else f"Expected {aname!r} to match {rule.get('regex')!r}"
    return f"{rule.kind} cannot be applied to element <{aname}>"


def _compare_element(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    found = ctx.resolve(rule_key(path))
    ename, aname = qname(expected.tag), qname(actual.tag)
    if found is None:
        if ename != aname:
            out.append(Mismatch("body", format_path(path), f"Expected element <{ename}> but was <{aname}>",
                                ename, aname, "equality"))
            return
    else:
        rules, cascaded = found
        failures = [(r, _element_rule(r, cascaded, expected, actual)) for r in rules.rules]
        bad = [(r, why) for r, why in failures if why is not None]
        if bad and not (rules.combine.upper() == "OR" and len(bad) < len(failures)):
            out.extend(Mismatch("body", format_path(path), why, ename, aname, r.kind) for r, why in bad)
            return
    _compare_attributes(path, expected, actual, ctx, out)
    _compare_children(path, expected, actual, ctx, out)
    _compare_value((*path, "#text"), _text(expected), _text(actual), ctx, out)


def _compare_value(path: tuple, expected: str, actual: str, ctx: MatchContext, out: list[Mismatch]) -> None:
    key = rule_key(path)
    found = ctx.resolve(key)
    if found is None:
        if expected != actual:
            out.append(Mismatch("body", format_path(path), f"Expected {expected!r} but was {actual!r}",
                                expected, actual, "equality"))
        return
    rules, cascaded = found
    for rule, reason in ctx.apply_rules(rules, cascaded, expected, actual, key):
        out.append(Mismatch("body", format_path(path), reason, expected, actual, rule.kind))


def _compare_attributes(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    exp = {qname(k): v for k, v in expected.attrib.items()}
    act = {qname(k): v for k, v in actual.attrib.items()}
    where = format_path(path)
    if not ctx.allow_unexpected_keys:
        extra = [k for k in act if k not in exp]
        if extra:
            out.append(Mismatch("body", where, f"Unexpected attribute(s) {', '.join(extra)}", exp, act))
    for key, value in exp.items():
        p = (*path, "@" + key)
        if key in act:
            _compare_value(p, value, act[key], ctx, out)
        else:
            out.append(Mismatch("body", format_path(p), f"Expected attribute {key}={value!r} but was missing",
                                value, None))


def _compare_children(path: tuple, expected: Any, actual: Any, ctx: MatchContext, out: list[Mismatch]) -> None:
    exp_children, act_children = _children(expected), _children(actual)
    where = format_path(path)
    if not exp_children and act_children and not ctx.allow_unexpected_keys:
        names = ", ".join(qname(c.tag) for c in act_children)
        out.append(Mismatch("body", where, f"Expected no child elements but received [{names}]", None, names))
        return
    exp_groups: dict[str, list[Any]] = {}
    for child in exp_children:
        exp_groups.setdefault(qname(child.tag), []).append(child)
    act_groups: dict[str, list[Any]] = {}
    for child in act_children:
        act_groups.setdefault(qname(child.tag), []).append(child)
    for name, group in act_groups.items():
        p = (*path, name)
        if name in exp_groups:
            expected_group = exp_groups[name]
            repeated = len(group) > 1 or len(expected_group) > 1

            def at(index: int, p: tuple = p, repeated: bool = repeated) -> tuple:
                return (*p, index) if repeated else p

            if ctx.type_matcher_defined(rule_key(p)):
                for index, child in enumerate(group):
                    _compare_element(at(index), expected_group[0], child, ctx, out)
                continue
            for index in range(max(len(expected_group), len(group))):
                if index >= len(expected_group):
                    if not ctx.allow_unexpected_keys:
                        out.append(Mismatch("body", format_path(at(index)), f"Unexpected child <{name}/>", None, name))
                elif index >= len(group):
                    out.append(Mismatch("body", format_path(at(index)), f"Expected child <{name}/> but was missing",
                                        name, None))
                else:
                    _compare_element(at(index), expected_group[index], group[index], ctx, out)
        elif not ctx.allow_unexpected_keys or ctx.type_matcher_defined(rule_key(p)):
            out.append(Mismatch("body", where, f"Unexpected child <{name}/>", None, name))
    for name in exp_groups:
        if name not in act_groups:
            out.append(Mismatch("body", where, f"Expected child <{name}/> but was missing", name, None))
