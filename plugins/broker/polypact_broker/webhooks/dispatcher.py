"""Delivering webhooks: after a commit, matching webhooks are rendered and sent from a
background worker, retried with backoff, and every attempt is logged. A request goes only
to a host on the allow-list; anything else is logged as refused and never sent."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from polypact_broker.config import WebhookConfig
from polypact_broker.db.engine import Database
from polypact_broker.store import webhooks as wq
from polypact_broker.webhooks.templates import parameters, render


def host_allowed(url: str, allowed: list[str]) -> bool:
    """True when ``url`` is http(s) and its host is on the allow-list (``*.example.com``
    allows sub-domains)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    for entry in allowed:
        entry = entry.lower()
        if host == entry or (entry.startswith("*.") and host.endswith(entry[1:])):
            return True
    return False


class Dispatcher:
    """Runs webhook deliveries on a small thread pool."""

    def __init__(self, db: Database, config: WebhookConfig):
        self.db = db
        self.config = config
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhook")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Queue a delivery of every webhook listening to ``event``."""
        if not self.config.enabled:
            return
        with self.db.read() as conn:
            hooks = wq.matching(conn, event, data.get("consumer"), data.get("provider"))
        for hook in hooks:
            self._submit(hook.uuid, json.loads(hook.request), event, data)

    def _submit(self, hook_uuid: str, request: dict[str, Any], event: str, data: dict[str, Any]) -> None:
        future = self._pool.submit(self.deliver, hook_uuid, request, event, data)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every queued delivery finished (tests use it); True when idle."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._pending:
                    return True
            time.sleep(0.02)
        return False

    def deliver(self, hook_uuid: str, request: dict[str, Any], event: str,
                data: dict[str, Any], *, retry: bool = True) -> bool:
        """Send one webhook, retrying on failure (unless ``retry`` is false); True when it
        succeeded."""
        params = parameters(event, data)
        url = render(request["url"], params, url=True)
        if not host_allowed(url, self.config.allowed_hosts):
            self._log(hook_uuid, event, 1, url, None, False,
                      f"host of {url} is not on the webhook allow-list; not sent")
            return False
        method = request.get("method", "POST").upper()
        headers = {k: render(str(v), params) for k, v in (request.get("headers") or {}).items()}
        body = request.get("body")
        payload = None
        if body is not None:
            text = body if isinstance(body, str) else json.dumps(body)
            payload = render(text, params).encode("utf-8")
        delays = (0.0, *self.config.retry_delays) if retry else (0.0,)
        for attempt, delay in enumerate(delays, start=1):
            if delay:
                time.sleep(delay)
            status, error = self._send(method, url, headers, payload)
            ok = status is not None and 200 <= status < 300
            self._log(hook_uuid, event, attempt, url, status, ok, error)
            if ok:
                return True
        return False

    def _send(self, method: str, url: str, headers: dict[str, str],
              payload: bytes | None) -> tuple[int | None, str | None]:
        req = urllib.request.Request(url, data=payload, method=method, headers=headers)
        try:
            with _OPENER.open(req, timeout=self.config.timeout) as resp:
                return resp.status, None
        except urllib.error.HTTPError as exc:
            return exc.code, f"HTTP {exc.code}"
        except (OSError, ValueError) as exc:
            return None, f"{type(exc).__name__}: {exc}"

    def _log(self, hook_uuid: str, event: str, attempt: int, url: str, status: int | None,
             success: bool, error: str | None) -> None:
        self.db.write(lambda conn: wq.log_delivery(conn, hook_uuid, event, attempt, url, status,
                                                   success, error))

    def close(self) -> None:
        """Stop the workers (queued deliveries are dropped)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: they could lead off the allow-list."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
