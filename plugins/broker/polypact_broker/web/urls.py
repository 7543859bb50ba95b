"""URLs of the broker's resources (HAL links), built from the request's base URL.

Behind a reverse proxy, the base URL comes from ``--public-url`` or, when
``trust_forwarded_headers`` is on, from ``X-Forwarded-Proto``/``-Host``/``-Prefix``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def q(value: str) -> str:
    """Percent-encode one path segment."""
    return quote(str(value), safe="")


def base_url(environ: dict[str, Any], public_url: str | None, trust_forwarded: bool) -> str:
    """The broker's external base URL (no trailing slash)."""
    if public_url:
        return public_url.rstrip("/")
    headers = {k: v for k, v in environ.items() if k.startswith("HTTP_")}
    scheme = environ.get("wsgi.url_scheme", "http")
    host = headers.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    prefix = environ.get("SCRIPT_NAME", "")
    if trust_forwarded:
        scheme = headers.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
        host = headers.get("HTTP_X_FORWARDED_HOST", host).split(",")[0].strip()
        prefix = headers.get("HTTP_X_FORWARDED_PREFIX", prefix).rstrip("/")
    return f"{scheme}://{host}{prefix}"


class Urls:
    """Every resource URL under one base URL."""

    def __init__(self, base: str):
        self.base = base

    def link(self, href: str, title: str | None = None, name: str | None = None,
             templated: bool = False) -> dict[str, Any]:
        """A HAL link object."""
        out: dict[str, Any] = {"href": href}
        if title:
            out["title"] = title
        if name:
            out["name"] = name
        if templated:
            out["templated"] = True
        return out

    def pacticipant(self, name: str) -> str:
        """``/pacticipants/NAME``."""
        return f"{self.base}/pacticipants/{q(name)}"

    def version(self, name: str, number: str) -> str:
        """``/pacticipants/NAME/versions/NUMBER``."""
        return f"{self.pacticipant(name)}/versions/{q(number)}"

    def branch_version(self, name: str, branch: str, number: str) -> str:
        """``/pacticipants/NAME/branches/BRANCH/versions/NUMBER``."""
        return f"{self.pacticipant(name)}/branches/{q(branch)}/versions/{q(number)}"

    def tag(self, name: str, number: str, tag: str) -> str:
        """``/pacticipants/NAME/versions/NUMBER/tags/TAG``."""
        return f"{self.version(name, number)}/tags/{q(tag)}"

    def pact_version(self, consumer: str, provider: str, sha: str) -> str:
        """``/pacts/provider/P/consumer/C/pact-version/SHA``: one pact content."""
        return f"{self.base}/pacts/provider/{q(provider)}/consumer/{q(consumer)}/pact-version/{sha}"

    def pact_for_version(self, consumer: str, provider: str, number: str) -> str:
        """``/pacts/provider/P/consumer/C/version/V``."""
        return f"{self.base}/pacts/provider/{q(provider)}/consumer/{q(consumer)}/version/{q(number)}"

    def latest_pact(self, consumer: str, provider: str) -> str:
        """``/pacts/provider/P/consumer/C/latest``."""
        return f"{self.base}/pacts/provider/{q(provider)}/consumer/{q(consumer)}/latest"

    def verification_results(self, consumer: str, provider: str, sha: str) -> str:
        """Where verification results of one pact content are published."""
        return f"{self.pact_version(consumer, provider, sha)}/verification-results"

    def verification(self, consumer: str, provider: str, sha: str, vid: int) -> str:
        """One verification result."""
        return f"{self.verification_results(consumer, provider, sha)}/{vid}"

    def environment(self, env_uuid: str) -> str:
        """``/environments/UUID``."""
        return f"{self.base}/environments/{env_uuid}"

    def deployed_version(self, dep_uuid: str) -> str:
        """``/deployed-versions/UUID``."""
        return f"{self.base}/deployed-versions/{dep_uuid}"

    def released_version(self, rel_uuid: str) -> str:
        """``/released-versions/UUID``."""
        return f"{self.base}/released-versions/{rel_uuid}"

    def webhook(self, hook_uuid: str) -> str:
        """``/webhooks/UUID``."""
        return f"{self.base}/webhooks/{hook_uuid}"
