"""Environments, deployed versions and released versions."""

from __future__ import annotations

import json
import uuid as uuidlib
from typing import Any

import sqlalchemy as sa

from polypact_broker.db.schema import (
    deployed_versions,
    environments,
    pacticipants,
    released_versions,
    versions,
)
from polypact_broker.store import utcnow

Row = Any


def list_environments(conn: sa.Connection) -> list[Row]:
    """Every environment, by name."""
    return list(conn.execute(sa.select(environments).order_by(environments.c.name)))


def get_environment(conn: sa.Connection, *, uuid: str | None = None,
                    name: str | None = None) -> Row | None:
    """An environment by uuid or by name."""
    col, value = (environments.c.uuid, uuid) if uuid is not None else (environments.c.name, name)
    return conn.execute(sa.select(environments).where(col == value)).first()


def create_environment(conn: sa.Connection, name: str, *, display_name: str | None = None,
                       production: bool = False, contacts: Any = None,
                       uuid: str | None = None) -> Row:
    """Create an environment (its uuid is generated unless given)."""
    env_uuid = uuid or str(uuidlib.uuid4())
    conn.execute(environments.insert().values(
        uuid=env_uuid, name=name, display_name=display_name, production=bool(production),
        contacts=json.dumps(contacts) if contacts is not None else None, created_at=utcnow()))
    return get_environment(conn, uuid=env_uuid)


def update_environment(conn: sa.Connection, env_id: int, fields: dict[str, Any]) -> None:
    """Change an environment's name, display name, production flag or contacts."""
    if "contacts" in fields and fields["contacts"] is not None:
        fields = {**fields, "contacts": json.dumps(fields["contacts"])}
    conn.execute(environments.update().where(environments.c.id == env_id).values(**fields))


def delete_environment(conn: sa.Connection, env_id: int) -> None:
    """Delete an environment with its deployment and release records."""
    conn.execute(deployed_versions.delete().where(deployed_versions.c.environment_id == env_id))
    conn.execute(released_versions.delete().where(released_versions.c.environment_id == env_id))
    conn.execute(environments.delete().where(environments.c.id == env_id))


def record_deployment(conn: sa.Connection, version_id: int, env_id: int,
                      application_instance: str | None = None) -> Row:
    """Record ``version_id`` as deployed to the environment; the pacticipant's version
    previously deployed there (same application instance) is marked undeployed."""
    pacticipant_id = conn.execute(sa.select(versions.c.pacticipant_id)
                                  .where(versions.c.id == version_id)).scalar_one()
    same_pacticipant = sa.select(versions.c.id).where(versions.c.pacticipant_id == pacticipant_id)
    instance = (deployed_versions.c.application_instance.is_(None) if application_instance is None
                else deployed_versions.c.application_instance == application_instance)
    now = utcnow()
    conn.execute(deployed_versions.update().where(
        deployed_versions.c.environment_id == env_id,
        deployed_versions.c.version_id.in_(same_pacticipant),
        deployed_versions.c.undeployed_at.is_(None), instance,
    ).values(undeployed_at=now))
    dep_uuid = str(uuidlib.uuid4())
    conn.execute(deployed_versions.insert().values(
        uuid=dep_uuid, version_id=version_id, environment_id=env_id,
        application_instance=application_instance, created_at=now))
    return conn.execute(sa.select(deployed_versions)
                        .where(deployed_versions.c.uuid == dep_uuid)).one()


def record_release(conn: sa.Connection, version_id: int, env_id: int) -> Row:
    """Record ``version_id`` as released (and supported) in the environment (idempotent)."""
    row = conn.execute(sa.select(released_versions).where(
        released_versions.c.version_id == version_id,
        released_versions.c.environment_id == env_id)).first()
    if row is not None:
        if row.support_ended_at is not None:
            conn.execute(released_versions.update().where(released_versions.c.id == row.id)
                         .values(support_ended_at=None))
        return conn.execute(sa.select(released_versions)
                            .where(released_versions.c.id == row.id)).one()
    rel_uuid = str(uuidlib.uuid4())
    conn.execute(released_versions.insert().values(
        uuid=rel_uuid, version_id=version_id, environment_id=env_id, created_at=utcnow()))
    return conn.execute(sa.select(released_versions)
                        .where(released_versions.c.uuid == rel_uuid)).one()


def _current_deployments_query() -> sa.Select:
    return (sa.select(deployed_versions, versions.c.number.label("version"),
                      versions.c.pacticipant_id, pacticipants.c.name.label("pacticipant"),
                      environments.c.name.label("environment"),
                      environments.c.uuid.label("environment_uuid"))
            .join(versions, versions.c.id == deployed_versions.c.version_id)
            .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id)
            .join(environments, environments.c.id == deployed_versions.c.environment_id)
            .where(deployed_versions.c.undeployed_at.is_(None)))


def currently_deployed(conn: sa.Connection, *, env_id: int | None = None,
                       pacticipant: str | None = None) -> list[Row]:
    """Deployments not yet undeployed (optionally in one environment / of one pacticipant)."""
    q = _current_deployments_query()
    if env_id is not None:
        q = q.where(deployed_versions.c.environment_id == env_id)
    if pacticipant is not None:
        q = q.where(pacticipants.c.name == pacticipant)
    return list(conn.execute(q.order_by(deployed_versions.c.id)))


def currently_released(conn: sa.Connection, *, env_id: int | None = None,
                       pacticipant: str | None = None) -> list[Row]:
    """Releases still supported (optionally in one environment / of one pacticipant)."""
    q = (sa.select(released_versions, versions.c.number.label("version"),
                   versions.c.pacticipant_id, pacticipants.c.name.label("pacticipant"),
                   environments.c.name.label("environment"))
         .join(versions, versions.c.id == released_versions.c.version_id)
         .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id)
         .join(environments, environments.c.id == released_versions.c.environment_id)
         .where(released_versions.c.support_ended_at.is_(None)))
    if env_id is not None:
        q = q.where(released_versions.c.environment_id == env_id)
    if pacticipant is not None:
        q = q.where(pacticipants.c.name == pacticipant)
    return list(conn.execute(q.order_by(released_versions.c.id)))


def get_deployment(conn: sa.Connection, dep_uuid: str) -> Row | None:
    """One deployment record (current or not) by uuid."""
    columns = _current_deployments_query().selected_columns
    q = sa.select(*columns).select_from(
        deployed_versions.join(versions, versions.c.id == deployed_versions.c.version_id)
        .join(pacticipants, pacticipants.c.id == versions.c.pacticipant_id)
        .join(environments, environments.c.id == deployed_versions.c.environment_id)
    ).where(deployed_versions.c.uuid == dep_uuid)
    return conn.execute(q).first()


def undeploy(conn: sa.Connection, dep_uuid: str) -> bool:
    """Mark a deployment as ended; True when it was current."""
    return conn.execute(deployed_versions.update().where(
        deployed_versions.c.uuid == dep_uuid, deployed_versions.c.undeployed_at.is_(None)
    ).values(undeployed_at=utcnow())).rowcount > 0


def end_support(conn: sa.Connection, rel_uuid: str) -> bool:
    """Mark a release as no longer supported; True when it was supported."""
    return conn.execute(released_versions.update().where(
        released_versions.c.uuid == rel_uuid, released_versions.c.support_ended_at.is_(None)
    ).values(support_ended_at=utcnow())).rowcount > 0


def get_release(conn: sa.Connection, rel_uuid: str) -> Row | None:
    """One release record by uuid."""
    return conn.execute(sa.select(released_versions)
                        .where(released_versions.c.uuid == rel_uuid)).first()
