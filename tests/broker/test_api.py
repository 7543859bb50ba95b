"""The HAL API: index relations, publishing (both endpoints), content de-duplication,
pacticipants, versions, branches, tags, environments and deployments."""

from __future__ import annotations

import base64
import json

import sqlalchemy as sa
from polypact_broker.db.engine import Database

from tests.broker.helpers import call, make_pact, publish


def test_index_has_the_relations_pact_clients_follow(broker):
    status, index = call("GET", broker + "/")
    assert status == 200
    links = index["_links"]
    for rel in ("pb:publish-contracts", "pb:pacticipants", "pb:latest-provider-pacts",
                "pb:provider-pacts-for-verification", "pb:environments",
                "pb:can-i-deploy-pacticipant-version-to-environment", "pb:pacticipant-version",
                "pb:publish-pact", "pb:webhooks"):
        assert links[rel]["href"].startswith(broker), rel
    assert links["pb:provider-pacts-for-verification"]["templated"] is True
    assert links["pb:publish-contracts"]["templated"] is False
    assert links["pb:latest-provider-pacts"]["href"] == broker + "/pacts/provider/{provider}/latest"


def test_same_content_is_stored_once(any_broker, database_url):
    b = any_broker
    pact = make_pact("web", "users", "x")
    publish(b, "web", "1", pact)
    publish(b, "web", "2", pact)
    publish(b, "web", "3", make_pact("web", "users", "y"))
    shas = [call("GET", f"{b}/pacts/provider/users/consumer/web/version/{v}")[1]["_links"]["pb:pact-version"]["name"]
            for v in ("1", "2", "3")]
    assert shas[0] == shas[1] != shas[2]
    db = Database(database_url)
    with db.read() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM pact_contents")).scalar_one() == 2
        assert conn.execute(sa.text("SELECT COUNT(*) FROM pact_publications")).scalar_one() == 3
    db.dispose()


def test_put_pact_and_latest(broker):
    pact = make_pact("web", "users", "x")
    status, body = call("PUT", broker + "/pacts/provider/users/consumer/web/version/1.0", pact)
    assert status == 201 and body["interactions"][0]["description"] == "x"
    status, body = call("PUT", broker + "/pacts/provider/users/consumer/web/version/1.0", pact)
    assert status == 200
    call("PUT", broker + "/pacts/provider/users/consumer/web/version/1.1", make_pact("web", "users", "z"))
    status, latest = call("GET", broker + "/pacts/provider/users/consumer/web/latest")
    assert latest["interactions"][0]["description"] == "z"
    status, latest = call("GET", broker + "/pacts/provider/users/latest")
    assert [p["name"] for p in latest["_links"]["pacts"]] == ["Pact between web (1.1) and users"]
    status, body = call("PUT", broker + "/pacts/provider/users/consumer/other/version/1", pact)
    assert status == 400 and "consumer.name" in body["error"]["message"]


def test_publish_contracts_with_branch_tags_and_merge(broker):
    answer = publish(broker, "web", "1", make_pact("web", "users", "a"), branch="main", tags=["rc", "x"])
    assert answer["_embedded"]["version"]["number"] == "1"
    assert [t["name"] for t in answer["_links"]["pb:pacticipant-version-tags"]] == ["rc", "x"]
    status, version = call("GET", broker + "/pacticipants/web/versions/1")
    assert [b["name"] for b in version["_embedded"]["branchVersions"]] == ["main"]
    assert [t["name"] for t in version["_embedded"]["tags"]] == ["rc", "x"]
    content = base64.b64encode(json.dumps(make_pact("web", "users", "b")).encode()).decode()
    status, _ = call("POST", broker + "/contracts/publish", {
        "pacticipantName": "web", "pacticipantVersionNumber": "1",
        "contracts": [{"consumerName": "web", "providerName": "users", "specification": "pact",
                       "contentType": "application/json", "content": content, "onConflict": "merge"}]})
    assert status == 200
    status, pact = call("GET", broker + "/pacts/provider/users/consumer/web/version/1")
    assert sorted(i["description"] for i in pact["interactions"]) == ["a", "b"]


