"""A broker with published pacts, verification results and a deployment, for the page
and browser tests (everything through the broker's HTTP API)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.broker.helpers import call, make_pact, publish, verify_result
from tests.broker.ui.pacts import dsl_pact, grpc_pact

#: A pacticipant name and a description that would run script if they were not escaped.
EVIL_NAME = '<script>alert("xss")</script>'
EVIL_DESCRIPTION = "<img src=x onerror=alert(1)> a request"


@dataclass
class Seeded:
    """What was published: the pacts by pair and the expected matrix statuses."""

    mixed: dict[str, Any]
    grpc: dict[str, Any]
    grpc_consumer: str
    grpc_provider: str


def seed(url: str, pact_dir: Path, headers: dict[str, str] | None = None) -> Seeded:
    """Publish: ``web`` 1.0.0 (main, tag prod) and 1.1.0 (feat) with a pact to ``svc``
    written by polypact's plugins, verified successfully by ``svc`` 2.0.0 (deployed to
    production); the protobuf plugin's gRPC pact, verified with a failure; a pact by a
    pacticipant with a hostile name, never verified."""
    mixed = dsl_pact(pact_dir)
    grpc = grpc_pact()
    gc, gp = grpc["consumer"]["name"], grpc["provider"]["name"]
    publish(url, "web", "1.0.0", mixed, branch="main", tags=["prod"])
    publish(url, "web", "1.1.0", mixed, branch="feat")
    publish(url, gc, "0.1.0", grpc, branch="main")
    publish(url, EVIL_NAME, "6.6.6", make_pact(EVIL_NAME, "svc", EVIL_DESCRIPTION))
    verify_result(url, f"{url}/pacts/provider/svc/consumer/web/latest", "2.0.0", True, branch="main")
    verify_result(url, f"{url}/pacts/provider/{gp}/consumer/{gc}/latest", "9.0.0", False)
    status, env = call("POST", url + "/environments", {"name": "production", "production": True})
    assert status == 201, env
    status, answer = call("POST", f"{url}/pacticipants/svc/versions/2.0.0/deployed-versions/"
                                  f"environment/{env['uuid']}", {})
    assert status == 201, answer
    status, answer = call("PATCH", url + "/pacticipants/web",
                          {"mainBranch": "main", "repositoryUrl": "javascript:alert(1)"})
    assert status == 200, answer
    return Seeded(mixed, grpc, gc, gp)
