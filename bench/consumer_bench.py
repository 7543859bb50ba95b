"""(i) Consumer-test overhead: declare one interaction, start the mock, send one request,
check it, write the pact.

polypact: ``Pact(...).upon_receiving(...)...will_respond_with(...)``, ``with pact.serve()``
(the pact is written, merged into the existing file, when the block exits).
pact-python: the same interaction through its v3 API, ``with pact.serve()`` then
``pact.write_file(overwrite=False)`` (it merges into the existing file too, so both do the
same work). Both send the request with ``http.client``. Median of
many iterations, after warm-up. Target: polypact no slower than pact-python.
"""

from __future__ import annotations

import http.client
import json
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from bench import reference
from bench.common import Result, iterations, median_ms, sample

PATH = "/users/1"


def get_json(base_url: str, path: str) -> tuple[int, object]:
    """GET ``path`` from ``base_url``; (status, decoded JSON body)."""
    parts = urlsplit(str(base_url))
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


def polypact_once(pact_dir: Path) -> None:
    """One polypact consumer test."""
    from polypact import Pact, integer, like

    pact = Pact("bench-web", "bench-users", pact_dir=pact_dir)
    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists", id=1)
        .with_request("GET", PATH)
        .will_respond_with(200, body={"id": integer(1), "name": like("Ann")}))
    with pact.serve() as mock:
        status, body = get_json(mock.url, PATH)
    assert status == 200 and body == {"id": 1, "name": "Ann"}, (status, body)


def reference_once(pact_dir: Path) -> None:
    """The same consumer test with pact-python 4.2.0."""
    from pact import Pact, match

    pact = Pact("bench-web-reference", "bench-users")
    (pact.upon_receiving("a request for user 1")
        .given("user 1 exists", id=1)
        .with_request("GET", PATH)
        .will_respond_with(200)
        .with_body({"id": match.int(1), "name": match.str("Ann")},
                   content_type="application/json"))
    with pact.serve(addr="127.0.0.1") as server:
        status, body = get_json(server.url, PATH)
    assert status == 200 and body == {"id": 1, "name": "Ann"}, (status, body)
    pact.write_file(pact_dir, overwrite=False)


def run() -> list[Result]:
    """Median time of one consumer test, polypact and pact-python."""
    count = iterations(300, 60)
    with tempfile.TemporaryDirectory(prefix="polypact-bench-") as tmp:
        folder = Path(tmp)
        ours = median_ms(sample(lambda: polypact_once(folder / "polypact"), count, warmup=10))
        written = sorted(p.name for p in (folder / "polypact").glob("*.json"))
        theirs = None
        if reference.available():
            theirs = median_ms(sample(lambda: reference_once(folder / "reference"), count,
                                      warmup=10))
    result = Result(
        name="consumer test overhead",
        polypact=ours,
        reference=theirs,
        unit="ms",
        target="<= pact-python",
        method=f"in-process, median of {count} iterations after 10 warm-ups; each "
               "declares 1 interaction, serves, sends 1 GET, checks, merges it into the pact "
               "file",
        details={"pacts_written": written},
    )
    if theirs is not None:
        result.met = ours <= theirs
    return [result]
