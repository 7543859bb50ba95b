"""Publishing and reading verification results."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from polypact_broker.errors import BrokerError, NotFound
from polypact_broker.store import iso
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq
from polypact_broker.store import verifications as vq
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response, bool_field, str_field
from polypact_broker.web.router import Router


def _result_json(ctx: Ctx, consumer: str, provider: str, sha: str, row: Any) -> dict[str, Any]:
    details = json.loads(row.details or "{}")
    return {
        "providerName": provider, "providerApplicationVersion": row.provider_version,
        "success": bool(row.success), "verificationDate": iso(row.created_at),
        "buildUrl": row.build_url, "testResults": details.get("testResults"),
        "verifiedBy": details.get("verifiedBy"),
        "_links": {
            "self": ctx.urls.link(ctx.urls.verification(consumer, provider, sha, row.id),
                                  "Verification result", f"Verification result {row.id}"),
            "pb:pact-version": ctx.urls.link(ctx.urls.pact_version(consumer, provider, sha), "Pact"),
            "pb:provider-version": ctx.urls.link(ctx.urls.version(provider, row.provider_version),
                                                 "Provider version", row.provider_version),
        },
    }


def publish(ctx: Ctx, provider: str, consumer: str, sha: str) -> Response:
    """``POST .../pact-version/SHA/verification-results`` with ``{success,
    providerApplicationVersion, buildUrl?, testResults?, verifiedBy?}``."""
    body = ctx.request.json_object()
    success = bool_field(body, "success")
    if success is None:
        raise BrokerError("success: is required (true or false)", errors={"success": ["is required"]})
    version = str_field(body, "providerApplicationVersion", required=True)
    build_url = str_field(body, "buildUrl")
    branch = str_field(body, "providerVersionBranch")
    tests = body.get("testResults")
    if tests is not None and not isinstance(tests, list | dict):
        raise BrokerError("testResults: expected a list or an object")
    verified_by = body.get("verifiedBy")
    if verified_by is not None and not isinstance(verified_by, dict):
        raise BrokerError("verifiedBy: expected an object")

    def work(conn: sa.Connection) -> tuple[int, str | None]:
        content = pq.content_by_sha(conn, consumer, provider, sha)
        if content is None:
            raise NotFound(f"no pact version {sha} between {consumer!r} and {provider!r}")
        latest = pq.latest_version_for_content(conn, content.id)
        vid = vq.record_verification(conn, content.id, provider, version, success,
                                     build_url=build_url, branch=branch,
                                     main_branch_candidates=ctx.main_branch_candidates,
                                     details={"testResults": tests, "verifiedBy": verified_by})
        return vid, latest.consumer_version if latest is not None else None

    vid, consumer_version = ctx.db.write(work)
    with ctx.db.read() as conn:
        row = vq.get_verification(conn, vid)
        branches = pp.version_branches(conn, [row.provider_version_id])[row.provider_version_id]
    data = {"consumer": consumer, "provider": provider, "sha": sha, "success": success,
            "provider_version": version, "consumer_version": consumer_version,
            "provider_branch": branch or (branches[0] if branches else None),
            "pact_url": ctx.urls.pact_version(consumer, provider, sha),
            "verification_url": ctx.urls.verification(consumer, provider, sha, vid)}
    ctx.emit("provider_verification_published", **data)
    ctx.emit("provider_verification_succeeded" if success else "provider_verification_failed", **data)
    return Response(201, _result_json(ctx, consumer, provider, sha, row))


def get_result(ctx: Ctx, provider: str, consumer: str, sha: str, vid: str) -> dict[str, Any]:
    """``GET .../verification-results/ID``."""
    if not vid.isdigit():
        raise NotFound(f"no verification result {vid!r}")
    with ctx.db.read() as conn:
        row = vq.get_verification(conn, int(vid))
        content = pq.content_by_sha(conn, consumer, provider, sha)
    if row is None or content is None or row.content_id != content.id:
        raise NotFound(f"no verification result {vid} for pact version {sha}")
    return _result_json(ctx, consumer, provider, sha, row)


def list_results(ctx: Ctx, provider: str, consumer: str, sha: str) -> dict[str, Any]:
    """``GET .../verification-results``: every result for one pact version."""
    with ctx.db.read() as conn:
        content = pq.content_by_sha(conn, consumer, provider, sha)
        if content is None:
            raise NotFound(f"no pact version {sha} between {consumer!r} and {provider!r}")
        rows = vq.for_contents(conn, [content.id])
    return {"_embedded": {"verificationResults": [_result_json(ctx, consumer, provider, sha, r) for r in rows]},
            "_links": {"self": ctx.urls.link(ctx.urls.verification_results(consumer, provider, sha))}}


def register(router: Router) -> None:
    """Add the verification result routes."""
    base = "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}/verification-results"
    router.add("POST", base, publish)
    router.add("GET", base, list_results)
    router.add("GET", base + "/{vid}", get_result)
