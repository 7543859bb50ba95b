"""The matrix and can-i-deploy: may a pacticipant version go to an environment?

For a version V of P and an environment E:

- for each pact V published (P as consumer), every provider version currently deployed
  or released in E must have verified that pact successfully; a provider with no version
  in E is a missing dependency;
- for each consumer version currently in E whose pact names P (P as provider), V must
  have verified that pact successfully.

Without an environment the other side is the latest version of each integration partner
(or the latest with ``tag``). Each checked pair is a matrix row; the decision carries one
reason per problem (or one success reason).

``ignore`` (the Pact Broker's ``ignore[][pacticipant]=P&ignore[][version]=V``) names
integration partners whose problems must not block: each such problem becomes an
"Ignoring ..." reason instead (a warning notice), and the row is marked ``ignored``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from polypact_broker.store import deployments as dq
from polypact_broker.store import iso
from polypact_broker.store import pacticipants as pp
from polypact_broker.store import pacts as pq
from polypact_broker.store import verifications as vq


@dataclass
class Links:
    """URL builders the matrix needs (the web layer supplies them)."""

    pact: Callable[[str, str, str], str]
    verification: Callable[[str, str, str, int], str]


@dataclass
class Decision:
    """A can-i-deploy answer: rows of the matrix, the verdict and its reasons."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  #: problems that were ignored

    @property
    def deployable(self) -> bool:
        """True when every required verification exists and succeeded."""
        return not self.problems

    @property
    def reason(self) -> str:
        """One line: the first problem, or why it is safe."""
        if self.problems:
            return self.problems[0] if len(self.problems) == 1 else \
                f"{self.problems[0]} (and {len(self.problems) - 1} more problem(s))"
        if self.ignored:
            more = f" (and {len(self.ignored) - 1} more)" if len(self.ignored) > 1 else ""
            return ("All required verification results are published and successful, "
                    f"ignoring: {self.ignored[0]}{more}")
        if not self.rows:
            return "There are no missing dependencies"
        return "All required verification results are published and successful"

    def to_json(self) -> dict[str, Any]:
        """The Pact Broker's matrix response shape."""
        success = sum(1 for r in self.rows if (r["verificationResult"] or {}).get("success") is True)
        failed = sum(1 for r in self.rows if (r["verificationResult"] or {}).get("success") is False)
        notices = [{"type": "error", "text": p} for p in self.problems] + \
                  [{"type": "warning", "text": w} for w in self.warnings] + \
                  [{"type": "warning", "text": f"Ignoring: {i}"} for i in self.ignored]
        if self.deployable:
            notices.insert(0, {"type": "success", "text": self.reason})
        return {
            "summary": {"deployable": self.deployable, "reason": self.reason,
                        "success": success, "failed": failed,
                        "unknown": len(self.rows) - success - failed,
                        "ignored": sum(1 for r in self.rows if r.get("ignored"))},
            "notices": notices,
            "matrix": self.rows,
        }


@dataclass(frozen=True)
class Ignore:
    """One ``ignore[]`` selector: a pacticipant, optionally only one of its versions."""

    pacticipant: str
    version: str | None = None

    def covers(self, name: str, version: str | None) -> bool:
        """True when the integration partner ``name`` at ``version`` is ignored."""
        return name == self.pacticipant and (self.version is None or self.version == version)


def _ignored(ignore: list[Ignore], name: str, version: str | None) -> bool:
    return any(i.covers(name, version) for i in ignore)


def _note_unknown_ignores(conn: sa.Connection, decision: Decision, ignore: list[Ignore]) -> None:
    for sel in ignore:
        if pp.get_pacticipant(conn, sel.pacticipant) is None:
            decision.warnings.append(f"Pacticipant {sel.pacticipant} does not exist "
                                     f"(ignore selector has no effect)")
        elif sel.version is not None and pp.get_version(conn, sel.pacticipant, sel.version) is None:
            decision.warnings.append(f"No version {sel.version} of {sel.pacticipant} exists "
                                     f"(ignore selector has no effect)")


def _targets_in_env(conn: sa.Connection, env_id: int) -> dict[str, list[tuple[int, str]]]:
    out: dict[str, list[tuple[int, str]]] = {}
    seen: set[int] = set()
    for row in [*dq.currently_deployed(conn, env_id=env_id), *dq.currently_released(conn, env_id=env_id)]:
        if row.version_id not in seen:
            seen.add(row.version_id)
            out.setdefault(row.pacticipant, []).append((row.version_id, row.version))
    return out


