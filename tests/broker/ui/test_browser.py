"""The UI in a real headless browser (Debian's chromium) against a broker on
127.0.0.1 with published pacts and verification results: the DOM chromium builds, and a
screenshot."""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("sqlalchemy", reason="the broker needs polypact[broker]")

from polypact_broker.config import BrokerConfig  # noqa: E402
from polypact_broker.server import running_broker  # noqa: E402

from tests.broker.ui.htmldoc import Element, parse  # noqa: E402
from tests.broker.ui.seed import EVIL_DESCRIPTION, EVIL_NAME, Seeded, seed  # noqa: E402

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium); "
                             "the UI's browser tests need it")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT = 30


def chromium(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run chromium once on ``url`` (only ever a broker on 127.0.0.1), bounded in time."""
    assert url.startswith("http://127.0.0.1:"), url
    profile = tmp / "profile"
    shutil.rmtree(profile, ignore_errors=True)
    try:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=TIMEOUT, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within {TIMEOUT} s on {url}")


def dom(tmp: Path, url: str) -> Element:
    """The DOM chromium built for ``url`` (``--dump-dom``)."""
    done = chromium(tmp, url, "--dump-dom")
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return parse(done.stdout)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded]]:
    """A seeded broker on SQLite only: every chromium run costs seconds on a shared
    2-core machine, and the HTML the browser loads is the same on every backend; the
    storage-dependent pages are checked on SQLite and PostgreSQL by test_pages.py."""
    root = tmp_path_factory.mktemp("browser")
    with running_broker(BrokerConfig(database_url=str(root / "broker.sqlite"))) as (url, _app):
        yield url, seed(url, root / "pacts")


def test_index_in_the_browser(site, tmp_path):
    url, seeded = site
    doc = dom(tmp_path, url + "/")  # a browser asks for text/html: the UI, not the HAL index
    assert doc.find("h1").text == "Pacticipants and integrations"
    names = [tr.find_all("td")[0].text for tr in doc.find("table", "pacticipants").find_all("tr")[1:]]
    assert set(names) == {"web", "svc", EVIL_NAME, seeded.grpc_consumer, seeded.grpc_provider}
    status = {(tr.find_all("td")[0].text, tr.find_all("td")[2].text): tr.attrs["data-status"]
              for tr in doc.find_all("tr", "integration")}
    assert status[("web", "svc")] == "success"
    assert status[(seeded.grpc_consumer, seeded.grpc_provider)] == "failure"
    assert status[(EVIL_NAME, "svc")] == "unverified"
    assert doc.find_all("script") == []  # the hostile name stayed text in the live DOM


def test_pact_pages_in_the_browser(site, tmp_path):
    url, seeded = site
    doc = dom(tmp_path, url + "/ui/pacts/provider/svc/consumer/web/latest")
    assert [h.text for h in doc.find_all("h3", "description")] == \
        [i["description"] for i in seeded.mixed["interactions"]]
    assert {s.attrs["data-kind"] for s in doc.find_all("section", "interaction")} == \
        {"HTTP", "GraphQL", "SOAP", "Message", "Synchronous message"}
    grpc = dom(tmp_path, f"{url}/ui/pacts/provider/{seeded.grpc_provider}/consumer/"
                         f"{seeded.grpc_consumer}/latest")
    assert [h.text for h in grpc.find_all("h3", "description")] == \
        [i["description"] for i in seeded.grpc["interactions"]]
    assert "message ShapeMessage {" in grpc.find("pre", "markup").text
    evil = dom(tmp_path, f"{url}/ui/pacts/provider/svc/consumer/{quote(EVIL_NAME, safe='')}/latest")
    assert [h.text for h in evil.find_all("h3", "description")] == [EVIL_DESCRIPTION]
    assert evil.find_all("img") == [] and evil.find_all("script") == []


def test_matrix_in_the_browser(site, tmp_path):
    url, seeded = site
    doc = dom(tmp_path, url + "/ui/matrix?pacticipant=svc")
    rows = {(tr.find_all("td")[0].text, tr.find_all("td")[1].text): tr.attrs["data-status"]
            for tr in doc.find_all("tr", "matrix-row")}
    assert rows == {("web", "1.1.0"): "success", ("web", "1.0.0"): "success",
                    (EVIL_NAME, "6.6.6"): "unverified"}
    everything = dom(tmp_path, url + "/ui/matrix")
    assert "failure" in [tr.attrs["data-status"] for tr in everything.find_all("tr", "matrix-row")]


def test_screenshot_of_the_index(site, tmp_path):
    url, _ = site
    shot = tmp_path / "ui.png"
    done = chromium(tmp_path, url + "/ui", f"--screenshot={shot}", "--window-size=1280,900")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)
    assert len(data) > 20_000  # a rendered page with tables and a graph, not a blank image
