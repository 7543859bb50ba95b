"""``${pactbroker.xxx}`` template parameters of webhook URLs, headers and bodies."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from polypact_broker.errors import BrokerError

EVENTS = ("contract_published", "contract_content_changed",
          "contract_requiring_verification_published", "provider_verification_published",
          "provider_verification_succeeded", "provider_verification_failed")

_PARAM = re.compile(r"\$\{pactbroker\.(\w+)\}")

#: template parameter -> key of the event data
PARAMETERS = {
    "consumerName": "consumer", "providerName": "provider",
    "consumerVersionNumber": "consumer_version", "providerVersionNumber": "provider_version",
    "consumerVersionBranch": "consumer_branch", "providerVersionBranch": "provider_branch",
    "pactUrl": "pact_url", "verificationResultUrl": "verification_url",
    "githubVerificationStatus": "github_status", "eventName": "event",
}


def parameters(event: str, data: dict[str, Any]) -> dict[str, str]:
    """The template values for one event."""
    values = dict(data, event=event)
    success = data.get("success")
    values["github_status"] = "pending" if success is None else ("success" if success else "failure")
    return {name: "" if values.get(key) is None else str(values[key]) for name, key in PARAMETERS.items()}


def render(text: str, params: dict[str, str], *, url: bool = False) -> str:
    """Replace every ``${pactbroker.name}`` (URL-encoding the values inside URLs)."""
    def sub(m: re.Match[str]) -> str:
        value = params.get(m.group(1), "")
        return quote(value, safe=":/") if url and not value.startswith("http") else value

    return _PARAM.sub(sub, text)


def check_template(text: str, where: str) -> None:
    """Refuse unknown ``${pactbroker.x}`` parameters."""
    for name in _PARAM.findall(text):
        if name not in PARAMETERS:
            raise BrokerError(f"{where}: unknown template parameter ${{pactbroker.{name}}} "
                              f"(known: {', '.join(sorted(PARAMETERS))})")
