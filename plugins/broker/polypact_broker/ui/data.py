"""What the web UI reads from the broker's store: integrations with their latest
verification, a pacticipant's versions and deployments, pacts and matrix rows.

Only reads, through the store's own query functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import branches
from polypact_broker.store import deployments as dq
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq
from polypact_broker.store import verifications as vq

#: At most this many matrix rows are shown.
MATRIX_LIMIT = 500


@dataclass
class Integration:
    """A consumer → provider pair, its latest pact and that pact's latest verification."""

    consumer: str
    provider: str
    consumer_version: str
    published_at: datetime | None
    sha: str
    success: bool | None = None  #: ``None``: not verified
    provider_version: str | None = None
    verified_at: datetime | None = None


def integrations(conn: sa.Connection) -> list[Integration]:
    """Every integration (by consumer, provider) with its latest verification status."""
    out = []
    for pub in pq.latest_per_pair(conn):
        item = Integration(pub.consumer, pub.provider, pub.consumer_version, pub.created_at, pub.sha)
        ver = vq.latest_for_content(conn, pub.content_id)
        if ver is not None:
            item.success, item.provider_version, item.verified_at = \
                bool(ver.success), ver.provider_version, ver.created_at
        out.append(item)
    return out


@dataclass
class PacticipantView:
    """A pacticipant with its newest versions (with branches and tags), branches and
    current deployments and releases."""

    row: Any
    versions: list[tuple[Any, list[str], list[str]]] = field(default_factory=list)
    branches: list[str] = field(default_factory=list)
    deployed: list[Any] = field(default_factory=list)
    released: list[Any] = field(default_factory=list)


def pacticipant(conn: sa.Connection, name: str, limit: int = 50) -> PacticipantView | None:
    """The pacticipant ``name`` (``None`` when unknown)."""
    row = pp.get_pacticipant(conn, name)
    if row is None:
        return None
    rows = pp.list_versions(conn, row.id, limit=limit)
    ids = [v.id for v in rows]
    on_branches, tagged = pp.version_branches(conn, ids), pp.version_tags(conn, ids)
    names = conn.execute(sa.select(branches.c.name).where(branches.c.pacticipant_id == row.id)
                         .order_by(branches.c.name)).scalars().all()
    return PacticipantView(row, [(v, on_branches[v.id], tagged[v.id]) for v in rows], list(names),
                           dq.currently_deployed(conn, pacticipant=name),
                           dq.currently_released(conn, pacticipant=name))


@dataclass
class PactView:
    """One published pact: who, which consumer version, its document and verification."""

    consumer: str
    provider: str
    consumer_version: str
    sha: str
    published_at: datetime | None
    document: dict[str, Any]
    branches: list[str]
    tags: list[str]
    verification: Any = None


def pact(conn: sa.Connection, consumer: str, provider: str,
         version: str | None = None) -> PactView | None:
    """The latest pact of the pair (or the one ``version`` of the consumer published)."""
    if version is None:
        c, p = pp.get_pacticipant(conn, consumer), pp.get_pacticipant(conn, provider)
        pub = pq.latest_publication(conn, c.id, p.id) if c is not None and p is not None else None
    else:
        pub = pq.publication(conn, consumer, provider, version)
    if pub is None:
        return None
    vid = pub.consumer_version_id
    return PactView(pub.consumer, pub.provider, pub.consumer_version, pub.sha, pub.created_at,
                    pq.content_document(conn, pub.content_id),
                    pp.version_branches(conn, [vid])[vid], pp.version_tags(conn, [vid])[vid],
                    vq.latest_for_content(conn, pub.content_id))


@dataclass
class MatrixRow:
    """A consumer version × provider version cell of the matrix."""

    consumer: str
    consumer_version: str
    provider: str
    provider_version: str | None
    success: bool | None
    published_at: datetime | None
    verified_at: datetime | None


def matrix(conn: sa.Connection, names: set[str] | None = None,
           limit: int = MATRIX_LIMIT) -> tuple[list[MatrixRow], bool]:
    """Matrix rows (newest consumer version first), keeping pairs that involve one of
    ``names`` when given; (rows, cut) where ``cut`` says rows were left out."""
    pubs: list[Any] = []
    for pair in pq.latest_per_pair(conn):
        if names and pair.consumer not in names and pair.provider not in names:
            continue
        pubs.extend(pq.publications_for_provider(conn, pair.provider, pair.consumer))
    pubs.sort(key=lambda p: (p.consumer_version_id, p.id), reverse=True)
    cut = len(pubs) > limit  # each publication makes at least one row
    pubs = pubs[:limit]
    by_content: dict[int, list[Any]] = {}
    for ver in vq.for_contents(conn, [p.content_id for p in pubs]):
        by_content.setdefault(ver.content_id, []).append(ver)
    rows: list[MatrixRow] = []
    for pub in pubs:
        results = list(reversed(by_content.get(pub.content_id, [])))
        if not results:
            rows.append(MatrixRow(pub.consumer, pub.consumer_version, pub.provider, None, None,
                                  pub.created_at, None))
        seen: set[str] = set()
        for ver in results:  # newest result per provider version
            if ver.provider_version in seen:
                continue
            seen.add(ver.provider_version)
            rows.append(MatrixRow(pub.consumer, pub.consumer_version, pub.provider,
                                  ver.provider_version, bool(ver.success), pub.created_at,
                                  ver.created_at))
    return rows[:limit], cut or len(rows) > limit
