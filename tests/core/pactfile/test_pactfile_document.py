"""Reading whole pact documents: every version, every interaction type, unknown fields,
and errors that name the file and the JSON path."""

from __future__ import annotations

import json

import pytest
from pactfile_support import http_interaction, isolated_registry, v4_pact  # noqa: F401
from polypact.errors import PactFileError
from polypact.model import (
    AsynchronousMessage,
    BodyState,
    SynchronousHttp,
    SynchronousMessages,
)
from polypact.pactfile import dumps_pact, loads_pact, parse_pact, read_pact


def test_v1_pact_with_provider_state_and_query_string():
    pact = parse_pact({
        "consumer": {"name": "c"}, "provider": {"name": "p"},
        "interactions": [{"description": "d", "provider_state": "s",
                          "request": {"method": "get", "path": "/x", "query": "a=1&b=2"},
                          "response": {"status": 200, "body": {"ok": True}}}],
        "metadata": {"pactSpecificationVersion": "1.0.0"},
    })
    assert pact.spec_version == "1.0"
    (i,) = pact.interactions
    assert isinstance(i, SynchronousHttp)
    assert i.state_names() == ["s"] and i.request.method == "GET"
    assert i.request.query == {"a": ["1"], "b": ["2"]}
    assert i.response.body.json_value() == {"ok": True}
    assert pact.metadata == {}


@pytest.mark.parametrize("metadata, version", [
    ({"pactSpecification": {"version": "1.1.0"}}, "1.1"),
    ({"pact-specification": {"version": "2.0.0"}}, "2.0"),
    ({"pactSpecification": {"version": "3.0.0"}}, "3.0"),
    ({"pactSpecification": {"version": "4.0"}}, "4.0"),
    ({}, "3.0"),
])
def test_version_detection(metadata, version):
    doc = {"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [],
           "metadata": metadata}
    assert parse_pact(doc).spec_version == version


def test_version_guessed_v4_from_typed_interactions():
    doc = v4_pact(http_interaction())
    del doc["metadata"]
    assert parse_pact(doc).spec_version == "4.0"


def test_unsupported_version_names_path():
    with pytest.raises(PactFileError) as err:
        parse_pact({"consumer": {"name": "c"}, "provider": {"name": "p"},
                    "metadata": {"pactSpecification": {"version": "9.1"}}}, "x.json")
    assert err.value.path == "$.metadata.pactSpecification.version"
    assert "'9.1'" in str(err.value)


