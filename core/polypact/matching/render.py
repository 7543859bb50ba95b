"""A short, readable rendering of mismatches (one numbered line each).

The rendering is for people; :class:`~polypact.matching.mismatch.Mismatch` objects keep the
Pact rule-path form other tools use. Two things are shortened here:

- XML namespace URIs in paths, messages and values become prefixes
  (``$['http://schemas.xmlsoap.org/soap/envelope/:Envelope']`` reads ``$.soap:Envelope``)
  and one ``namespaces:`` legend line ends the report;
- the ``(expected X, got Y)`` part names only what the message does not already say, and
  no empty decoration (``[]``, ``()``) is ever printed;
- bytes read the same way on both sides: as text when both sides are printable UTF-8,
  otherwise as hex in groups of four bytes with the length (``00070000 3039 (6 bytes)``),
  and not at all when the message already gives their hex.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from polypact.matching.mismatch import Mismatch

#: Prefixes for namespace URIs everybody recognises.
WELL_KNOWN_PREFIXES = {
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://www.w3.org/2003/05/soap-envelope": "soap12",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://www.w3.org/2001/XMLSchema": "xsd",
    "http://schemas.xmlsoap.org/wsdl/": "wsdl",
}

_SEGMENT = re.compile(r"\.([^.\[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+|\*)\]")
_PLAIN = re.compile(r"[A-Za-z_][\w:-]*\Z")
_LOCAL = re.compile(r"[A-Za-z_][\w.-]*\Z")
_NCNAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,7}\Z")


#: How many bytes :func:`show_bytes` writes before it truncates.
HEX_BYTES = 12


def show_bytes(data: bytes, limit: int = HEX_BYTES) -> str:
    """``b"\\x00\\x07\\x00\\x0009"`` -> ``00070000 3039 (6 bytes)``: hex in groups of four
    bytes, cut after ``limit`` bytes (``...``), then the length."""
    head = bytes(data[:limit]).hex()
    groups = " ".join(head[i:i + 8] for i in range(0, len(head), 8))
    more = "..." if len(data) > limit else ""
    unit = "byte" if len(data) == 1 else "bytes"
    return f"{groups}{more} ({len(data)} {unit})".lstrip()


def _printable_text(data: bytes) -> str | None:
    """``data`` decoded when it is UTF-8 text a person can read (tabs and newlines allowed)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if all(ch.isprintable() or ch in "\t\r\n" for ch in text) else None


def _as_shown(expected: Any, actual: Any) -> tuple[Any, Any]:
    """Bytes on either side become text only when every bytes side is readable text;
    otherwise every bytes side is written as hex (so both sides read the same way)."""
    sides = [v for v in (expected, actual) if isinstance(v, (bytes, bytearray))]
    if not sides:
        return expected, actual
    texts = [_printable_text(bytes(v)) for v in sides]
    as_text = all(t is not None for t in texts)

    def one(value: Any) -> Any:
        if not isinstance(value, (bytes, bytearray)):
            return value
        return bytes(value).decode("utf-8") if as_text else _Hex(bytes(value))

    return one(expected), one(actual)


class _Hex(bytes):
    """Bytes to be written as :func:`show_bytes` hex."""


