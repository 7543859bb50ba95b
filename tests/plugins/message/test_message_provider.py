"""Provider side of message pacts: in-process producers, the HTTP message endpoint (as
client and as server), per-interaction failures, and mixed HTTP + message runs."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from polypact import Pact, Verifier, decimal, from_provider_state, integer, like, regex
from polypact.testing import FakeProvider, run_cli
from polypact_message import Message, MessageProducers, serve_producers

from tests.interop.server import serve_wsgi

PNG = b"\x89PNG\r\n\x1a\n\x00pixels"
XML = "<?xml version='1.0'?><notice id='1'><text>hi</text></notice>"


@pytest.fixture
def order_pact(pact: Pact) -> Path:
    """A pact with async JSON/XML/binary messages and a synchronous exchange."""
    (pact.expects_to_receive("an order-placed event").given("order exists", id=42)
        .with_content({"orderId": integer(42), "total": decimal(9.99)})
        .with_metadata(topic=regex(r"orders\..+", "orders.placed")))
    pact.expects_to_receive("a notice").with_content(XML, content_type="application/xml")
    pact.expects_to_receive("a thumbnail").with_content(PNG, content_type="image/png")
    (pact.expects_to_receive_sync("a price quote").given("sku exists", sku="A-1")
        .with_request_message({"sku": from_provider_state("${sku}", "A-1")})
        .will_respond_with_message({"price": decimal(9.5)}, metadata={"status": "ok"}))
    return pact.verify(lambda item: None)


def _good_producers(calls: list[dict[str, Any]]) -> MessageProducers:
    producers = MessageProducers()

    @producers.producer("an order-placed event")
    def placed(params: dict, states: list, description: str) -> Any:
        calls.append({"description": description, "params": params,
                      "states": [s.name for s in states]})
        return {"orderId": params["id"], "total": 12.5, "extra": True}, {"topic": "orders.created"}

    @producers.producer("a price quote")
    def quote(request: Message, provider_state: dict) -> Message:
        calls.append({"request": request.contents, "provider_state": provider_state})
        return Message({"price": 3.25}, {"status": "ok"})

    producers.add("a notice", XML)
    producers.add("a thumbnail", PNG)
    return producers


def _verify(registry, pact_path: Path, target: Any, **options: Any):
    verifier = Verifier(registry=registry).add_source(str(pact_path)).transport("message", target, **options)
    verifier.state_handlers({"sku exists": lambda params=None, **kw: {"sku": "Z-9"},
                             "order exists": lambda **kw: None})
    return {r.interaction.description: r for r in verifier.verify().results}


def test_in_process_producers_verify_every_message_kind(registry, order_pact: Path) -> None:
    """JSON (extra keys allowed), XML str, static bytes and a sync exchange all verify;
    producers get the params, states, description, request and state values they name;
    the sync request carries the ProviderState-generated sku."""
    calls: list[dict[str, Any]] = []
    results = _verify(registry, order_pact, _good_producers(calls))
    assert {d: (r.mismatches, r.error) for d, r in results.items()} == {
        d: ([], None) for d in ("an order-placed event", "a notice", "a thumbnail", "a price quote")}
    assert {"description": "an order-placed event", "params": {"id": 42},
            "states": ["order exists"]} in calls
    assert {"request": {"sku": "Z-9"}, "provider_state": {"sku": "Z-9"}} in calls


def test_body_metadata_and_type_mismatches_are_reported(registry, order_pact: Path) -> None:
    """A wrong JSON type, a metadata value breaking its regex, different bytes and a
    response of the wrong content type are mismatches in their categories."""
    producers = MessageProducers({
        "an order-placed event": ({"orderId": "42", "total": 1.5}, {"topic": "payments"}),
        "a notice": Message("<notice id='1'><text>bye</text></notice>", content_type="application/xml"),
        "a thumbnail": PNG[:-1] + b"X",
        "a price quote": Message("price: 9.5", {"status": "ok"}, content_type="text/plain"),
    })
    results = _verify(registry, order_pact, producers)
    placed = {(m.category, m.path) for m in results["an order-placed event"].mismatches}
    assert placed == {("body", "$.orderId"), ("metadata", "topic")}
    assert [m.category for m in results["a notice"].mismatches] == ["body"]
    assert [m.category for m in results["a thumbnail"].mismatches] == ["body"]
    quote = results["a price quote"].mismatches
    assert [(m.category, m.path) for m in quote] == [("body-type", "$"), ("metadata", "contentType")]


def test_producer_failures_are_reported_per_interaction_and_the_run_continues(
        registry, order_pact: Path) -> None:
    """Raising, returning the wrong type, timing out and having no producer each fail
    only their own interaction, with the cause; the good one still verifies."""
    producers = MessageProducers({
        "an order-placed event": lambda: (_ for _ in ()).throw(ConnectionError("broker down")),
        "a notice": lambda: {1, 2},
        "a thumbnail": lambda: time.sleep(2),
    })
    started = time.perf_counter()
    results = _verify(registry, order_pact, producers, timeout=0.3)
    assert time.perf_counter() - started < 1.8
    assert "raised ConnectionError: broker down" in results["an order-placed event"].error
    assert "returned set" in results["a notice"].error
    assert "timed out" in results["a thumbnail"].error
    assert "no message producer for 'a price quote'" in results["a price quote"].error
    assert "'a notice'" in results["a price quote"].error  # lists the registered ones


def test_sync_exchange_with_several_responses(registry, pact: Pact) -> None:
    """A list of Message objects is several responses; fewer than expected is a mismatch
    naming the counts."""
    (pact.expects_to_receive_sync("a stream").with_request_message({"n": 2})
        .will_respond_with_message({"i": integer(0)}).will_respond_with_message({"i": integer(1)}))
    path = pact.verify(lambda exchange: None)
    both = _verify(registry, path, {"a stream": lambda request: [
        Message({"i": k}) for k in range(request.contents["n"])]})
    assert both["a stream"].mismatches == [] and both["a stream"].error is None
    one = _verify(registry, path, {"a stream": lambda: [Message({"i": 5})]})
    assert [m.message for m in one["a stream"].mismatches] == [
        "Expected 2 response message(s) but the provider produced 1"]


def test_polypact_verifies_through_its_own_message_endpoint(registry, order_pact: Path) -> None:
    """The same producers behind serve_producers(), verified over HTTP by URL."""
    calls: list[dict[str, Any]] = []
    with serve_producers(_good_producers(calls)) as endpoint:
        assert endpoint.url.startswith("http://127.0.0.1:")
        results = _verify(registry, order_pact, endpoint.url)
    assert {d: (r.mismatches, r.error) for d, r in results.items()} == {
        d: ([], None) for d in ("an order-placed event", "a notice", "a thumbnail", "a price quote")}
    # over HTTP, the request message arrives as pact JSON with provider-mode generators applied
    assert {"request": {"sku": "Z-9"}, "provider_state": {}} in calls


def test_endpoint_client_reads_the_reference_convention(registry, order_pact: Path) -> None:
    """Against a foreign endpoint: the POST carries description and providerStates
    (and the request for sync), metadata comes from the base64 header, errors carry the
    status and the endpoint's text."""
    meta = base64.b64encode(json.dumps({"topic": "orders.placed"}).encode()).decode()

    def answer(request) -> Any:
        description = request.json()["description"]
        if description == "an order-placed event":
            return 200, {"Pact-Message-Metadata": meta}, {"orderId": 1, "total": 2.5}
        if description == "a notice":
            return 500, "producer exploded"
        if description == "a thumbnail":
            return 200, {"Pact-Message-Metadata": "not base64!", "Content-Type": "image/png"}, PNG
        return 200, {"price": 1.0}

    app = FakeProvider({"POST /messages": answer})
    with serve_wsgi(app) as url:
        results = _verify(registry, order_pact, url + "/messages")
    assert results["an order-placed event"].mismatches == []
    assert "answered 500" in results["a notice"].error and "producer exploded" in results["a notice"].error
    assert "Pact-Message-Metadata header is not base64" in results["a thumbnail"].error
    assert [m.path for m in results["a price quote"].mismatches] == ["status"]  # metadata missing
    bodies = {r.json()["description"]: r.json() for r in app.requests}
    assert bodies["an order-placed event"]["providerStates"] == [{"name": "order exists", "params": {"id": 42}}]
    assert bodies["a price quote"]["request"]["contents"]["content"] == {"sku": "Z-9"}
    assert "request" not in bodies["a notice"]


