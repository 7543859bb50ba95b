"""Failures: missing, unexpected and mismatched requests give readable errors and no pact
file; unmatched requests get a 500 naming the nearest interaction."""

from __future__ import annotations

import pytest
import requests
from polypact.consumer import Pact
from polypact.errors import ConsumerTestError


def declare_user(pact, description="a request for user 1", state=None, name="Ann"):
    builder = pact.upon_receiving(description)
    if state:
        builder.given(state)
    builder.with_request("GET", "/users/1", headers={"Accept": "application/json"})
    builder.will_respond_with(200, body={"id": 1, "name": name})
    return builder


def test_missing_interaction_fails_and_writes_nothing(pact, tmp_path):
    declare_user(pact)
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve():
            pass
    text = str(err.value)
    assert "missing request" in text and "'a request for user 1'" in text and "GET /users/1" in text
    assert not (tmp_path / "web-users.json").exists()
    assert pact.interactions == []


def test_unexpected_request_gets_500_naming_the_nearest_interaction(pact):
    declare_user(pact)
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            requests.get(f"{mock.url}/users/1", headers={"Accept": "application/json"}, timeout=5)
            response = requests.delete(f"{mock.url}/orders/9", timeout=5)
            assert response.status_code == 500
            doc = response.json()
            assert "DELETE /orders/9" in doc["error"]
            assert doc["nearestInteraction"]["description"] == "a request for user 1"
            categories = {m["category"] for m in doc["nearestInteraction"]["mismatches"]}
            assert {"method", "path"} <= categories
    text = str(err.value)
    assert "unexpected request: DELETE /orders/9 matched no interaction" in text
    assert "missing request" not in text


def test_mismatched_body_is_explained_with_the_json_path(pact, tmp_path):
    (pact.upon_receiving("create a user")
        .with_request("POST", "/users", body={"name": "Ann", "age": 30})
        .will_respond_with(201))
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            response = requests.post(f"{mock.url}/users", json={"name": "Bob", "age": 30}, timeout=5)
            assert response.status_code == 500
            mismatches = response.json()["nearestInteraction"]["mismatches"]
            assert any(m["path"] == "$.name" for m in mismatches)
    text = str(err.value)
    assert "mismatched request: POST /users did not match interaction 'create a user'" in text
    assert "$.name" in text and "Bob" in text
    assert not (tmp_path / "web-users.json").exists()


def test_nearest_interaction_is_the_one_with_fewest_mismatches(pact):
    (pact.upon_receiving("list orders").with_request("GET", "/orders").will_respond_with(200))
    (pact.upon_receiving("get user 1 as json")
        .with_request("GET", "/users/1", query={"v": "2"}).will_respond_with(200))
    with pytest.raises(ConsumerTestError):
        with pact.serve() as mock:
            doc = requests.get(f"{mock.url}/users/1", params={"v": "3"}, timeout=5).json()
    assert doc["nearestInteraction"]["description"] == "get user 1 as json"


def test_interactions_differing_by_state_are_answered_in_order(pact, read_written):
    declare_user(pact, "user 1 before rename", state="user 1 is Ann", name="Ann")
    declare_user(pact, "user 1 after rename", state="user 1 is Bob", name="Bob")
    with pact.serve() as mock:
        names = [
            requests.get(f"{mock.url}/users/1", headers={"Accept": "application/json"}, timeout=5).json()["name"]
            for _ in range(2)
        ]
    assert names == ["Ann", "Bob"]
    assert len(read_written()["interactions"]) == 2


def test_no_interactions_declared_still_catches_stray_requests(pact):
    with pytest.raises(ConsumerTestError, match="unexpected request: GET /anything"):
        with pact.serve() as mock:
            assert requests.get(f"{mock.url}/anything", timeout=5).status_code == 500


def test_two_mocks_at_once_serve_their_own_pacts(tmp_path):
    users = Pact("web", "users", pact_dir=tmp_path)
    orders = Pact("web", "orders", pact_dir=tmp_path)
    users.upon_receiving("user").with_request("GET", "/users/1").will_respond_with(200, body={"u": 1})
    orders.upon_receiving("order").with_request("GET", "/orders/1").will_respond_with(200, body={"o": 1})
    with users.serve() as mock_users, orders.serve() as mock_orders:
        assert mock_users.url != mock_orders.url
        assert requests.get(f"{mock_orders.url}/orders/1", timeout=5).json() == {"o": 1}
        assert requests.get(f"{mock_users.url}/users/1", timeout=5).json() == {"u": 1}
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["web-orders.json", "web-users.json"]


def test_cors_preflight_is_answered_when_enabled(pact):
    (pact.upon_receiving("a cross-origin read").with_request("GET", "/data").will_respond_with(200, body={"a": 1}))
    with pact.serve(cors=True) as mock:
        preflight = requests.options(f"{mock.url}/data", headers={
            "Origin": "http://app.test", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-Token",
        }, timeout=5)
        real = requests.get(f"{mock.url}/data", headers={"Origin": "http://app.test"}, timeout=5)
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "http://app.test"
    assert "X-Token" in preflight.headers["Access-Control-Allow-Headers"]
    assert real.headers["Access-Control-Allow-Origin"] == "http://app.test"


def test_pact_merges_across_serve_blocks(pact, read_written):
    declare_user(pact, "first")
    with pact.serve() as mock:
        requests.get(f"{mock.url}/users/1", headers={"Accept": "application/json"}, timeout=5)
    (pact.upon_receiving("second").with_request("GET", "/health").will_respond_with(200))
    with pact.serve() as mock:
        requests.get(f"{mock.url}/health", timeout=5)
    assert sorted(i["description"] for i in read_written()["interactions"]) == ["first", "second"]


def test_nearest_prefers_same_method_and_path_over_fewer_mismatches(pact):
    (pact.upon_receiving("create a user")
        .with_request("POST", "/users", body={"name": "Ann", "age": 30})
        .will_respond_with(201))
    (pact.upon_receiving("get user").with_request("GET", "/users/1").will_respond_with(200))
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            doc = requests.post(f"{mock.url}/users", json={"name": "Bob", "age": "30", "x": 1}, timeout=5).json()
            requests.get(f"{mock.url}/users/1", timeout=5)
    assert doc["nearestInteraction"]["description"] == "create a user"
    assert "did not match interaction 'create a user'" in str(err.value)
