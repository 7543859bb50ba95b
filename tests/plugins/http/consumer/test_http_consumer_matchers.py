"""Matchers in path, query, headers, status and body: the mock accepts other values that
satisfy them, and the pact file carries the rules and generators."""

from __future__ import annotations

import re

import pytest
import requests
from polypact.dsl import each_like, integer, like, mock_server_url, regex, status_code
from polypact.errors import ConsumerTestError


def test_matchers_everywhere_accept_conforming_values(pact, read_written):
    (pact.upon_receiving("a request for an order")
        .with_request("GET", regex(r"/orders/\d+", "/orders/1"),
                      query={"page": regex(r"\d+", "1")},
                      headers={"X-Trace": regex(r"[a-z]{3}-\d+", "abc-1")})
        .will_respond_with(status_code("success", 200),
                           body={"id": integer(1), "lines": each_like({"sku": like("A-1")})}))
    with pact.serve() as mock:
        response = requests.get(f"{mock.url}/orders/42", params={"page": "7"},
                                headers={"X-Trace": "xyz-99"}, timeout=5)
    assert response.status_code == 200
    assert response.json() == {"id": 1, "lines": [{"sku": "A-1"}]}
    request = read_written()["interactions"][0]["request"]
    response_doc = read_written()["interactions"][0]["response"]
    assert request["path"] == "/orders/1"
    assert request["matchingRules"]["path"]["matchers"] == [{"match": "regex", "regex": r"/orders/\d+"}]
    assert request["matchingRules"]["query"]["page"]["matchers"][0]["regex"] == r"\d+"
    assert request["matchingRules"]["header"]["X-Trace"]["matchers"][0]["match"] == "regex"
    assert response_doc["matchingRules"]["status"]["matchers"][0]["match"] == "statusCode"
    body_rules = response_doc["matchingRules"]["body"]
    assert body_rules["$.id"]["matchers"] == [{"match": "integer"}]
    assert body_rules["$.lines"]["matchers"][0]["match"] == "type"
    assert body_rules["$.lines[*].sku"]["matchers"] == [{"match": "type"}]


def test_value_violating_a_path_matcher_is_rejected(pact, tmp_path):
    (pact.upon_receiving("a numeric id")
        .with_request("GET", regex(r"/orders/\d+", "/orders/1"))
        .will_respond_with(200))
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            assert requests.get(f"{mock.url}/orders/abc", timeout=5).status_code == 500
    assert "/orders/abc" in str(err.value)
    assert not (tmp_path / "web-users.json").exists()


def test_response_generators_are_applied_by_the_mock(pact, read_written):
    (pact.upon_receiving("a created resource")
        .with_request("POST", "/things")
        .will_respond_with(201, body={
            "id": integer(5, generate=True),
            "self": mock_server_url(r".*(/things/\d+)$", "http://example.com/things/5"),
        }))
    with pact.serve() as mock:
        body = requests.post(f"{mock.url}/things", timeout=5).json()
    assert isinstance(body["id"], int)
    assert body["self"] == f"{mock.url}/things/5"
    generators = read_written()["interactions"][0]["response"]["generators"]["body"]
    assert generators["$.id"]["type"] == "RandomInt"
    assert generators["$.self"]["type"] == "MockServerURL"
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/things/5", body["self"])
