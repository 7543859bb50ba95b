"""Pact publications and de-duplicated pact contents ("pact versions").

The same content (SHA-256 of its canonical JSON: sorted keys, no whitespace) published by
many consumer versions is stored once; each consumer version's publication points at it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import pact_contents, pact_publications, pacticipants, versions
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import utcnow

Row = Any


def canonical(document: Any) -> str:
    """Compact JSON with sorted keys: the form stored and hashed."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_sha(document: Any) -> str:
    """The pact version id of a pact document: SHA-256 hex of its canonical JSON."""
    return hashlib.sha256(canonical(document).encode("utf-8")).hexdigest()


@dataclass
class Published:
    """What publishing one pact did."""

    consumer: str
    provider: str
    version: str
    sha: str
    content_id: int
    created: bool  #: a new publication (not a re-publication of the same version)
    changed: bool  #: the content differs from the previous publication for this version
    new_content: bool  #: this content had never been published for the pair before
    previous_sha: str | None  #: the pair's latest content before this one


def save_pact(conn: sa.Connection, consumer: str, provider: str, version: str,
              document: dict[str, Any], *, branch: str | None = None,
              tags: list[str] | tuple[str, ...] = (), build_url: str | None = None,
              main_branch_candidates: Collection[str] = ()) -> Published:
    """Publish ``document`` as the pact between ``consumer`` version ``version`` and
    ``provider`` (overwriting that version's previous content for the provider). A branch
    or tag named in ``main_branch_candidates`` becomes the consumer's main branch when it
    has none."""
    consumer_id = pp.ensure_pacticipant(conn, consumer)
    provider_id = pp.ensure_pacticipant(conn, provider)
    version_id = pp.ensure_version(conn, consumer_id, version, build_url)
    if branch:
        pp.ensure_branch_version(conn, consumer_id, branch, version_id, main_branch_candidates)
    for tag in tags:
        pp.ensure_tag(conn, version_id, tag, main_branch_candidates)
    previous = latest_publication(conn, consumer_id, provider_id)
    sha = content_sha(document)
    row = conn.execute(sa.select(pact_contents.c.id).where(
        pact_contents.c.consumer_id == consumer_id, pact_contents.c.provider_id == provider_id,
        pact_contents.c.sha == sha)).first()
    new_content = row is None
    content_id = row.id if row is not None else conn.execute(pact_contents.insert().values(
        sha=sha, consumer_id=consumer_id, provider_id=provider_id, content=canonical(document),
        created_at=utcnow())).inserted_primary_key[0]
    existing = conn.execute(sa.select(pact_publications).where(
        pact_publications.c.consumer_version_id == version_id,
        pact_publications.c.provider_id == provider_id)).first()
    if existing is None:
        conn.execute(pact_publications.insert().values(
            consumer_version_id=version_id, provider_id=provider_id, content_id=content_id,
            revision=1, created_at=utcnow()))
        changed = True
    else:
        changed = existing.content_id != content_id
        if changed:
            conn.execute(pact_publications.update()
                         .where(pact_publications.c.id == existing.id)
                         .values(content_id=content_id, revision=existing.revision + 1))
    return Published(consumer, provider, version, sha, content_id, existing is None, changed,
                     new_content, previous.sha if previous is not None else None)


CONSUMER = pacticipants.alias("consumer")
PROVIDER = pacticipants.alias("provider")


def _publication_query() -> sa.Select:
    consumer, provider = CONSUMER, PROVIDER
    return (sa.select(
        pact_publications.c.id, pact_publications.c.created_at,
        pact_publications.c.consumer_version_id, pact_publications.c.content_id,
        versions.c.number.label("consumer_version"), versions.c.pacticipant_id.label("consumer_id"),
        versions.c.created_at.label("version_created_at"),
        consumer.c.name.label("consumer"), provider.c.name.label("provider"),
        pact_publications.c.provider_id, pact_contents.c.sha,
        pact_contents.c.created_at.label("content_created_at"))
        .join(versions, versions.c.id == pact_publications.c.consumer_version_id)
        .join(consumer, consumer.c.id == versions.c.pacticipant_id)
        .join(provider, provider.c.id == pact_publications.c.provider_id)
        .join(pact_contents, pact_contents.c.id == pact_publications.c.content_id))


