"""The pact renderers on real pact JSON: pacts written by polypact's own plugins through
the DSL, the Pact protobuf plugin's gRPC pacts, hand-written V2 and V3 pacts."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.ui.render.interaction import kind_of, render_interaction  # noqa: E402
from polypact_broker.ui.render.pact import render_pact  # noqa: E402

from tests.broker.ui.htmldoc import Element, parse  # noqa: E402
from tests.broker.ui.pacts import dsl_pact, grpc_pact, v2_pact, v3_message_pact  # noqa: E402


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return dsl_pact(tmp_path_factory.mktemp("pacts"))


def by_description(document: dict[str, Any], description: str) -> dict[str, Any]:
    return next(i for i in document["interactions"] if i["description"] == description)


def card(interaction: dict[str, Any]) -> Element:
    return parse(render_interaction(interaction, 0)).find("section", "interaction")


def rules(section: Element) -> list[tuple[str, str, str]]:
    return [tuple(td.text for td in tr.find_all("td")) for table in section.find_all("table", "rules")
            for tr in table.find_all("tr") if tr.find_all("td")]


def pre_texts(section: Element, cls: str) -> list[str]:
    return [p.text for p in section.find_all("pre", cls)]


def test_kinds_are_detected_from_the_pact_json(written):
    kinds = {i["description"]: kind_of(i) for i in written["interactions"]}
    assert kinds == {"a request for user 1": "HTTP", "a query for the profile of user 1": "GraphQL",
                     "a SOAP request for user 1": "SOAP", "an order created event": "Message",
                     "a price request": "Synchronous message"}
    assert [kind_of(i) for i in grpc_pact("http-plus-grpc.json")["interactions"]] == ["gRPC", "HTTP"]
    assert [kind_of(m, True) for m in v3_message_pact()["messages"]] == ["Message", "Message"]
    assert kind_of({"type": "Something/New"}) == "Other"


def test_http_request_response_headers_bodies_rules_and_states(written):
    interaction = by_description(written, "a request for user 1")
    section = card(interaction)
    assert section.attrs["data-kind"] == "HTTP"
    assert section.find("code", "request-line").text == "GET /users/1?fields=name"
    left, right = section.find("div", "side-left"), section.find("div", "side-right")
    assert ["Accept", "application/json"] in [[td.text for td in tr.find_all("td")]
                                              for tr in left.find("table", "headers").find_all("tr")]
    assert right.find("code", "status").text == "200"
    assert "X-Trace" in right.find("table", "headers").text
    body = json.loads(pre_texts(right, "body")[0])
    assert body == interaction["response"]["body"]["content"]
    assert ("body", "$.id", "integer") in rules(right)
    assert ("body", "$.email", "regex (regex [^@]+@[^@]+)") in rules(right)
    state = section.find("ul", "states").find("li")
    assert state.find("span", "state").text == "user 1 exists"
    assert json.loads(state.find("code", "params").text) == {"id": 1}


def test_graphql_query_is_formatted_and_variables_shown(written):
    section = card(by_description(written, "a query for the profile of user 1"))
    assert section.attrs["data-kind"] == "GraphQL"
    assert pre_texts(section, "graphql") == ["query User($id: ID!) {\n  user(id: $id) {\n    id\n"
                                             "    name\n    posts {\n      title\n    }\n  }\n}"]
    assert json.loads(pre_texts(section, "variables")[0]) == {"id": "1"}
    facts = dict(zip([d.text for d in section.find_all("dt")], [d.text for d in section.find_all("dd")],
                     strict=True))
    assert facts["Operation"] == "User" and facts["Operation type"] == "query"
    right = section.find("div", "side-right")
    assert json.loads(pre_texts(right, "body")[0])["data"]["user"]["posts"] == [{"title": "Hello"}]
    assert ("body", "$.data.user.posts", "type (min 1)") in rules(right)


def test_soap_operation_action_and_pretty_envelopes(written):
    interaction = by_description(written, "a SOAP request for user 1")
    section = card(interaction)
    facts = dict(zip([d.text for d in section.find_all("dt")], [d.text for d in section.find_all("dd")],
                     strict=True))
    config = interaction["pluginConfiguration"]["soap"]
    assert facts["Operation"] == "GetUser" == config["operation"]
    assert facts["SOAPAction"] == config["soapAction"] and facts["SOAP version"] == "1.1"
    request_xml, response_xml = pre_texts(section, "body")
    lines = request_xml.splitlines()
    assert lines[0].startswith("<?xml") and lines[1].startswith("<soap-env:Envelope")
    assert any(line.startswith("    <ns0:GetUser") for line in lines)
    assert "      <ns0:id>1</ns0:id>" in lines and lines[-1] == "</soap-env:Envelope>"
    assert "        <ns0:name>Ann</ns0:name>" in response_xml.splitlines()
    assert any(r[0] == "header" and r[1] == "SOAPAction" for r in rules(section))


def test_async_message_contents_metadata_and_state_params(written):
    section = card(by_description(written, "an order created event"))
    assert json.loads(pre_texts(section, "body")[0]) == {"id": 5, "total": 9.5}
    metadata = {tr.find_all("td")[0].text: tr.find_all("td")[1].text
                for tr in section.find("table", "headers").find_all("tr") if tr.find_all("td")}
    assert metadata["topic"] == "orders"
    assert ("body", "$.id", "type") in rules(section)
    assert json.loads(section.find("code", "params").text) == {"id": 5}


def test_sync_message_request_and_response_messages(written):
    section = card(by_description(written, "a price request"))
    left, right = section.find("div", "side-left"), section.find("div", "side-right")
    assert json.loads(pre_texts(left, "body")[0]) == {"sku": "A-1"}
    assert "prices" in left.find("table", "headers").text
    assert json.loads(pre_texts(right, "body")[0]) == {"price": 10}
    assert ("body", "$.price", "type") in rules(right)


def test_grpc_service_method_types_and_markup():
    interaction = grpc_pact()["interactions"][0]
    section = card(interaction)
    assert section.attrs["data-kind"] == "gRPC"
    facts = dict(zip([d.text for d in section.find_all("dt")], [d.text for d in section.find_all("dd")],
                     strict=False))
    assert (facts["Service"], facts["Method"]) == ("Calculator", "calculateOne")
    assert (facts["Request type"], facts["Response type"]) == ("ShapeMessage", "AreaResponse")
    markup = pre_texts(section, "markup")
    assert markup[0].startswith("message ShapeMessage {") and "repeated float value = 1;" in markup[1]
    assert "Size" not in facts  # the markup describes the messages
    assert ("body", "$.rectangle.length", "number") in rules(section)


def test_grpc_without_markup_shows_type_and_size_and_metadata():
    interaction = copy.deepcopy(grpc_pact("response-metadata-grpc.json")["interactions"][0])
    del interaction["interactionMarkup"]
    section = card(interaction)
    sizes = [dd.text for dt, dd in zip(section.find_all("dt"), section.find_all("dd"), strict=True)
             if dt.text == "Size"]
    expected = [len(base64.b64decode(p["contents"]["content"]))
                for p in [interaction["request"], *interaction["response"]]]
    assert sizes == [f"{n} bytes (protobuf)" for n in expected]
    assert section.find_all("pre", "markup") == []
    text = section.text
    assert ".pactissue.Test" in text and "GetTest" in text and ".pactissue.MessageOut" in text
    assert "NOT_FOUND" in text  # response metadata (grpc-status)


def test_http_with_a_plugin_transport_keeps_its_markup():
    interaction = grpc_pact("http-plus-grpc.json")["interactions"][1]
    section = card(interaction)
    assert section.attrs["data-kind"] == "HTTP"
    assert "transport http" in section.find("p", "badges").text
    assert "binary content, not shown" in section.text
    assert "repeated float value = 1;" in section.find("details").text


def test_v2_pact_query_string_flat_rules_and_provider_state():
    section = card(v2_pact()["interactions"][0])
    assert section.find("code", "request-line").text == "GET /search?q=shoes&page=2"
    assert ("body", "$.items", "type (min 1)") in rules(section)
    assert ("header", "$.Content-Type", "regex (regex json)") in rules(section)
    assert section.find("span", "state").text == "items exist"


def test_v3_messages_xml_and_text_contents():
    doc = parse(render_pact(v3_message_pact()))
    cards = doc.find_all("section", "interaction")
    assert [c.attrs["data-kind"] for c in cards] == ["Message", "Message"]
    assert pre_texts(cards[0], "body") == ["<stock>\n  <sku>A</sku>\n  <count>3</count>\n</stock>"]
    assert pre_texts(cards[1], "body") == ["hello\nworld"]
    assert json.loads(cards[0].find("code", "params").text) == {"sku": "A"}


def test_pending_flag_and_pact_overview(written):
    document = copy.deepcopy(written)
    document["interactions"][0]["pending"] = True
    doc = parse(render_pact(document))
    cards = doc.find_all("section", "interaction")
    assert [bool(c.find_all("span", "pending")) for c in cards] == \
        [i.get("pending") is True for i in document["interactions"]]
    toc = [a.text for a in doc.find("ol", "toc").find_all("a")]
    assert toc == [i["description"] for i in document["interactions"]]
    assert [a.attrs["href"] for a in doc.find("ol", "toc").find_all("a")] == \
        [f"#{c.attrs['id']}" for c in cards]


def test_unknown_types_and_broken_entries_do_not_break_the_page():
    doc = parse(render_pact({"interactions": [{"type": "Custom/Thing", "description": "odd"}, 7],
                             "metadata": "nope"}))
    cards = doc.find_all("section", "interaction")
    assert cards[0].attrs["data-kind"] == "Other" and "Custom/Thing" in cards[0].text
    assert "not a JSON object" in cards[1].text


def test_hostile_pact_content_is_shown_as_text(tmp_path: Path):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    document = {"consumer": {"name": evil}, "provider": {"name": "p"}, "interactions": [{
        "type": "Synchronous/HTTP", "description": evil,
        "providerStates": [{"name": evil, "params": {"x": evil}}],
        "interactionMarkup": {"markup": f"```\n{evil}\n```\n{evil}", "markupType": "COMMON_MARK"},
        "request": {"method": "GET", "path": "/" + evil, "headers": {evil: [evil]}},
        "response": {"status": 200, "body": {"contentType": "text/html", "encoded": False,
                                             "content": evil}},
    }], "metadata": {"pactSpecification": {"version": "4.0"}}}
    markup = render_pact(document)
    doc = parse(markup)
    assert doc.find_all("script") == [] and doc.find_all("img") == []
    assert "<script>" not in markup
    assert doc.find("h3", "description").text == evil
    assert evil in doc.find("pre", "body").text
