"""Header comparison: names case-insensitive, values case-sensitive, extra headers fine.

Values are compared after splitting on commas and trimming (so ``a,b`` matches ``a, b``
and a header given as one string matches the same header given as a list).
``Content-Type`` and ``Accept`` compare as media types: same type, and every expected
parameter present with the same value (parameter values case-insensitive, order free).
Rules are keyed by the lower-cased header name (``$.content-type`` or ``Content-Type``);
a rule naming one value (``$.x-id[0]``) applies to that value alone, the others compare
by equality (as the reference's ``match_header_value`` does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from polypact.matching.context import MatchContext
from polypact.matching.json_tree import compare
from polypact.matching.mismatch import Mismatch
from polypact.model.interactions import find_header

PARAMETERISED = frozenset({"content-type", "accept"})


def split_values(values: Sequence[str] | str) -> list[str]:
    """Comma-split and trim header values (``["a, b", "c"]`` -> ``["a", "b", "c"]``)."""
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values:
        out.extend(v.strip() for v in str(value).split(","))
    return [v for v in out if v] or ([""] if values else [])


def media_params(value: str) -> tuple[str, dict[str, str]]:
    """Split ``type/sub; a=b`` into its media type and parameters (values lower-cased)."""
    pieces = [p.strip() for p in value.split(";") if p.strip()]
    if not pieces:
        return "", {}
    params = {}
    for piece in pieces[1:]:
        key, _, val = piece.partition("=")
        params[key.strip().lower()] = val.strip().strip('"').lower()
    return pieces[0], params


def parameter_header_mismatch(expected: str, actual: str) -> bool:
    """True when ``actual`` does not satisfy ``expected`` as a media type with parameters."""
    e_type, e_params = media_params(expected)
    a_type, a_params = media_params(actual)
    if e_type != a_type:
        return True
    return any(a_params.get(k) != v for k, v in e_params.items())


def match_headers(
    expected: Mapping[str, Sequence[str]] | None,
    actual: Mapping[str, Sequence[str]] | None,
    context: MatchContext,
) -> list[Mismatch]:
    """Compare expected headers with actual ones (extra actual headers are fine)."""
    out: list[Mismatch] = []
    actual = dict(actual or {})
    for name, values in (expected or {}).items():
        if isinstance(values, str):
            values = [values]
        found = find_header(actual, name)
        if isinstance(found, str):
            found = [found]
        if found is None:
            out.append(Mismatch("header", name, f"Expected a header '{name}' but was missing", list(values), None))
            continue
        lname = name.lower()
        path = ("$", lname)
        if context.matcher_is_defined(path):
            exp = [v.strip() for v in values]
            act = [v.strip() for v in found]
            if len(exp) != 1 or len(act) != 1:
                exp, act = split_values(values), split_values(found)
            sub: list[Mismatch] = []
            if len(exp) == 1 and len(act) == 1:
                rules, cascaded = context.resolve(path)  # type: ignore[misc]
                for rule, reason in context.apply_rules(rules, cascaded, exp[0], act[0], path):
                    sub.append(Mismatch("header", name, reason, exp[0], act[0], rule.kind))
            else:
                compare(path, exp, act, context, sub)
            out.extend(Mismatch("header", name, m.message, m.expected, m.actual, m.rule)
                       for m in sub)
            continue
        if not values and found:
            out.append(Mismatch("header", name, f"Expected an empty header {name!r} but was {', '.join(found)!r}",
                                "", ", ".join(found)))
            continue
        exp, act = split_values(values), split_values(found)
        bad = [-1] if len(exp) != len(act) else []
        for i, (e, a) in enumerate(zip(exp, act, strict=False)) if not bad else ():
            indexed = (*path, i)
            if context.matcher_is_defined(indexed):  # a rule on one value: ``$.x-id[0]``
                rules, cascaded = context.resolve(indexed)  # type: ignore[misc]
                out.extend(Mismatch("header", name, reason, e, a, rule.kind)
                           for rule, reason in context.apply_rules(rules, cascaded, e, a, indexed))
            elif parameter_header_mismatch(e, a) if lname in PARAMETERISED else e != a:
                bad.append(i)
        if bad:
            shown_e, shown_a = ", ".join(exp), ", ".join(act)
            out.append(Mismatch("header", name, f"Expected header '{name}' to have value '{shown_e}' but was "
                                                f"'{shown_a}'", shown_e, shown_a, "equality"))
    return out