def latest_publication(conn: sa.Connection, consumer_id: int, provider_id: int) -> Row | None:
    """The pair's publication of the newest consumer version."""
    q = (_publication_query().where(versions.c.pacticipant_id == consumer_id,
                                    pact_publications.c.provider_id == provider_id)
         .order_by(versions.c.id.desc()).limit(1))
    return conn.execute(q).first()


def publications_for_provider(conn: sa.Connection, provider: str,
                              consumer: str | None = None) -> list[Row]:
    """Every publication naming ``provider`` (optionally of one consumer), oldest
    consumer version first."""
    q = _publication_query().where(PROVIDER.c.name == provider)
    if consumer is not None:
        q = q.where(CONSUMER.c.name == consumer)
    return list(conn.execute(q.order_by(versions.c.id)))


def publications_for_version(conn: sa.Connection, version_id: int) -> list[Row]:
    """Every pact published by one consumer version (one per provider)."""
    q = _publication_query().where(pact_publications.c.consumer_version_id == version_id)
    return list(conn.execute(q.order_by(pact_publications.c.provider_id)))


def publication(conn: sa.Connection, consumer: str, provider: str, version: str) -> Row | None:
    """The pact published by ``consumer`` version ``version`` for ``provider``."""
    q = _publication_query().where(CONSUMER.c.name == consumer, PROVIDER.c.name == provider,
                                   versions.c.number == version)
    return conn.execute(q).first()


def content_by_sha(conn: sa.Connection, consumer: str, provider: str, sha: str) -> Row | None:
    """The stored content ``sha`` of the pair (with its id), or ``None``."""
    consumer_t = pacticipants.alias("consumer")
    provider_t = pacticipants.alias("provider")
    q = (sa.select(pact_contents)
         .join(consumer_t, consumer_t.c.id == pact_contents.c.consumer_id)
         .join(provider_t, provider_t.c.id == pact_contents.c.provider_id)
         .where(consumer_t.c.name == consumer, provider_t.c.name == provider,
                pact_contents.c.sha == sha))
    return conn.execute(q).first()


def content_document(conn: sa.Connection, content_id: int) -> dict[str, Any]:
    """The pact document stored as content ``content_id``."""
    text = conn.execute(sa.select(pact_contents.c.content)
                        .where(pact_contents.c.id == content_id)).scalar_one()
    return json.loads(text)


def latest_version_for_content(conn: sa.Connection, content_id: int) -> Row | None:
    """The newest consumer version that published content ``content_id``."""
    q = (_publication_query().where(pact_publications.c.content_id == content_id)
         .order_by(versions.c.id.desc()).limit(1))
    return conn.execute(q).first()


def latest_per_pair(conn: sa.Connection, provider: str | None = None) -> list[Row]:
    """The latest publication of every consumer/provider pair (of one provider)."""
    latest = (sa.select(sa.func.max(versions.c.id).label("vid"),
                        pact_publications.c.provider_id.label("pid"))
              .join(versions, versions.c.id == pact_publications.c.consumer_version_id)
              .group_by(versions.c.pacticipant_id, pact_publications.c.provider_id).subquery())
    q = _publication_query().join(latest, sa.and_(
        latest.c.vid == pact_publications.c.consumer_version_id,
        latest.c.pid == pact_publications.c.provider_id))
    if provider is not None:
        q = q.where(PROVIDER.c.name == provider)
    return list(conn.execute(q.order_by(CONSUMER.c.name, PROVIDER.c.name)))
