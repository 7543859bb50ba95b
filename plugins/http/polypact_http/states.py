"""Provider states through a state-change URL.

For each state the verifier POSTs ``{"state": name, "params": {...}, "action": "setup"}``
(then ``"teardown"``) as JSON to the URL. A JSON object in a set-up response supplies
values for ``ProviderState`` generators. The connection is kept alive for the whole run.
"""

from __future__ import annotations

import json
from typing import Any

from polypact.errors import ProviderStateError, UsageError

_SCRATCH_KEY = "polypact_http.state_change_client"


class _StateClient:
    def __init__(self, url: str, timeout: float):
        from polypact_http.provider import _UrlSender

        try:
            self.sender = _UrlSender(url, timeout)
        except UsageError as exc:
            raise ProviderStateError(f"state-change URL: {exc}") from None
        self.url = url

    def close(self) -> None:
        """Close the kept-alive connection."""
        self.sender.close()


def _client(context: Any) -> _StateClient:
    scratch = getattr(context, "scratch", None)
    if scratch is None:
        return _StateClient(context.state_change_url, getattr(context, "timeout", 30.0))
    client = scratch.get(_SCRATCH_KEY)
    if client is None or client.url != context.state_change_url:
        client = _StateClient(context.state_change_url, getattr(context, "timeout", 30.0))
        scratch[_SCRATCH_KEY] = client
    return client


def call_state_change_url(state: Any, action: str, context: Any) -> dict[str, Any]:
    """POST the state change for ``state`` and return the values the provider sent back.

    Raises :class:`ProviderStateError` when the provider answers with a non-2xx status or
    cannot be reached. Teardown is skipped when ``context.state_change_teardown`` is false.
    """
    if action == "teardown" and not getattr(context, "state_change_teardown", True):
        return {}
    client = _client(context)
    payload = json.dumps(
        {"state": state.name, "params": dict(state.params or {}), "action": action}
    ).encode("utf-8")
    headers = [("Content-Type", "application/json"), ("Accept", "application/json")]
    headers.extend((getattr(context, "state_change_headers", None) or {}).items())
    try:
        status, pairs, data = client.sender.send("POST", "", "", headers, payload)
    except Exception as exc:  # noqa: BLE001 - reported as a state failure
        raise ProviderStateError(
            f"state change {action} of {state.name!r} failed: {exc}"
        ) from None
    if not 200 <= status < 300:
        snippet = data[:200].decode("utf-8", "replace")
        raise ProviderStateError(
            f"state change {action} of {state.name!r} at {client.url} answered HTTP {status}"
            + (f": {snippet}" if snippet else "")
        )
    if action != "setup" or not data.strip():
        return {}
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
