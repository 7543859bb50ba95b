"""``/pacts/provider/P/for-verification``: the pacts a provider build must verify."""

from __future__ import annotations

from typing import Any

from polypact_broker.domain.for_verification import Request, pacts_for_verification, parse_request
from polypact_broker.web.context import Ctx
from polypact_broker.web.router import Router
from polypact_broker.web.urls import q


def describe(ctx: Ctx, provider: str) -> dict[str, Any]:
    """``GET``: the resource whose ``self`` link takes the POSTed selectors."""
    url = f"{ctx.urls.base}/pacts/provider/{q(provider)}/for-verification"
    return {"_links": {"self": ctx.urls.link(url, "Pacts to be verified"),
                       "pb:provider": ctx.urls.link(ctx.urls.pacticipant(provider), "Provider", provider)}}


def answer(ctx: Ctx, provider: str, req: Request) -> dict[str, Any]:
    """The response body for a parsed request."""
    with ctx.db.read() as conn:
        found = pacts_for_verification(conn, provider, req, ctx.urls.pact_version)
    pacts = []
    for p in found:
        props: dict[str, Any] = {"notices": p.notices}
        if req.include_pending:
            props["pending"] = bool(p.pending)
        if p.wip:
            props["wip"] = True
        pacts.append({
            "shortDescription": p.short_description,
            "verificationProperties": props,
            "_links": {"self": ctx.urls.link(
                ctx.urls.pact_version(p.consumer, p.provider, p.sha),
                f"Pact between {p.consumer} ({', '.join(p.consumer_versions)}) and {p.provider}")},
        })
    url = f"{ctx.urls.base}/pacts/provider/{q(provider)}/for-verification"
    return {"_embedded": {"pacts": pacts}, "_links": {"self": ctx.urls.link(url)}}


def post(ctx: Ctx, provider: str) -> dict[str, Any]:
    """``POST`` with ``consumerVersionSelectors``, ``providerVersionBranch``,
    ``includePendingStatus``, ``includeWipPactsSince``, ``providerVersionTags``."""
    return answer(ctx, provider, parse_request(ctx.request.json_object(required=False)))


def register(router: Router) -> None:
    """Add the pacts-for-verification routes."""
    router.add("GET", "/pacts/provider/{provider}/for-verification", describe)
    router.add("POST", "/pacts/provider/{provider}/for-verification", post)