def test_v3_message_pact():
    pact = parse_pact({
        "consumer": {"name": "c"}, "provider": {"name": "p"},
        "messages": [{"description": "an event", "providerStates": [{"name": "s", "params": {"id": 1}}],
                      "contents": {"id": 1}, "metaData": {"contentType": "application/json"},
                      "matchingRules": {"body": {"$.id": {"matchers": [{"match": "integer"}]}}},
                      "_id": "abc"}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
    })
    (m,) = pact.interactions
    assert isinstance(m, AsynchronousMessage)
    assert m.provider_states[0].params == {"id": 1}
    assert m.message.contents.json_value() == {"id": 1}
    assert m.message.metadata == {"contentType": "application/json"}
    assert m.extra == {"_id": "abc"} and m.message.extra == {}


def test_v4_all_interaction_types_and_fields():
    doc = v4_pact(
        {**http_interaction(), "pending": True, "comments": {"text": ["hello"]},
         "key": "k1", "transport": "https"},
        {"type": "Asynchronous/Messages", "description": "event", "contents": {
            "content": "aGk=", "contentType": "application/octet-stream", "encoded": "base64"},
         "metadata": {"topic": "t"}, "matchingRules": {"metadata": {"topic": {
             "matchers": [{"match": "regex", "regex": "t.*"}]}}}},
        {"type": "Synchronous/Messages", "description": "rpc", "transport": "grpc",
         "pluginConfiguration": {"protobuf": {"descriptorKey": "d"}},
         "interactionMarkup": {"markup": "m", "markupType": "COMMON_MARK"},
         "request": {"contents": {"content": {"q": 1}, "contentType": "application/json"}},
         "response": [{"contents": {"content": "ok", "contentType": "text/plain"}},
                      {"contents": {"content": ""}}]},
    )
    http, event, rpc = parse_pact(doc).interactions
    assert isinstance(http, SynchronousHttp) and http.pending and http.key == "k1"
    assert http.comments == {"text": ["hello"]} and http.transport == "https"
    assert isinstance(event, AsynchronousMessage)
    assert event.message.contents.content == b"hi" and event.message.metadata == {"topic": "t"}
    assert "topic" in event.message.matching_rules.category("metadata")
    assert isinstance(rpc, SynchronousMessages) and rpc.transport == "grpc"
    assert rpc.plugin_configuration["protobuf"]["descriptorKey"] == "d"
    assert rpc.request.contents.json_value() == {"q": 1}
    assert [r.contents.state for r in rpc.response] == [BodyState.PRESENT, BodyState.EMPTY]


def test_unknown_fields_kept_at_every_level():
    interaction = http_interaction()
    interaction["x-interaction"] = 1
    interaction["request"]["x-request"] = 2
    interaction["response"]["x-response"] = 3
    doc = v4_pact(interaction, **{"x-pact": 4})
    doc["consumer"]["x-consumer"] = 5
    doc["metadata"]["x-tool"] = {"v": 6}
    pact = parse_pact(doc)
    (i,) = pact.interactions
    assert i.extra == {"x-interaction": 1}
    assert i.request.extra == {"x-request": 2} and i.response.extra == {"x-response": 3}
    assert pact.extra == {"x-pact": 4} and pact.consumer.extra == {"x-consumer": 5}
    assert pact.metadata == {"x-tool": {"v": 6}}


def test_unknown_members_of_a_v4_body_object_survive_a_round_trip():
    interaction = http_interaction()
    interaction["response"]["body"] = {"content": {"id": 1}, "contentType": "application/json",
                                       "encoded": False, "x-schema": "user.json"}
    pact = parse_pact(v4_pact(interaction))
    body = pact.interactions[0].response.body
    assert body.json_value() == {"id": 1} and body.extra == {"x-schema": "user.json"}
    written = json.loads(dumps_pact(pact))
    assert written["interactions"][0]["response"]["body"]["x-schema"] == "user.json"
    assert written["interactions"][0]["response"]["body"]["content"] == {"id": 1}


def test_malformed_json_names_file_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "consumer": {"name": "c"},\n  "provider": {"name" "p"}\n}\n')
    with pytest.raises(PactFileError) as err:
        read_pact(path)
    message = str(err.value)
    assert str(path) in message and "line 3" in message and "column" in message


def test_wrong_type_deep_in_document_names_path():
    interactions = [http_interaction(f"i{n}") for n in range(3)]
    interactions[2]["response"]["status"] = "200"
    with pytest.raises(PactFileError) as err:
        loads_pact(json.dumps(v4_pact(*interactions)), "users-pact.json")
    assert err.value.path == "$.interactions[2].response.status"
    assert "expected an integer" in str(err.value) and "users-pact.json" in str(err.value)


@pytest.mark.parametrize("mutate, path", [
    (lambda d: d.update(consumer="web"), "$.consumer"),
    (lambda d: d["provider"].update(name=None), "$.provider.name"),
    (lambda d: d.update(interactions={}), "$.interactions"),
    (lambda d: d["interactions"][0].update(type="Bogus"), "$.interactions[0].type"),
    (lambda d: d["interactions"][0].update(providerStates=[{"params": {}}]),
     "$.interactions[0].providerStates[0].name"),
    (lambda d: d["interactions"][0].update(pending="no"), "$.interactions[0].pending"),
    (lambda d: d["interactions"][0].update(description=7), "$.interactions[0].description"),
    (lambda d: d["interactions"][0].pop("response"), "$.interactions[0]"),
    (lambda d: d["metadata"].update(plugins={}), "$.metadata.plugins"),
])
def test_document_wrong_types(mutate, path):
    doc = v4_pact(http_interaction())
    mutate(doc)
    with pytest.raises(PactFileError) as err:
        parse_pact(doc, "f.json")
    assert err.value.path == path


def test_bom_and_bytes_are_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(v4_pact(http_interaction())).encode())
    assert read_pact(path).interactions[0].description == "get a user"


def test_unreadable_inputs_are_pact_file_errors(tmp_path):
    with pytest.raises(PactFileError) as err:
        read_pact(tmp_path / "missing.json")
    assert "missing.json" in str(err.value)
    with pytest.raises(PactFileError):
        loads_pact(b"\xff\xfe{}", "bin")
    with pytest.raises(PactFileError):
        loads_pact('{"consumer": NaN}')
    with pytest.raises(PactFileError):
        loads_pact("[" * 100000)
    with pytest.raises(PactFileError) as err:
        loads_pact("[]")
    assert err.value.path == "$"
