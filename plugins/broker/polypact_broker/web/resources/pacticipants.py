"""Pacticipants, versions, branches and tags."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from polypact_broker.errors import BrokerError, NotFound
from polypact_broker.store import deployments as dq
from polypact_broker.store import iso
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response, str_field
from polypact_broker.web.router import Router
from polypact_broker.web.urls import Urls


def pacticipant_json(row: Any, urls: Urls) -> dict[str, Any]:
    """A pacticipant resource."""
    self_url = urls.pacticipant(row.name)
    return {
        "name": row.name, "displayName": row.display_name or row.name, "mainBranch": row.main_branch,
        "repositoryUrl": row.repository_url, "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "_links": {
            "self": urls.link(self_url, "Pacticipant", row.name),
            "pb:versions": urls.link(self_url + "/versions", "Versions"),
            "pb:version": urls.link(self_url + "/versions/{version}", "Version", templated=True),
            "pb:version-tag": urls.link(self_url + "/versions/{version}/tags/{tag}",
                                        "Version tag", templated=True),
            "pb:branch-version": urls.link(self_url + "/branches/{branch}/versions/{version}",
                                           "Branch version", templated=True),
            "pb:latest-version": urls.link(self_url + "/latest-version", "Latest version"),
            "pb:can-i-deploy-badge": urls.link(
                urls.base + "/can-i-deploy?pacticipant=" + row.name + "&version={version}"
                "&environment={environment}", "Can I deploy", templated=True),
        },
    }


def version_json(conn: sa.Connection, name: str, vrow: Any, urls: Urls) -> dict[str, Any]:
    """A version resource with its branches, tags, pacts and record-deployment links."""
    self_url = urls.version(name, vrow.number)
    branches = pp.version_branches(conn, [vrow.id])[vrow.id]
    tag_names = pp.version_tags(conn, [vrow.id])[vrow.id]
    envs = dq.list_environments(conn)
    pubs = pq.publications_for_version(conn, vrow.id)
    return {
        "number": vrow.number, "buildUrl": vrow.build_url, "createdAt": iso(vrow.created_at),
        "_embedded": {
            "branchVersions": [{"name": b, "_links": {"self": urls.link(
                urls.branch_version(name, b, vrow.number), "Branch version", b)}} for b in branches],
            "tags": [{"name": t, "_links": {"self": urls.link(
                urls.tag(name, vrow.number, t), "Tag", t)}} for t in tag_names],
        },
        "_links": {
            "self": urls.link(self_url, "Version", vrow.number),
            "pb:pacticipant": urls.link(urls.pacticipant(name), "Pacticipant", name),
            "pb:tag": urls.link(self_url + "/tags/{tag}", "Tag", templated=True),
            "pb:pact-versions": [urls.link(urls.pact_for_version(p.consumer, p.provider, vrow.number),
                                           "Pact", f"Pact between {p.consumer} ({vrow.number}) and {p.provider}")
                                 for p in pubs],
            "pb:record-deployment": [urls.link(f"{self_url}/deployed-versions/environment/{e.uuid}",
                                               f"Record deployment to {e.display_name or e.name}", e.name)
                                     for e in envs],
            "pb:record-release": [urls.link(f"{self_url}/released-versions/environment/{e.uuid}",
                                            f"Record release to {e.display_name or e.name}", e.name)
                                  for e in envs],
        },
    }


def _pacticipant_fields(body: dict[str, Any]) -> dict[str, Any]:
    fields = {}
    for key, column in (("mainBranch", "main_branch"), ("displayName", "display_name"),
                        ("repositoryUrl", "repository_url")):
        if key in body:
            fields[column] = str_field(body, key) if body[key] is not None else None
    return fields


def list_all(ctx: Ctx) -> dict[str, Any]:
    """``GET /pacticipants``."""
    with ctx.db.read() as conn:
        rows = pp.list_pacticipants(conn)
    items = [pacticipant_json(r, ctx.urls) for r in rows]
    return {"pacticipants": items, "_embedded": {"pacticipants": items},
            "_links": {"self": ctx.urls.link(ctx.urls.base + "/pacticipants", "Pacticipants"),
                       "pb:pacticipants": [ctx.urls.link(ctx.urls.pacticipant(r.name), "Pacticipant", r.name)
                                           for r in rows]}}


def create(ctx: Ctx) -> Response:
    """``POST /pacticipants`` with ``{name, mainBranch?, displayName?, repositoryUrl?}``."""
    body = ctx.request.json_object()
    name = str_field(body, "name", required=True)
    fields = _pacticipant_fields(body)
    row = ctx.db.write(lambda conn: pp.update_pacticipant(conn, name, fields))
    return Response(201, pacticipant_json(row, ctx.urls))


def get(ctx: Ctx, pacticipant: str) -> dict[str, Any]:
    """``GET /pacticipants/P``."""
    with ctx.db.read() as conn:
        row = pp.get_pacticipant(conn, pacticipant)
    if row is None:
        raise NotFound(f"no pacticipant named {pacticipant!r}")
    return pacticipant_json(row, ctx.urls)


def update(ctx: Ctx, pacticipant: str) -> Response:
    """``PUT``/``PATCH /pacticipants/P``: create or update its main branch, display name
    and repository URL."""
    body = ctx.request.json_object()
    if "name" in body and body["name"] != pacticipant:
        raise BrokerError("name: does not match the pacticipant in the URL",
                          errors={"name": ["does not match the URL"]})
    fields = _pacticipant_fields(body)

    def work(conn: sa.Connection) -> tuple[Any, bool]:
        existed = pp.get_pacticipant(conn, pacticipant) is not None
        return pp.update_pacticipant(conn, pacticipant, fields), existed

    row, existed = ctx.db.write(work)
    return Response(200 if existed else 201, pacticipant_json(row, ctx.urls))


def delete(ctx: Ctx, pacticipant: str) -> Response:
    """``DELETE /pacticipants/P`` (only a pacticipant without versions)."""
    with ctx.db.read() as conn:
        if pp.get_pacticipant(conn, pacticipant) is None:
            raise NotFound(f"no pacticipant named {pacticipant!r}")
    if not ctx.db.write(lambda conn: pp.delete_pacticipant(conn, pacticipant)):
        raise BrokerError(f"pacticipant {pacticipant!r} has versions; it cannot be deleted",
                          status=409)
    return Response(204)


def versions(ctx: Ctx, pacticipant: str) -> dict[str, Any]:
    """``GET /pacticipants/P/versions`` (newest first)."""
    with ctx.db.read() as conn:
        row = pp.get_pacticipant(conn, pacticipant)
        if row is None:
            raise NotFound(f"no pacticipant named {pacticipant!r}")
        items = [version_json(conn, pacticipant, v, ctx.urls) for v in pp.list_versions(conn, row.id)]
    return {"_embedded": {"versions": items},
            "_links": {"self": ctx.urls.link(ctx.urls.pacticipant(pacticipant) + "/versions")}}


def get_version(ctx: Ctx, pacticipant: str, version: str) -> dict[str, Any]:
    """``GET /pacticipants/P/versions/V``."""
    with ctx.db.read() as conn:
        vrow = pp.get_version(conn, pacticipant, version)
        if vrow is None:
            raise NotFound(f"no version {version!r} of pacticipant {pacticipant!r}")
        return version_json(conn, pacticipant, vrow, ctx.urls)


def latest_version(ctx: Ctx, pacticipant: str, tag: str | None = None) -> dict[str, Any]:
    """``GET /pacticipants/P/latest-version[/TAG]``."""
    with ctx.db.read() as conn:
        vrow = pp.latest_version(conn, pacticipant, tag=tag)
        if vrow is None:
            raise NotFound(f"no version of pacticipant {pacticipant!r}"
                           + (f" with tag {tag!r}" if tag else ""))
        return version_json(conn, pacticipant, vrow, ctx.urls)


def put_version(ctx: Ctx, pacticipant: str, version: str) -> Response:
    """``PUT /pacticipants/P/versions/V`` with optional ``{branch, buildUrl, tags}``."""
    body = ctx.request.json_object(required=False)
    branch = str_field(body, "branch")
    build_url = str_field(body, "buildUrl")
    tags = body.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise BrokerError("tags: expected a list of non-empty strings",
                          errors={"tags": ["must be a list of strings"]})

    def work(conn: sa.Connection) -> bool:
        pid = pp.ensure_pacticipant(conn, pacticipant)
        existed = pp.get_version(conn, pacticipant, version) is not None
        vid = pp.ensure_version(conn, pid, version, build_url)
        if branch:
            pp.ensure_branch_version(conn, pid, branch, vid, ctx.main_branch_candidates)
        for tag in tags:
            pp.ensure_tag(conn, vid, tag, ctx.main_branch_candidates)
        return existed

    existed = ctx.db.write(work)
    response = get_version(ctx, pacticipant, version)
    return Response(200 if existed else 201, response)


def put_branch_version(ctx: Ctx, pacticipant: str, branch: str, version: str) -> Response:
    """``PUT /pacticipants/P/branches/B/versions/V``: put a version on a branch."""
    ctx.request.json(required=False)  # validates an optional body

    def work(conn: sa.Connection) -> None:
        pid = pp.ensure_pacticipant(conn, pacticipant)
        vid = pp.ensure_version(conn, pid, version)
        pp.ensure_branch_version(conn, pid, branch, vid, ctx.main_branch_candidates)

    ctx.db.write(work)
    return Response(200, _branch_version_json(ctx, pacticipant, branch, version))


def _branch_version_json(ctx: Ctx, pacticipant: str, branch: str, version: str) -> dict[str, Any]:
    return {"name": branch, "version": version, "_links": {
        "self": ctx.urls.link(ctx.urls.branch_version(pacticipant, branch, version), "Branch version"),
        "pb:version": ctx.urls.link(ctx.urls.version(pacticipant, version), "Version", version)}}


def get_branch_version(ctx: Ctx, pacticipant: str, branch: str, version: str) -> dict[str, Any]:
    """``GET /pacticipants/P/branches/B/versions/V``."""
    with ctx.db.read() as conn:
        vrow = pp.get_version(conn, pacticipant, version)
        if vrow is None or branch not in pp.version_branches(conn, [vrow.id])[vrow.id]:
            raise NotFound(f"version {version!r} of {pacticipant!r} is not on branch {branch!r}")
    return _branch_version_json(ctx, pacticipant, branch, version)


def put_tag(ctx: Ctx, pacticipant: str, version: str, tag: str) -> Response:
    """``PUT /pacticipants/P/versions/V/tags/T`` (creates the version when missing)."""
    ctx.request.json(required=False)

    def work(conn: sa.Connection) -> bool:
        pid = pp.ensure_pacticipant(conn, pacticipant)
        return pp.ensure_tag(conn, pp.ensure_version(conn, pid, version), tag,
                             ctx.main_branch_candidates)

    created = ctx.db.write(work)
    return Response(201 if created else 200, _tag_json(ctx, pacticipant, version, tag))


def _tag_json(ctx: Ctx, pacticipant: str, version: str, tag: str) -> dict[str, Any]:
    return {"name": tag, "_links": {
        "self": ctx.urls.link(ctx.urls.tag(pacticipant, version, tag), "Tag", tag),
        "pb:version": ctx.urls.link(ctx.urls.version(pacticipant, version), "Version", version)}}


def get_tag(ctx: Ctx, pacticipant: str, version: str, tag: str) -> dict[str, Any]:
    """``GET /pacticipants/P/versions/V/tags/T``."""
    with ctx.db.read() as conn:
        vrow = pp.get_version(conn, pacticipant, version)
        if vrow is None or tag not in pp.version_tags(conn, [vrow.id])[vrow.id]:
            raise NotFound(f"version {version!r} of {pacticipant!r} has no tag {tag!r}")
    return _tag_json(ctx, pacticipant, version, tag)


def delete_tag(ctx: Ctx, pacticipant: str, version: str, tag: str) -> Response:
    """``DELETE /pacticipants/P/versions/V/tags/T``."""
    def work(conn: sa.Connection) -> bool:
        vrow = pp.get_version(conn, pacticipant, version)
        return vrow is not None and pp.delete_tag(conn, vrow.id, tag)

    if not ctx.db.write(work):
        raise NotFound(f"version {version!r} of {pacticipant!r} has no tag {tag!r}")
    return Response(204)


def register(router: Router) -> None:
    """Add the pacticipant, version, branch and tag routes."""
    router.add("GET", "/pacticipants", list_all)
    router.add("POST", "/pacticipants", create)
    router.add("GET", "/pacticipants/{pacticipant}", get)
    router.add("PUT", "/pacticipants/{pacticipant}", update)
    router.add("PATCH", "/pacticipants/{pacticipant}", update)
    router.add("DELETE", "/pacticipants/{pacticipant}", delete)
    router.add("GET", "/pacticipants/{pacticipant}/versions", versions)
    router.add("GET", "/pacticipants/{pacticipant}/latest-version", latest_version)
    router.add("GET", "/pacticipants/{pacticipant}/latest-version/{tag}", latest_version)
    router.add("GET", "/pacticipants/{pacticipant}/versions/{version}", get_version)
    router.add("PUT", "/pacticipants/{pacticipant}/versions/{version}", put_version)
    router.add("GET", "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}", get_branch_version)
    router.add("PUT", "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}", put_branch_version)
    router.add("GET", "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", get_tag)
    router.add("PUT", "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", put_tag)
    router.add("DELETE", "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", delete_tag)
