"""The UI's pages served by a real broker on 127.0.0.1: content, escaping, security
headers, content negotiation on ``/``, errors and auth."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import quote

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.config import AuthConfig, BrokerConfig  # noqa: E402
from polypact_broker.server import running_broker  # noqa: E402

from tests.broker.helpers import call, make_pact, publish  # noqa: E402
from tests.broker.ui.htmldoc import Element, parse  # noqa: E402
from tests.broker.ui.seed import EVIL_DESCRIPTION, EVIL_NAME, Seeded, seed  # noqa: E402

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def get(url: str, accept: str = BROWSER, headers: dict[str, str] | None = None
        ) -> tuple[int, dict[str, str], str]:
    """(status, headers, body text) of a GET."""
    request = urllib.request.Request(url, headers={"Accept": accept, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, dict(resp.headers.items()), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read().decode("utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, ui_database_url: str
         ) -> Iterator[tuple[str, Seeded]]:
    """A broker seeded with every kind of pact, on each configured backend."""
    root = tmp_path_factory.mktemp("ui")
    with running_broker(BrokerConfig(database_url=ui_database_url)) as (url, _app):
        yield url, seed(url, root / "pacts")


def page(url: str) -> Element:
    status, headers, body = get(url)
    assert status == 200, body[:500]
    assert headers["Content-Type"].startswith("text/html")
    return parse(body)


def test_index_lists_pacticipants_and_integrations_with_status(site):
    url, seeded = site
    doc = page(url + "/ui")
    names = [tr.find_all("td")[0].text for tr in doc.find("table", "pacticipants").find_all("tr")[1:]]
    assert names == sorted(["web", "svc", EVIL_NAME, seeded.grpc_consumer, seeded.grpc_provider])
    status = {(tr.find_all("td")[0].text, tr.find_all("td")[2].text): tr.attrs["data-status"]
              for tr in doc.find_all("tr", "integration")}
    assert status == {("web", "svc"): "success", (seeded.grpc_consumer, seeded.grpc_provider): "failure",
                      (EVIL_NAME, "svc"): "unverified"}
    edges = doc.find("svg").find_all("line")
    assert sorted(e.attrs["class"] for e in edges) == ["edge edge-failure", "edge edge-success",
                                                        "edge edge-unverified"]


def test_root_is_html_for_browsers_and_hal_for_api_clients(site):
    url, _ = site
    status, headers, body = get(url + "/", BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Vary"] == "Accept" and parse(body).find("table", "integrations")
    for accept in ("application/hal+json", "*/*", "application/json, text/html",
                   "application/hal+json, text/html;q=0.5"):
        status, answer = call("GET", url + "/", headers={"Accept": accept})
        assert status == 200 and "pb:latest-provider-pacts" in answer["_links"], accept
    status, headers, body = get(url + "/", accept="")
    assert headers["Content-Type"].startswith("application/hal+json") and headers["Vary"] == "Accept"


def test_every_ui_response_carries_the_security_headers(site):
    url, seeded = site
    for path in ("/ui", "/ui/matrix", "/ui/pacticipants/web", "/ui/static/ui.css",
                 "/ui/pacts/provider/svc/consumer/web/latest", "/ui/pacticipants/nobody"):
        _, headers, _ = get(url + path)
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert "script-src 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path


def test_pages_load_nothing_from_elsewhere(site):
    url, _ = site
    for path in ("/ui", "/ui/matrix", "/ui/pacts/provider/svc/consumer/web/latest"):
        doc = page(url + path)
        assert doc.find_all("script") == [] and doc.find_all("style") == []
        assert all(not e.attrs.get("style") for e in doc.iter()), path
        sources = [e.attrs.get("src") or e.attrs.get("href") for e in doc.find_all("link")]
        assert sources == ["/ui/static/ui.css"]


def test_hostile_names_and_descriptions_are_text(site):
    url, _ = site
    for path in ("/ui", "/ui/matrix", f"/ui/pacticipants/{quote(EVIL_NAME, safe='')}",
                 f"/ui/pacts/provider/svc/consumer/{quote(EVIL_NAME, safe='')}/latest"):
        status, _, body = get(url + path)
        assert status == 200, path
        assert "<script" not in body.lower() and "<img" not in body.lower(), path
        doc = parse(body)
        assert EVIL_NAME in doc.text, path
    pact = page(f"{url}/ui/pacts/provider/svc/consumer/{quote(EVIL_NAME, safe='')}/latest")
    assert [h.text for h in pact.find_all("h3", "description")] == [EVIL_DESCRIPTION]


def test_unsafe_repository_urls_are_not_links(site):
    url, _ = site
    doc = page(url + "/ui/pacticipants/web")
    assert "javascript:alert(1)" in doc.text
    assert all(not a.attrs.get("href", "").lower().startswith("javascript") for a in doc.find_all("a"))


def test_pacticipant_page_versions_branches_tags_and_deployments(site):
    url, _ = site
    doc = page(url + "/ui/pacticipants/web")
    versions = [[td.text for td in tr.find_all("td")] for tr in doc.find("table", "versions").find_all("tr")[1:]]
    assert [(v[0], v[2], v[3]) for v in versions] == [("1.1.0", "feat", ""), ("1.0.0", "main", "prod")]
    svc = page(url + "/ui/pacticipants/svc")
    deployed = [[td.text for td in tr.find_all("td")] for tr in svc.find("table", "deployed").find_all("tr")[1:]]
    assert [(d[0], d[1]) for d in deployed] == [("production", "2.0.0")]


def test_pact_page_renders_every_interaction_of_the_latest_pact(site):
    url, seeded = site
    doc = page(url + "/ui/pacts/provider/svc/consumer/web/latest")
    descriptions = [h.text for h in doc.find_all("h3", "description")]
    assert descriptions == [i["description"] for i in seeded.mixed["interactions"]]
    assert "1.1.0" in doc.find("dl", "meta").text and "success" in doc.find("dl", "meta").text
    grpc = page(f"{url}/ui/pacts/provider/{seeded.grpc_provider}/consumer/{seeded.grpc_consumer}/latest")
    assert grpc.find("section", "interaction").attrs["data-kind"] == "gRPC"
    # the messages decoded with the pact's own descriptors
    assert [json.loads(p.text) for p in grpc.find_all("pre", "body")] == [
        {"rectangle": {"length": 3.0, "width": 4.0}}, {"value": [12.0]}]
    old = page(url + "/ui/pacts/provider/svc/consumer/web/version/1.0.0")
    assert "1.0.0" in old.find("dl", "meta").text


def test_matrix_rows_and_filter_by_pacticipant(site):
    url, seeded = site

    def rows(query: str = "") -> list[tuple[str, ...]]:
        doc = page(url + "/ui/matrix" + query)
        return [tuple(td.text for td in tr.find_all("td")[:5]) for tr in doc.find_all("tr", "matrix-row")]

    everything = rows()
    assert ("web", "1.1.0", "svc", "2.0.0", "success") in everything
    assert ("web", "1.0.0", "svc", "2.0.0", "success") in everything  # same content
    assert (seeded.grpc_consumer, "0.1.0", seeded.grpc_provider, "9.0.0", "failure") in everything
    assert (EVIL_NAME, "6.6.6", "svc", "", "unverified") in everything
    only_grpc = rows("?pacticipant=" + quote(seeded.grpc_provider))
    assert only_grpc == [(seeded.grpc_consumer, "0.1.0", seeded.grpc_provider, "9.0.0", "failure")]
    assert {r[0] for r in rows("?pacticipant=svc")} == {"web", EVIL_NAME}
    chosen = page(url + "/ui/matrix?pacticipant=svc").find("option", selected="")
    assert chosen.text == "svc"


def test_unknown_things_are_html_404s(site):
    url, _ = site
    for path in ("/ui/pacticipants/nobody", "/ui/pacts/provider/svc/consumer/nobody/latest",
                 "/ui/pacts/provider/svc/consumer/web/version/9.9.9"):
        status, headers, body = get(url + path)
        assert status == 404 and headers["Content-Type"].startswith("text/html"), path
        assert "nobody" in body or "9.9.9" in body


def test_ui_reads_follow_the_broker_auth(database_url: str):
    env = {"POLYPACT_BROKER_WRITE_TOKENS": "w-token", "POLYPACT_BROKER_READ_TOKENS": "r-token",
           "POLYPACT_BROKER_BASIC_AUTH": "viewer:v-pass:read"}
    viewer = {"Authorization": "Basic " + base64.b64encode(b"viewer:v-pass").decode()}
    config = BrokerConfig(database_url=database_url, auth=AuthConfig.from_env(env))
    with running_broker(config) as (url, _):
        for path in ("/ui", "/", "/ui/matrix", "/ui/pacticipants/web", "/ui/static/ui.css"):
            assert get(url + path)[0] == 401, path
            assert get(url + path, headers={"Authorization": "Bearer wrong"})[0] == 401, path
            assert get(url + path, headers={"Authorization": "Bearer r-token"})[0] in (200, 404), path
        status, _, body = get(url + "/ui", headers=viewer)
        assert status == 200 and parse(body).find("h1").text == "Pacticipants and integrations"
    anonymous = AuthConfig.from_env({**env, "POLYPACT_BROKER_ALLOW_ANONYMOUS_READ": "true"})
    config = BrokerConfig(database_url=database_url, auth=anonymous)
    with running_broker(config) as (url, _):
        assert get(url + "/ui")[0] == 200
        assert get(url + "/ui/matrix")[0] == 200


def test_links_follow_the_public_url_prefix(database_url: str):
    config = BrokerConfig(database_url=database_url,
                          public_url="https://pacts.example.com/broker/")
    with running_broker(config) as (url, _):
        seed_pair = {"consumer": {"name": "a"}, "provider": {"name": "b"}, "interactions": [],
                     "metadata": {"pactSpecification": {"version": "3.0.0"}}}
        publish(url, "a", "1", seed_pair)
        doc = page(url + "/ui")
        hrefs = [e.attrs["href"] for e in doc.find_all("a")] + \
            [e.attrs["href"] for e in doc.find_all("link")]
        assert hrefs and all(h.startswith("/broker/ui") for h in hrefs), hrefs
        assert "/broker/ui/pacts/provider/b/consumer/a/latest" in hrefs


@pytest.mark.parametrize("path", [
    "/ui/pacticipants/%00", "/ui/pacticipants/" + "x" * 3000, "/ui/pacts/provider/a/consumer/b/version/",
    "/ui/pacts/provider//consumer//latest", "/ui/matrix?pacticipant=%00&pacticipant=&x=1",
    "/ui/matrix?pacticipant=" + "%FF" * 10, "/ui/nothing-here", "/ui/pacticipants/web/extra/..",
])
def test_odd_requests_never_cause_a_500(site, path):
    url, _ = site
    status, _, _ = get(url + path)
    assert status < 500, path


def test_matrix_rows_are_bounded(database_url: str):
    from polypact_broker.ui import data

    with running_broker(BrokerConfig(database_url=database_url)) as (url, app):
        for n in range(4):
            publish(url, "a", f"1.{n}", make_pact("a", "b", greeting=f"hi {n}"))
        with app.db.read() as conn:
            rows, cut = data.matrix(conn, limit=3)
            assert cut and [r.consumer_version for r in rows] == ["1.3", "1.2", "1.1"]
            rows, cut = data.matrix(conn, {"a"}, limit=10)
            assert not cut and len(rows) == 4 and {r.success for r in rows} == {None}
            assert data.matrix(conn, {"nobody"}) == ([], False)
        doc = page(url + "/ui/matrix")
        assert len(doc.find_all("tr", "matrix-row")) == 4
