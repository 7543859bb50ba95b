"""Consumer version selectors: validation and selection of pact publications.

A selector picks consumer versions (and so their pacts for the provider):
``mainBranch``, ``branch`` (with ``fallbackBranch``), ``matchingBranch``, ``tag`` (with
``latest`` and ``fallbackTag``), ``deployed`` / ``released`` / ``deployedOrReleased``,
``environment``, ``latest`` and ``consumer`` (restricts any of them). Semantics follow
the Pact Broker (https://docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from polypact_broker.errors import BrokerError

STRING_KEYS = ("consumer", "tag", "fallbackTag", "environment", "branch", "fallbackBranch")
TRUE_KEYS = ("deployedOrReleased", "deployed", "released", "mainBranch", "matchingBranch")
BOOL_KEYS = ("latest",)
KNOWN = STRING_KEYS + TRUE_KEYS + BOOL_KEYS


def validate_selectors(value: Any, provider_branch: str | None,
                       where: str = "consumerVersionSelectors") -> list[dict[str, Any]]:
    """Check a list of selectors; raise :class:`BrokerError` naming the first bad field."""
    if not isinstance(value, list):
        raise BrokerError(f"{where}: expected a list of selector objects, got {_kind(value)}")
    out = []
    for i, sel in enumerate(value):
        path = f"{where}[{i}]"
        if not isinstance(sel, dict):
            raise BrokerError(f"{path}: expected an object, got {_kind(sel)}")
        for key, val in sel.items():
            if key not in KNOWN:
                raise BrokerError(f"{path}.{key}: unknown selector property (known: {', '.join(KNOWN)})")
            if key in STRING_KEYS and (not isinstance(val, str) or not val.strip()):
                raise BrokerError(f"{path}.{key}: expected a non-empty string, got {_kind(val)}")
            if key in TRUE_KEYS and val is not True:
                raise BrokerError(f"{path}.{key}: can only be true, got {val!r}")
            if key in BOOL_KEYS and not isinstance(val, bool):
                raise BrokerError(f"{path}.{key}: expected true or false, got {_kind(val)}")
        criteria = [k for k in sel if k not in ("consumer", "fallbackTag", "fallbackBranch")]
        if not criteria:
            raise BrokerError(
                f"{path}: must specify a value for environment, tag or branch, or set "
                f"mainBranch, matchingBranch, latest, deployed, released or deployedOrReleased to true")
        if "mainBranch" in sel and ("branch" in sel or "tag" in sel):
            raise BrokerError(f"{path}: mainBranch cannot be combined with branch or tag")
        if "branch" in sel and "tag" in sel:
            raise BrokerError(f"{path}: branch and tag cannot be combined")
        if "fallbackTag" in sel and not ("tag" in sel and sel.get("latest") is True):
            raise BrokerError(f"{path}.fallbackTag: only allowed with a tag and latest: true")
        if "fallbackBranch" in sel and "branch" not in sel:
            raise BrokerError(f"{path}.fallbackBranch: only allowed with a branch")
        if "matchingBranch" in sel and not provider_branch:
            raise BrokerError(f"{path}.matchingBranch: requires providerVersionBranch")
        if sel.get("latest") is False and ("mainBranch" in sel or "matchingBranch" in sel):
            raise BrokerError(f"{path}.latest: cannot be false with mainBranch or matchingBranch")
        out.append(dict(sel))
    return out


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number" if isinstance(value, int | float)
                                    else type(value).__name__)


@dataclass
class Facts:
    """What selection needs about a provider's publications (loaded once per request)."""

    pubs: list[Any]  #: publication rows, oldest consumer version first
    main_branches: dict[str, str | None]  #: consumer name -> main branch
    branches: dict[int, list[str]] = field(default_factory=dict)  #: version id -> branches
    tags: dict[int, list[str]] = field(default_factory=dict)  #: version id -> tags
    deployed: dict[int, list[str]] = field(default_factory=dict)  #: version id -> envs
    released: dict[int, list[str]] = field(default_factory=dict)  #: version id -> envs


@dataclass
class Selected:
    """One publication picked by one selector, with a readable reason."""

    pub: Any
    selector: dict[str, Any]
    reason: str


def _latest_per_consumer(rows: list[Any]) -> list[Any]:
    latest: dict[str, Any] = {}
    for row in rows:
        latest[row.consumer] = row  # rows are oldest first
    return list(latest.values())


