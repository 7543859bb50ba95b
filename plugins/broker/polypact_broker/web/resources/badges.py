"""Status badges: ``GET /pacts/provider/P/consumer/C/latest[/TAG]/badge`` and
``GET /matrix/provider/P/latest/PB/consumer/C/latest/CB/badge``.

Each answers an SVG (``image/svg+xml``) saying ``verified``, ``failed`` or ``unknown``
(no such pact, or not verified yet). ``?label=consumer`` / ``?label=provider`` puts that
pacticipant's name before "pact" on the left. Badges need read access like any read,
unless the server allows public badge access (``POLYPACT_BROKER_ALLOW_PUBLIC_BADGE_ACCESS``,
see :mod:`polypact_broker.web.auth`).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import branch_versions, branches
from polypact_broker.errors import BrokerError
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq
from polypact_broker.store import verifications as vq
from polypact_broker.web.badge_svg import badge
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response
from polypact_broker.web.router import Router

SVG = "image/svg+xml"


def _label(ctx: Ctx, consumer: str, provider: str) -> str:
    which = ctx.request.arg("label")
    if which in (None, ""):
        return "pact"
    if which not in ("consumer", "provider"):
        raise BrokerError(f"label: expected consumer or provider, got {which!r}")
    return f"{consumer if which == 'consumer' else provider} pact"


def _svg(ctx: Ctx, consumer: str, provider: str, status: str) -> Response:
    return Response(200, badge(_label(ctx, consumer, provider), status),
                    {"Cache-Control": "no-cache"}, content_type=SVG)


def _status(ver: Any) -> str:
    if ver is None:
        return "unknown"
    return "verified" if ver.success else "failed"


def _on_branch(conn: sa.Connection, version_ids: list[int], branch: str) -> set[int]:
    q = (sa.select(branch_versions.c.version_id)
         .join(branches, branches.c.id == branch_versions.c.branch_id)
         .where(branches.c.name == branch, branch_versions.c.version_id.in_(version_ids)))
    return {row.version_id for row in conn.execute(q)}


def _latest_pub(conn: sa.Connection, provider: str, consumer: str, *, tag: str | None = None,
                branch: str | None = None) -> Any:
    """The newest publication of the pair (consumer version tagged ``tag`` / on
    ``branch``, falling back to a tag of that name when no version is on the branch)."""
    pubs = pq.publications_for_provider(conn, provider, consumer)
    if not pubs or (tag is None and branch is None):
        return pubs[-1] if pubs else None
    ids = [p.consumer_version_id for p in pubs]
    chosen: set[int] = set()
    if branch is not None:
        chosen = _on_branch(conn, ids, branch)
    if not chosen:
        name = tag if tag is not None else branch
        tags = pp.version_tags(conn, ids)
        chosen = {vid for vid, names in tags.items() if name in names}
    matching = [p for p in pubs if p.consumer_version_id in chosen]
    return matching[-1] if matching else None


def pact_badge(ctx: Ctx, provider: str, consumer: str, tag: str | None = None) -> Response:
    """The latest verification status of the pair's latest (tagged) pact, by any provider
    version."""
    with ctx.db.read() as conn:
        pub = _latest_pub(conn, provider, consumer, tag=tag)
        ver = None if pub is None else vq.latest_for_content(conn, pub.content_id)
    return _svg(ctx, consumer, provider, _status(ver))


def matrix_badge(ctx: Ctx, provider: str, provider_branch: str, consumer: str,
                 consumer_branch: str) -> Response:
    """Whether the latest provider version on ``provider_branch`` verified the latest
    pact of ``consumer`` on ``consumer_branch`` (each also matches a tag of that name)."""
    with ctx.db.read() as conn:
        pub = _latest_pub(conn, provider, consumer, branch=consumer_branch)
        pv = pp.latest_version(conn, provider, branch=provider_branch) or \
            pp.latest_version(conn, provider, tag=provider_branch)
        ver = None if pub is None or pv is None else vq.latest_by(conn, pub.content_id, pv.id)
    return _svg(ctx, consumer, provider, _status(ver))


def register(router: Router) -> None:
    """Add the badge routes (before routes whose ``{tag}`` could swallow ``badge``)."""
    router.add("GET", "/pacts/provider/{provider}/consumer/{consumer}/latest/badge", pact_badge)
    router.add("GET", "/pacts/provider/{provider}/consumer/{consumer}/latest/{tag}/badge",
               pact_badge)
    router.add("GET", "/matrix/provider/{provider}/latest/{provider_branch}/consumer/{consumer}"
               "/latest/{consumer_branch}/badge", matrix_badge)
