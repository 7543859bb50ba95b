"""Pieces shared by the interaction renderers: definition lists, headers, queries,
bodies, matching rules and generators listed by path, provider states."""

from __future__ import annotations

import json
from typing import Any

from polypact_broker.ui.html import Child, Safe, render, table, tag
from polypact_broker.ui.render.bodies import BodyView

#: Category names of V2 flat rule paths (``$.body.x`` is category ``body``, path ``$.x``).
_V2_CATEGORIES = {"body": "body", "headers": "header", "header": "header", "query": "query",
                  "path": "path", "method": "method", "status": "status",
                  "metadata": "metadata"}


def compact(value: Any) -> str:
    """``value`` as one line of JSON (strings unquoted)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def meta(pairs: list[tuple[str, Child]]) -> Safe:
    """A definition list of (label, value) pairs; pairs with an empty value are left out."""
    items = [(tag("dt", k), tag("dd", v)) for k, v in pairs if v not in (None, "", [])]
    return tag("dl", items, class_="meta") if items else Safe("")


def pre(text: str, **attrs: object) -> Safe:
    """Preformatted text (escaped)."""
    return tag("pre", tag("code", text), **attrs)


def headers_table(headers: Any, title: str = "Headers") -> Safe:
    """A table of header names and values (values of a list joined with ``, ``)."""
    if not isinstance(headers, dict) or not headers:
        return Safe("")
    rows = [[tag("code", name), ", ".join(map(compact, v)) if isinstance(v, list) else compact(v)]
            for name, v in headers.items()]
    return render([tag("h4", title), table(["Name", "Value"], rows, class_="headers")])


def query_text(query: Any) -> str | None:
    """A query as ``a=1&b=2`` text (V2 strings as they are)."""
    if isinstance(query, str):
        return query or None
    if isinstance(query, dict) and query:
        pairs = []
        for name, values in query.items():
            for value in values if isinstance(values, list) else [values]:
                pairs.append(f"{name}={compact(value)}")
        return "&".join(pairs)
    return None


def body_section(title: str, view: BodyView | None) -> Safe:
    """A heading, the body's content type and size, and its text (or a binary note)."""
    if view is None:
        return Safe("")
    facts = [view.content_type or "no content type", f"{view.size} bytes"]
    if view.note:
        facts.append(view.note)
    shown = pre(view.text, class_="body") if view.text is not None else \
        tag("p", f"{view.note or 'binary'} content, not shown", class_="muted")
    return render([tag("h4", title), tag("p", " · ".join(facts), class_="muted"), shown])


def describe_matcher(matcher: Any) -> str:
    """``type (min 1)``, ``regex \\d+``, ``integer``... for one matcher object."""
    if not isinstance(matcher, dict):
        return compact(matcher)
    name = matcher.get("match")
    if name is None:  # V2 rules may leave the matcher implicit
        name = "regex" if "regex" in matcher else "type" if {"min", "max"} & set(matcher) else "equality"
    name = str(name)
    extras = [f"{k} {compact(v)}" for k, v in matcher.items() if k != "match"]
    return name + (f" ({', '.join(extras)})" if extras else "")


def _rule_entries(rules: Any) -> list[tuple[str, str, str]]:
    """(category, path, description) for V3/V4 grouped rules and V2 flat rules."""
    if not isinstance(rules, dict):
        return []
    out: list[tuple[str, str, str]] = []
    for key, value in rules.items():
        if isinstance(key, str) and key.startswith("$."):  # V2: "$.body.a.b"
            head, _, rest = key[2:].partition(".")
            category = _V2_CATEGORIES.get(head.split("[")[0], head)
            out.append((category, "$." + rest if rest else "", _describe_list(value)))
        elif isinstance(value, dict) and isinstance(value.get("matchers"), list):
            out.append((key, "", _describe_list(value)))  # path / method / status
        elif isinstance(value, list):
            out.append((key, "", _describe_list({"matchers": value})))
        elif isinstance(value, dict):
            for path, entry in value.items():
                out.append((key, path, _describe_list(entry)))
    return out


def _describe_list(entry: Any) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("matchers"), list):
        joiner = " OR " if str(entry.get("combine", "AND")).upper() == "OR" else " AND "
        return joiner.join(describe_matcher(m) for m in entry["matchers"])
    return describe_matcher(entry)


def rules_section(rules: Any, title: str = "Matching rules") -> Safe:
    """Matching rules listed by category and path."""
    entries = _rule_entries(rules)
    if not entries:
        return Safe("")
    rows = [[c, tag("code", p) if p else tag("span", "(whole)", class_="muted"), d]
            for c, p, d in entries]
    return render([tag("h4", title), table(["Category", "Path", "Matchers"], rows,
                                           class_="rules")])


def generators_section(generators: Any) -> Safe:
    """Generators listed by category and path."""
    if not isinstance(generators, dict) or not generators:
        return Safe("")
    rows: list[list[Child]] = []
    for category, value in generators.items():
        if isinstance(value, dict) and "type" in value:
            rows.append([category, tag("span", "(whole)", class_="muted"), _describe_gen(value)])
        elif isinstance(value, dict):
            rows.extend([category, tag("code", path), _describe_gen(g)] for path, g in value.items())
    if not rows:
        return Safe("")
    return render([tag("h4", "Generators"), table(["Category", "Path", "Generator"], rows,
                                                  class_="generators")])


def _describe_gen(gen: Any) -> str:
    if not isinstance(gen, dict):
        return compact(gen)
    extras = [f"{k} {compact(v)}" for k, v in gen.items() if k != "type"]
    return str(gen.get("type", "?")) + (f" ({', '.join(extras)})" if extras else "")


def provider_states(interaction: dict[str, Any]) -> Safe:
    """The interaction's provider states with their parameters (V3/V4 list or V2 text)."""
    states = interaction.get("providerStates")
    if not isinstance(states, list):
        single = interaction.get("providerState") or interaction.get("provider_state")
        states = [{"name": single}] if isinstance(single, str) and single else []
    items = []
    for state in states:
        if not isinstance(state, dict):
            continue
        params = state.get("params")
        items.append(tag("li", tag("span", state.get("name", "?"), class_="state"),
                         [" ", tag("code", compact(params), class_="params")] if params else None))
    if not items:
        return Safe("")
    return render([tag("h4", "Provider states"), tag("ul", items, class_="plain states")])
