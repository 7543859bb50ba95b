"""A whole pact document: who, which specification, plugins, a table of contents and a
card per interaction (``interactions`` and, for V3 message pacts, ``messages``)."""

from __future__ import annotations

from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.interaction import kind_of, render_interaction
from polypact_broker.ui.render.parts import compact, meta
from polypact_broker.ui.render.protobuf import descriptor_sets


def spec_version(document: dict[str, Any]) -> str | None:
    """The pact specification version named in the metadata (V2-V4 spellings)."""
    md = document.get("metadata")
    if not isinstance(md, dict):
        return None
    for key in ("pactSpecification", "pact-specification"):
        value = md.get(key)
        if isinstance(value, dict) and value.get("version"):
            return str(value["version"])
    value = md.get("pactSpecificationVersion")
    return str(value) if value else None


def entries(document: dict[str, Any]) -> list[tuple[dict[str, Any] | Any, bool]]:
    """(interaction, is-a-V3-message) for every interaction and message of the pact."""
    out: list[tuple[Any, bool]] = []
    for key, in_messages in (("interactions", False), ("messages", True)):
        items = document.get(key)
        if isinstance(items, list):
            out.extend((i, in_messages) for i in items)
    return out


def _plugins(document: dict[str, Any]) -> str | None:
    md = document.get("metadata")
    plugins = md.get("plugins") if isinstance(md, dict) else None
    if not isinstance(plugins, list):
        return None
    names = [f"{p.get('name')} {p.get('version', '')}".strip() for p in plugins if isinstance(p, dict)]
    return ", ".join(names) or None


def render_pact(document: Any, *, parties: bool = True) -> Safe:
    """The readable form of a pact document (``parties``: list consumer and provider)."""
    if not isinstance(document, dict):
        return tag("p", "this pact is not a JSON object", class_="muted")
    items = entries(document)
    descriptors = descriptor_sets(document)
    toc = [tag("li", tag("a", str(i.get("description", "(no description)")) if isinstance(i, dict)
                         else f"interaction {n}", href=f"#i-{n}"), " ",
               tag("span", kind_of(i, m) if isinstance(i, dict) else "?", class_="badge kind"))
           for n, (i, m) in enumerate(items)]
    consumer = (document.get("consumer") or {}).get("name") if isinstance(document.get("consumer"), dict) else None
    provider = (document.get("provider") or {}).get("name") if isinstance(document.get("provider"), dict) else None
    return render([
        meta([("Consumer", consumer if parties else None),
              ("Provider", provider if parties else None),
              ("Pact specification", spec_version(document)), ("Plugins", _plugins(document)),
              ("Interactions", compact(len(items)))]),
        tag("h2", "Interactions"),
        tag("ol", toc, class_="toc") if toc else tag("p", "no interactions", class_="muted"),
        [render_interaction(i, n, m, descriptors) for n, (i, m) in enumerate(items)],
    ])
