"""Broker workflows on top of :class:`BrokerClient`: publish, fetch pacts for
verification, publish results, can-i-deploy, environments and deployments."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polypact_broker.client.http import BrokerClient
from polypact_broker.errors import BrokerClientError


def pact_files(location: str | Path) -> list[Path]:
    """A pact file, or every ``*.json`` file of a directory (sorted)."""
    from polypact.errors import PactFileError
    from polypact.pactfile import pact_paths

    path = Path(location)
    try:
        files = pact_paths(path)
    except PactFileError as exc:
        raise BrokerClientError(str(exc)) from None
    if not files:
        raise BrokerClientError(f"{path}: no *.json pact files")
    return files


def publish(client: BrokerClient, location: str | Path, version: str, *, branch: str | None = None,
            tags: list[str] | None = None, build_url: str | None = None) -> list[dict[str, Any]]:
    """Publish every pact at ``location`` as consumer version ``version`` (one request per
    consumer, through ``pb:publish-contracts``); returns the broker's answers."""
    by_consumer: dict[str, list[dict[str, Any]]] = {}
    for path in pact_files(location):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            consumer, provider = doc["consumer"]["name"], doc["provider"]["name"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BrokerClientError(f"{path}: not a pact file (consumer.name and provider.name "
                                    f"are required): {exc}") from None
        by_consumer.setdefault(consumer, []).append({
            "consumerName": consumer, "providerName": provider, "specification": "pact",
            "contentType": "application/json",
            "content": base64.b64encode(json.dumps(doc).encode("utf-8")).decode("ascii"),
        })
    url = client.link("pb:publish-contracts")
    answers = []
    for consumer, contracts in by_consumer.items():
        body: dict[str, Any] = {"pacticipantName": consumer, "pacticipantVersionNumber": version,
                                "contracts": contracts}
        if branch:
            body["branch"] = branch
        if tags:
            body["tags"] = list(tags)
        if build_url:
            body["buildUrl"] = build_url
        answers.append(client.post(url, body))
    return answers


@dataclass
class PactForVerification:
    """A pact the broker asked a provider to verify."""

    url: str
    document: dict[str, Any]
    pending: bool = False
    wip: bool = False
    notices: list[dict[str, str]] = field(default_factory=list)
    description: str = ""

    @property
    def results_url(self) -> str | None:
        """Where to publish this pact's verification result."""
        link = self.document.get("_links", {}).get("pb:publish-verification-results")
        return link.get("href") if isinstance(link, dict) else None


def pacts_for_verification(client: BrokerClient, provider: str, *,
                           selectors: list[dict[str, Any]] | None = None,
                           provider_branch: str | None = None,
                           provider_tags: list[str] | None = None, include_pending: bool = False,
                           include_wip_since: str | None = None) -> list[PactForVerification]:
    """The pacts ``provider`` must verify, fetched as the Pact verifiers do."""
    resource = client.get(client.link("pb:provider-pacts-for-verification", provider=provider))
    body: dict[str, Any] = {"consumerVersionSelectors": selectors or [],
                            "includePendingStatus": include_pending}
    if provider_branch:
        body["providerVersionBranch"] = provider_branch
    if provider_tags:
        body["providerVersionTags"] = provider_tags
    if include_wip_since:
        body["includeWipPactsSince"] = include_wip_since
    answer = client.post(resource["_links"]["self"]["href"], body)
    out = []
    for item in answer.get("_embedded", {}).get("pacts", []):
        url = item["_links"]["self"]["href"]
        props = item.get("verificationProperties") or {}
        out.append(PactForVerification(url, client.get(url), bool(props.get("pending")),
                                       bool(props.get("wip")), props.get("notices") or [],
                                       item.get("shortDescription", "")))
    return out


def publish_result(client: BrokerClient, pact: PactForVerification, success: bool,
                   provider_version: str, *, branch: str | None = None,
                   build_url: str | None = None, test_results: list[dict[str, Any]] | None = None) -> Any:
    """Publish one verification result (and put the provider version on ``branch``)."""
    if branch:
        provider = pact.document.get("_links", {}).get("pb:provider", {}).get("href")
        if provider:
            link = client.get(provider)["_links"]["pb:branch-version"]["href"]
            client.put(link.replace("{branch}", _q(branch)).replace("{version}", _q(provider_version)), {})
    url = pact.results_url
    if not url:
        raise BrokerClientError(f"{pact.url}: the pact has no pb:publish-verification-results link")
    body: dict[str, Any] = {"success": bool(success), "providerApplicationVersion": provider_version,
                            "verifiedBy": {"implementation": "polypact"}}
    if build_url:
        body["buildUrl"] = build_url
    if test_results is not None:
        body["testResults"] = test_results
    return client.post(url, body)


def _q(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def can_i_deploy(client: BrokerClient, pacticipant: str, version: str, *,
                 environment: str | None = None, to_tag: str | None = None,
                 ignore: list[tuple[str, str | None]] | None = None) -> dict[str, Any]:
    """The broker's matrix answer for deploying ``pacticipant`` ``version``; ``ignore``
    lists ``(pacticipant, version or None)`` integration partners that must not block."""
    from urllib.parse import urlencode

    query = [("q[][pacticipant]", pacticipant), ("q[][version]", version)]
    if environment:
        query += [("latestby", "cvpv"), ("environment", environment)]
    else:
        query += [("latestby", "cvp"), ("latest", "true")]
        if to_tag:
            query.append(("tag", to_tag))
    for name, number in ignore or []:
        query.append(("ignore[][pacticipant]", name))
        if number:
            query.append(("ignore[][version]", number))
    return client.get("/matrix?" + urlencode(query))


def environment_uuid(client: BrokerClient, name: str) -> str:
    """The uuid of environment ``name`` (error naming the known ones when missing)."""
    envs = client.get(client.link("pb:environments")).get("_embedded", {}).get("environments", [])
    for env in envs:
        if env.get("name") == name:
            return env["uuid"]
    known = ", ".join(sorted(e.get("name", "?") for e in envs)) or "none"
    raise BrokerClientError(f"environment {name!r} does not exist (known: {known})")


def create_environment(client: BrokerClient, name: str, *, production: bool = False,
                       display_name: str | None = None) -> dict[str, Any]:
    """Create an environment."""
    body: dict[str, Any] = {"name": name, "production": production}
    if display_name:
        body["displayName"] = display_name
    return client.post(client.link("pb:environments"), body)


def record_deployment(client: BrokerClient, pacticipant: str, version: str, environment: str, *,
                      application_instance: str | None = None) -> dict[str, Any]:
    """Record that ``pacticipant`` ``version`` is deployed to ``environment``."""
    resource = client.get(client.link("pb:pacticipant-version", pacticipant=pacticipant,
                                      version=version))
    for link in resource.get("_links", {}).get("pb:record-deployment", []):
        if link.get("name") == environment:
            body = {"applicationInstance": application_instance} if application_instance else {}
            return client.post(link["href"], body)
    environment_uuid(client, environment)  # raises naming the known environments
    raise BrokerClientError(f"{pacticipant} {version}: no record-deployment link for {environment!r}")
