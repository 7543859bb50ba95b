"""Concurrent clients on one mock, V3 output, HEAD requests and the transport object."""

from __future__ import annotations

import json
import threading

import requests
from polypact.consumer import Pact
from polypact.dsl import like
from polypact.model import HTTP
from polypact.transport import MockConfig, Transport
from polypact_http.transport import HttpTransport


def test_concurrent_clients_are_all_answered_by_one_mock(pact, read_written):
    for i in range(4):
        (pact.upon_receiving(f"item {i}")
            .with_request("GET", f"/items/{i}")
            .will_respond_with(200, body={"item": i}))
    answers: list[int] = []
    with pact.serve() as mock:
        def client(n: int) -> None:
            with requests.Session() as session:
                for _ in range(10):
                    answers.append(session.get(f"{mock.url}/items/{n % 4}", timeout=5).json()["item"])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(answers) == sorted([n % 4 for n in range(8)] * 10)
    assert len(read_written()["interactions"]) == 4


def test_v3_pact_is_written_with_v3_rules(tmp_path):
    pact = Pact("web", "users", pact_dir=tmp_path, spec_version="3.0")
    (pact.upon_receiving("a user")
        .given("user exists", id=1)
        .with_request("GET", "/users/1", query={"full": "yes"})
        .will_respond_with(200, body={"name": like("Ann")}))
    with pact.serve() as mock:
        assert requests.get(f"{mock.url}/users/1?full=yes", timeout=5).json() == {"name": "Ann"}
    doc = json.loads((tmp_path / "web-users.json").read_text())
    assert doc["metadata"]["pactSpecification"]["version"].startswith("3.0")
    [interaction] = doc["interactions"]
    assert interaction["providerStates"] == [{"name": "user exists", "params": {"id": 1}}]
    assert interaction["response"]["body"] == {"name": "Ann"}
    assert interaction["response"]["matchingRules"]["body"]["$.name"]["matchers"] == [{"match": "type"}]


def test_head_request_gets_headers_without_body(pact):
    (pact.upon_receiving("a head").with_request("HEAD", "/doc")
        .will_respond_with(200, headers={"X-Size": "3"}, body="abc"))
    with pact.serve() as mock:
        response = requests.head(f"{mock.url}/doc", timeout=5)
    assert response.status_code == 200
    assert response.headers["X-Size"] == "3" and response.headers["Content-Length"] == "3"
    assert response.content == b""


def test_transport_satisfies_the_protocol_and_starts_on_the_requested_host():
    transport = HttpTransport()
    assert isinstance(transport, Transport)
    assert transport.name == "http" and transport.interaction_types == (HTTP,)
    mock = transport.start_mock(None, [], MockConfig(host="127.0.0.1", port=0))
    try:
        assert mock.url.startswith("http://127.0.0.1:") and mock.port > 0
        assert mock.problems() == []
    finally:
        mock.stop()
        mock.stop()
