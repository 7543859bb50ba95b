"""Formatting GraphQL documents for display: one field per line, nested selections
indented, arguments and variable definitions kept inline.

A small tokenizer of its own (the broker does not depend on graphql-core); a document it
cannot tokenize is shown as written.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'''
    (?P<ws>[\s,\ufeff]+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<block>"""(?:\\"""|[^"]|"(?!""))*""")
  | (?P<string>"(?:\\.|[^"\\\n\r])*")
  | (?P<spread>\.\.\.)
  | (?P<punct>[!$&()\[\]{}:=@|])
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<name>[_A-Za-z][_0-9A-Za-z]*)
''', re.VERBOSE)

_NO_SPACE_BEFORE = {":", ")", "]", "}", "!", "(", ","}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "@", "..."}


def tokenize(text: str) -> list[tuple[str, str]] | None:
    """(kind, text) tokens; commas become ``,`` punctuation only inside arguments (the
    caller decides), whitespace is dropped. ``None`` when the text is not GraphQL."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            return None
        kind = m.lastgroup or ""
        if kind == "ws":
            if "," in m.group(0):
                tokens.append(("punct", ","))
        else:
            tokens.append((kind, m.group(0)))
        pos = m.end()
    return tokens


def pretty_graphql(text: str, indent: str = "  ") -> str:
    """``text`` formatted one selection per line; unchanged when it cannot be tokenized
    or its braces and parentheses do not balance."""
    tokens = tokenize(text)
    if tokens is None:
        return text
    lines: list[str] = []
    cur = ""
    depth = paren = 0
    prev = ""

    def flush() -> None:
        """End the current line."""
        nonlocal cur
        if cur.strip():
            lines.append(cur.rstrip())
        cur = ""

    for kind, tok in tokens:
        if kind == "comment":
            flush()
            lines.append(indent * depth + tok)
            prev = ""
            continue
        if tok == "," and paren == 0:
            continue
        if tok == "{" and paren == 0:
            cur = (cur.rstrip() + " {") if cur.strip() else indent * depth + "{"
            flush()
            depth += 1
        elif tok == "}" and paren == 0:
            flush()
            depth -= 1
            if depth < 0:
                return text
            lines.append(indent * depth + "}")
            if depth == 0:
                lines.append("")
        elif depth > 0 and paren == 0 and _starts_selection(tok, prev):
            flush()
            cur = indent * depth + tok
        else:
            if tok == "(":
                paren += 1
            elif tok == ")":
                paren -= 1
                if paren < 0:
                    return text
            if not cur:
                cur = indent * depth
            elif tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER \
                    and not cur.endswith(" "):
                cur += " "
            elif prev == "..." and tok == "on":
                cur += " "
            cur += tok
        prev = tok
    flush()
    if depth != 0 or paren != 0:
        return text
    return "\n".join(lines).strip("\n")


def _starts_selection(tok: str, prev: str) -> bool:
    """Inside a selection set: does ``tok`` begin a new field / spread?"""
    if tok == "...":
        return True
    if not (tok[:1].isalpha() or tok[:1] == "_"):
        return False
    return prev not in (":", "@", "...", "on", "$", "=", "|", "&")
