"""Auth: bearer tokens with read/write scopes, basic auth, anonymous read only when
configured; writes are refused without write credentials; secrets never echoed."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from polypact.errors import UsageError
from polypact_broker.client.http import BrokerClient
from polypact_broker.client.operations import publish
from polypact_broker.config import AuthConfig, BrokerConfig
from polypact_broker.errors import BrokerClientError
from polypact_broker.server import running_broker

from tests.broker.helpers import call, make_pact

ENV = {"POLYPACT_BROKER_WRITE_TOKENS": "w-token", "POLYPACT_BROKER_READ_TOKENS": "r-token,r2",
       "POLYPACT_BROKER_BASIC_AUTH": "ci:ci-pass:write,viewer:v-pass:read"}


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def secured(database_url: str) -> Iterator[str]:
    """A broker with tokens and users (on every configured backend)."""
    with running_broker(BrokerConfig(database_url=database_url, auth=AuthConfig.from_env(ENV))) as (url, _):
        yield url


def test_writes_need_write_scope(secured):
    path = secured + "/pacticipants/web"
    assert call("PUT", path, {"mainBranch": "main"})[0] == 401
    assert call("PUT", path, {"mainBranch": "main"}, headers=bearer("r-token"))[0] == 403
    assert call("PUT", path, {"mainBranch": "main"}, headers=basic("viewer", "v-pass"))[0] == 403
    assert call("PUT", path, {"mainBranch": "main"}, headers=bearer("nope"))[0] == 401
    assert call("PUT", path, {"mainBranch": "main"}, headers=basic("ci", "wrong"))[0] == 401
    assert call("PUT", path, {"mainBranch": "main"}, headers=bearer("w-token"))[0] == 201
    assert call("PUT", path, {"mainBranch": "dev"}, headers=basic("ci", "ci-pass"))[0] == 200


def test_reads_need_credentials_unless_anonymous_read(secured, database_url):
    assert call("GET", secured + "/")[0] == 401
    for headers in (bearer("r-token"), bearer("r2"), bearer("w-token"), basic("viewer", "v-pass")):
        assert call("GET", secured + "/", headers=headers)[0] == 200
    # pacts-for-verification is a POST that only reads
    assert call("POST", secured + "/pacts/provider/users/for-verification", {},
                headers=bearer("r-token"))[0] == 200
    anonymous = AuthConfig.from_env({**ENV, "POLYPACT_BROKER_ALLOW_ANONYMOUS_READ": "true"})
    with running_broker(BrokerConfig(database_url=database_url, auth=anonymous)) as (url, _):
        assert call("GET", url + "/")[0] == 200
        assert call("PUT", url + "/pacticipants/web", {})[0] == 401


def test_401_answers_name_no_secret(secured):
    status, body = call("PUT", secured + "/pacticipants/web", {}, headers=bearer("r-token-guess"))
    assert status == 401
    text = str(body)
    for secret in ("w-token", "r-token", "ci-pass", "v-pass"):
        assert secret not in text


def test_the_client_uses_environment_credentials(secured, tmp_path):
    (tmp_path / "p.json").write_text(__import__("json").dumps(make_pact("web", "users", "x")))
    with pytest.raises(BrokerClientError, match="HTTP 401"):
        publish(BrokerClient(secured, env={}), tmp_path, "1")
    with pytest.raises(BrokerClientError, match="HTTP 403"):
        publish(BrokerClient(secured, env={"POLYPACT_BROKER_TOKEN": "r-token"}), tmp_path, "1")
    client = BrokerClient(secured, env={"POLYPACT_BROKER_USERNAME": "ci", "POLYPACT_BROKER_PASSWORD": "ci-pass"})
    assert publish(client, tmp_path, "1")[0]["_embedded"]["version"]["number"] == "1"
    assert "ci-pass" not in repr(client)
    assert "w-token" not in repr(AuthConfig.from_env(ENV))


def test_bad_basic_auth_configuration_is_a_usage_error():
    with pytest.raises(UsageError, match="POLYPACT_BROKER_BASIC_AUTH"):
        AuthConfig.from_env({"POLYPACT_BROKER_BASIC_AUTH": "justauser"})


def _challenge(url: str) -> str:
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(url + "/", timeout=30)
    except urllib.error.HTTPError as exc:
        assert exc.code == 401
        return exc.headers["WWW-Authenticate"]
    raise AssertionError("expected a 401")


def test_the_401_challenge_is_basic_when_users_are_configured_else_bearer(secured, database_url):
    assert _challenge(secured).startswith("Basic ")  # browsers prompt (the web UI)
    tokens_only = AuthConfig.from_env({"POLYPACT_BROKER_READ_TOKENS": "r-token"})
    with running_broker(BrokerConfig(database_url=database_url, auth=tokens_only)) as (url, _):
        assert _challenge(url).startswith("Bearer ")
