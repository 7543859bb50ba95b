"""The scenarios of the compat suite's ``V3/message_provider.feature``, expressed directly
with the message plugin's public API and the suite's fixtures (the Gherkin step layer
lives elsewhere; this proves the API covers what it needs). ``@wip`` scenarios are not
run. The consumer feature's scenarios are covered by test_message_consumer.py."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact, Verifier
from polypact_message import Message, serve_producers

from tests.conftest import COMPAT_SUITE

FIXTURES = COMPAT_SUITE / "fixtures"
pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared compat suite not found")


def content(spec: str) -> tuple[Any, str]:
    """A scenario's message content and content type (``file: x``, ``JSON: ...``, text)."""
    if spec.startswith("JSON:"):
        return json.loads(spec[5:]), "application/json"
    if not spec.startswith("file:"):
        return spec, "text/plain"
    path = FIXTURES / spec[5:].strip()
    if path.suffix == ".json":
        return json.loads(path.read_text()), "application/json"
    if path.suffix == ".jpg":
        return path.read_bytes(), "image/jpeg"
    root = ET.fromstring(path.read_bytes())  # the suite's wrapper: <body><contentType/><contents/>
    return root.findtext("contents").strip(), root.findtext("contentType")


def metadata_table(rows: dict[str, str]) -> dict[str, Any]:
    """Metadata values as the suite writes them (``JSON: ...`` is parsed)."""
    return {k: json.loads(v[5:]) if v.startswith("JSON:") else v for k, v in rows.items()}


def write_pact(registry, folder: Path, name: str, spec: str, *, state: str | None = None,
               metadata: dict[str, Any] | None = None, rules: dict | None = None) -> Path:
    """A V3 message pact for message ``name`` with ``spec`` contents."""
    value, ct = content(spec)
    pact = Pact("c", "p", pact_dir=folder / name, spec_version="3.0", registry=registry)
    builder = pact.expects_to_receive(name).with_content(value, content_type=ct)
    if state:
        builder.given(state)
    if metadata:
        builder.with_metadata(metadata)
    if rules:
        builder.with_message_rules(rules)
    return pact.verify(lambda message: None)


def producer(spec: str, metadata: dict[str, Any] | None = None) -> Message:
    """What a provider "started that can generate the message with spec" answers."""
    value, ct = content(spec)
    return Message(value, dict(metadata or {}), content_type=ct)


def verify(registry, pacts: list[Path], producers: dict[str, Message], **states: Any):
    """Verify through polypact's HTTP message endpoint, as the suite's provider does."""
    with serve_producers(producers) as endpoint:
        verifier = Verifier("p", registry=registry).transport("message", endpoint.url)
        for path in pacts:
            verifier.add_source(str(path))
        verifier.state_handlers(states)
        return verifier.verify()


def kinds(summary) -> set[str]:
    """The reference's error names for the mismatches found."""
    names = {"body": "Body had differences", "body-type": "Body had differences",
             "metadata": "Metadata had differences"}
    return {names[m.category] for r in summary.results for m in r.mismatches}


SIMPLE = [  # (name, produced, expected, success, error kind)
    ("basic", "file: basic.json", "file: basic.json", True, None),
    ("json", 'JSON: { "one": "a", "two": "c" }', "file: basic.json", False, "Body had differences"),
    ("basic", "Hello World", "Hello World", True, None),
    ("basic", "Hello World", "Hello Jupiter", False, "Body had differences"),
    ("xml", "file: xml-body.xml", "file: xml-body.xml", True, None),
    ("xml", "file: xml-body.xml", "file: xml2-body.xml", False, "Body had differences"),
    ("image", "file: rat.jpg", "file: rat.jpg", True, None),
    ("image", "file: rat.jpg", "file: spider.jpg", False, "Body had differences"),
]


@pytest.mark.parametrize(("name", "produced", "expected", "success", "error"), SIMPLE)
def test_message_bodies(registry, tmp_path: Path, name: str, produced: str, expected: str,
                        success: bool, error: str | None) -> None:
    """Text, JSON, XML and binary messages, positive and negative."""
    summary = verify(registry, [write_pact(registry, tmp_path, name, expected)],
                     {name: producer(produced)})
    assert summary.success is success
    assert kinds(summary) == ({error} if error else set())


def test_multiple_pact_files(registry, tmp_path: Path) -> None:
    """Two pact files, two messages, one run."""
    pacts = [write_pact(registry, tmp_path, "basic", "file: basic.json"),
             write_pact(registry, tmp_path, "xml", "file: xml-body.xml")]
    summary = verify(registry, pacts, {"basic": producer("file: basic.json"),
                                       "xml": producer("file: xml-body.xml")})
    assert summary.success and len(summary.results) == 2


def test_provider_state_callback(registry, tmp_path: Path) -> None:
    """The state callback is called for setup before and teardown after the message."""
    calls: list[str] = []

    def produce() -> Message:
        calls.append("produce")
        return producer("file: basic.json")

    def callback(action: str) -> None:
        calls.append(f"{action} state one")

    summary = verify(registry, [write_pact(registry, tmp_path, "basic", "file: basic.json",
                                           state="state one")],
                     {"basic": produce}, **{"state one": callback})
    assert summary.success
    assert calls == ["setup state one", "produce", "teardown state one"]


def test_metadata_differences(registry, tmp_path: Path) -> None:
    """Different metadata values fail with a metadata error."""
    produced = metadata_table({"Origin": "Some Text",
                               "TagData": 'JSON: { "ID": "sjhdjkshsdjh", "weight": 100.5 }'})
    expected = metadata_table({"Origin": "Some Text", "TagData": 'JSON: { "ID": "100", "weight": 100.5 }'})
    pact = write_pact(registry, tmp_path, "basic", "file: basic.json", metadata=expected)
    summary = verify(registry, [pact], {"basic": producer("file: basic.json", produced)})
    assert not summary.success and kinds(summary) == {"Metadata had differences"}


@pytest.mark.parametrize(("origin", "success"), [("AAA-123", True), ("AAAB-123", False)])
def test_metadata_matching_rules(registry, tmp_path: Path, origin: str, success: bool) -> None:
    """regex-matcher-metadata.json applies to the Origin metadata value."""
    rules = json.loads((FIXTURES / "regex-matcher-metadata.json").read_text())
    tag = {"ID": "123", "weight": 100.5}
    pact = write_pact(registry, tmp_path, "basic", "file: basic.json",
                      metadata={"Origin": "AXP-1000", "TagData": tag}, rules=rules)
    summary = verify(registry, [pact], {"basic": producer("file: basic.json",
                                                          {"Origin": origin, "TagData": tag})})
    assert summary.success is success
    assert kinds(summary) == (set() if success else {"Metadata had differences"})


@pytest.mark.parametrize(("produced", "success"), [("file: basic2.json", True), ("file: basic3.json", False)])
def test_body_matching_rules(registry, tmp_path: Path, produced: str, success: bool) -> None:
    """include-matcher-v3.json: "cat" includes "a", "dog" does not."""
    rules = json.loads((FIXTURES / "include-matcher-v3.json").read_text())
    pact = write_pact(registry, tmp_path, "basic", "file: basic.json", rules=rules)
    summary = verify(registry, [pact], {"basic": producer(produced)})
    assert summary.success is success
    assert kinds(summary) == (set() if success else {"Body had differences"})
