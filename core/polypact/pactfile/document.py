"""Reading whole pact documents: ``parse_pact`` (decoded JSON), ``loads_pact`` (text) and
``read_pact`` (a file), for specification versions 1.0, 1.1, 2.0, 3.0 and 4.0."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from polypact.errors import PactFileError
from polypact.model.interactions import Interaction
from polypact.model.pact import Pact, Pacticipant
from polypact.pactfile._context import (
    child,
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


def parse_pact(doc: Any, source: str | None = "<document>", *, strict: bool = True) -> Pact:
    """A :class:`Pact` from a decoded pact JSON document.

    With ``strict`` (the default) matching rules are validated (known matcher names,
    compiling regexes, the matchers' own checks); ``strict=False`` reads rules as written.
    Raises :class:`PactFileError` (or its subclass :class:`MatcherDefinitionError`) naming
    ``source`` and the JSON path of the first problem.
    """
    try:
        return _parse_pact(doc, source, strict)
    except RecursionError:
        raise PactFileError("document nested too deeply", source=source) from None


def _parse_pact(doc: Any, source: str | None, strict: bool) -> Pact:
    doc = expect_object(doc, source, "$")
    spec_version = detect_version(doc, source=source)
    consumer = _pacticipant(doc, "consumer", source)
    provider = _pacticipant(doc, "provider", source)
    interactions: list[Interaction] = []
    if doc.get("interactions") is not None:
        ipath = "$.interactions"
        for i, raw in enumerate(expect_array(doc["interactions"], source, ipath)):
            interactions.append(parse_interaction(raw, spec_version, source=source,
                                                  path=child(ipath, i), strict=strict))
    if doc.get("messages") is not None:
        mpath = "$.messages"
        message_version = "4.0" if spec_version == "4.0" else "3.0"
        for i, raw in enumerate(expect_array(doc["messages"], source, mpath)):
            interactions.append(parse_async_message(raw, message_version, source=source,
                                                    path=child(mpath, i), strict=strict))
    metadata: dict[str, Any] = {}
    if doc.get("metadata") is not None:
        raw_meta = expect_object(doc["metadata"], source, "$.metadata")
        metadata = {k: v for k, v in raw_meta.items() if k not in VERSION_KEYS}
        plugins = metadata.get("plugins")
        if plugins is not None:
            expect_array(plugins, source, "$.metadata.plugins")
    extra = {k: v for k, v in doc.items() if k not in PACT_FIELDS}
    return Pact(consumer, provider, interactions, metadata, spec_version, extra)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads_pact(text: str | bytes, source: str = "<string>", *, strict: bool = True) -> Pact:
    """A :class:`Pact` from pact JSON text. Malformed JSON is a :class:`PactFileError`
    naming ``source`` with the line and column."""
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
    return parse_pact(doc, source, strict=strict)


def read_pact(path: str | os.PathLike[str], *, strict: bool = True) -> Pact:
    """A :class:`Pact` read from the pact file at ``path`` (any version 1.0 to 4.0)."""
    source = os.fspath(path)
    try:
        with open(source, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise PactFileError(f"cannot read pact file: {exc.strerror or exc}", source=source) from None
    return loads_pact(data, source, strict=strict)


def pact_paths(location: str | os.PathLike[str]) -> list[Path]:
    """The pact file at ``location``, or every ``*.json`` file of the directory at
    ``location`` (sorted by name, not recursive); a :class:`PactFileError` naming
    ``location`` when it is neither."""
    path = Path(location)
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    if path.is_file():
        return [path]
    raise PactFileError("no such pact file or directory", source=os.fspath(location))


__all__ = ["detect_version", "loads_pact", "normalise_version", "pact_paths", "parse_pact", "read_pact"]
