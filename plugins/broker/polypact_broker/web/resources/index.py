"""``GET /``: the HAL index with the Pact Broker's link relations."""

from __future__ import annotations

from typing import Any

from polypact_broker.web.context import Ctx
from polypact_broker.web.router import Router

#: relation -> (path template, title); ``{x}`` makes a link templated.
RELATIONS = {
    "pb:publish-pact": ("/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}", "Publish a pact"),
    "pb:publish-contracts": ("/contracts/publish", "Publish contracts"),
    "pb:latest-pact-versions": ("/pacts/latest", "Latest pact versions"),
    "pb:pacticipants": ("/pacticipants", "Pacticipants"),
    "pb:pacticipant": ("/pacticipants/{pacticipant}", "Fetch pacticipant by name"),
    "pb:latest-provider-pacts": ("/pacts/provider/{provider}/latest", "Latest pacts by provider"),
    "pb:latest-provider-pacts-with-tag": ("/pacts/provider/{provider}/latest/{tag}", "Latest pacts for provider with the specified tag"),
    "pb:provider-pacts": ("/pacts/provider/{provider}", "All pact versions for the specified provider"),
    "pb:latest-version": ("/pacticipants/{pacticipant}/latest-version", "Latest pacticipant version"),
    "pb:latest-tagged-version": ("/pacticipants/{pacticipant}/latest-version/{tag}", "Latest pacticipant version with the specified tag"),
    "pb:webhooks": ("/webhooks", "Webhooks"),
    "pb:webhook": ("/webhooks/{uuid}", "Webhook"),
    "pb:integrations": ("/integrations", "Integrations"),
    "pb:pacticipant-version-tag": ("/pacticipants/{pacticipant}/versions/{version}/tags/{tag}", "Get, create or delete a tag for a pacticipant version"),
    "pb:pacticipant-branch-version": ("/pacticipants/{pacticipant}/branches/{branch}/versions/{version}", "Get or add/create a pacticipant version for a branch"),
    "pb:pacticipant-version": ("/pacticipants/{pacticipant}/versions/{version}", "Get, create or delete a pacticipant version"),
    "pb:can-i-deploy-pacticipant-version-to-tag": ("/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}", "Determine if an application version can be safely deployed to an environment identified by the given tag"),
    "pb:can-i-deploy-pacticipant-version-to-environment": ("/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}", "Determine if an application version can be safely deployed to an environment"),
    "pb:provider-pacts-for-verification": ("/pacts/provider/{provider}/for-verification", "Pact versions to be verified for the specified provider"),
    "beta:provider-pacts-for-verification": ("/pacts/provider/{provider}/for-verification", "DEPRECATED - please use pb:provider-pacts-for-verification"),
    "pb:environments": ("/environments", "Environments"),
    "pb:environment": ("/environments/{uuid}", "Environment"),
    "pb:matrix": ("/matrix", "The matrix of verification results"),
}


def index(ctx: Ctx) -> dict[str, Any]:
    """The index resource."""
    base = ctx.urls.base
    links: dict[str, Any] = {"self": {"href": base, "title": "Index", "templated": False}}
    for rel, (path, title) in RELATIONS.items():
        links[rel] = {"href": base + path, "title": title, "templated": "{" in path}
    links["curies"] = [{"name": "pb", "href": base + "/doc/{rel}?context=index", "templated": True}]
    return {"_links": links}


def register(router: Router) -> None:
    """Add the index route."""
    router.add("GET", "/", index)
