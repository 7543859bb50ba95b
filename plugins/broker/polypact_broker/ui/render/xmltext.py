"""Indenting XML text for display without parsing it.

The text is split into tags, comments, CDATA sections, processing instructions and
character data, and re-indented by nesting depth. Entities are never expanded and no DTD
is read, so a hostile document cannot make the broker fetch or expand anything. Text that
does not nest properly is returned as it came.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
                    r"|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|<![^>]*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return [t for t in out if t.strip()]


def _kind(token: str) -> str:
    if not token.startswith("<"):
        return "text"
    if token.startswith(("<!--", "<![CDATA[", "<?", "<!")):
        return "other"
    if token.startswith("</"):
        return "close"
    return "empty" if token.endswith("/>") else "open"


def pretty_xml(text: str, indent: str = "  ") -> str:
    """``text`` re-indented one element per line (an element holding only text stays on
    one line); unchanged when its tags do not nest."""
    tokens = _tokens(text)
    lines: list[str] = []
    depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = _kind(token)
        if kind == "open" and i + 2 < len(tokens) and _kind(tokens[i + 1]) == "text" \
                and _kind(tokens[i + 2]) == "close":
            lines.append(indent * depth + token + tokens[i + 1].strip() + tokens[i + 2])
            i += 3
            continue
        if kind == "open" and i + 1 < len(tokens) and _kind(tokens[i + 1]) == "close":
            lines.append(indent * depth + token + tokens[i + 1])
            i += 2
            continue
        if kind == "close":
            depth -= 1
            if depth < 0:
                return text
        lines.append(indent * depth + token.strip())
        if kind == "open":
            depth += 1
        i += 1
    return "\n".join(lines) if depth == 0 else text
