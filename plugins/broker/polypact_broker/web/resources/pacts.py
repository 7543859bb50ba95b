"""Publishing and fetching pacts: ``POST /contracts/publish``, ``PUT /pacts/...``,
latest pacts and pact versions."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import sqlalchemy as sa

from polypact_broker.errors import BrokerError, NotFound
from polypact_broker.store import iso
from polypact_broker.store import pacts as pq
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response, str_field
from polypact_broker.web.router import Router
from polypact_broker.web.urls import q


def validate_pact(document: Any, consumer: str, provider: str, where: str) -> dict[str, Any]:
    """Check that ``document`` is a readable pact between ``consumer`` and ``provider``."""
    if not isinstance(document, dict):
        raise BrokerError(f"{where}: a pact must be a JSON object")
    for role, expected in (("consumer", consumer), ("provider", provider)):
        part = document.get(role)
        if not isinstance(part, dict) or not isinstance(part.get("name"), str):
            raise BrokerError(f"{where}: {role}.name is required (a string)",
                              errors={f"{role}.name": ["is required"]})
        if part["name"] != expected:
            raise BrokerError(f"{where}: {role}.name is {part['name']!r} but the request names "
                              f"{expected!r}", errors={f"{role}.name": ["does not match"]})
    from polypact.errors import PolypactError
    from polypact.pactfile import parse_pact

    try:
        parse_pact(document, where, strict=False)
    except PolypactError as exc:
        raise BrokerError(f"not a valid pact: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - any reader failure is the document's fault
        raise BrokerError(f"{where}: not a valid pact ({type(exc).__name__}: {exc})") from None
    return document


def merge_documents(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` with the interactions of ``old`` it does not redefine (``onConflict: merge``)."""
    def ident(i: Any) -> str:
        if not isinstance(i, dict):
            return json.dumps(i, sort_keys=True)
        return json.dumps([i.get("description"), i.get("providerState"), i.get("providerStates")],
                          sort_keys=True)

    merged = dict(new)
    for key in ("interactions", "messages"):
        if isinstance(old.get(key), list) or isinstance(new.get(key), list):
            seen = {ident(i) for i in new.get(key) or []}
            merged[key] = [*[i for i in old.get(key) or [] if ident(i) not in seen], *(new.get(key) or [])]
    return merged


def _emit_published(ctx: Ctx, outcome: pq.Published, branch: str | None) -> None:
    data = {"consumer": outcome.consumer, "provider": outcome.provider,
            "consumer_version": outcome.version, "sha": outcome.sha, "consumer_branch": branch,
            "pact_url": ctx.urls.pact_version(outcome.consumer, outcome.provider, outcome.sha)}
    ctx.emit("contract_published", **data)
    if outcome.previous_sha != outcome.sha and outcome.changed:
        ctx.emit("contract_content_changed", **data)
    if outcome.new_content:
        ctx.emit("contract_requiring_verification_published", **data)