def select(selector: dict[str, Any], facts: Facts, provider_branch: str | None) -> list[Selected]:
    """The publications one selector picks."""
    rows = facts.pubs
    if "consumer" in selector:
        rows = [r for r in rows if r.consumer == selector["consumer"]]
    latest = selector.get("latest")

    def pick(test: Callable[[Any], bool], reason: Callable[[Any], str], *,
             want_latest: bool) -> list[Selected]:
        chosen = [r for r in rows if test(r)]
        if want_latest:
            chosen = _latest_per_consumer(chosen)
        return [Selected(r, selector, reason(r)) for r in chosen]

    if selector.get("mainBranch"):
        return pick(lambda r: facts.main_branches.get(r.consumer) is not None
                    and facts.main_branches[r.consumer] in facts.branches.get(r.consumer_version_id, ()),
                    lambda r: f"latest version of {r.consumer} from the main branch "
                              f"'{facts.main_branches[r.consumer]}' ({r.consumer_version})",
                    want_latest=True)
    if "branch" in selector or selector.get("matchingBranch"):
        branch = selector.get("branch") or provider_branch
        want = latest is not False
        got = pick(lambda r: branch in facts.branches.get(r.consumer_version_id, ()),
                   lambda r: f"{'latest ' if want else ''}version of {r.consumer} from branch "
                             f"'{branch}' ({r.consumer_version})"
                             + (" (matching the provider's branch)" if selector.get("matchingBranch") else ""),
                   want_latest=want)
        fallback = selector.get("fallbackBranch")
        if fallback:
            have = {s.pub.consumer for s in got}
            for s in select({**_without(selector, "branch", "fallbackBranch"), "branch": fallback},
                            facts, provider_branch):
                if s.pub.consumer not in have:
                    got.append(Selected(s.pub, selector, s.reason + f" (fallback: no version from branch '{branch}')"))
        return got
    if "tag" in selector:
        tag = selector["tag"]
        got = pick(lambda r: tag in facts.tags.get(r.consumer_version_id, ()),
                   lambda r: f"{'latest ' if latest else ''}version of {r.consumer} with tag "
                             f"'{tag}' ({r.consumer_version})", want_latest=bool(latest))
        fallback = selector.get("fallbackTag")
        if fallback:
            have = {s.pub.consumer for s in got}
            for s in select({**_without(selector, "tag", "fallbackTag"), "tag": fallback},
                            facts, provider_branch):
                if s.pub.consumer not in have:
                    got.append(Selected(s.pub, selector, s.reason + f" (fallback: no version with tag '{tag}')"))
        return got
    env = selector.get("environment")
    deployed = selector.get("deployed") or selector.get("deployedOrReleased") or (
        env is not None and not selector.get("released"))
    released = selector.get("released") or selector.get("deployedOrReleased") or (
        env is not None and not selector.get("deployed"))
    if deployed or released:
        def in_env(r: Any) -> bool:
            envs = (facts.deployed.get(r.consumer_version_id, []) if deployed else []) + \
                   (facts.released.get(r.consumer_version_id, []) if released else [])
            return bool(envs) and (env is None or env in envs)

        def why(r: Any) -> str:
            envs = sorted(set(facts.deployed.get(r.consumer_version_id, []) if deployed else [])
                          | set(facts.released.get(r.consumer_version_id, []) if released else []))
            what = "deployed or released" if deployed and released else "deployed" if deployed else "released"
            return f"version of {r.consumer} currently {what} in {', '.join(envs)} ({r.consumer_version})"

        return pick(in_env, why, want_latest=False)
    if latest:
        return pick(lambda r: True, lambda r: f"latest version of {r.consumer} ({r.consumer_version})",
                    want_latest=True)
    return []


def _without(selector: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in selector.items() if k not in keys}


def needs(selectors: list[dict[str, Any]]) -> set[str]:
    """Which facts the selectors need: ``branches``, ``tags``, ``environments``."""
    out: set[str] = set()
    for s in selectors:
        if "mainBranch" in s or "branch" in s or "matchingBranch" in s:
            out.add("branches")
        if "tag" in s:
            out.add("tags")
        if any(k in s for k in ("deployed", "released", "deployedOrReleased", "environment")):
            out.add("environments")
    return out
