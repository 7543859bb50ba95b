"""Verification results: a provider version's verdict on one pact content."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import pacticipants, verifications, versions
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import utcnow

Row = Any


def record_verification(conn: sa.Connection, content_id: int, provider: str,
                        provider_version: str, success: bool, *, build_url: str | None = None,
                        details: dict[str, Any] | None = None, branch: str | None = None,
                        tags: list[str] | tuple[str, ...] = (),
                        main_branch_candidates: Collection[str] = ()) -> int:
    """Store a verification of content ``content_id`` by ``provider`` version
    ``provider_version`` (created when missing); returns the verification id. A branch or
    tag named in ``main_branch_candidates`` becomes the provider's main branch when it
    has none."""
    provider_id = pp.ensure_pacticipant(conn, provider)
    version_id = pp.ensure_version(conn, provider_id, provider_version)
    if branch:
        pp.ensure_branch_version(conn, provider_id, branch, version_id, main_branch_candidates)
    for tag in tags:
        pp.ensure_tag(conn, version_id, tag, main_branch_candidates)
    return conn.execute(verifications.insert().values(
        content_id=content_id, provider_version_id=version_id, success=bool(success),
        build_url=build_url, details=json.dumps(details or {}, sort_keys=True),
        created_at=utcnow())).inserted_primary_key[0]


def _query() -> sa.Select:
    return (sa.select(verifications, versions.c.number.label("provider_version"),
                      versions.c.pacticipant_id.label("provider_id"),
                      pacticipants.c.name.label("provider"))
            .join(versions, versions.c.id == verifications.c.provider_version_id)
            .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id))


def get_verification(conn: sa.Connection, verification_id: int) -> Row | None:
    """One verification with its provider version number and provider name."""
    return conn.execute(_query().where(verifications.c.id == verification_id)).first()


def for_contents(conn: sa.Connection, content_ids: list[int]) -> list[Row]:
    """Every verification of the given contents, oldest first."""
    if not content_ids:
        return []
    q = _query().where(verifications.c.content_id.in_(sorted(set(content_ids))))
    return list(conn.execute(q.order_by(verifications.c.id)))


def latest_for_content(conn: sa.Connection, content_id: int) -> Row | None:
    """The newest verification of one content."""
    q = _query().where(verifications.c.content_id == content_id)
    return conn.execute(q.order_by(verifications.c.id.desc()).limit(1)).first()


def latest_by(conn: sa.Connection, content_id: int, provider_version_id: int) -> Row | None:
    """The newest verification of a content by one provider version."""
    q = _query().where(verifications.c.content_id == content_id,
                       verifications.c.provider_version_id == provider_version_id)
    return conn.execute(q.order_by(verifications.c.id.desc()).limit(1)).first()


def for_provider_version(conn: sa.Connection, provider_version_id: int) -> list[Row]:
    """Every verification made by one provider version, oldest first."""
    q = _query().where(verifications.c.provider_version_id == provider_version_id)
    return list(conn.execute(q.order_by(verifications.c.id)))