def can_i_deploy(conn: sa.Connection, pacticipant: str, version: str, links: Links, *,
                 environment: str | None = None, tag: str | None = None,
                 ignore: list[Ignore] | None = None) -> Decision:
    """Decide whether ``pacticipant`` ``version`` can go to ``environment`` (or alongside
    the latest versions, with ``tag`` when given, of its integration partners); problems
    with partners matched by ``ignore`` do not block."""
    decision = Decision()
    ignore = ignore or []
    _note_unknown_ignores(conn, decision, ignore)
    vrow = pp.get_version(conn, pacticipant, version)
    if vrow is None:
        decision.problems.append(
            f"No version with number {version} found for pacticipant {pacticipant}")
        return decision
    env_targets: dict[str, list[tuple[int, str]]] | None = None
    if environment is not None:
        env = dq.get_environment(conn, name=environment)
        if env is None:
            decision.problems.append(f"Environment {environment!r} does not exist")
            return decision
        env_targets = _targets_in_env(conn, env.id)

    def partner_versions(name: str) -> list[tuple[int, str]]:
        if env_targets is not None:
            return env_targets.get(name, [])
        latest = pp.latest_version(conn, name, tag=tag)
        return [(latest.id, latest.number)] if latest is not None else []

    where = f"currently in {environment}" if environment else \
        (f"latest with tag {tag}" if tag else "latest")
    # P as consumer: its pacts must be verified by the providers' versions
    for pub in pq.publications_for_version(conn, vrow.id):
        targets = partner_versions(pub.provider)
        if not targets:
            skip = _ignored(ignore, pub.provider, None)
            (decision.ignored if skip else decision.problems).append(
                f"There is no verified pact between version {version} of {pacticipant} and "
                f"the version of {pub.provider} {where} (no such version)")
            decision.rows.append(_row(pub, None, None, links, ignored=skip))
        for pv_id, pv_number in targets:
            ver = vq.latest_by(conn, pub.content_id, pv_id)
            skip = _ignored(ignore, pub.provider, pv_number)
            decision.rows.append(_row(pub, pv_number, ver, links, ignored=skip))
            _judge(decision, pub.consumer, version, pub.provider, pv_number, ver, skip)
    # P as provider: the consumers' pacts (versions in the environment / latest) must be
    # verified by this version
    for cpub in _consumer_pacts_for(conn, vrow, pacticipant, env_targets, tag):
        ver = vq.latest_by(conn, cpub.content_id, vrow.id)
        skip = _ignored(ignore, cpub.consumer, cpub.consumer_version)
        decision.rows.append(_row(cpub, version, ver, links, ignored=skip))
        _judge(decision, cpub.consumer, cpub.consumer_version, pacticipant, version, ver, skip)
    return decision


def _consumer_pacts_for(conn: sa.Connection, vrow: Any, provider: str,
                        env_targets: dict[str, list[tuple[int, str]]] | None,
                        tag: str | None) -> list[Any]:
    pubs = pq.publications_for_provider(conn, provider)
    if env_targets is not None:
        in_env = {vid for versions in env_targets.values() for vid, _ in versions}
        return [p for p in pubs if p.consumer_version_id in in_env]
    latest: dict[str, Any] = {}
    tagged = None
    if tag is not None:
        tagged = {p.consumer_version_id for p in pubs
                  if tag in pp.version_tags(conn, [p.consumer_version_id])[p.consumer_version_id]}
    for p in pubs:
        if tagged is None or p.consumer_version_id in tagged:
            latest[p.consumer] = p
    return list(latest.values())


def _judge(decision: Decision, consumer: str, cv: str, provider: str, pv: str, ver: Any,
           ignored: bool = False) -> None:
    out = decision.ignored if ignored else decision.problems
    if ver is None:
        out.append(
            f"There is no verified pact between version {cv} of {consumer} and version {pv} of {provider}")
    elif not ver.success:
        out.append(
            f"The verification for the pact between version {cv} of {consumer} and version "
            f"{pv} of {provider} failed")


def _row(pub: Any, provider_version: str | None, ver: Any, links: Links, *,
         ignored: bool = False) -> dict[str, Any]:
    row: dict[str, Any] = {
        "consumer": {"name": pub.consumer, "version": {"number": pub.consumer_version}},
        "provider": {"name": pub.provider,
                     "version": {"number": provider_version} if provider_version else None},
        "pact": {"createdAt": iso(pub.created_at), "sha": pub.sha,
                 "_links": {"self": {"href": links.pact(pub.consumer, pub.provider, pub.sha)}}},
        "verificationResult": None if ver is None else {
            "success": bool(ver.success), "verifiedAt": iso(ver.created_at),
            "_links": {"self": {"href": links.verification(pub.consumer, pub.provider, pub.sha, ver.id)}},
        },
    }
    if ignored:
        row["ignored"] = True
    return row


def matrix_between(conn: sa.Connection, selected: list[tuple[str, str]], links: Links,
                   ignore: list[Ignore] | None = None) -> Decision:
    """Matrix rows between explicitly chosen versions ``[(pacticipant, version), ...]``:
    every pact one of them published for another, with the other's verification
    (integrations with a side matched by ``ignore`` do not block)."""
    decision = Decision()
    ignore = ignore or []
    _note_unknown_ignores(conn, decision, ignore)
    rows: dict[str, Any] = {}
    for name, number in selected:
        vrow = pp.get_version(conn, name, number)
        if vrow is None:
            decision.problems.append(f"No version with number {number} found for pacticipant {name}")
        else:
            rows[name] = vrow
    for name, vrow in rows.items():
        for pub in pq.publications_for_version(conn, vrow.id):
            other = rows.get(pub.provider)
            if other is None:
                continue
            ver = vq.latest_by(conn, pub.content_id, other.id)
            skip = _ignored(ignore, pub.provider, other.number) or \
                _ignored(ignore, name, vrow.number)
            decision.rows.append(_row(pub, other.number, ver, links, ignored=skip))
            _judge(decision, name, vrow.number, pub.provider, other.number, ver, skip)
    return decision
