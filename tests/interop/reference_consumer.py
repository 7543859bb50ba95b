"""A consumer test written with pact-python 4.2.0: it writes the pact polypact must verify.

The interactions cover what the interop issue asks for: matchers (type, integer, decimal,
boolean, regex, datetime, uuid, each_like with a minimum, include), generators (a
``ProviderState`` path, a ``RandomInt`` request body field, response generators), provider
states with parameters, a query, request and response headers, JSON and XML bodies.
Call :func:`install_loopback_patches` first (the fixtures do).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from tests.interop.peer import LOOPBACK

CONSUMER = "reference-web"
PROVIDER = "interop-users"


def _declare(pact: object) -> None:
    """Declare the interactions on a pact-python ``Pact``."""
    from pact import generate, match, xml

    user_path = match.type("/users/1", generator=generate.provider_state("/users/${id}"))
    (
        pact.upon_receiving("a request for user 1 as JSON")
        .given("user exists", name="Ann")
        .with_request("GET", user_path)
        .with_query_parameter("fields", "name,email")
        .with_header("Accept", "application/json")
        .will_respond_with(200)
        .with_header("X-Request-Id", match.regex("req-1", regex=r"req-\d+"))
        .with_body({
            "id": match.int(1),
            "name": match.str("Ann"),
            "active": match.bool(True),
            "score": match.decimal(7.5),
            "tags": match.each_like("admin", min=1),
            "email": match.includes("@example.com"),
            "created": match.datetime("2024-05-01T10:00:00", format="%Y-%m-%dT%H:%M:%S"),
            "token": match.uuid(),
        }, content_type="application/json")
    )
    (
        pact.upon_receiving("a request for user 1 as XML")
        .given("user exists", id=1, name="Ann")
        .with_request("GET", "/users/1.xml")
        .will_respond_with(200)
        .with_body(xml.body(xml.element(
            "user",
            xml.element("id", match.int(7)),
            xml.element("name", match.str("Bea")),
            attrs={"kind": "member"},
        )), content_type="application/xml")
    )
    (
        pact.upon_receiving("a request to create a user")
        .given("no users")
        .with_request("POST", "/users")
        .with_header("Content-Type", "application/json")
        .with_body({"name": "Bob", "age": match.int(min=18, max=99)},
                   content_type="application/json")
        .will_respond_with(201)
        .with_header("Location", match.regex("/users/101", regex=r"/users/\d+"))
        .with_body({"id": match.int(101), "name": "Bob", "age": match.int(30)},
                   content_type="application/json")
    )
    (
        pact.upon_receiving("a request for the first page of users")
        .given("user exists", id=2, name="Cy")
        .with_request("GET", "/users")
        .with_query_parameter("page", "1")
        .will_respond_with(200)
        .with_body({"page": 1, "users": match.each_like(
            {"id": match.int(2), "name": match.str("Cy")}, min=1)},
            content_type="application/json")
    )


def _exercise(base_url: str) -> None:
    """Play the consumer's side against the reference mock server."""
    def call(path: str, method: str = "GET", body: dict | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base_url + path, data=data, method=method,
                                         headers=headers or {})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()

    status, raw = call("/users/1?fields=name%2Cemail", headers={"Accept": "application/json"})
    assert status == 200 and json.loads(raw)["name"] == "Ann"
    status, raw = call("/users/1.xml")
    assert status == 200 and b"<name>Bea</name>" in raw
    status, raw = call("/users", "POST", {"name": "Bob", "age": 30},
                       {"Content-Type": "application/json"})
    assert status == 201 and json.loads(raw)["id"] == 101
    status, raw = call("/users?page=1")
    assert status == 200 and json.loads(raw)["users"][0]["name"] == "Cy"


def write_reference_pact(pact_dir: Path) -> Path:
    """Run the pact-python consumer test and return the pact file it wrote."""
    from pact import Pact

    pact = Pact(CONSUMER, PROVIDER)
    _declare(pact)
    with pact.serve(addr=LOOPBACK) as server:
        _exercise(str(server.url))
    pact.write_file(pact_dir, overwrite=True)
    path = Path(pact_dir) / f"{CONSUMER}-{PROVIDER}.json"
    assert path.is_file(), f"pact-python did not write {path}"
    return path
