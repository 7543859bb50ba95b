"""Reading whole pact documents: ``parse_pact`` (decoded JSON), ``loads_pact`` (text) and
``read_pact`` (a file), for specification versions 1.0, 1.1, 2.0, 3.0 and 4.0."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polypact.errors import PactFileError
from polypact.model.interactions import Interaction
from polypact.model.pact import Pact, Pacticipant
from polypact.pactfile._context import (
    attempt,
    child,
    collecting,
    expect_array,
    expect_object,
    expect_str,
    fail,
)
from polypact.pactfile.interactions import parse_async_message, parse_interaction

#: Metadata members that hold the specification version (all spellings seen in the wild).
VERSION_KEYS = ("pactSpecification", "pact-specification", "pactSpecificationVersion")
PACT_FIELDS = frozenset({"consumer", "provider", "interactions", "messages", "metadata"})
_VERSION = re.compile(r"^\s*v?(\d+)(?:\.(\d+))?(?:\.\d+)*\s*$")


def normalise_version(raw: Any, *, source: str | None, path: str) -> str:
    """``"1.0"``, ``"1.1"``, ``"2.0"``, ``"3.0"`` or ``"4.0"`` from a written version
    (``"2.0.0"``, ``"3.0.0"``, ``"4.0"``...); other versions are a :class:`PactFileError`."""
    text = expect_str(raw, source, path)
    m = _VERSION.match(text)
    if m:
        major, minor = int(m.group(1)), int(m.group(2) or 0)
        if major == 1:
            return "1.1" if minor >= 1 else "1.0"
        if major in (2, 3, 4):
            return f"{major}.0"
    raise fail(f"unsupported pact specification version {text!r} "
               "(expected 1.0, 1.1, 2.0, 3.0 or 4.0)", source, path)


def detect_version(doc: dict[str, Any], *, source: str | None) -> str:
    """The specification version a document declares, else a guess from its shape
    (``4.0`` when interactions carry a ``type``, else ``3.0``)."""
    metadata = doc.get("metadata")
    if isinstance(metadata, dict):
        mpath = "$.metadata"
        for key in VERSION_KEYS:
            if metadata.get(key) is None:
                continue
            value = metadata[key]
            vpath = child(mpath, key)
            if isinstance(value, dict):
                if value.get("version") is None:
                    continue
                return normalise_version(value["version"], source=source, path=child(vpath, "version"))
            return normalise_version(value, source=source, path=vpath)
    interactions = doc.get("interactions")
    if isinstance(interactions, list) and any(isinstance(i, dict) and "type" in i for i in interactions):
        return "4.0"
    return "3.0"


def _pacticipant(doc: dict[str, Any], role: str, source: str | None) -> Pacticipant:
    path = child("$", role)
    if role not in doc:
        raise fail(f"expected a '{role}' object with a name", source, "$")
    obj = expect_object(doc[role], source, path)
    name = expect_str(obj.get("name"), source, child(path, "name"))
    return Pacticipant(name, {k: v for k, v in obj.items() if k != "name"})


def parse_pact(doc: Any, source: str | None = "<document>", *, strict: bool = True,
               errors: list[PactFileError] | None = None) -> Pact:
    """A :class:`Pact` from a decoded pact JSON document.

    With ``strict`` (the default) matching rules and generators are validated (known
    names, compiling regexes, their own checks); ``strict=False`` reads them as written.
    Raises :class:`PactFileError` (or its subclass :class:`MatcherDefinitionError`) naming
    ``source`` and the JSON path of the first problem. With an ``errors`` list, nothing is
    raised: every problem is appended to it (per field, then on with the next field and
    interaction) and the pact returned holds what could be read.
    """
    return _parse_located(doc, source, strict, errors)[0]


def _parse_located(doc: Any, source: str | None, strict: bool,
                   errors: list[PactFileError] | None) -> tuple[Pact, list[str]]:
    """The pact and the JSON path of each of its interactions (collecting into ``errors``
    when it is a list)."""
    try:
        if errors is None:
            return _parse_pact(doc, source, strict)
        with collecting(errors):
            return attempt(lambda: _parse_pact(doc, source, strict), lambda: (_empty_pact(), []))
    except RecursionError:
        error = PactFileError("document nested too deeply", source=source)
        if errors is None:
            raise error from None
        errors.append(error)
        return _empty_pact(), []


def _empty_pact() -> Pact:
    return Pact(Pacticipant(""), Pacticipant(""), [], {}, "4.0")


def _parse_pact(doc: Any, source: str | None, strict: bool) -> tuple[Pact, list[str]]:
    doc = expect_object(doc, source, "$")
    spec_version = attempt(lambda: detect_version(doc, source=source), "4.0")
    consumer = attempt(lambda: _pacticipant(doc, "consumer", source), Pacticipant(""))
    provider = attempt(lambda: _pacticipant(doc, "provider", source), Pacticipant(""))
    located: list[tuple[str, Interaction | None]] = []
    message_version = "4.0" if spec_version == "4.0" else "3.0"
    for member, version, parse in (("interactions", spec_version, parse_interaction),
                                   ("messages", message_version, parse_async_message)):
        if doc.get(member) is None:
            continue
        apath = child("$", member)
        for i, raw in enumerate(attempt(lambda a=apath, m=member: expect_array(doc[m], source, a), [])):
            ipath = child(apath, i)
            located.append((ipath, attempt(lambda raw=raw, ipath=ipath, v=version, p=parse: p(
                raw, v, source=source, path=ipath, strict=strict), None)))
    metadata = attempt(lambda: _metadata(doc, source), {})
    extra = {k: v for k, v in doc.items() if k not in PACT_FIELDS}
    kept = [(p, i) for p, i in located if i is not None]
    pact = Pact(consumer, provider, [i for _, i in kept], metadata, spec_version, extra)
    return pact, [p for p, _ in kept]


def _metadata(doc: dict[str, Any], source: str | None) -> dict[str, Any]:
    if doc.get("metadata") is None:
        return {}
    raw_meta = expect_object(doc["metadata"], source, "$.metadata")
    metadata = {k: v for k, v in raw_meta.items() if k not in VERSION_KEYS}
    plugins = metadata.get("plugins")
    if plugins is not None:
        expect_array(plugins, source, "$.metadata.plugins")
    return metadata


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads_pact(text: str | bytes, source: str = "<string>", *, strict: bool = True) -> Pact:
    """A :class:`Pact` from pact JSON text. Malformed JSON is a :class:`PactFileError`
    naming ``source`` with the line and column."""
    return parse_pact(_decode_json(text, source), source, strict=strict)


def _decode_json(text: str | bytes, source: str) -> Any:
    """The decoded JSON document of ``text`` (a :class:`PactFileError` when malformed)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PactFileError(f"not UTF-8 text: {exc}", source=source) from None
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise PactFileError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                            source=source) from None
    except ValueError as exc:
        raise PactFileError(f"malformed JSON: {exc}", source=source) from None
    except RecursionError:
        raise PactFileError("malformed JSON: nested too deeply", source=source) from None
    return doc


