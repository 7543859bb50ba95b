"""Reading the compatibility suite's table cells: bodies, headers, queries, rule and
generator files, JSON values.

Cell conventions of the suite (as its step text and fixtures define them):

- ``file: basic.json`` a fixture file (content type from the extension); a ``*-body.xml``
  fixture is a wrapper ``<body><contentType/><contents/></body>`` naming the content type
  of its contents (``eol="CRLF"`` converts line ends, ``encoding="base64"`` decodes);
- ``JSON: {...}`` a JSON document, ``XML: <...>`` an XML document, anything else text;
- headers: ``'Name: value'`` items separated by commas;
- rule and generator cells: a fixture file name, or ``JSON: {...}`` inline.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree

from polypact.model import Generators, MatchingRules
from polypact.pactfile import parse_generators, parse_matching_rules

from tests.conftest import COMPAT_SUITE

FIXTURES = COMPAT_SUITE / "fixtures"
FEATURES = COMPAT_SUITE / "features"

_SUFFIX_TYPES = {
    ".json": "application/json",
    ".xml": "application/xml",
    ".jpg": "image/jpeg",
    ".pdf": "application/pdf",
}
_HEADER_ITEM = re.compile(r"'([^':]+):\s*([^']*)'")


@dataclass(frozen=True)
class BodySpec:
    """A body from a table cell: its bytes and content type (``None`` when the cell does
    not say, e.g. plain text)."""

    data: bytes
    content_type: str | None = None

    @property
    def text(self) -> str:
        """The bytes decoded as UTF-8 (for text bodies)."""
        return self.data.decode("utf-8")

    def json(self) -> Any:
        """The bytes parsed as JSON."""
        return json.loads(self.data)


def fixture_path(name: str) -> Path:
    """The path of a fixture file named in a cell (``basic.json`` or ``file: basic.json``)."""
    name = name.strip()
    if name.startswith("file:"):
        name = name[5:].strip()
    return FIXTURES / name


def _wrapped_body(path: Path) -> BodySpec:
    root = ElementTree.parse(path).getroot()  # noqa: S314 - the suite's own fixtures
    contents = root.find("contents")
    content_type = root.find("contentType")
    if root.tag != "body" or contents is None or content_type is None:
        raise ValueError(f"{path}: expected <body> with <contentType> and <contents>")
    text = contents.text or ""
    eol = contents.attrib.get("eol")
    if eol == "CRLF":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    elif eol == "LF":
        text = text.replace("\r\n", "\n")
    if contents.attrib.get("encoding") == "base64":
        return BodySpec(base64.b64decode(text.strip()), (content_type.text or "").strip())
    return BodySpec(text.encode("utf-8"), (content_type.text or "").strip())


def body_spec(cell: str) -> BodySpec:
    """The body a table cell describes (see the module docstring)."""
    if cell.startswith("file:"):
        path = fixture_path(cell)
        if path.name.endswith("-body.xml"):
            return _wrapped_body(path)
        return BodySpec(path.read_bytes(), _SUFFIX_TYPES.get(path.suffix))
    if cell.startswith("JSON:"):
        return BodySpec(cell[5:].strip().encode("utf-8"), "application/json")
    if cell.startswith("XML:"):
        return BodySpec(cell[4:].strip().encode("utf-8"), "application/xml")
    return BodySpec(cell.encode("utf-8"), None)


def parse_headers(cell: str) -> list[tuple[str, str]]:
    """``'X-A: 1', 'X-B: 2'`` as (name, value) pairs, repeats kept in order."""
    pairs = [(m.group(1).strip(), m.group(2).strip()) for m in _HEADER_ITEM.finditer(cell)]
    if cell.strip() and not pairs:
        raise ValueError(f"expected headers such as 'Name: value', got {cell!r}")
    return pairs


def header_multimap(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(name, value) pairs as a name -> values multimap (first spelling of a name kept)."""
    out: dict[str, list[str]] = {}
    for name, value in pairs:
        key = next((k for k in out if k.lower() == name.lower()), name)
        out.setdefault(key, []).append(value)
    return out


def parse_query(cell: str) -> dict[str, list[str]]:
    """``a=1&b=2&a=3`` as a multimap in first-appearance order."""
    out: dict[str, list[str]] = {}
    for name, value in parse_qsl(cell, keep_blank_values=True):
        out.setdefault(name, []).append(value)
    return out


def json_cell(cell: str) -> Any:
    """A JSON value from a cell, with or without a ``JSON:`` prefix."""
    cell = cell.strip()
    if cell.startswith("JSON:"):
        cell = cell[5:]
    return json.loads(cell)


def _json_document(cell: str) -> Any:
    cell = cell.strip()
    if cell.startswith("JSON:"):
        return json.loads(cell[5:])
    return json.loads(fixture_path(cell).read_text(encoding="utf-8"))


def matching_rules(cell: str, spec_version: str = "3.0") -> MatchingRules:
    """The matching rules of a cell (a rules fixture such as ``regex-matcher-v2.json`` in
    V2 flat form or V3 category form, or inline JSON), read by polypact's pact reader."""
    return parse_matching_rules(_json_document(cell), spec_version, source=cell.strip())


def generators(cell: str) -> Generators:
    """The generators of a cell (a generators fixture or inline JSON)."""
    return parse_generators(_json_document(cell), "4.0", source=cell.strip())


def table_rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A Gherkin data table (header row first) as one dict per row."""
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]


def scalar(cell: str) -> Any:
    """A data-table value: JSON when it parses (``"Test"``, ``66``), else the raw text."""
    try:
        return json.loads(cell)
    except ValueError:
        return cell
