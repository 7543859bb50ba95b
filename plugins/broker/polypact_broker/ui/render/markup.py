"""``interactionMarkup`` (written by Pact plugins) shown as text: CommonMark fenced code
blocks become preformatted blocks, other lines paragraphs. Markup is never passed through
as HTML."""

from __future__ import annotations

from typing import Any

from polypact_broker.ui.html import Safe, render, tag
from polypact_broker.ui.render.parts import pre


def markup_text(interaction: dict[str, Any]) -> tuple[str, str] | None:
    """(markup, markupType) of the interaction, or ``None``."""
    markup = interaction.get("interactionMarkup")
    if isinstance(markup, dict) and isinstance(markup.get("markup"), str) and markup["markup"].strip():
        return markup["markup"], str(markup.get("markupType") or "COMMON_MARK")
    return None


def render_markup(text: str, markup_type: str) -> Safe:
    """The markup as escaped blocks (fenced code as ``<pre>``, the rest as paragraphs)."""
    if markup_type.upper() != "COMMON_MARK":
        return pre(text, class_="markup")
    blocks: list[Safe] = []
    para: list[str] = []
    code: list[str] | None = None
    for line in text.splitlines():
        if line.strip().startswith("```"):
            if code is None:
                if para:
                    blocks.append(tag("p", " ".join(para)))
                    para = []
                code = []
            else:
                blocks.append(pre("\n".join(code), class_="markup"))
                code = None
        elif code is not None:
            code.append(line)
        elif line.strip():
            para.append(line.strip())
        elif para:
            blocks.append(tag("p", " ".join(para)))
            para = []
    if code is not None:
        blocks.append(pre("\n".join(code), class_="markup"))
    if para:
        blocks.append(tag("p", " ".join(para)))
    return render(blocks)
