"""Rule paths (``$.a.b[0].*``, ``$['first name']``, ``$.a[*]``) and node paths.

A *node path* is where a value sits in a document: a tuple whose first element is ``"$"``
followed by field names (``str``) and array indexes (``int``). A *rule path* is the
expression a matching rule is keyed by in a pact file. :class:`RulePath` parses one once
and then weighs it against node paths the way the Pact reference core does:

- each rule token is compared with the node segment at the same position: the root and an
  exact field name or index weigh 2, ``*`` and ``[*]`` weigh 1, anything else 0;
- the weight is the product of the token weights, and 0 when the node path is shorter than
  the rule path (so a rule path matches a node and, as a prefix, its descendants);
- among matching rules the one with the highest ``weight * number of tokens`` wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from polypact.errors import MatcherDefinitionError

#: Token kinds.
ROOT, FIELD, INDEX, STAR, STAR_INDEX = "root", "field", "index", "star", "star-index"

_IDENT = re.compile(r"^[_A-Za-z][_A-Za-z0-9]*$")
_ID_CHARS = re.compile(r"[\w\-:#@]", re.UNICODE)

Token = tuple[str, object]
NodePath = tuple


def _is_id_char(ch: str) -> bool:
    return bool(_ID_CHARS.fullmatch(ch))


def parse_path(expr: str, *, source: str | None = None) -> tuple[Token, ...]:
    """Parse a rule path expression into tokens.

    ``""`` gives no tokens; a path must otherwise start with ``$`` (or an identifier, which
    is read as ``$.identifier``). Raises :class:`MatcherDefinitionError` naming the path and
    the position of the problem.
    """
    if expr == "":
        return ()
    tokens: list[Token] = []
    n = len(expr)
    i = 0

    def fail(why: str, at: int) -> MatcherDefinitionError:
        return MatcherDefinitionError(
            f"invalid rule path {expr!r}: {why} at index {at}", source=source, path=expr
        )

    def read_identifier(start: int) -> int:
        j = start
        while j < n and _is_id_char(expr[j]):
            j += 1
        if j < n and expr[j] not in ".[":
            raise fail(f"{expr[j]!r} is not allowed in an identifier", j)
        tokens.append((FIELD, expr[start:j]))
        return j

    if expr[0] == "$":
        tokens.append((ROOT, "$"))
        i = 1
    elif expr[0].isalnum():
        tokens.append((ROOT, "$"))
        i = read_identifier(0)
    else:
        raise fail("a path must start with '$'", 0)
    while i < n:
        ch = expr[i]
        if ch == ".":
            i += 1
            if i >= n:
                raise fail("expected a name or '*' after '.'", i - 1)
            if expr[i] == "*":
                tokens.append((STAR, "*"))
                i += 1
            elif _is_id_char(expr[i]):
                i = read_identifier(i)
            else:
                raise fail("expected a name or '*' after '.'", i)
        elif ch == "[":
            i += 1
            if i >= n:
                raise fail("unterminated '['", i - 1)
            c = expr[i]
            if c == "'":
                j = i + 1
                buf = []
                while j < n and expr[j] != "'":
                    if expr[j] == "\\" and j + 1 < n:
                        j += 1
                    buf.append(expr[j])
                    j += 1
                if j >= n:
                    raise fail("unterminated string", i)
                if not buf:
                    raise fail("empty names are not allowed", i)
                tokens.append((FIELD, "".join(buf)))
                i = j + 1
            elif c.isdigit():
                j = i
                while j < n and expr[j].isdigit():
                    j += 1
                tokens.append((INDEX, int(expr[i:j])))
                i = j
            elif c == "*":
                tokens.append((STAR_INDEX, "*"))
                i += 1
            else:
                raise fail("an index must be a number, '*' or a quoted name", i)
            if i >= n or expr[i] != "]":
                raise fail("expected ']'", min(i, n - 1))
            i += 1
        else:
            raise fail(f"expected '.' or '[' instead of {ch!r}", i)
    return tuple(tokens)


class RulePath:
    """A parsed rule path: its expression, tokens and weighting against node paths."""

    __slots__ = ("expr", "tokens", "length", "index_sensitive", "is_wildcard")

    def __init__(self, expr: str, tokens: Sequence[Token] | None = None, *, source: str | None = None):
        self.expr = expr
        self.tokens: tuple[Token, ...] = tuple(tokens) if tokens is not None else parse_path(expr, source=source)
        self.length = len(self.tokens)
        #: True when a token names a specific index (weights then depend on index values).
        self.index_sensitive = any(
            k == INDEX or (k == FIELD and isinstance(v, str) and v.isdigit()) for k, v in self.tokens
        )
        self.is_wildcard = bool(self.tokens) and self.tokens[-1][0] == STAR

    @classmethod
    def from_node_path(cls, path: Iterable[object], *extra: Token) -> RulePath:
        """The rule path that names exactly ``path`` (plus ``extra`` tokens, e.g. a star)."""
        tokens: list[Token] = []
        for seg in path:
            if seg == "$" and not tokens:
                tokens.append((ROOT, "$"))
            elif isinstance(seg, int):
                tokens.append((INDEX, seg))
            else:
                tokens.append((FIELD, seg))
        tokens.extend(extra)
        return cls(format_tokens(tokens), tokens)

    def weight(self, path: Sequence[object]) -> int:
        """The product of token weights against ``path`` (0: the rule does not apply)."""
        if len(path) < self.length:
            return 0
        w = 1
        for (kind, value), seg in zip(self.tokens, path, strict=False):
            if kind == FIELD:
                if seg == value or (isinstance(seg, int) and value == str(seg)):
                    w *= 2
                else:
                    return 0
            elif kind == STAR:
                pass
            elif kind == INDEX:
                if seg == value and isinstance(seg, int) or (isinstance(seg, str) and seg == str(value)):
                    w *= 2
                else:
                    return 0
            elif kind == STAR_INDEX:
                if not isinstance(seg, int) and not (isinstance(seg, str) and seg.isdigit()):
                    return 0
            elif kind == ROOT:
                if seg != "$":
                    return 0
                w *= 2
        return w

    def matches_exactly(self, path: Sequence[object]) -> bool:
        """True when this rule path names ``path`` itself (not an ancestor of it)."""
        return len(path) == self.length and self.weight(path) > 0

    def without_index_tokens(self) -> RulePath:
        """A copy without ``[*]`` / ``[n]`` tokens (XML node paths carry no indexes)."""
        tokens = [t for t in self.tokens if t[0] not in (STAR_INDEX, INDEX)]
        return RulePath(self.expr, tokens)

    def __repr__(self) -> str:
        return f"RulePath({self.expr!r})"


def format_tokens(tokens: Iterable[Token]) -> str:
    """Render tokens back to an expression (``$.a['b c'][0].*``)."""
    out = []
    for kind, value in tokens:
        if kind == ROOT:
            out.append("$")
        elif kind == FIELD:
            out.append(_key(str(value)))
        elif kind == INDEX:
            out.append(f"[{value}]")
        elif kind == STAR:
            out.append(".*")
        else:
            out.append("[*]")
    return "".join(out)


def _key(name: str) -> str:
    if _IDENT.match(name):
        return "." + name
    escaped = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"['{escaped}']"


def format_path(path: Sequence[object]) -> str:
    """Render a node path for a mismatch: ``$.name``, ``$['first name']``, ``$.items[0]``."""
    if not path:
        return "$"
    out = []
    for i, seg in enumerate(path):
        if i == 0 and seg == "$":
            out.append("$")
        elif isinstance(seg, int):
            out.append(f"[{seg}]")
        else:
            out.append(_key(str(seg)))
    if out[0] != "$":
        out.insert(0, "$")
    return "".join(out)


def to_node_path(path: object) -> tuple:
    """Accept a node path as a tuple/list of segments or as an expression string."""
    if path is None:
        return ("$",)
    if isinstance(path, str):
        tokens = parse_path(path or "$")
        out: list[object] = []
        for kind, value in tokens:
            if kind in (STAR, STAR_INDEX):
                raise MatcherDefinitionError(f"a node path cannot contain wildcards: {path!r}", path=path)
            out.append(value)
        return tuple(out) or ("$",)
    segs = tuple(path)
    if not segs or segs[0] != "$":
        segs = ("$", *segs)
    return segs
