"""Webhooks: events, ``${pactbroker.*}`` templates, retries with backoff, the delivery
log and the host allow-list (targets are 127.0.0.1 servers only)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from polypact_broker.config import BrokerConfig, WebhookConfig
from polypact_broker.server import running_broker
from polypact_broker.webhooks.dispatcher import host_allowed

from tests.broker.helpers import call, make_pact, publish, verify_result
from tests.interop.server import serve_wsgi


class Receiver:
    """A WSGI app recording webhook calls; fails the first ``failures`` calls."""

    def __init__(self, failures: int = 0):
        self.calls: list[dict[str, Any]] = []
        self.failures = failures
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        with self.lock:
            self.calls.append({"path": environ["PATH_INFO"], "query": environ.get("QUERY_STRING", ""),
                               "body": environ["wsgi.input"].read(length).decode(),
                               "auth": environ.get("HTTP_X_TOKEN")})
            fail = len(self.calls) <= self.failures
        start_response("500 Oops" if fail else "200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]


@pytest.fixture
def hooked(database_url: str) -> Iterator[tuple[str, Any]]:
    """A broker (on every configured backend) whose webhooks may call 127.0.0.1."""
    config = BrokerConfig(database_url=database_url, webhooks=WebhookConfig(
        allowed_hosts=["127.0.0.1"], retry_delays=(0.05, 0.1, 0.2)))
    with running_broker(config) as (url, app):
        yield url, app


def create_hook(broker: str, target: str, events: list[str], **extra: Any) -> tuple[int, Any]:
    return call("POST", broker + "/webhooks", {
        "description": "notify", "events": [{"name": e} for e in events],
        "request": {"method": "POST", "url": target + "/hook?consumer=${pactbroker.consumerName}",
                    "headers": {"X-Token": "secret-header"},
                    "body": {"provider": "${pactbroker.providerName}",
                             "version": "${pactbroker.consumerVersionNumber}",
                             "pact": "${pactbroker.pactUrl}",
                             "status": "${pactbroker.githubVerificationStatus}"}}, **extra})


def test_contract_events_render_templates(hooked):
    broker, app = hooked
    receiver = Receiver()
    with serve_wsgi(receiver) as target:
        status, hook = create_hook(broker, target, ["contract_content_changed",
                                                    "contract_requiring_verification_published"])
        assert status == 201 and hook["request"]["headers"] == {"X-Token": "****"}
        publish(broker, "web", "1", make_pact("web", "users", "a"))
        publish(broker, "web", "2", make_pact("web", "users", "a"))  # same content: no event
        assert app.events.wait_idle()
    bodies = [json.loads(c["body"]) for c in receiver.calls]
    assert len(bodies) == 2  # content changed + requiring verification, for version 1 only
    assert {b["version"] for b in bodies} == {"1"}
    assert bodies[0]["provider"] == "users" and "/pact-version/" in bodies[0]["pact"]
    assert receiver.calls[0]["query"] == "consumer=web" and receiver.calls[0]["auth"] == "secret-header"


def test_verification_events_and_filters(hooked):
    broker, app = hooked
    receiver = Receiver()
    with serve_wsgi(receiver) as target:
        create_hook(broker, target, ["provider_verification_failed"], provider={"name": "users"})
        create_hook(broker, target, ["provider_verification_succeeded"], consumer={"name": "other"})
        publish(broker, "web", "1", make_pact("web", "users", "a"))
        url = call("GET", broker + "/pacts/provider/users/consumer/web/latest")[1]["_links"]["self"]["href"]
        verify_result(broker, url, "p1", False)
        verify_result(broker, url, "p2", True)  # the succeeded hook is for consumer "other"
        assert app.events.wait_idle()
    assert [json.loads(c["body"])["status"] for c in receiver.calls] == ["failure"]


def test_failures_are_retried_and_logged(hooked):
    broker, app = hooked
    receiver = Receiver(failures=2)
    with serve_wsgi(receiver) as target:
        status, hook = create_hook(broker, target, ["contract_published"])
        publish(broker, "web", "1", make_pact("web", "users", "a"))
        assert app.events.wait_idle()
    assert len(receiver.calls) == 3
    status, log = call("GET", hook["_links"]["pb:deliveries"]["href"])
    assert [(d["attempt"], d["status"], d["success"]) for d in log["deliveries"]] == [
        (1, 500, False), (2, 500, False), (3, 200, True)]


def test_hosts_off_the_allow_list_are_never_requested(database_url):
    receiver = Receiver()
    with serve_wsgi(receiver) as target:
        config = BrokerConfig(database_url=database_url,
                              webhooks=WebhookConfig(allowed_hosts=["hooks.example.com"], retry_delays=()))
        with running_broker(config) as (broker, app):
            status, body = create_hook(broker, target, ["contract_published"])
            assert status == 400 and "allow-list" in body["error"]["message"]
            # a hook whose rendered URL leaves the list (or was allowed before) is not sent
            app.config.webhooks.allowed_hosts.append("127.0.0.1")
            status, hook = create_hook(broker, target, ["contract_published"])
            assert status == 201
            app.config.webhooks.allowed_hosts.remove("127.0.0.1")
            publish(broker, "web", "1", make_pact("web", "users", "a"))
            assert app.events.wait_idle()
            status, log = call("GET", hook["_links"]["pb:deliveries"]["href"])
    assert receiver.calls == []
    [entry] = log["deliveries"]
    assert entry["success"] is False and "not on the webhook allow-list" in entry["error"]


def test_allow_list_matching():
    assert host_allowed("http://127.0.0.1:8080/x", ["127.0.0.1"])
    assert host_allowed("https://ci.example.com/x", ["*.example.com"])
    assert not host_allowed("https://example.com.evil.net/x", ["*.example.com", "example.com"])
    assert not host_allowed("http://user@10.0.0.1/", ["127.0.0.1"])
    assert not host_allowed("file:///etc/passwd", ["127.0.0.1", ""])


@pytest.mark.parametrize(("change", "reason"), [
    ({"events": [{"name": "nope"}]}, "events[0].name"),
    ({"request": {"method": "POST", "url": "ftp://127.0.0.1/"}}, "request.url"),
    ({"request": {"method": "TRACE", "url": "http://127.0.0.1/"}}, "request.method"),
    ({"request": {"url": "http://127.0.0.1/${pactbroker.secret}"}}, "unknown template parameter"),
])
def test_invalid_webhooks_are_400(hooked, change, reason):
    broker, _ = hooked
    body = {"events": [{"name": "contract_published"}],
            "request": {"method": "POST", "url": "http://127.0.0.1:9/x"}, **change}
    status, answer = call("POST", broker + "/webhooks", body)
    assert status == 400 and reason in answer["error"]["message"]


def test_execute_delivers_once_with_sample_data(hooked):
    broker, _app = hooked
    receiver = Receiver(failures=1)
    with serve_wsgi(receiver) as target:
        status, hook = create_hook(broker, target, ["contract_published"])
        status, answer = call("POST", hook["_links"]["pb:execute"]["href"], {})
    assert status == 200 and answer["success"] is False  # no retries for a test execution
    assert len(receiver.calls) == 1