def test_pacticipants_versions_branches_and_tags(broker):
    status, body = call("PUT", broker + "/pacticipants/web", {"mainBranch": "main", "displayName": "Web"})
    assert status == 201 and body["mainBranch"] == "main"
    status, body = call("PATCH", broker + "/pacticipants/web", {"repositoryUrl": "https://example.com/web"})
    assert status == 200 and body["mainBranch"] == "main" and body["repositoryUrl"].endswith("/web")
    assert call("PUT", broker + "/pacticipants/web/branches/feat/versions/7", {})[0] == 200
    assert call("PUT", broker + "/pacticipants/web/versions/7/tags/prod", {})[0] == 201
    assert call("PUT", broker + "/pacticipants/web/versions/7/tags/prod", {})[0] == 200
    status, version = call("GET", broker + "/pacticipants/web/latest-version/prod")
    assert version["number"] == "7"
    assert call("GET", broker + "/pacticipants/web/branches/feat/versions/7")[0] == 200
    assert call("DELETE", broker + "/pacticipants/web/versions/7/tags/prod")[0] == 204
    assert call("GET", broker + "/pacticipants/web/versions/7/tags/prod")[0] == 404
    status, listing = call("GET", broker + "/pacticipants")
    assert [p["name"] for p in listing["_embedded"]["pacticipants"]] == ["web"]
    assert call("DELETE", broker + "/pacticipants/web")[0] == 409  # it has versions
    assert call("GET", broker + "/pacticipants/nobody")[0] == 404


def test_environments_deployments_and_releases(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    status, env = call("POST", broker + "/environments", {"name": "prod", "production": True})
    assert status == 201 and env["production"] is True
    assert call("POST", broker + "/environments", {"name": "prod"})[0] == 409
    assert call("POST", broker + "/environments", {"name": "has space"})[0] == 400
    status, dep = call("POST", f"{broker}/pacticipants/web/versions/1/deployed-versions/environment/{env['uuid']}",
                       {"applicationInstance": "blue"})
    assert status == 201 and dep["currentlyDeployed"] is True and dep["applicationInstance"] == "blue"
    status, current = call("GET", f"{broker}/environments/{env['uuid']}/deployed-versions/currently-deployed")
    assert [d["uuid"] for d in current["_embedded"]["deployedVersions"]] == [dep["uuid"]]
    status, done = call("PATCH", dep["_links"]["self"]["href"], {"currentlyDeployed": False})
    assert status == 200 and done["currentlyDeployed"] is False
    status, current = call("GET", f"{broker}/environments/{env['uuid']}/deployed-versions/currently-deployed")
    assert current["_embedded"]["deployedVersions"] == []
    status, rel = call("POST", f"{broker}/pacticipants/web/versions/1/released-versions/environment/{env['uuid']}", {})
    assert status == 201 and rel["currentlySupported"] is True
    status, version = call("GET", broker + "/pacticipants/web/versions/1")
    assert [link["name"] for link in version["_links"]["pb:record-deployment"]] == ["prod"]
    assert call("POST", f"{broker}/pacticipants/web/versions/9/deployed-versions/environment/{env['uuid']}", {})[0] == 404
    assert call("DELETE", f"{broker}/environments/{env['uuid']}")[0] == 204


def test_verification_results_and_matrix_between_versions(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    status, pact = call("GET", broker + "/pacts/provider/users/consumer/web/latest")
    status, result = call("POST", pact["_links"]["pb:publish-verification-results"]["href"],
                          {"success": True, "providerApplicationVersion": "2", "testResults": []})
    assert status == 201 and result["success"] is True
    status, again = call("GET", result["_links"]["self"]["href"])
    assert again["providerApplicationVersion"] == "2"
    status, matrix = call("GET", broker + "/matrix?q[][pacticipant]=web&q[][version]=1"
                                          "&q[][pacticipant]=users&q[][version]=2&latestby=cvpv")
    assert matrix["summary"]["deployable"] is True
    assert matrix["matrix"][0]["verificationResult"]["success"] is True
    status, matrix = call("GET", broker + "/can-i-deploy?pacticipant=web&version=1&environment=nowhere")
    assert matrix["summary"]["deployable"] is False
    assert "Environment 'nowhere' does not exist" in matrix["summary"]["reason"]
    status, alone = call("GET", broker + "/can-i-deploy?pacticipant=users&version=2")
    assert alone["summary"]["deployable"] is True  # web's latest pact is verified by users 2


def test_links_follow_the_public_url_behind_a_proxy(database_url):
    from polypact_broker.config import BrokerConfig
    from polypact_broker.server import running_broker

    config = BrokerConfig(database_url=database_url, trust_forwarded_headers=True)
    with running_broker(config) as (url, _app):
        status, index = call("GET", url + "/", headers={
            "X-Forwarded-Proto": "https", "X-Forwarded-Host": "pacts.example.com",
            "X-Forwarded-Prefix": "/broker"})
    assert index["_links"]["pb:pacticipants"]["href"] == "https://pacts.example.com/broker/pacticipants"
    with running_broker(BrokerConfig(database_url=database_url, public_url="https://b.example/")) as (url, _app):
        status, index = call("GET", url + "/", headers={"X-Forwarded-Host": "evil.example"})
    assert index["_links"]["self"]["href"] == "https://b.example"
