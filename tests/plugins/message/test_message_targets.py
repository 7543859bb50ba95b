"""The message transport's verification target is resolved and checked once, when the
provider client is created: a bad ``--transport message=TARGET`` is one usage error
(exit 2), not an error per interaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from polypact import Pact, Verifier, integer
from polypact.errors import UsageError
from polypact.testing import run_cli
from polypact.transport import ProviderConfig
from polypact_message import MessageProducers
from polypact_message.transport import MessageTransport


@pytest.fixture
def two_events(pact: Pact) -> Path:
    """A pact with two asynchronous messages."""
    pact.expects_to_receive("an order event").with_content({"id": integer(1)})
    pact.expects_to_receive("a refund event").with_content({"id": integer(2)})
    return pact.verify(lambda message: None)


@pytest.fixture
def producer_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An importable module ``bad_target_producers`` with producers and non-producers."""
    (tmp_path / "bad_target_producers.py").write_text(
        "PRODUCERS = {'an order event': {'id': 1}, 'a refund event': {'id': 2}}\n"
        "NAME = 'orders'\n"
        "COUNT = 3\n"
        "def produce(description):\n"
        "    return {'id': 1 if description == 'an order event' else 2}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "bad_target_producers"


@pytest.mark.parametrize(("attribute", "expected"), [
    ("NOPE", "'bad_target_producers' has no attribute 'NOPE'"),
    ("NAME", "names a str, expected a mapping of description to producer"),
    ("COUNT", "names a int, expected a mapping of description to producer"),
])
def test_a_bad_module_target_is_one_usage_error(registry, two_events: Path, producer_module: str,
                                                attribute: str, expected: str) -> None:
    option = f"message={producer_module}:{attribute}"
    code, out, err = run_cli(["verify", str(two_events), "--transport", option, "--no-color"],
                             registry=registry)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"polypact verify: error: --transport {option!r}: {expected}")


@pytest.mark.parametrize(("target", "expected"), [
    ("nosuchmodule_xyz:PRODUCERS", "cannot import 'nosuchmodule_xyz'"),
    ("orders-queue", "expected an http(s) URL of a message endpoint or 'module:attribute'"),
    ("ftp://host/x", "expected an http(s) URL of a message endpoint or 'module:attribute'"),
    ("http://:8000/x", "expected an http(s) URL with a host"),
    ("http://127.0.0.1:99999/x", "and an optional port 1-65535"),
    ("http://127.0.0.1:port/x", "and an optional port 1-65535"),
])
def test_bad_target_strings_exit_2_naming_the_option(registry, two_events: Path, target: str,
                                                     expected: str) -> None:
    code, out, err = run_cli(["verify", str(two_events), "--transport", f"message={target}"],
                             registry=registry)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert f"--transport 'message={target}'" in err and expected in err


def test_good_module_targets_still_verify(registry, two_events: Path, producer_module: str) -> None:
    for attribute in ("PRODUCERS", "produce"):
        code, out, err = run_cli(["verify", str(two_events), "--transport",
                                  f"message={producer_module}:{attribute}", "--no-color"],
                                 registry=registry)
        assert code == 0, out + err
        assert "2 passed" in out


@pytest.mark.parametrize(("target", "expected"), [
    (None, "the message transport needs a target"),
    (42, "message target 42: a int is not a message target; expected a mapping"),
    (["an order event"], "a list is not a message target"),
    ("bad_target_producers:NAME", "message target 'bad_target_producers:NAME': names a str"),
])
def test_the_provider_client_checks_its_target_when_created(producer_module: str, target: object,
                                                            expected: str) -> None:
    with pytest.raises(UsageError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        MessageTransport().provider_client(ProviderConfig(target=target))


def test_mappings_producer_registries_and_callables_are_accepted() -> None:
    for target in ({}, MessageProducers(), lambda description: {}):
        client = MessageTransport().provider_client(ProviderConfig(target=target))
        assert client.target is target and not client.remote
    url = "http://127.0.0.1:8080/_pact/message"
    client = MessageTransport().provider_client(ProviderConfig(target=url))
    assert client.remote and client.target == url


def test_through_the_api_a_bad_target_fails_each_interaction_with_the_usage_error(
        registry, two_events: Path) -> None:
    """The verifier records a client that cannot be created per interaction; the text is
    still the usage error's (exit 2 comes from the command line's early check)."""
    summary = Verifier(registry=registry).add_source(str(two_events)).transport("message", 42).verify()
    assert [r.error for r in summary.results] == [
        "message target 42: a int is not a message target; expected a mapping of description to "
        "producer, a MessageProducers or a callable, or an http(s) URL of a message endpoint"] * 2
