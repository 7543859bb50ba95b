"""Environments, deployments and releases."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from polypact_broker.errors import BrokerError, NotFound
from polypact_broker.store import deployments as dq
from polypact_broker.store import iso
from polypact_broker.store import pacticipants as pp
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response, bool_field, str_field
from polypact_broker.web.router import Router


def env_json(ctx: Ctx, row: Any) -> dict[str, Any]:
    """An environment resource."""
    url = ctx.urls.environment(row.uuid)
    return {"uuid": row.uuid, "name": row.name, "displayName": row.display_name or row.name,
            "production": bool(row.production), "contacts": json.loads(row.contacts) if row.contacts else [],
            "createdAt": iso(row.created_at),
            "_links": {"self": ctx.urls.link(url, "Environment", row.name),
                       "pb:currently-deployed-deployed-versions": ctx.urls.link(
                           url + "/deployed-versions/currently-deployed", "Currently deployed versions"),
                       "pb:currently-supported-released-versions": ctx.urls.link(
                           url + "/released-versions/currently-supported", "Currently supported releases")}}


def _env_fields(body: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    name = str_field(body, "name", required=creating)
    if name is not None:
        if any(c.isspace() for c in name):
            raise BrokerError("name: must not contain spaces", errors={"name": ["must not contain spaces"]})
        fields["name"] = name
    if "displayName" in body:
        fields["display_name"] = str_field(body, "displayName")
    production = bool_field(body, "production")
    if production is not None:
        fields["production"] = production
    if "contacts" in body:
        if not isinstance(body["contacts"], list):
            raise BrokerError("contacts: expected a list")
        fields["contacts"] = body["contacts"]
    return fields


def list_envs(ctx: Ctx) -> dict[str, Any]:
    """``GET /environments`` (optionally ``?name=``)."""
    name = ctx.request.arg("name")
    with ctx.db.read() as conn:
        rows = [r for r in dq.list_environments(conn) if name is None or r.name == name]
    return {"_embedded": {"environments": [env_json(ctx, r) for r in rows]},
            "_links": {"self": ctx.urls.link(ctx.urls.base + "/environments", "Environments")}}


def create_env(ctx: Ctx) -> Response:
    """``POST /environments`` with ``{name, displayName?, production?, contacts?}``."""
    fields = _env_fields(ctx.request.json_object(), creating=True)
    try:
        row = ctx.db.write(lambda conn: _create(conn, fields), attempts=1)
    except IntegrityError:
        raise BrokerError(f"name: an environment named {fields['name']!r} already exists",
                          status=409, errors={"name": ["already exists"]}) from None
    return Response(201, env_json(ctx, row))


def _create(conn: sa.Connection, fields: dict[str, Any]) -> Any:
    if dq.get_environment(conn, name=fields["name"]) is not None:
        raise BrokerError(f"name: an environment named {fields['name']!r} already exists",
                          status=409, errors={"name": ["already exists"]})
    return dq.create_environment(conn, fields["name"], display_name=fields.get("display_name"),
                                 production=fields.get("production", False),
                                 contacts=fields.get("contacts"))


def _env(conn: sa.Connection, uuid: str) -> Any:
    row = dq.get_environment(conn, uuid=uuid)
    if row is None:
        raise NotFound(f"no environment with uuid {uuid!r}")
    return row


def get_env(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``GET /environments/UUID``."""
    with ctx.db.read() as conn:
        return env_json(ctx, _env(conn, uuid))