def publish_contracts(ctx: Ctx) -> Response:
    """``POST /contracts/publish``: publish a consumer version's pacts with its branch,
    tags and build URL in one transaction."""
    body = ctx.request.json_object()
    name = str_field(body, "pacticipantName", required=True)
    number = str_field(body, "pacticipantVersionNumber", required=True)
    branch = str_field(body, "branch")
    build_url = str_field(body, "buildUrl")
    tags = body.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise BrokerError("tags: expected a list of non-empty strings", errors={"tags": ["must be strings"]})
    contracts = body.get("contracts")
    if not isinstance(contracts, list) or not contracts:
        raise BrokerError("contracts: expected a non-empty list", errors={"contracts": ["is required"]})
    docs = []
    for i, c in enumerate(contracts):
        where = f"contracts[{i}]"
        if not isinstance(c, dict):
            raise BrokerError(f"{where}: expected an object")
        consumer = str_field(c, "consumerName", required=True, where=where)
        provider = str_field(c, "providerName", required=True, where=where)
        if consumer != name:
            raise BrokerError(f"{where}.consumerName: {consumer!r} does not match pacticipantName {name!r}",
                              errors={f"{where}.consumerName": ["does not match pacticipantName"]})
        spec = c.get("specification", "pact")
        if spec != "pact":
            raise BrokerError(f"{where}.specification: only 'pact' is supported, got {spec!r}")
        content_type = c.get("contentType", "application/json")
        if not isinstance(content_type, str) or "json" not in content_type:
            raise BrokerError(f"{where}.contentType: expected application/json")
        conflict = c.get("onConflict", "overwrite")
        if conflict not in ("overwrite", "merge"):
            raise BrokerError(f"{where}.onConflict: expected 'overwrite' or 'merge', got {conflict!r}")
        content = c.get("content")
        if not isinstance(content, str):
            raise BrokerError(f"{where}.content: expected the base64-encoded pact")
        try:
            document = json.loads(base64.b64decode(content, validate=True).decode("utf-8"))
        except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise BrokerError(f"{where}.content: not base64-encoded pact JSON ({exc})") from None
        docs.append((provider, validate_pact(document, consumer, provider, f"{where}.content"), conflict))

    def work(conn: sa.Connection) -> list[pq.Published]:
        out = []
        for provider, document, conflict in docs:
            if conflict == "merge":
                existing = pq.publication(conn, name, provider, number)
                if existing is not None:
                    document = merge_documents(pq.content_document(conn, existing.content_id), document)
            out.append(pq.save_pact(conn, name, provider, number, document, branch=branch,
                                    tags=tags, build_url=build_url,
                                    main_branch_candidates=ctx.main_branch_candidates))
        return out

    outcomes = ctx.db.write(work)
    for outcome in outcomes:
        _emit_published(ctx, outcome, branch)
    urls = ctx.urls
    version_url = urls.version(name, number)
    notices = [{"type": "success", "text": f"Created {name} version {number}"
                + (f" with branch {branch}" if branch else "")
                + (f" and tags {', '.join(tags)}" if tags else "")}]
    for o in outcomes:
        state = "published" if o.created else ("republished with changes" if o.changed else "republished (unchanged)")
        notices.append({"type": "success", "text": f"Pact {state} for {o.consumer} version {o.version} "
                        f"and provider {o.provider}."})
    return Response(200, {
        "notices": notices,
        "logs": [{"level": "info", "message": n["text"], "deprecationWarning": ""} for n in notices],
        "_embedded": {
            "pacticipant": {"name": name, "_links": {"self": {"href": urls.pacticipant(name)}}},
            "version": {"number": number, "_links": {"self": urls.link(version_url, "Version", number)}},
        },
        "_links": {
            "pb:pacticipant": urls.link(urls.pacticipant(name), "Pacticipant", name),
            "pb:pacticipant-version": urls.link(version_url, "Pacticipant version", number),
            "pb:pacticipant-version-tags": [urls.link(urls.tag(name, number, t), "Tag", t) for t in tags],
            "pb:contracts": [urls.link(urls.pact_for_version(o.consumer, o.provider, o.version), "Pact",
                                       f"Pact between {o.consumer} ({o.version}) and {o.provider}")
                             for o in outcomes],
        },
    })


def put_pact(ctx: Ctx, provider: str, consumer: str, version: str) -> Response:
    """``PUT /pacts/provider/P/consumer/C/version/V``: the older publish endpoint."""
    document = validate_pact(ctx.request.json(), consumer, provider, "request body")
    outcome = ctx.db.write(lambda conn: pq.save_pact(conn, consumer, provider, version, document))
    _emit_published(ctx, outcome, None)
    status = 201 if outcome.created else 200
    return Response(status, pact_resource(ctx, consumer, provider, outcome.sha, version))


def pact_resource(ctx: Ctx, consumer: str, provider: str, sha: str,
                  version: str | None = None) -> dict[str, Any]:
    """The pact document with its HAL links (what verifiers fetch)."""
    with ctx.db.read() as conn:
        content = pq.content_by_sha(conn, consumer, provider, sha)
        if content is None:
            raise NotFound(f"no pact version {sha} between {consumer!r} and {provider!r}")
        document = json.loads(content.content)
        if version is None:
            latest = pq.latest_version_for_content(conn, content.id)
            version = latest.consumer_version if latest is not None else None
    urls = ctx.urls
    document["createdAt"] = iso(content.created_at)
    document["_links"] = {
        "self": urls.link(urls.pact_version(consumer, provider, sha), "Pact",
                          f"Pact between {consumer} ({version}) and {provider}"),
        "pb:consumer": urls.link(urls.pacticipant(consumer), "Consumer", consumer),
        "pb:provider": urls.link(urls.pacticipant(provider), "Provider", provider),
        "pb:consumer-version": urls.link(urls.version(consumer, version), "Consumer version", version)
        if version else None,
        "pb:pact-version": urls.link(urls.pact_version(consumer, provider, sha), "Pact content version", sha),
        "pb:latest-pact-version": urls.link(urls.latest_pact(consumer, provider), "Latest version of this pact"),
        "pb:publish-verification-results": urls.link(
            urls.verification_results(consumer, provider, sha), "Publish verification results"),
    }
    document["_links"] = {k: v for k, v in document["_links"].items() if v is not None}
    return document


