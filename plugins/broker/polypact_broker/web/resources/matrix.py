"""``GET /matrix`` and ``GET /can-i-deploy``."""

from __future__ import annotations

from typing import Any

from polypact_broker.domain.matrix import Decision, Ignore, Links, can_i_deploy, matrix_between
from polypact_broker.errors import BrokerError
from polypact_broker.store import pacticipants as pp
from polypact_broker.web.context import Ctx
from polypact_broker.web.router import Router


def _links(ctx: Ctx) -> Links:
    return Links(ctx.urls.pact_version, ctx.urls.verification)


def parse_matrix_query(pairs: list[tuple[str, str]]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """``q[][pacticipant]=A&q[][version]=1&latestby=cvp&environment=prod`` to
    (selectors, options)."""
    selectors: list[dict[str, str]] = []
    options: dict[str, str] = {}
    for key, value in pairs:
        if key.startswith("q[]["):
            field = key[4:].rstrip("]")
            if field == "pacticipant":
                selectors.append({"pacticipant": value})
            elif not selectors:
                raise BrokerError(f"{key}: must follow a q[][pacticipant] parameter")
            else:
                selectors[-1][field] = value
        elif key.startswith("ignore[]"):
            continue  # read by parse_ignores
        else:
            options[key] = value
    for i, sel in enumerate(selectors):
        if not sel.get("pacticipant"):
            raise BrokerError(f"q[{i}][pacticipant]: must not be empty")
    return selectors, options


def parse_ignores(pairs: list[tuple[str, str]]) -> list[Ignore]:
    """``ignore[][pacticipant]=P&ignore[][version]=V`` (version optional) to
    :class:`Ignore` selectors."""
    raw: list[dict[str, str]] = []
    for key, value in pairs:
        if not key.startswith("ignore[]["):
            continue
        field = key[len("ignore[]["):].rstrip("]")
        if field == "pacticipant":
            raw.append({"pacticipant": value})
        elif field != "version":
            raise BrokerError(f"{key}: unknown ignore selector field (expected pacticipant "
                              f"or version)")
        elif not raw:
            raise BrokerError(f"{key}: must follow an ignore[][pacticipant] parameter")
        else:
            raw[-1]["version"] = value
    for i, sel in enumerate(raw):
        if not sel["pacticipant"]:
            raise BrokerError(f"ignore[{i}][pacticipant]: must not be empty")
    return [Ignore(s["pacticipant"], s.get("version") or None) for s in raw]


def _resolve(conn: Any, sel: dict[str, str]) -> str | None:
    if sel.get("version"):
        return sel["version"]
    if sel.get("latest") == "true" or sel.get("tag") or sel.get("branch") or sel.get("mainBranch"):
        branch = sel.get("branch")
        if sel.get("mainBranch") == "true":
            prow = pp.get_pacticipant(conn, sel["pacticipant"])
            branch = prow.main_branch if prow is not None else None
        row = pp.latest_version(conn, sel["pacticipant"], tag=sel.get("tag"), branch=branch)
        return row.number if row is not None else None
    return None


def matrix(ctx: Ctx) -> dict[str, Any]:
    """The matrix for one or more selected pacticipant versions."""
    selectors, options = parse_matrix_query(ctx.request.query)
    ignore = parse_ignores(ctx.request.query)
    if not selectors:
        raise BrokerError("q[][pacticipant]: at least one pacticipant must be selected")
    with ctx.db.read() as conn:
        resolved = []
        for sel in selectors:
            number = _resolve(conn, sel)
            if number is None:
                decision = Decision(problems=[f"No version of {sel['pacticipant']} matches the "
                                              f"selector {sel}"])
                return decision.to_json()
            resolved.append((sel["pacticipant"], number))
        if len(resolved) == 1:
            name, number = resolved[0]
            decision = can_i_deploy(conn, name, number, _links(ctx),
                                    environment=options.get("environment"),
                                    tag=options.get("tag"), ignore=ignore)
        else:
            decision = matrix_between(conn, resolved, _links(ctx), ignore)
    return decision.to_json()


def can_i_deploy_resource(ctx: Ctx) -> dict[str, Any]:
    """``GET /can-i-deploy?pacticipant=P&version=V&environment=E`` (or ``to=TAG``), with
    optional ``ignore[][pacticipant]=P`` selectors."""
    name, version = ctx.request.arg("pacticipant"), ctx.request.arg("version")
    if not name or not version:
        raise BrokerError("pacticipant and version query parameters are required")
    env, tag = ctx.request.arg("environment"), ctx.request.arg("to")
    ignore = parse_ignores(ctx.request.query)
    with ctx.db.read() as conn:
        decision = can_i_deploy(conn, name, version, _links(ctx), environment=env, tag=tag,
                                ignore=ignore)
    return decision.to_json()


def register(router: Router) -> None:
    """Add the matrix routes."""
    router.add("GET", "/matrix", matrix)
    router.add("GET", "/can-i-deploy", can_i_deploy_resource)
