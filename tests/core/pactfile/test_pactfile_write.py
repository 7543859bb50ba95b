"""Writing pact files: canonical output, keys, V3/V2 output and refusals, merging."""

from __future__ import annotations

import json
import re

import pytest
from pactfile_support import http_interaction, isolated_registry, v4_pact  # noqa: F401
from polypact import __version__
from polypact.errors import PactConflictError, PactFileError, UnsupportedVersionError
from polypact.model import (
    AsynchronousMessage,
    Body,
    HttpRequest,
    HttpResponse,
    MatchingRules,
    MessageContents,
    Pact,
    Pacticipant,
    ProviderState,
    Rule,
    SynchronousHttp,
    SynchronousMessages,
)
from polypact.model.generators import Generator, Generators
from polypact.pactfile import (
    dumps_pact,
    interaction_key,
    loads_pact,
    parse_pact,
    read_pact,
    write_pact,
)


def _http(description: str, state: str | None = None, status: int = 200, **kw) -> SynchronousHttp:
    return SynchronousHttp(
        description=description,
        provider_states=[ProviderState(state)] if state else [],
        request=HttpRequest("GET", "/items", query={"q": ["a b"]}, headers={"Accept": ["application/json"]}),
        response=HttpResponse(status, {"Content-Type": ["application/json"]},
                              Body.from_json({"id": 1, "tags": ["x"]}), **kw),
    )


def _pact(*interactions) -> Pact:
    return Pact(Pacticipant("web"), Pacticipant("items"), list(interactions))


def test_canonical_output_is_independent_of_recording_order():
    a, b, c = _http("b"), _http("a", "s2"), _http("a", "s1")
    first = dumps_pact(_pact(a, b, c))
    second = dumps_pact(_pact(c, a, b))
    assert first == second
    assert first.endswith("}\n") and "\n  \"consumer\"" in first
    doc = json.loads(first)
    assert [(i["description"], i["providerStates"][0]["name"] if "providerStates" in i else None)
            for i in doc["interactions"]] == [("a", "s1"), ("a", "s2"), ("b", None)]
    assert list(doc) == sorted(doc)
    assert doc["metadata"]["pactSpecification"] == {"version": "4.0"}
    assert doc["metadata"]["polypact"] == {"version": __version__}


def test_dumps_is_idempotent_through_reading():
    text = dumps_pact(_pact(_http("x", "s"), _http("y")))
    assert dumps_pact(loads_pact(text)) == text


def test_interaction_key_is_a_stable_content_hash():
    key = interaction_key(_http("x"))
    assert re.fullmatch(r"[0-9a-f]{16}", key)
    assert interaction_key(_http("x")) == key
    assert interaction_key(_http("x", status=201)) != key
    keyed = _http("x")
    keyed.key = "something-else"
    assert interaction_key(keyed) == key
    doc = json.loads(dumps_pact(_pact(_http("x"))))
    assert doc["interactions"][0]["key"] == key


def test_key_read_from_a_file_is_kept():
    doc = v4_pact({**http_interaction(), "key": "from-jvm"})
    out = json.loads(dumps_pact(parse_pact(doc)))
    assert out["interactions"][0]["key"] == "from-jvm"


def test_v4_http_shape():
    rules = MatchingRules()
    rules.add("body", "$.id", Rule("integer"))
    gens = Generators()
    gens.add("body", "$.id", Generator("RandomInt", {"min": 1, "max": 5}))
    out = json.loads(dumps_pact(_pact(_http("x", matching_rules=rules, generators=gens))))
    (i,) = out["interactions"]
    assert i["type"] == "Synchronous/HTTP" and i["pending"] is False
    assert i["request"]["query"] == {"q": ["a b"]}
    assert i["request"]["headers"] == {"Accept": ["application/json"]}
    assert i["response"]["body"] == {"content": {"id": 1, "tags": ["x"]},
                                     "contentType": "application/json", "encoded": False}
    assert i["response"]["matchingRules"] == {
        "body": {"$.id": {"combine": "AND", "matchers": [{"match": "integer"}]}}}
    assert i["response"]["generators"] == {"body": {"$.id": {"type": "RandomInt", "min": 1, "max": 5}}}


def test_binary_and_text_bodies_in_v4():
    msg = AsynchronousMessage(description="bin", message=MessageContents(
        Body.from_bytes(b"\x00\xff", "application/octet-stream"), {"k": "v"}))
    text = AsynchronousMessage(description="txt", message=MessageContents(
        Body.from_text("héllo", "text/plain")))
    out = json.loads(dumps_pact(_pact(msg, text)))
    bin_json, txt_json = out["interactions"]
    assert bin_json["contents"] == {"content": "AP8=", "contentType": "application/octet-stream",
                                    "encoded": "base64"}
    assert txt_json["contents"]["content"] == "héllo"
    back = loads_pact(dumps_pact(_pact(msg))).interactions[0]
    assert back.message.contents.content == b"\x00\xff"