def update_env(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``PUT``/``PATCH /environments/UUID``."""
    fields = _env_fields(ctx.request.json_object(), creating=False)

    def work(conn: sa.Connection) -> Any:
        row = _env(conn, uuid)
        dq.update_environment(conn, row.id, fields)
        return _env(conn, uuid)

    return env_json(ctx, ctx.db.write(work))


def delete_env(ctx: Ctx, uuid: str) -> Response:
    """``DELETE /environments/UUID``."""
    ctx.db.write(lambda conn: dq.delete_environment(conn, _env(conn, uuid).id))
    return Response(204)


def deployed_json(ctx: Ctx, row: Any) -> dict[str, Any]:
    """A deployed-version resource."""
    return {"uuid": row.uuid, "currentlyDeployed": row.undeployed_at is None,
            "applicationInstance": row.application_instance, "target": row.application_instance,
            "createdAt": iso(row.created_at), "undeployedAt": iso(row.undeployed_at),
            "_embedded": {"pacticipant": {"name": row.pacticipant},
                          "version": {"number": row.version},
                          "environment": {"name": row.environment, "uuid": row.environment_uuid}},
            "_links": {"self": ctx.urls.link(ctx.urls.deployed_version(row.uuid), "Deployed version"),
                       "pb:version": ctx.urls.link(ctx.urls.version(row.pacticipant, row.version))}}


def record_deployment(ctx: Ctx, pacticipant: str, version: str, uuid: str) -> Response:
    """``POST /pacticipants/P/versions/V/deployed-versions/environment/UUID`` with
    ``{applicationInstance?}`` (``target`` is the older name)."""
    body = ctx.request.json_object(required=False)
    instance = str_field(body, "applicationInstance") or str_field(body, "target")

    def work(conn: sa.Connection) -> str:
        env = _env(conn, uuid)
        vrow = pp.get_version(conn, pacticipant, version)
        if vrow is None:
            raise NotFound(f"no version {version!r} of pacticipant {pacticipant!r}")
        return dq.record_deployment(conn, vrow.id, env.id, instance).uuid

    dep_uuid = ctx.db.write(work)
    with ctx.db.read() as conn:
        row = dq.get_deployment(conn, dep_uuid)
    return Response(201, deployed_json(ctx, row))


def record_release(ctx: Ctx, pacticipant: str, version: str, uuid: str) -> Response:
    """``POST /pacticipants/P/versions/V/released-versions/environment/UUID``."""
    ctx.request.json(required=False)

    def work(conn: sa.Connection) -> Any:
        env = _env(conn, uuid)
        vrow = pp.get_version(conn, pacticipant, version)
        if vrow is None:
            raise NotFound(f"no version {version!r} of pacticipant {pacticipant!r}")
        return dq.record_release(conn, vrow.id, env.id), env

    row, env = ctx.db.write(work)
    return Response(201, {"uuid": row.uuid, "currentlySupported": row.support_ended_at is None,
                          "createdAt": iso(row.created_at),
                          "_embedded": {"pacticipant": {"name": pacticipant}, "version": {"number": version},
                                        "environment": {"name": env.name, "uuid": env.uuid}},
                          "_links": {"self": ctx.urls.link(ctx.urls.released_version(row.uuid))}})


def currently_deployed(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``GET /environments/UUID/deployed-versions/currently-deployed[?pacticipant=P]``."""
    with ctx.db.read() as conn:
        env = _env(conn, uuid)
        rows = dq.currently_deployed(conn, env_id=env.id, pacticipant=ctx.request.arg("pacticipant"))
    return {"_embedded": {"deployedVersions": [deployed_json(ctx, r) for r in rows]},
            "_links": {"self": ctx.urls.link(ctx.urls.environment(uuid) + "/deployed-versions/currently-deployed")}}


def currently_supported(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``GET /environments/UUID/released-versions/currently-supported[?pacticipant=P]``."""
    with ctx.db.read() as conn:
        env = _env(conn, uuid)
        rows = dq.currently_released(conn, env_id=env.id, pacticipant=ctx.request.arg("pacticipant"))
    return {"_embedded": {"releasedVersions": [
        {"uuid": r.uuid, "currentlySupported": True, "createdAt": iso(r.created_at),
         "_embedded": {"pacticipant": {"name": r.pacticipant}, "version": {"number": r.version}},
         "_links": {"self": ctx.urls.link(ctx.urls.released_version(r.uuid))}} for r in rows]},
        "_links": {"self": ctx.urls.link(ctx.urls.environment(uuid) + "/released-versions/currently-supported")}}


def patch_deployed(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``PATCH /deployed-versions/UUID`` with ``{"currentlyDeployed": false}``."""
    body = ctx.request.json_object()
    if body.get("currentlyDeployed") is not False:
        raise BrokerError("currentlyDeployed: only false is accepted (record an undeployment)")

    def work(conn: sa.Connection) -> None:
        if dq.get_deployment(conn, uuid) is None:
            raise NotFound(f"no deployed version {uuid!r}")
        dq.undeploy(conn, uuid)

    ctx.db.write(work)
    return get_deployed(ctx, uuid)


def get_deployed(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``GET /deployed-versions/UUID``."""
    with ctx.db.read() as conn:
        row = dq.get_deployment(conn, uuid)
    if row is None:
        raise NotFound(f"no deployed version {uuid!r}")
    return deployed_json(ctx, row)


def patch_released(ctx: Ctx, uuid: str) -> dict[str, Any]:
    """``PATCH /released-versions/UUID`` with ``{"currentlySupported": false}``."""
    body = ctx.request.json_object()
    if body.get("currentlySupported") is not False:
        raise BrokerError("currentlySupported: only false is accepted (record support ended)")

    def work(conn: sa.Connection) -> None:
        if dq.get_release(conn, uuid) is None:
            raise NotFound(f"no released version {uuid!r}")
        dq.end_support(conn, uuid)

    ctx.db.write(work)
    return {"uuid": uuid, "currentlySupported": False,
            "_links": {"self": ctx.urls.link(ctx.urls.released_version(uuid))}}


def register(router: Router) -> None:
    """Add the environment, deployment and release routes."""
    router.add("GET", "/environments", list_envs)
    router.add("POST", "/environments", create_env)
    router.add("GET", "/environments/{uuid}", get_env)
    router.add("PUT", "/environments/{uuid}", update_env)
    router.add("PATCH", "/environments/{uuid}", update_env)
    router.add("DELETE", "/environments/{uuid}", delete_env)
    router.add("GET", "/environments/{uuid}/deployed-versions/currently-deployed", currently_deployed)
    router.add("GET", "/environments/{uuid}/released-versions/currently-supported", currently_supported)
    base = "/pacticipants/{pacticipant}/versions/{version}"
    router.add("POST", base + "/deployed-versions/environment/{uuid}", record_deployment)
    router.add("POST", base + "/released-versions/environment/{uuid}", record_release)
    router.add("GET", "/deployed-versions/{uuid}", get_deployed)
    router.add("PATCH", "/deployed-versions/{uuid}", patch_deployed)
    router.add("PATCH", "/released-versions/{uuid}", patch_released)
