"""Pacticipants, their versions, branches and tags."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import branch_versions, branches, pacticipants, tags, versions
from polypact_broker.store import utcnow

Row = Any


def get_pacticipant(conn: sa.Connection, name: str) -> Row | None:
    """The pacticipant called ``name`` (``None`` when unknown)."""
    return conn.execute(sa.select(pacticipants).where(pacticipants.c.name == name)).first()


def list_pacticipants(conn: sa.Connection) -> list[Row]:
    """Every pacticipant, by name."""
    return list(conn.execute(sa.select(pacticipants).order_by(pacticipants.c.name)))


def ensure_pacticipant(conn: sa.Connection, name: str) -> int:
    """The id of pacticipant ``name``, created when missing."""
    row = get_pacticipant(conn, name)
    if row is not None:
        return row.id
    return conn.execute(
        pacticipants.insert().values(name=name, created_at=utcnow())
    ).inserted_primary_key[0]


def update_pacticipant(conn: sa.Connection, name: str, fields: dict[str, Any]) -> Row:
    """Create or update pacticipant ``name`` with ``fields`` (``main_branch``,
    ``display_name``, ``repository_url``); returns the row."""
    pid = ensure_pacticipant(conn, name)
    if fields:
        conn.execute(pacticipants.update().where(pacticipants.c.id == pid)
                     .values(**fields, updated_at=utcnow()))
    return conn.execute(sa.select(pacticipants).where(pacticipants.c.id == pid)).one()


def delete_pacticipant(conn: sa.Connection, name: str) -> bool:
    """Delete pacticipant ``name`` when it has no versions; True when deleted."""
    row = get_pacticipant(conn, name)
    if row is None:
        return False
    used = conn.execute(sa.select(versions.c.id).where(versions.c.pacticipant_id == row.id)
                        .limit(1)).first()
    if used is not None:
        return False
    conn.execute(branches.delete().where(branches.c.pacticipant_id == row.id))
    conn.execute(pacticipants.delete().where(pacticipants.c.id == row.id))
    return True


def get_version(conn: sa.Connection, pacticipant: str, number: str) -> Row | None:
    """Version ``number`` of ``pacticipant`` joined with the pacticipant's name."""
    q = (sa.select(versions, pacticipants.c.name.label("pacticipant_name"))
         .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id)
         .where(pacticipants.c.name == pacticipant, versions.c.number == number))
    return conn.execute(q).first()


def latest_version(conn: sa.Connection, pacticipant: str, *, tag: str | None = None,
                   branch: str | None = None) -> Row | None:
    """The newest version of ``pacticipant`` (with ``tag`` / on ``branch`` when given)."""
    q = (sa.select(versions, pacticipants.c.name.label("pacticipant_name"))
         .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id)
         .where(pacticipants.c.name == pacticipant))
    if tag is not None:
        q = q.join(tags, tags.c.version_id == versions.c.id).where(tags.c.name == tag)
    if branch is not None:
        q = (q.join(branch_versions, branch_versions.c.version_id == versions.c.id)
             .join(branches, branches.c.id == branch_versions.c.branch_id)
             .where(branches.c.name == branch))
    return conn.execute(q.order_by(versions.c.id.desc()).limit(1)).first()


def list_versions(conn: sa.Connection, pacticipant_id: int, limit: int = 100) -> list[Row]:
    """The newest ``limit`` versions of a pacticipant, newest first."""
    q = (sa.select(versions).where(versions.c.pacticipant_id == pacticipant_id)
         .order_by(versions.c.id.desc()).limit(limit))
    return list(conn.execute(q))


def ensure_version(conn: sa.Connection, pacticipant_id: int, number: str,
                   build_url: str | None = None) -> int:
    """The id of version ``number`` of the pacticipant, created when missing."""
    row = conn.execute(sa.select(versions.c.id, versions.c.build_url).where(
        versions.c.pacticipant_id == pacticipant_id, versions.c.number == number)).first()
    if row is not None:
        if build_url and row.build_url != build_url:
            conn.execute(versions.update().where(versions.c.id == row.id)
                         .values(build_url=build_url))
        return row.id
    return conn.execute(versions.insert().values(
        pacticipant_id=pacticipant_id, number=number, build_url=build_url, created_at=utcnow()
    )).inserted_primary_key[0]