def test_v3_output_http():
    doc = json.loads(dumps_pact(_pact(_http("x", "s")), "3.0"))
    (i,) = doc["interactions"]
    assert doc["metadata"]["pactSpecification"] == {"version": "3.0.0"}
    assert i["providerStates"] == [{"name": "s"}]
    assert i["request"]["headers"] == {"Accept": "application/json"}
    assert i["request"]["query"] == {"q": ["a b"]}
    assert i["response"]["body"] == {"id": 1, "tags": ["x"]}
    assert "type" not in i and "key" not in i


def test_v3_messages_go_in_messages_and_mix_is_refused():
    msg = AsynchronousMessage(description="event", message=MessageContents(
        Body.from_json({"a": 1}), {"contentType": "application/json"}))
    doc = json.loads(dumps_pact(_pact(msg), "3.0"))
    assert "interactions" not in doc
    assert doc["messages"][0]["contents"] == {"a": 1}
    assert doc["messages"][0]["metadata"] == {"contentType": "application/json"}
    with pytest.raises(UnsupportedVersionError) as err:
        dumps_pact(_pact(msg, _http("x")), "3.0")
    assert "either HTTP interactions or messages" in str(err.value)


@pytest.mark.parametrize("feature, build", [
    ("synchronous messages", lambda: SynchronousMessages(description="rpc")),
    ("pending", lambda: SynchronousHttp(description="p", pending=True)),
    ("pluginConfiguration", lambda: SynchronousHttp(description="p", plugin_configuration={"x": {}})),
    ("transport", lambda: SynchronousHttp(description="p", transport="grpc")),
])
def test_v3_refuses_v4_only_features(feature, build):
    with pytest.raises(UnsupportedVersionError) as err:
        dumps_pact(_pact(build()), "3.0")
    assert feature in str(err.value)


def test_v2_output_flattens_rules_and_writes_query_string():
    rules = MatchingRules()
    rules.add("body", "$.tags[*]", Rule("type", {"min": 1}))
    rules.add("header", "Content-Type", Rule("regex", {"regex": "application/.*"}))
    req_rules = MatchingRules()
    req_rules.add("query", "q", Rule("regex", {"regex": "a.*"}))
    req_rules.add("path", "", Rule("regex", {"regex": "/items"}))
    interaction = _http("x", "s", matching_rules=rules)
    interaction.request.matching_rules = req_rules
    doc = json.loads(dumps_pact(_pact(interaction), "2.0"))
    (i,) = doc["interactions"]
    assert doc["metadata"]["pactSpecification"] == {"version": "2.0.0"}
    assert i["providerState"] == "s"
    assert i["request"]["query"] == "q=a+b"
    assert i["response"]["matchingRules"] == {
        "$.body.tags[*]": {"match": "type", "min": 1},
        "$.headers.Content-Type": {"match": "regex", "regex": "application/.*"}}
    assert i["request"]["matchingRules"] == {
        "$.query.q": {"match": "regex", "regex": "a.*"}, "$.path": {"match": "regex", "regex": "/items"}}
    back = loads_pact(json.dumps(doc)).interactions[0]
    assert back.response.matching_rules.category("body")["$.tags[*]"].rules[0].get("min") == 1
    assert back.request.query == {"q": ["a b"]}


def _with_rule(kind: str, params=None) -> SynchronousHttp:
    rules = MatchingRules()
    rules.add("body", "$.id", Rule(kind, params or {}))
    return _http("rule " + kind, matching_rules=rules)


@pytest.mark.parametrize("build, feature", [
    (lambda: _with_rule("integer"), "'integer' matcher needs V3"),
    (lambda: _with_rule("include", {"value": "x"}), "'include' matcher needs V3"),
    (lambda: _http("g", generators=Generators({"body": {"$.id": Generator("Uuid")}})), "generators"),
    (lambda: AsynchronousMessage(description="m"), "V2 has no messages"),
    (lambda: SynchronousHttp(description="two", provider_states=[ProviderState("a"), ProviderState("b")]),
     "one provider state"),
    (lambda: SynchronousHttp(description="params", provider_states=[ProviderState("a", {"id": 1})]),
     "provider state parameters"),
])
def test_v2_refuses_what_it_cannot_express(build, feature):
    interaction = build()
    with pytest.raises(UnsupportedVersionError) as err:
        dumps_pact(_pact(interaction), "2.0")
    assert feature in str(err.value) and repr(interaction.description) in str(err.value)


def test_v2_refuses_two_rules_at_one_path():
    rules = MatchingRules()
    rules.add("body", "$.id", Rule("type"))
    rules.add("body", "$.id", Rule("regex", {"regex": "1"}))
    with pytest.raises(UnsupportedVersionError, match="one matcher per path"):
        dumps_pact(_pact(_http("x", matching_rules=rules)), "2.0")


def test_unwritable_version():
    with pytest.raises(UnsupportedVersionError):
        dumps_pact(_pact(), "1.1")


