"""Broker server configuration (Python API, CLI options and environment variables).

Server-side secrets come from the environment, never from the command line:
``POLYPACT_BROKER_WRITE_TOKENS`` / ``POLYPACT_BROKER_READ_TOKENS`` (comma-separated bearer
tokens) and ``POLYPACT_BROKER_BASIC_AUTH`` (``user:password:scope`` entries, comma-separated,
scope ``read`` or ``write``). ``POLYPACT_BROKER_ALLOW_ANONYMOUS_READ=true`` lets requests
without credentials read; ``POLYPACT_BROKER_ALLOW_PUBLIC_BADGE_ACCESS=true`` lets them read
status badges only. ``POLYPACT_BROKER_WEBHOOK_HOSTS`` is the webhook allow-list.
``POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false`` turns main-branch detection off and
``POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES`` (comma-separated) replaces its candidate names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from polypact.errors import UsageError


@dataclass
class AuthConfig:
    """Who may read and write. Auth is on when any token or user is configured."""

    read_tokens: list[str] = field(default_factory=list)
    write_tokens: list[str] = field(default_factory=list)
    users: dict[str, tuple[str, str]] = field(default_factory=dict)  #: user -> (password, scope)
    allow_anonymous_read: bool = False
    allow_public_badge_access: bool = False  #: badges readable without credentials

    @property
    def enabled(self) -> bool:
        """True when credentials are configured (requests are then checked)."""
        return bool(self.read_tokens or self.write_tokens or self.users)

    def __repr__(self) -> str:  # never show secrets
        return (f"AuthConfig(read_tokens={len(self.read_tokens)}, write_tokens="
                f"{len(self.write_tokens)}, users={sorted(self.users)}, "
                f"allow_anonymous_read={self.allow_anonymous_read}, "
                f"allow_public_badge_access={self.allow_public_badge_access})")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AuthConfig:
        """Read the ``POLYPACT_BROKER_*`` auth variables."""
        env = os.environ if env is None else env

        def items(name: str) -> list[str]:
            return [t.strip() for t in env.get(name, "").split(",") if t.strip()]

        users: dict[str, tuple[str, str]] = {}
        for entry in items("POLYPACT_BROKER_BASIC_AUTH"):
            user, _, rest = entry.partition(":")
            password, _, scope = rest.rpartition(":")
            if not user or not password or scope not in ("read", "write"):
                raise UsageError("POLYPACT_BROKER_BASIC_AUTH: expected user:password:read|write "
                                 "entries separated by commas")
            users[user] = (password, scope)
        anonymous = env.get("POLYPACT_BROKER_ALLOW_ANONYMOUS_READ", "").lower() in ("1", "true", "yes")
        badges = env.get("POLYPACT_BROKER_ALLOW_PUBLIC_BADGE_ACCESS", "").lower() in ("1", "true", "yes")
        return cls(items("POLYPACT_BROKER_READ_TOKENS"), items("POLYPACT_BROKER_WRITE_TOKENS"),
                   users, anonymous, badges)


@dataclass
class WebhookConfig:
    """Webhook delivery: allowed target hosts, retry schedule and timeout."""

    allowed_hosts: list[str] = field(default_factory=list)
    retry_delays: tuple[float, ...] = (1.0, 4.0, 16.0)
    timeout: float = 10.0
    enabled: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebhookConfig:
        """Read ``POLYPACT_BROKER_WEBHOOK_HOSTS`` (comma-separated host names)."""
        env = os.environ if env is None else env
        hosts = [h.strip().lower() for h in env.get("POLYPACT_BROKER_WEBHOOK_HOSTS", "").split(",")
                 if h.strip()]
        return cls(allowed_hosts=hosts)


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass
class MainBranchConfig:
    """Main-branch auto-detection, as the Pact Broker's ``auto_detect_main_branch``.

    When a version of a pacticipant without a main branch is put on a branch (or tagged)
    whose name is one of ``candidates``, that name becomes the pacticipant's main branch.
    """

    auto_detect: bool = True
    candidates: tuple[str, ...] = ("develop", "main", "master")

    @property
    def effective_candidates(self) -> tuple[str, ...]:
        """The names that become a main branch: none when detection is off."""
        return self.candidates if self.auto_detect else ()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MainBranchConfig:
        """Read ``POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH`` (true/false) and
        ``POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES`` (comma-separated branch names)."""
        env = os.environ if env is None else env
        config = cls()
        flag = env.get("POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH", "").strip().lower()
        if flag:
            if flag not in _TRUE + _FALSE:
                raise UsageError(f"POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH: expected true or false, "
                                 f"got {flag!r}")
            config.auto_detect = flag in _TRUE
        raw = env.get("POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES")
        if raw is not None:
            names = tuple(n.strip() for n in raw.split(",") if n.strip())
            if not names:
                raise UsageError("POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES: expected branch names "
                                 "separated by commas (turn detection off with "
                                 "POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH=false)")
            config.candidates = names
        return config


@dataclass
class BrokerConfig:
    """Everything a broker server needs.

    ``database_url`` is a file path (SQLite) or ``postgresql://...``; ``public_url`` fixes
    the base URL of links (behind a proxy); ``max_body_bytes`` bounds request bodies;
    ``main_branch`` controls main-branch auto-detection (on by default).
    """

    database_url: str = "polypact-broker.sqlite"
    public_url: str | None = None
    trust_forwarded_headers: bool = False
    max_body_bytes: int = 10 * 1024 * 1024
    auth: AuthConfig = field(default_factory=AuthConfig)
    webhooks: WebhookConfig = field(default_factory=WebhookConfig)
    main_branch: MainBranchConfig = field(default_factory=MainBranchConfig)
