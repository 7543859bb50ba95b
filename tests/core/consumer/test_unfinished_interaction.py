"""An interaction started with ``upon_receiving`` but never given a protocol part: the
error says what to call on the builder (and how messages are declared), and the pact's
interactions are dropped like after any failed serve, so the next serve works."""

from __future__ import annotations

import json
import urllib.request

import pytest
from polypact import Pact
from polypact.errors import UsageError
from polypact.testing import registry_with


@pytest.fixture(scope="module")
def registry():
    import polypact_message.plugin

    return registry_with(("message", polypact_message.plugin), installed=["http"])


@pytest.fixture
def pact(tmp_path, registry):
    return Pact("web", "users", pact_dir=tmp_path, registry=registry)


def test_serve_names_the_builder_methods_and_the_message_entry_point(pact):
    pact.upon_receiving("d")
    with pytest.raises(UsageError) as err, pact.serve():
        pass
    text = str(err.value)
    assert "'d'" in text and ".with_request(...)" in text
    assert "pact.expects_to_receive('d') instead of pact.upon_receiving" in text
    assert ".expects_to_receive(...) on it" not in text


def test_the_failed_serve_drops_the_interactions_and_the_next_serve_works(pact):
    pact.upon_receiving("d")
    pact.upon_receiving("complete").with_request("GET", "/u").will_respond_with(200, body={"a": 1})
    with pytest.raises(UsageError), pact.serve():
        pass
    assert pact.builders == []
    assert not pact.path.exists()
    pact.upon_receiving("a user").with_request("GET", "/u/1").will_respond_with(200, body={"id": 1})
    with pact.serve() as mock, urllib.request.urlopen(mock.url + "/u/1") as resp:
        assert json.loads(resp.read()) == {"id": 1}
    written = json.loads(pact.path.read_text())
    assert [i["description"] for i in written["interactions"]] == ["a user"]


def test_without_a_message_plugin_the_advice_leaves_messages_out(tmp_path):
    pact = Pact("web", "users", pact_dir=tmp_path, registry=registry_with(installed=["http"]))
    pact.upon_receiving("d")
    with pytest.raises(UsageError) as err:
        pact.to_model()
    assert ".with_request(...)" in str(err.value)
    assert "expects_to_receive" not in str(err.value)