def maybe_set_main_branch(conn: sa.Connection, pacticipant_id: int, name: str,
                          candidates: Collection[str]) -> bool:
    """Make ``name`` the pacticipant's main branch when it has none and ``name`` is one of
    ``candidates`` (the Pact Broker's main-branch auto-detection); True when set.

    One conditional ``UPDATE``, so concurrent publishers cannot overwrite each other."""
    if name not in candidates:
        return False
    return conn.execute(pacticipants.update().where(
        pacticipants.c.id == pacticipant_id, pacticipants.c.main_branch.is_(None)
    ).values(main_branch=name, updated_at=utcnow())).rowcount > 0


def ensure_branch_version(conn: sa.Connection, pacticipant_id: int, branch: str,
                          version_id: int, main_branch_candidates: Collection[str] = ()) -> None:
    """Put a version on a branch (creating the branch when missing); the branch becomes
    the pacticipant's main branch when it has none and the name is a candidate."""
    row = conn.execute(sa.select(branches.c.id).where(
        branches.c.pacticipant_id == pacticipant_id, branches.c.name == branch)).first()
    branch_id = row.id if row is not None else conn.execute(branches.insert().values(
        pacticipant_id=pacticipant_id, name=branch, created_at=utcnow())).inserted_primary_key[0]
    exists = conn.execute(sa.select(branch_versions.c.id).where(
        branch_versions.c.branch_id == branch_id,
        branch_versions.c.version_id == version_id)).first()
    if exists is None:
        conn.execute(branch_versions.insert().values(
            branch_id=branch_id, version_id=version_id, created_at=utcnow()))
    maybe_set_main_branch(conn, pacticipant_id, branch, main_branch_candidates)


def ensure_tag(conn: sa.Connection, version_id: int, tag: str,
               main_branch_candidates: Collection[str] = ()) -> bool:
    """Tag a version; True when the tag is new. As in the Pact Broker, a tag named like a
    main-branch candidate also sets the main branch of a pacticipant that has none."""
    if main_branch_candidates and tag in main_branch_candidates:
        owner = conn.execute(sa.select(versions.c.pacticipant_id)
                             .where(versions.c.id == version_id)).scalar_one()
        maybe_set_main_branch(conn, owner, tag, main_branch_candidates)
    exists = conn.execute(sa.select(tags.c.id).where(
        tags.c.version_id == version_id, tags.c.name == tag)).first()
    if exists is not None:
        return False
    conn.execute(tags.insert().values(version_id=version_id, name=tag, created_at=utcnow()))
    return True


def delete_tag(conn: sa.Connection, version_id: int, tag: str) -> bool:
    """Remove a tag from a version; True when it was there."""
    return conn.execute(tags.delete().where(
        tags.c.version_id == version_id, tags.c.name == tag)).rowcount > 0


def version_branches(conn: sa.Connection, version_ids: list[int]) -> dict[int, list[str]]:
    """Branch names of each version id."""
    out: dict[int, list[str]] = {vid: [] for vid in version_ids}
    if not version_ids:
        return out
    q = (sa.select(branch_versions.c.version_id, branches.c.name)
         .join(branches, branches.c.id == branch_versions.c.branch_id)
         .where(branch_versions.c.version_id.in_(version_ids))
         .order_by(branch_versions.c.id))
    for vid, name in conn.execute(q):
        out[vid].append(name)
    return out


def version_tags(conn: sa.Connection, version_ids: list[int]) -> dict[int, list[str]]:
    """Tag names of each version id."""
    out: dict[int, list[str]] = {vid: [] for vid in version_ids}
    if not version_ids:
        return out
    q = (sa.select(tags.c.version_id, tags.c.name).where(tags.c.version_id.in_(version_ids))
         .order_by(tags.c.id))
    for vid, name in conn.execute(q):
        out[vid].append(name)
    return out


def branch_has_versions(conn: sa.Connection, pacticipant_id: int, branch: str) -> bool:
    """True when the pacticipant's branch exists and has a version."""
    q = (sa.select(branch_versions.c.id)
         .join(branches, branches.c.id == branch_versions.c.branch_id)
         .where(branches.c.pacticipant_id == pacticipant_id, branches.c.name == branch).limit(1))
    return conn.execute(q).first() is not None