def _show(value: Any, limit: int = 40) -> str:
    if isinstance(value, (bytes, bytearray)):
        text = _printable_text(bytes(value))
        if text is None or isinstance(value, _Hex):
            return show_bytes(bytes(value))
        value = text
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_value(value: Any) -> str:
    """A value for a sentence, its kind first: ``null``, ``a string "abc"``, ``an array [1]``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, int):
        kind = "an integer"
    elif isinstance(value, float):
        kind = "a decimal"
    elif isinstance(value, str):
        kind = "a string"
    elif isinstance(value, (list, tuple)):
        kind = "an array"
    elif isinstance(value, dict):
        kind = "an object"
    else:
        kind = f"a {type(value).__name__}"
    return f"{kind} {_show(value)}"


# -- namespaces ------------------------------------------------------------------------------
def split_qname(name: str) -> tuple[str, str, str] | None:
    """``'@urn:users:id'`` -> ``('@', 'urn:users', 'id')``: a namespace-qualified XML name as
    the XML matcher writes it (``uri:local``); ``None`` for a plain or prefixed name."""
    at = "@" if name.startswith("@") else ""
    uri, sep, local = name[len(at):].rpartition(":")
    if not sep or ":" not in uri or not _LOCAL.match(local):
        return None
    return at, uri, local


def _segments(path: str) -> list[tuple[str, str]] | None:
    """``(kind, text)`` tokens of a node path, ``None`` when it is not one we can re-read."""
    if not path.startswith("$"):
        return None
    tokens: list[tuple[str, str]] = []
    pos = 1
    while pos < len(path):
        found = _SEGMENT.match(path, pos)
        if found is None:
            return None
        dotted, quoted, index = found.groups()
        if index is not None:
            tokens.append(("index", index))
        else:
            text = dotted if dotted is not None else re.sub(r"\\(.)", r"\1", quoted)
            tokens.append(("name", text))
        pos = found.end()
    return tokens


class Namespaces:
    """The prefixes given to the namespace URIs of one report, in order of first use."""

    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {}

    def prefix(self, uri: str) -> str:
        """The prefix of ``uri`` (well known, the URI's last segment, or ``nsN``)."""
        if uri in self.prefixes:
            return self.prefixes[uri]
        taken = set(self.prefixes.values())
        candidate = WELL_KNOWN_PREFIXES.get(uri)
        if candidate is None or candidate in taken:
            last = re.split(r"[/:#]", uri.rstrip("/#"))[-1].lower()
            reserved = taken | set(WELL_KNOWN_PREFIXES.values())
            candidate = last if _NCNAME.match(last) and not re.match(r"ns\d", last) and last not in reserved else None
        if candidate is None:
            n = 1
            while f"ns{n}" in taken:
                n += 1
            candidate = f"ns{n}"
        self.prefixes[uri] = candidate
        return candidate

    def path(self, path: str) -> str:
        """``path`` with namespaced names prefixed and dotted where possible; unchanged when
        it names no namespace."""
        tokens = _segments(path) if "['" in path else None
        if not tokens or not any(k == "name" and split_qname(t) for k, t in tokens):
            return path
        out = "$"
        for kind, text in tokens:
            if kind == "index":
                out += f"[{text}]"
                continue
            parts = split_qname(text)
            if parts is not None:
                text = f"{parts[0]}{self.prefix(parts[1])}:{parts[2]}"
            out += f".{text}" if _PLAIN.match(text) else "['" + text.replace("'", "\\'") + "']"
        return out

    def text(self, text: str) -> str:
        """``text`` with every known URI followed by ``:local`` written with its prefix."""
        for uri in sorted(self.prefixes, key=len, reverse=True):
            text = re.sub(re.escape(uri) + r":(?=[A-Za-z_])", self.prefixes[uri] + ":", text)
        return text

    def learn(self, message: str, *values: Any) -> None:
        """Give prefixes to the URIs of qualified names among ``values`` and of the
        ``<uri:local>`` element names in ``message`` (for XML mismatches only)."""
        for value in values:
            parts = split_qname(value) if isinstance(value, str) else None
            if parts is not None:
                self.prefix(parts[1])
        for found in re.finditer(r"<@?([^<>\s/]+):[A-Za-z_][\w.-]*/?>", message):
            if ":" in found.group(1):
                self.prefix(found.group(1))

    def legend(self) -> str:
        """``namespaces: soap = http://..., users = urn:users`` (empty: no namespace used)."""
        if not self.prefixes:
            return ""
        return "namespaces: " + ", ".join(f"{p} = {uri}" for uri, p in self.prefixes.items())


# -- lines -------------------------------------------------------------------------------------
def _mentioned(value: Any, message: str) -> bool:
    """Whether ``message`` already names ``value``: a string quoted (``'a'``, ``"a"``) or
    as an element (``<a/>``), a number or boolean as a whole word, anything else in its
    JSON form. ``None`` says nothing worth repeating."""
    if value is None:
        return True
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
        return bool(data) and (data[:32].hex() in message or show_bytes(data) in message)
    if isinstance(value, str):
        return any(form in message for form in (f"'{value}'", f'"{value}"', f"<{value}/>", f"<{value}>"))
    text = _show(value, 10_000)
    if isinstance(value, (bool, int, float)):
        forms = {text, str(value)}
        return any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\w.])", message) for f in forms)
    return text in message or str(value) in message


def render_mismatch(mismatch: Mismatch, namespaces: Namespaces | None = None) -> str:
    """One line: ``category path: message (expected X, got Y) [rule]``.

    The parenthesis names only the values the message does not already mention, the
    ``[rule]`` only a named rule; ``namespaces`` (shared by a report) shortens XML names.
    """
    ns = namespaces or Namespaces()
    raw = str(mismatch.message or "").strip()
    path = ns.path(mismatch.path or "")
    expected, actual = mismatch.expected, mismatch.actual
    if path != (mismatch.path or ""):
        ns.learn(raw, expected, actual)
        expected = ns.text(expected) if isinstance(expected, str) else expected
        actual = ns.text(actual) if isinstance(actual, str) else actual
    message = ns.text(raw)
    expected, actual = _as_shown(expected, actual)
    where = mismatch.category + (f" {path}" if path else "")
    line = f"{where}: {message}" if message else where
    said = []
    if not _mentioned(expected, message):
        said.append(f"expected {_show(expected)}")
    if not _mentioned(actual, message) or (said and actual is None):
        said.append(f"got {_show(actual)}")
    if said:
        line += f" ({', '.join(said)})"
    rule = str(mismatch.rule).strip() if mismatch.rule not in (None, "", [], {}) else ""
    if rule and rule not in ("None", "[]", "{}"):
        line += f" [{rule}]"
    return line


def render_mismatches(mismatches: Iterable[Mismatch]) -> str:
    """Numbered lines, one per mismatch, and a ``namespaces:`` legend line when XML names
    were shortened; ``"no mismatches"`` for an empty list."""
    ns = Namespaces()
    lines = [f"{n}. {render_mismatch(m, ns)}" for n, m in enumerate(mismatches, 1)]
    if not lines:
        return "no mismatches"
    legend = ns.legend()
    return "\n".join([*lines, legend] if legend else lines)
