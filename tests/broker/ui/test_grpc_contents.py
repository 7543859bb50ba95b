"""gRPC message contents in the UI: decoded to JSON with the descriptor set the pact
carries (``metadata.plugins[].configuration[descriptorKey].protoDescriptors``) when
protobuf is importable; type and size otherwise, or when anything does not decode."""

from __future__ import annotations

import base64
import copy
import json
import sys
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.ui.render.pact import render_pact  # noqa: E402
from polypact_broker.ui.render.protobuf import _schema, descriptor_sets  # noqa: E402

from tests.broker.ui.htmldoc import Element, parse  # noqa: E402
from tests.broker.ui.pacts import grpc_pact  # noqa: E402

GRPC_PACTS = ["area-calculator-grpc.json", "http-plus-grpc.json", "response-metadata-grpc.json"]


def grpc_cards(document: dict[str, Any]) -> list[Element]:
    cards = parse(render_pact(document)).find_all("section", "interaction")
    return [c for c in cards if c.attrs["data-kind"] == "gRPC"]


def contents(card: Element) -> list[Any]:
    """The decoded message contents shown in a card (request first), as JSON values."""
    return [json.loads(p.text) for p in card.find_all("pre", "body")]


def sizes(card: Element) -> list[str]:
    return [dd.text for dt, dd in zip(card.find_all("dt"), card.find_all("dd"), strict=True)
            if dt.text == "Size"]


def resolve(value: Any, path: str) -> list[Any]:
    """The values at a pact matching-rule path (``$.a.b``, ``$.a.*``) in ``value``."""
    found = [value]
    for step in path.removeprefix("$.").split("."):
        if step == "*":
            found = [v for f in found if isinstance(f, list) for v in f]
        else:
            found = [f[step] for f in found if isinstance(f, dict) and step in f]
    return found


def test_the_area_calculator_messages_are_shown_as_json():
    document = grpc_pact()
    [card] = grpc_cards(document)
    request, response = contents(card)
    interaction = document["interactions"][0]
    # every matching-rule path of each message is in its decoded JSON
    for value, part in ((request, interaction["request"]), (response, interaction["response"][0])):
        for path in part["matchingRules"]["body"]:
            assert resolve(value, path), (path, value)
    # the calculator's answer is the rectangle's area
    rectangle = request["rectangle"]
    assert response["value"] == [rectangle["length"] * rectangle["width"]]
    assert rectangle == {"length": 3.0, "width": 4.0}
    # the contents say what they are; the markup (message definitions) is still shown
    assert "protobuf, shown as JSON" in card.text
    assert card.find("pre", "markup").text.startswith("message ShapeMessage {")
    assert sizes(card) == []


@pytest.mark.parametrize("name", GRPC_PACTS)
def test_every_shared_grpc_pact_decodes_without_markup(name):
    document = copy.deepcopy(grpc_pact(name))
    for interaction in document["interactions"]:
        interaction.pop("interactionMarkup", None)
    cards = grpc_cards(document)
    assert cards
    for card, interaction in zip(cards, [i for i in document["interactions"]
                                         if i.get("transport") == "grpc"], strict=True):
        assert len(contents(card)) == 1 + len(interaction["response"])
        assert sizes(card) == []  # decoded: no type-and-size fallback
    if name == "response-metadata-grpc.json":
        assert contents(cards[0])[1] == {"b": True}  # MessageOut, fully qualified type


def test_an_unknown_descriptor_key_uses_the_pacts_other_sets():
    document = copy.deepcopy(grpc_pact())
    document["interactions"][0]["pluginConfiguration"]["protobuf"]["descriptorKey"] = "nope"
    [card] = grpc_cards(document)
    assert contents(card)[1]["value"] == [12.0]


def _fallback_sizes(document: dict[str, Any]) -> list[str]:
    interaction = document["interactions"][0]
    return [f"{len(base64.b64decode(p['contents']['content']))} bytes (protobuf)"
            for p in [interaction["request"], *interaction["response"]]]


@pytest.mark.parametrize("breakage", ["not base64!", base64.b64encode(b"\xff\x00junk").decode(),
                                      "no descriptors", "bad contents", "unknown type"])
def test_what_does_not_decode_falls_back_to_type_and_size(breakage):
    document = copy.deepcopy(grpc_pact())
    interaction = document["interactions"][0]
    del interaction["interactionMarkup"]
    config = document["metadata"]["plugins"][0]["configuration"]
    [key] = config
    if breakage == "no descriptors":
        del document["metadata"]["plugins"]
    elif breakage == "bad contents":  # a length-delimited field running past the end
        for part in [interaction["request"], *interaction["response"]]:
            part["contents"]["content"] = base64.b64encode(b"\x12\x7f\x01").decode()
    elif breakage == "unknown type":
        for part in [interaction["request"], *interaction["response"]]:
            part["contents"]["contentType"] = "application/protobuf; message=Nowhere"
            part["metadata"]["contentType"] = "application/protobuf; message=Nowhere"
    else:
        config[key]["protoDescriptors"] = breakage
    [card] = grpc_cards(document)
    assert contents(card) == []
    assert sizes(card) == _fallback_sizes(document)


def test_without_protobuf_the_ui_shows_type_and_size(monkeypatch):
    document = copy.deepcopy(grpc_pact())
    del document["interactions"][0]["interactionMarkup"]
    assert descriptor_sets(document)
    _schema.cache_clear()
    monkeypatch.setitem(sys.modules, "google.protobuf", None)  # "import google.protobuf" fails
    [card] = grpc_cards(document)
    assert contents(card) == []
    assert sizes(card) == _fallback_sizes(document)
    facts = dict(zip([d.text for d in card.find_all("dt")], [d.text for d in card.find_all("dd")],
                     strict=False))
    assert facts["Request type"] == "ShapeMessage" and facts["Response type"] == "AreaResponse"
