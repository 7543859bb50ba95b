"""A consumer test written with polypact: it writes the pact pact-python must verify.

The same contract as :mod:`tests.interop.reference_consumer`, declared with polypact's
DSL: matchers (type, integer, decimal, boolean, regex, include, datetime, uuid, each_like
with a minimum), generators (a ``ProviderState`` path, a ``RandomInt`` request body
field), provider states with parameters, a query, request and response headers, JSON and
XML bodies.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

CONSUMER = "polypact-web"
PROVIDER = "interop-users"
#: The XML example differs from what the provider sends (id 1, "Ann"): the rules added by
#: :func:`xml_rules` must be honoured for verification to pass.
XML_USER = '<user kind="member"><id>7</id><name>Bea</name></user>'


def declare(pact: object) -> None:
    """Declare the interop interactions on a polypact ``Pact``."""
    from polypact import (
        boolean,
        datetime,
        decimal,
        each_like,
        from_provider_state,
        includes,
        integer,
        like,
        regex,
        uuid,
    )

    (pact.upon_receiving("a request for user 1 as JSON")
        .given("user exists", name="Ann")
        .with_request("GET", from_provider_state("/users/${id}", "/users/1"),
                      query={"fields": "name,email"}, headers={"Accept": "application/json"})
        .will_respond_with(200, headers={"X-Request-Id": regex(r"req-\d+", "req-1")}, body={
            "id": integer(1),
            "name": like("Ann"),
            "active": boolean(True),
            "score": decimal(7.5),
            "tags": each_like("admin", min=1),
            "email": includes("@example.com"),
            "created": datetime("2024-05-01T10:00:00", format="yyyy-MM-dd'T'HH:mm:ss"),
            "token": uuid(),
        }))
    xml_rules(pact.upon_receiving("a request for user 1 as XML")
              .given("user exists", id=1, name="Ann")
              .with_request("GET", "/users/1.xml")
              .will_respond_with(200, body=XML_USER, content_type="application/xml"))
    (pact.upon_receiving("a request to create a user")
        .given("no users")
        .with_request("POST", "/users", headers={"Content-Type": "application/json"},
                      body={"name": "Bob", "age": integer(30, generate=True)})
        .will_respond_with(201, headers={"Location": regex(r"/users/\d+", "/users/101")},
                           body={"id": integer(101), "name": "Bob", "age": integer(30)}))
    (pact.upon_receiving("a request for the first page of users")
        .given("user exists", id=2, name="Cy")
        .with_request("GET", "/users", query={"page": "1"})
        .will_respond_with(200, body={"page": 1, "users": each_like(
            {"id": integer(2), "name": like("Cy")}, min=1)}))


def xml_rules(builder: object) -> object:
    """Add XML body rules (integer ``id`` text, string ``name`` text) to the response.

    polypact's HTTP DSL takes XML bodies as documents without matchers, so the rules go
    straight into the model, keyed by the reference core's XML paths.
    """
    from polypact.model import Rule

    rules = builder.interaction.response.matching_rules
    rules.add("body", "$.user.id['#text']", Rule("integer"))
    rules.add("body", "$.user.name['#text']", Rule("type"))
    return builder


def exercise(base_url: str) -> None:
    """Play the consumer's side against polypact's mock server."""
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


def write_polypact_pact(pact_dir: Path) -> Path:
    """Run the polypact consumer test and return the pact file it wrote."""
    from polypact import Pact

    pact = Pact(CONSUMER, PROVIDER, pact_dir=pact_dir)
    declare(pact)
    with pact.serve() as mock:
        exercise(mock.url)
    path = Path(pact_dir) / f"{CONSUMER}-{PROVIDER}.json"
    assert path.is_file(), f"polypact did not write {path}"
    return path
