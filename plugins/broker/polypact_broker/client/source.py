"""The ``broker`` pact source and the verification-results publisher.

``Verifier(...).add_source("broker:http://127.0.0.1:9292", provider="users",
provider_branch="main", selectors=[{"mainBranch": True}], include_wip_since="2024-01-01")``
loads the pacts the broker selects (pending ones marked pending);
:func:`verify_with_broker` also publishes the results.
"""

from __future__ import annotations

from typing import Any

from polypact_broker.client.http import BrokerClient
from polypact_broker.client.operations import (
    PactForVerification,
    pacts_for_verification,
    publish_result,
)
from polypact_broker.errors import BrokerClientError

OPTIONS = ("provider", "selectors", "provider_branch", "provider_tags", "include_pending",
           "include_wip_since", "token", "username", "password")


def load_broker_source(location: str, options: dict[str, Any]) -> list[Any]:
    """The ``broker`` pact source: ``location`` is the broker's base URL."""
    from polypact.pactfile import parse_pact
    from polypact.verifier import LoadedPact

    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise BrokerClientError(f"broker source: unknown option(s) {', '.join(unknown)} "
                                f"(known: {', '.join(OPTIONS)})")
    provider = options.get("provider")
    if not provider:
        raise BrokerClientError("broker source: the provider option is required "
                                "(add_source('broker:URL', provider='NAME'))")
    client = BrokerClient(location, token=options.get("token"), username=options.get("username"),
                          password=options.get("password"))
    found = pacts_for_verification(
        client, provider, selectors=options.get("selectors"),
        provider_branch=options.get("provider_branch"), provider_tags=options.get("provider_tags"),
        include_pending=options.get("include_pending", False),
        include_wip_since=options.get("include_wip_since"))
    loaded = []
    for item in found:
        doc = {k: v for k, v in item.document.items() if k not in ("_links", "createdAt")}
        loaded.append(LoadedPact(parse_pact(doc, item.url, strict=False), source=item.url,
                                 pending=item.pending,
                                 options={"broker": item, "broker_client": client}))
    return loaded


class ResultsPublisher:
    """A verifier reporter that publishes one result per broker pact when the run ends.

    A pact's result is a success when all its interactions verified (pending failures are
    published as failures, but do not fail the build)."""

    def __init__(self, provider_version: str, *, branch: str | None = None,
                 build_url: str | None = None):
        self.provider_version = provider_version
        self.branch = branch
        self.build_url = build_url
        self.published: list[Any] = []

    def finished(self, summary: Any) -> None:
        """Group the results by pact and publish each pact's verdict."""
        groups: dict[str, tuple[PactForVerification, BrokerClient, list[Any]]] = {}
        for result in summary.results:
            item = result.loaded.options.get("broker")
            if item is None:
                continue
            groups.setdefault(item.url, (item, result.loaded.options["broker_client"], []))[2].append(result)
        for item, client, results in groups.values():
            tests = [{"interactionDescription": r.description, "success": r.ok,
                      **({"mismatches": [{"description": str(m)} for m in r.mismatches]} if r.mismatches else {}),
                      **({"exceptions": [{"message": r.error}]} if r.error else {})} for r in results]
            self.published.append(publish_result(
                client, item, all(r.ok for r in results), self.provider_version,
                branch=self.branch, build_url=self.build_url, test_results=tests))


def verify_with_broker(verifier: Any, broker_url: str, *, provider: str,
                       provider_version: str | None = None, provider_branch: str | None = None,
                       selectors: list[dict[str, Any]] | None = None,
                       include_wip_since: str | None = None, include_pending: bool = False,
                       publish: bool = False, build_url: str | None = None,
                       **auth: Any) -> Any:
    """Configure ``verifier`` to load ``provider``'s pacts from the broker and, with
    ``publish``, to publish the results as ``provider_version`` on ``provider_branch``.
    ``include_pending`` (implied by ``include_wip_since``) asks the broker for pending
    status: a pending pact's failures do not fail the run. Returns the verifier (call
    ``.verify()`` next)."""
    if publish and not provider_version:
        raise BrokerClientError("publishing verification results needs provider_version")
    verifier.add_source(f"broker:{broker_url}", provider=provider, selectors=selectors,
                        provider_branch=provider_branch,
                        include_pending=include_pending or bool(include_wip_since),
                        include_wip_since=include_wip_since, **auth)
    if publish:
        verifier.reporter(ResultsPublisher(provider_version, branch=provider_branch,
                                           build_url=build_url))
    return verifier
