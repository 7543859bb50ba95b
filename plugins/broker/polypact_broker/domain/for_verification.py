""""Pacts for verification": which pacts a provider build must verify, and why.

Given the request body of ``POST /pacts/provider/P/for-verification`` (consumer version
selectors, ``providerVersionBranch``, ``providerVersionTags``, ``includePendingStatus``,
``includeWipPactsSince``), pick the publications, merge those with the same content (one
pact version is verified once), work out each one's pending status for the provider
branch, add work-in-progress pacts, and describe each choice in notices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from polypact_broker.domain.selectors import Facts, Selected, needs, select, validate_selectors
from polypact_broker.errors import BrokerError
from polypact_broker.store import aware
from polypact_broker.store import facts as fq
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq


@dataclass
class Request:
    """A validated pacts-for-verification request."""

    selectors: list[dict[str, Any]]
    provider_branch: str | None = None
    provider_tags: list[str] = field(default_factory=list)
    include_pending: bool = False
    wip_since: datetime | None = None


def parse_request(body: Any) -> Request:
    """Validate a request body (a dict); :class:`BrokerError` names the bad field."""
    if not isinstance(body, dict):
        raise BrokerError("request body: expected a JSON object")
    branch = body.get("providerVersionBranch")
    if branch is not None and (not isinstance(branch, str) or not branch):
        raise BrokerError("providerVersionBranch: expected a non-empty string")
    tags = body.get("providerVersionTags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        raise BrokerError("providerVersionTags: expected a list of non-empty strings")
    pending = body.get("includePendingStatus", False)
    if not isinstance(pending, bool):
        raise BrokerError("includePendingStatus: expected true or false")
    selectors = validate_selectors(body.get("consumerVersionSelectors") or [], branch)
    wip = body.get("includeWipPactsSince")
    since = None
    if wip is not None:
        if not isinstance(wip, str):
            raise BrokerError("includeWipPactsSince: expected an ISO 8601 date")
        since = parse_date(wip, "includeWipPactsSince")
    return Request(selectors, branch, list(tags), pending, since)


def parse_date(text: str, name: str) -> datetime:
    """An ISO 8601 date or date-time (UTC when no offset)."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BrokerError(f"{name}: {text!r} is not an ISO 8601 date (e.g. 2024-01-31)") from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


@dataclass
class PactToVerify:
    """One pact version to verify."""

    consumer: str
    provider: str
    sha: str
    content_id: int
    reasons: list[str]
    consumer_versions: list[str]
    pending: bool | None = None
    wip: bool = False
    notices: list[dict[str, str]] = field(default_factory=list)

    @property
    def short_description(self) -> str:
        """The Pact Broker's one-line summary of why this pact was selected."""
        return "; ".join(dict.fromkeys(self.reasons))


def pacts_for_verification(conn: sa.Connection, provider: str, req: Request,
                           pact_url: Callable[[str, str, str], str]) -> list[PactToVerify]:
    """Every pact version ``provider`` should verify for ``req``, in a stable order."""
    prow = pp.get_pacticipant(conn, provider)
    if prow is None:
        return []
    pubs = pq.publications_for_provider(conn, provider)
    selectors = req.selectors or [{"latest": True}]
    wanted = needs(selectors) | ({"branches", "tags"} if req.wip_since else set())
    facts = Facts(pubs, fq.main_branches(conn, {p.consumer for p in pubs}))
    if "branches" in wanted:
        facts.branches = fq.branches_of_published(conn, prow.id)
    if "tags" in wanted:
        facts.tags = fq.tags_of_published(conn, prow.id)
    if "environments" in wanted:
        facts.deployed, facts.released = fq.environments_of_published(conn, prow.id)
    chosen: dict[int, PactToVerify] = {}
    for sel in selectors:
        for s in select(sel, facts, req.provider_branch):
            _add(chosen, s)
    if req.wip_since is not None and req.include_pending and (req.provider_branch or req.provider_tags):
        for row in _wip_candidates(facts, req.wip_since):
            if row.content_id not in chosen:
                item = _add(chosen, Selected(row, {}, "work in progress pact"))
                item.wip = True
    results = sorted(chosen.values(), key=lambda p: (p.consumer, p.content_id))
    _pending(conn, prow, results, req)
    results = [p for p in results if not p.wip or p.pending]
    for p in results:
        p.notices = _notices(p, provider, req, pact_url(p.consumer, provider, p.sha))
    return results


def _add(chosen: dict[int, PactToVerify], s: Selected) -> PactToVerify:
    item = chosen.get(s.pub.content_id)
    if item is None:
        item = chosen[s.pub.content_id] = PactToVerify(
            s.pub.consumer, s.pub.provider, s.pub.sha, s.pub.content_id, [], [])
    item.reasons.append(s.reason)
    if s.pub.consumer_version not in item.consumer_versions:
        item.consumer_versions.append(s.pub.consumer_version)
    return item


def _wip_candidates(facts: Facts, since: datetime) -> list[Any]:
    """Latest pact of each consumer branch and tag, published since ``since``."""
    rows = {**fq.tagged_latest(facts.pubs, facts.branches), **{
        ("tag", *k): v for k, v in fq.tagged_latest(facts.pubs, facts.tags).items()}}
    return [r for r in rows.values() if aware(r.created_at) >= since]


def _pending(conn: sa.Connection, prow: Any, results: list[PactToVerify], req: Request) -> None:
    verifiers = fq.successful_verifiers(conn, [p.content_id for p in results])
    branch = req.provider_branch
    fallback_main = None
    if branch and prow.main_branch and branch != prow.main_branch \
            and not fq.provider_branch_exists(conn, prow.id, branch):
        fallback_main = prow.main_branch
    for p in results:
        v = verifiers[p.content_id]
        if branch:
            verified = branch in v["branches"] or (fallback_main in v["branches"] if fallback_main else False)
        elif req.provider_tags:
            verified = bool(v["tags"] & set(req.provider_tags))
        else:
            verified = bool(v["versions"])
        p.pending = not verified


def _notices(p: PactToVerify, provider: str, req: Request, url: str) -> list[dict[str, str]]:
    criteria = "; ".join(dict.fromkeys(p.reasons))
    what = (f"it is a 'work in progress' pact ({criteria})" if p.wip else
            f"the pact content belongs to the consumer version(s) matching the following "
            f"criteria: {criteria}")
    notices = [{"when": "before_verification",
                "text": f"The pact at {url} is being verified because {what}"}]
    if not req.include_pending:
        return notices
    scope = (f"from branch '{req.provider_branch}'" if req.provider_branch else
             f"with tag(s) {', '.join(req.provider_tags)}" if req.provider_tags else "")
    if p.pending:
        notices.append({"when": "before_verification", "text": (
            f"This pact is in pending state for this version of {provider} because a "
            f"successful verification result for a version of {provider} {scope} does not "
            f"yet exist. If this verification fails, it will not cause the overall build "
            f"to fail.").replace("  ", " ")})
        notices.append({"when": "after_verification:success_false_published_true", "text":
                        "This verification failed but the pact is pending, so the build "
                        "does not fail."})
    else:
        notices.append({"when": "before_verification", "text": (
            f"This pact has previously been successfully verified by a version of "
            f"{provider} {scope}. If this verification fails, it will fail the build."
        ).replace("  ", " ")})
    return notices