def _read_bytes(source: str) -> bytes:
    try:
        with open(source, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise PactFileError(f"cannot read pact file: {exc.strerror or exc}", source=source) from None


def read_pact(path: str | os.PathLike[str], *, strict: bool = True) -> Pact:
    """A :class:`Pact` read from the pact file at ``path`` (any version 1.0 to 4.0)."""
    source = os.fspath(path)
    return loads_pact(_read_bytes(source), source, strict=strict)


@dataclass
class PactInspection:
    """Everything reading one pact file found: ``pact`` (what could be read; ``None`` when
    the file cannot be read or is not JSON), ``errors`` (every problem, in document order)
    and ``paths`` (the JSON path of each interaction of ``pact``, e.g. ``$.messages[0]``)."""

    source: str
    pact: Pact | None
    errors: list[PactFileError] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


def inspect_pact(path: str | os.PathLike[str], *, strict: bool = True) -> PactInspection:
    """Read the pact file at ``path`` naming every problem instead of stopping at the first
    (what ``polypact validate`` reports); never raises :class:`PactFileError`."""
    source = os.fspath(path)
    try:
        doc = _decode_json(_read_bytes(source), source)
    except PactFileError as exc:
        return PactInspection(source, None, [exc])
    errors: list[PactFileError] = []
    pact, paths = _parse_located(doc, source, strict, errors)
    return PactInspection(source, pact, errors, paths)


def pact_files_in(directory: str | os.PathLike[str]) -> list[Path]:
    """The pact files of a directory: its ``*.json`` files, sorted by name, not recursive,
    leaving out hidden ones (``.name.json``: editors' and tools' files, never a pact)."""
    return sorted(p for p in Path(directory).glob("*.json")
                  if p.is_file() and not p.name.startswith("."))


def pact_paths(location: str | os.PathLike[str]) -> list[Path]:
    """The pact file at ``location``, or every ``*.json`` file of the directory at
    ``location`` (sorted by name, not recursive); a :class:`PactFileError` naming
    ``location`` when it is neither."""
    path = Path(location)
    if path.is_dir():
        return pact_files_in(path)
    if path.is_file():
        return [path]
    raise PactFileError("no such pact file or directory", source=os.fspath(location))


__all__ = [
    "PactInspection", "detect_version", "inspect_pact", "loads_pact", "normalise_version",
    "pact_files_in", "pact_paths", "parse_pact", "read_pact",
]