def _post(url: str, data: bytes, headers: dict[str, str] | None = None) -> tuple[int, str, Any]:
    """POST ``data``; the status, the Content-Type and the JSON body of the answer."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json",
                                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request) as resp:
            return resp.status, resp.headers["Content-Type"], json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], json.loads(err.read())


def test_message_endpoint_server_errors() -> None:
    """Errors answer {"error": reason} as JSON: an unknown description 404 naming the
    registered ones, a malformed request body 400, a raising producer (or one returning
    the wrong type) 500 with the cause; other paths 404; GET 405."""
    producers = {"boom": lambda: 1 / 0, "odd": lambda: object(), "ok": {"n": 1}}
    with serve_producers(producers, path="/msgs") as endpoint:
        url = f"http://127.0.0.1:{endpoint.port}/msgs"
        assert _post(url, b'{"description": "nope"}') == (
            404, "application/json",
            {"error": "no message producer for 'nope' (registered: 'boom', 'odd', 'ok')"})
        status, kind, body = _post(url, b'{"description": "boom"}')
        assert (status, kind) == (500, "application/json") and "raised ZeroDivisionError" in body["error"]
        status, _, body = _post(url, b'{"description": "odd"}')
        assert status == 500 and "object" in body["error"]
        for bad, reason in [
            (b"{not json", "the request body is not JSON"),
            (b'["ok"]', 'expected a JSON object with a "description" string'),
            (b'{"description": 1}', 'expected a JSON object with a "description" string'),
            (b'{"description": "ok", "providerStates": {}}', "providerStates must be a list"),
            (b'{"description": "ok", "providerStates": [{"name": "s", "params": [1]}]}',
             "params must be an object"),
            (b'{"description": "ok", "request": {"metadata": 3}}', "invalid request message"),
        ]:
            status, kind, body = _post(url, bad)
            assert (status, kind) == (400, "application/json"), bad
            assert reason in body["error"], (bad, body)
        assert _post(url, b'{"description": "ok"}') == (200, "application/json", {"n": 1})
        status, _, body = _post(f"http://127.0.0.1:{endpoint.port}/other", b"{}")
        assert (status, body) == (404, {"error": "no message endpoint at /other (POST to /msgs)"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(endpoint.url)
        assert caught.value.code == 405 and caught.value.headers["Allow"] == "POST"
        assert "POST {description, providerStates}" in json.loads(caught.value.read())["error"]


def test_the_client_reports_the_endpoints_json_reason(registry, pact: Pact) -> None:
    """Verifying against serve_producers, the per-interaction error carries the status
    and the reason from the JSON body (not the JSON text)."""
    pact.expects_to_receive("an unknown event").with_content({"id": integer(1)})
    path = pact.verify(lambda message: None)
    with serve_producers({"another event": {"id": 1}}) as endpoint:
        result = _verify(registry, path, endpoint.url)["an unknown event"]
    assert result.error == (
        f"message endpoint {endpoint.url} answered 404 Not Found for 'an unknown event': "
        f"no message producer for 'an unknown event' (registered: 'another event')")


def test_cli_verifies_a_pact_mixing_http_and_messages(registry, pact: Pact, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``polypact verify`` with --provider-base-url and --transport message=URL verifies
    both kinds in one run; a broken producer fails only its interaction (exit 1); the
    message target may also be ``module:attribute``."""
    pact.upon_receiving("a request for order 1").with_request("GET", "/orders/1") \
        .will_respond_with(200, body={"id": like(1)})
    with pact.serve() as session, urllib.request.urlopen(session.url + "/orders/1"):
        pass
    pact.expects_to_receive("an order event").with_content({"id": integer(1)})
    pact_path = pact.verify(lambda m: None)
    app = FakeProvider({"GET /orders/1": (200, {"id": 7})})
    good = {"an order event": {"id": 2}}
    with serve_wsgi(app) as http_url, serve_producers(good) as endpoint:
        code, out, err = run_cli(["verify", str(pact_path), "--provider-base-url", http_url,
                                  "--transport", f"message={endpoint.url}", "--no-color"],
                                 registry=registry)
    assert code == 0, out + err
    assert "a request for order 1" in out and "an order event" in out
    with serve_wsgi(app) as http_url, serve_producers({"an order event": "oops"}) as endpoint:
        code, out, err = run_cli(["verify", str(pact_path), "--provider-base-url", http_url,
                                  "--transport", f"message={endpoint.url}", "--no-color"],
                                 registry=registry)
    assert code == 1 and "an order event" in out
    (tmp_path / "my_producers.py").write_text("PRODUCERS = {'an order event': {'id': 3}}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    with serve_wsgi(app) as http_url:
        code, out, err = run_cli(["verify", str(pact_path), "--provider-base-url", http_url,
                                  "--transport", "message=my_producers:PRODUCERS"], registry=registry)
    assert code == 0, out + err
    code, out, err = run_cli(["verify", str(pact_path), "--transport", "message=ftp://x"],
                             registry=registry)
    assert code == 2 and "--transport 'message=ftp://x': expected an http(s) URL" in err


def test_producers_count_as_state_handlers_for_messages_only(registry, pact: Pact) -> None:
    """States of message interactions reach the producer, so no "no handler" warning;
    an HTTP interaction's unhandled state still warns; a Python state handler still runs
    first and its values reach the producer."""
    pact.upon_receiving("a request").given("http state").with_request("GET", "/x") \
        .will_respond_with(200)
    with pact.serve() as session, urllib.request.urlopen(session.url + "/x"):
        pass
    pact.expects_to_receive("an event").given("message state", n=1).with_content({"n": 1})
    path = pact.verify(lambda m: None)
    seen = []

    def produce(params: dict, provider_state: dict) -> dict:
        seen.append((params, provider_state))
        return {"n": params["n"]}

    app = FakeProvider({"GET /x": 200})
    with serve_wsgi(app) as url:
        results = {r.interaction.description: r for r in (
            Verifier(registry=registry).add_source(str(path)).provider_base_url(url)
            .transport("message", {"an event": produce}).verify().results)}
        assert results["an event"].warnings == [] and results["an event"].error is None
        assert results["a request"].warnings == ["no handler for provider state 'http state'"]
        Verifier(registry=registry).add_source(str(path)).provider_base_url(url) \
            .transport("message", {"an event": produce}) \
            .state_handlers({"message state": lambda n: {"token": n * 10}}).verify()
    assert seen == [({"n": 1}, {}), ({"n": 1}, {"token": 10})]


def test_xml_contents_with_matchers(registry, pact: Pact) -> None:
    """xml_element contents put XML rules in the pact; the producer's XML with other
    values of the right type verifies, a non-numeric id does not."""
    from polypact.dsl import xml_element

    pact.expects_to_receive("a notice").with_content(
        xml_element("notice", attrs={"id": integer(1)}, text=like("hi")))
    path = pact.verify(lambda m: None)
    good = _verify(registry, path, {"a notice": Message("<notice id='77'>bye</notice>",
                                                        content_type="application/xml")})
    assert good["a notice"].mismatches == []
    bad = _verify(registry, path, {"a notice": Message("<notice id='x'>bye</notice>",
                                                       content_type="application/xml")})
    assert [m.category for m in bad["a notice"].mismatches] == ["body"]