# -- merging -----------------------------------------------------------------------------
def test_merge_keeps_others_and_replaces_identical(tmp_path):
    path = tmp_path / "pacts" / "web-items.json"
    write_pact(_pact(_http("a"), _http("b")), path)
    write_pact(_pact(_http("b"), _http("c")), path)
    pact = read_pact(path)
    assert sorted(i.description for i in pact.interactions) == ["a", "b", "c"]
    # the lock is a hidden dotfile, so `pacts/*` (and `*.json`) name only the pact
    assert (tmp_path / "pacts" / ".web-items.json.lock").exists()
    assert [p.name for p in (tmp_path / "pacts").iterdir() if not p.name.startswith(".")] == [
        "web-items.json"]
    assert [p.name for p in path.parent.iterdir() if p.suffix == ".tmp"] == []


def test_merge_conflict_names_both_and_what_differs(tmp_path):
    path = tmp_path / "p.json"
    write_pact(_pact(_http("get items", "items exist")), path)
    before = path.read_bytes()
    with pytest.raises(PactConflictError) as err:
        write_pact(_pact(_http("get items", "items exist", status=404)), path)
    message = str(err.value)
    assert message.count("'get items' given 'items exist'") == 2
    assert "$.response.status" in message and "200" in message and "404" in message
    assert path.read_bytes() == before


def test_same_description_different_states_are_different_interactions(tmp_path):
    path = tmp_path / "p.json"
    write_pact(_pact(_http("get", "s1")), path)
    write_pact(_pact(_http("get", "s2", status=404)), path)
    assert len(read_pact(path).interactions) == 2


def test_merge_false_overwrites(tmp_path):
    path = tmp_path / "p.json"
    write_pact(_pact(_http("a")), path)
    write_pact(_pact(_http("b")), path, merge=False)
    assert [i.description for i in read_pact(path).interactions] == ["b"]


def test_merge_into_pact_of_other_pacticipants_is_refused(tmp_path):
    path = tmp_path / "p.json"
    write_pact(_pact(_http("a")), path)
    other = Pact(Pacticipant("mobile"), Pacticipant("items"), [_http("b")])
    with pytest.raises(PactConflictError, match="'web'"):
        write_pact(other, path)


def test_merge_keeps_metadata_and_plugins(tmp_path):
    path = tmp_path / "p.json"
    first = _pact(_http("a"))
    first.metadata = {"plugins": [{"name": "protobuf", "version": "0.3"}], "tool": 1}
    write_pact(first, path)
    second = _pact(_http("b"))
    second.metadata = {"plugins": [{"name": "csv", "version": "1"}]}
    write_pact(second, path)
    meta = json.loads(path.read_text())["metadata"]
    assert sorted(p["name"] for p in meta["plugins"]) == ["csv", "protobuf"]
    assert meta["tool"] == 1


def test_write_v3_then_upgrade_to_v4(tmp_path):
    path = tmp_path / "p.json"
    write_pact(_pact(_http("a", "s")), path, spec_version="3.0")
    assert json.loads(path.read_text())["metadata"]["pactSpecification"]["version"] == "3.0.0"
    write_pact(_pact(_http("b")), path)
    doc = json.loads(path.read_text())
    assert doc["metadata"]["pactSpecification"]["version"] == "4.0"
    assert sorted(i["description"] for i in doc["interactions"]) == ["a", "b"]


def test_merging_into_a_malformed_file_names_it(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{not json")
    with pytest.raises(PactFileError) as err:
        write_pact(_pact(_http("a")), path)
    assert str(path) in str(err.value) and "cannot merge" in str(err.value)
    assert path.read_text() == "{not json"


def test_deeply_nested_document_is_a_pact_file_error():
    doc = {"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [
        {"description": "d", "request": {"path": "/"}, "response": {"status": 200, "body": []}}]}
    deep = doc["interactions"][0]["response"]["body"]
    for _ in range(5000):
        deep.append([])
        deep = deep[0]
    with pytest.raises(PactFileError, match="nested too deeply"):
        parse_pact(doc, "deep.json")


def test_conflict_errors_name_the_pact_file(tmp_path):
    path = tmp_path / "pacts" / "web-items.json"
    write_pact(_pact(_http("get items", "items exist")), path)
    with pytest.raises(PactConflictError) as err:
        write_pact(_pact(_http("get items", "items exist", status=404)), path)
    assert str(err.value).startswith(f"{path}: interaction 'get items'")
    other = Pact(Pacticipant("mobile"), Pacticipant("items"), [_http("b")])
    with pytest.raises(PactConflictError) as err:
        write_pact(other, path)
    assert str(err.value).startswith(f"{path}: the existing pact is between 'web'")
    clash = _pact(_http("x", "s"), _http("x", "s", status=500))
    with pytest.raises(PactConflictError) as err:
        write_pact(clash, tmp_path / "new.json", merge=False)
    assert str(err.value).startswith(f"{tmp_path / 'new.json'}: interaction 'x'")