def get_pact_for_version(ctx: Ctx, provider: str, consumer: str, version: str) -> dict[str, Any]:
    """``GET /pacts/provider/P/consumer/C/version/V``."""
    with ctx.db.read() as conn:
        pub = pq.publication(conn, consumer, provider, version)
    if pub is None:
        raise NotFound(f"no pact between {consumer!r} version {version!r} and {provider!r}")
    return pact_resource(ctx, consumer, provider, pub.sha, version)


def get_pact_version(ctx: Ctx, provider: str, consumer: str, sha: str) -> dict[str, Any]:
    """``GET /pacts/provider/P/consumer/C/pact-version/SHA``."""
    return pact_resource(ctx, consumer, provider, sha)


def get_latest_pact(ctx: Ctx, provider: str, consumer: str) -> dict[str, Any]:
    """``GET /pacts/provider/P/consumer/C/latest``."""
    with ctx.db.read() as conn:
        rows = pq.publications_for_provider(conn, provider, consumer)
    if not rows:
        raise NotFound(f"no pact between {consumer!r} and {provider!r}")
    return pact_resource(ctx, consumer, provider, rows[-1].sha, rows[-1].consumer_version)


def _pact_summary(ctx: Ctx, row: Any) -> dict[str, Any]:
    return {"consumer": {"name": row.consumer, "version": {"number": row.consumer_version}},
            "provider": {"name": row.provider}, "createdAt": iso(row.created_at),
            "_links": {"self": ctx.urls.link(ctx.urls.pact_version(row.consumer, row.provider, row.sha),
                                             "Pact", f"Pact between {row.consumer} ({row.consumer_version}) and {row.provider}")}}


def latest_provider_pacts(ctx: Ctx, provider: str) -> dict[str, Any]:
    """``GET /pacts/provider/P/latest``: the latest pact of each consumer."""
    with ctx.db.read() as conn:
        rows = pq.latest_per_pair(conn, provider)
    if not rows:
        raise NotFound(f"no pacts for provider {provider!r}")
    links = [ctx.urls.link(ctx.urls.pact_version(r.consumer, r.provider, r.sha), "Pact",
                           f"Pact between {r.consumer} ({r.consumer_version}) and {r.provider}")
             for r in rows]
    return {"_links": {"self": ctx.urls.link(f"{ctx.urls.base}/pacts/provider/{q(provider)}/latest"),
                       "pb:provider": ctx.urls.link(ctx.urls.pacticipant(provider), "Provider", provider),
                       "pb:pacts": links, "pacts": links}}


def latest_pacts(ctx: Ctx) -> dict[str, Any]:
    """``GET /pacts/latest``: the latest pact of every integration."""
    with ctx.db.read() as conn:
        rows = pq.latest_per_pair(conn)
    return {"pacts": [_pact_summary(ctx, r) for r in rows],
            "_links": {"self": ctx.urls.link(ctx.urls.base + "/pacts/latest")}}


def integrations(ctx: Ctx) -> dict[str, Any]:
    """``GET /integrations``: every consumer/provider pair with a pact."""
    with ctx.db.read() as conn:
        rows = pq.latest_per_pair(conn)
    return {"_embedded": {"integrations": [
        {"consumer": {"name": r.consumer}, "provider": {"name": r.provider},
         "latestPactPublishedAt": iso(r.created_at),
         "_links": {"pb:latest-pact": ctx.urls.link(ctx.urls.latest_pact(r.consumer, r.provider))}}
        for r in rows]}, "_links": {"self": ctx.urls.link(ctx.urls.base + "/integrations")}}


def register(router: Router) -> None:
    """Add the pact routes."""
    router.add("POST", "/contracts/publish", publish_contracts)
    router.add("GET", "/pacts/latest", latest_pacts)
    router.add("GET", "/integrations", integrations)
    router.add("GET", "/pacts/provider/{provider}/latest", latest_provider_pacts)
    router.add("PUT", "/pacts/provider/{provider}/consumer/{consumer}/version/{version}", put_pact)
    router.add("GET", "/pacts/provider/{provider}/consumer/{consumer}/version/{version}", get_pact_for_version)
    router.add("GET", "/pacts/provider/{provider}/consumer/{consumer}/latest", get_latest_pact)
    router.add("GET", "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}", get_pact_version)
