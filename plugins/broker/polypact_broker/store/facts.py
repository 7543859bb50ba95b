"""Bulk look-ups for one provider's publications (branches, tags, environments of the
consumer versions that published pacts for it) and for pending status."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import (
    branch_versions,
    branches,
    deployed_versions,
    environments,
    pact_publications,
    pacticipants,
    released_versions,
    tags,
    verifications,
    versions,
)


def _published_versions(provider_id: int) -> sa.Select:
    return sa.select(pact_publications.c.consumer_version_id).where(
        pact_publications.c.provider_id == provider_id)


def branches_of_published(conn: sa.Connection, provider_id: int) -> dict[int, list[str]]:
    """Version id -> branch names, for consumer versions with a pact for the provider."""
    q = (sa.select(branch_versions.c.version_id, branches.c.name)
         .join(branches, branches.c.id == branch_versions.c.branch_id)
         .where(branch_versions.c.version_id.in_(_published_versions(provider_id))))
    out: dict[int, list[str]] = defaultdict(list)
    for vid, name in conn.execute(q):
        out[vid].append(name)
    return out


def tags_of_published(conn: sa.Connection, provider_id: int) -> dict[int, list[str]]:
    """Version id -> tag names, for consumer versions with a pact for the provider."""
    q = sa.select(tags.c.version_id, tags.c.name).where(
        tags.c.version_id.in_(_published_versions(provider_id)))
    out: dict[int, list[str]] = defaultdict(list)
    for vid, name in conn.execute(q):
        out[vid].append(name)
    return out


def environments_of_published(conn: sa.Connection, provider_id: int
                              ) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(deployed, released): version id -> environment names where it is currently
    deployed / released, for consumer versions with a pact for the provider."""
    deployed: dict[int, list[str]] = defaultdict(list)
    released: dict[int, list[str]] = defaultdict(list)
    q = (sa.select(deployed_versions.c.version_id, environments.c.name)
         .join(environments, environments.c.id == deployed_versions.c.environment_id)
         .where(deployed_versions.c.undeployed_at.is_(None),
                deployed_versions.c.version_id.in_(_published_versions(provider_id))))
    for vid, name in conn.execute(q):
        deployed[vid].append(name)
    q = (sa.select(released_versions.c.version_id, environments.c.name)
         .join(environments, environments.c.id == released_versions.c.environment_id)
         .where(released_versions.c.support_ended_at.is_(None),
                released_versions.c.version_id.in_(_published_versions(provider_id))))
    for vid, name in conn.execute(q):
        released[vid].append(name)
    return deployed, released


def main_branches(conn: sa.Connection, names: set[str]) -> dict[str, str | None]:
    """Pacticipant name -> main branch."""
    if not names:
        return {}
    q = sa.select(pacticipants.c.name, pacticipants.c.main_branch).where(
        pacticipants.c.name.in_(sorted(names)))
    return dict(conn.execute(q).all())


def successful_verifiers(conn: sa.Connection, content_ids: list[int]
                         ) -> dict[int, dict[str, set[str]]]:
    """Content id -> {"branches": ..., "tags": ..., "versions": ...} of the provider
    versions that verified it successfully."""
    out: dict[int, dict[str, set[str]]] = {
        cid: {"branches": set(), "tags": set(), "versions": set()} for cid in content_ids}
    if not content_ids:
        return out
    ids = sorted(set(content_ids))
    base = (sa.select(verifications.c.content_id, verifications.c.provider_version_id)
            .where(verifications.c.content_id.in_(ids), verifications.c.success.is_(True))
            .subquery())
    for cid, vid in conn.execute(sa.select(base)):
        out[cid]["versions"].add(str(vid))
    q = (sa.select(base.c.content_id, branches.c.name)
         .join(branch_versions, branch_versions.c.version_id == base.c.provider_version_id)
         .join(branches, branches.c.id == branch_versions.c.branch_id))
    for cid, name in conn.execute(q):
        out[cid]["branches"].add(name)
    q = (sa.select(base.c.content_id, tags.c.name)
         .join(tags, tags.c.version_id == base.c.provider_version_id))
    for cid, name in conn.execute(q):
        out[cid]["tags"].add(name)
    return out


def provider_branch_exists(conn: sa.Connection, provider_id: int, branch: str) -> bool:
    """True when a version of the provider is on ``branch``."""
    q = (sa.select(branch_versions.c.id)
         .join(branches, branches.c.id == branch_versions.c.branch_id)
         .join(versions, versions.c.id == branch_versions.c.version_id)
         .where(branches.c.pacticipant_id == provider_id, branches.c.name == branch).limit(1))
    return conn.execute(q).first() is not None


def tagged_latest(rows: list[Any], by_version: dict[int, list[str]]) -> dict[tuple[str, str], Any]:
    """(consumer, label) -> the newest row whose version carries ``label``."""
    out: dict[tuple[str, str], Any] = {}
    for row in rows:
        for label in by_version.get(row.consumer_version_id, ()):
            out[(row.consumer, label)] = row
    return out
