"""Status badges: ``.../latest/badge``, ``.../latest/TAG/badge`` and the matrix badge
answer an SVG saying verified / failed / unknown, escape the names they show, and need
read credentials unless public badge access is on."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from polypact_broker.config import AuthConfig, BrokerConfig
from polypact_broker.server import running_broker
from polypact_broker.web.badge_svg import badge

from tests.broker.helpers import call, make_pact, publish, verify_result

SVG_NS = "{http://www.w3.org/2000/svg}"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(status, content type, body text) of a GET."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def texts(svg: str) -> list[str]:
    """The ``<text>`` contents of a (well-formed) SVG document."""
    return [t.text or "" for t in ET.fromstring(svg).iter(SVG_NS + "text")]


def status_of(url: str, **headers: str) -> str:
    code, ctype, body = fetch(url, headers)
    assert code == 200 and ctype == "image/svg+xml", (code, body)
    return texts(body)[1]


def pact_url(broker: str, consumer: str = "web", provider: str = "users") -> str:
    return f"{broker}/pacts/provider/{quote(provider)}/consumer/{quote(consumer)}/latest"


def test_latest_badge_follows_the_verification_status(broker):
    url = pact_url(broker) + "/badge"
    assert status_of(url) == "unknown"  # no pact yet
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    assert status_of(url) == "unknown"  # not verified yet
    verify_result(broker, pact_url(broker), "2", False)
    assert status_of(url) == "failed"
    verify_result(broker, pact_url(broker), "3", True)
    assert status_of(url) == "verified"
    publish(broker, "web", "2", make_pact("web", "users", "a", "b"))  # new content
    assert status_of(url) == "unknown"


def test_tagged_badge_looks_at_the_latest_pact_with_the_tag(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"), tags=["prod"])
    verify_result(broker, pact_url(broker), "2", True)
    publish(broker, "web", "2", make_pact("web", "users", "a", "b"), tags=["dev"])
    assert status_of(pact_url(broker) + "/prod/badge") == "verified"
    assert status_of(pact_url(broker) + "/dev/badge") == "unknown"
    assert status_of(pact_url(broker) + "/nope/badge") == "unknown"


def test_matrix_badge_by_branches(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"), branch="main")
    verify_result(broker, pact_url(broker), "2", True, branch="main")
    verify_result(broker, pact_url(broker), "3", False, branch="feat")
    base = f"{broker}/matrix/provider/users/latest/{{}}/consumer/web/latest/{{}}/badge"
    assert status_of(base.format("main", "main")) == "verified"
    assert status_of(base.format("feat", "main")) == "failed"
    assert status_of(base.format("main", "other")) == "unknown"


def test_labels_are_escaped(broker):
    name = 'a<b>&"c'
    publish(broker, name, "1", make_pact(name, "users", "a"))
    code, _ctype, body = fetch(pact_url(broker, consumer=name) + "/badge?label=consumer")
    assert code == 200 and "<b>" not in body
    assert texts(body)[0] == f"{name} pact"  # parses back to the original text
    assert call("GET", pact_url(broker) + "/badge?label=colour")[0] == 400


def test_badge_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="badge status"):
        badge("pact", "green")


@pytest.fixture
def secured_badges(database_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    env = {"POLYPACT_BROKER_WRITE_TOKENS": "w", "POLYPACT_BROKER_READ_TOKENS": "r"}
    if request.param:
        env["POLYPACT_BROKER_ALLOW_PUBLIC_BADGE_ACCESS"] = "true"
    with running_broker(BrokerConfig(database_url=database_url,
                                     auth=AuthConfig.from_env(env))) as (url, _):
        yield url


@pytest.mark.parametrize("secured_badges", [False], indirect=True)
def test_badges_need_read_credentials_by_default(secured_badges):
    url = pact_url(secured_badges) + "/badge"
    assert fetch(url)[0] == 401
    assert fetch(url, {"Authorization": "Bearer r"})[0] == 200


@pytest.mark.parametrize("secured_badges", [True], indirect=True)
def test_public_badge_access_opens_badges_only(secured_badges):
    assert fetch(pact_url(secured_badges) + "/badge")[0] == 200
    assert fetch(secured_badges + "/matrix/provider/users/latest/main/consumer/web/latest/main/badge")[0] == 200
    assert fetch(pact_url(secured_badges))[0] == 401  # the pact itself stays private
    assert fetch(secured_badges + "/pacticipants")[0] == 401
