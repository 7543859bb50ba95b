"""A minimal in-process ASGI 3 driver: call an app with one request on a private loop.

The driver owns its event loop; if the app speaks the lifespan protocol it is started
once (``lifespan.startup``) and shut down on :meth:`AsgiDriver.close`.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote


def is_asgi_app(target: Any) -> bool:
    """True for an ASGI 3 application: ``async def __call__(scope, receive, send)``."""
    if inspect.iscoroutinefunction(target):
        return True
    call = getattr(target, "__call__", None)  # noqa: B004 - we need the method itself
    return call is not None and inspect.iscoroutinefunction(call)


class AsgiDriver:
    """Runs requests through an ASGI app on a private event loop."""

    def __init__(self, app: Any):
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._lifespan: asyncio.Task[Any] | None = None
        self._lifespan_queue: asyncio.Queue[dict[str, Any]] | None = None
        self._lifespan_events: asyncio.Queue[dict[str, Any]] | None = None
        self._start_lifespan()

    # -- lifespan -----------------------------------------------------------------------
    def _start_lifespan(self) -> None:
        async def startup() -> None:
            self._lifespan_queue = asyncio.Queue()
            self._lifespan_events = asyncio.Queue()
            scope = {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}
            self._state = scope["state"]

            async def run() -> None:
                try:
                    await self.app(scope, self._lifespan_queue.get, self._lifespan_events.put)
                except Exception as exc:  # noqa: BLE001 - an app without lifespan support
                    await self._lifespan_events.put({"type": "unsupported", "error": exc})

            self._lifespan = self.loop.create_task(run())
            await self._lifespan_queue.put({"type": "lifespan.startup"})
            getter = self.loop.create_task(self._lifespan_events.get())
            await asyncio.wait({getter, self._lifespan}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():  # the app returned without answering: no lifespan support
                getter.cancel()
                self._lifespan = None
                return
            event = getter.result()
            if event["type"] == "lifespan.startup.failed":
                raise RuntimeError(f"ASGI app failed to start: {event.get('message', '')}")
            if event["type"] != "lifespan.startup.complete":
                self._lifespan = None

        self._state: dict[str, Any] = {}
        self.loop.run_until_complete(startup())

    # -- requests ---------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        query_string: str,
        headers: Sequence[tuple[str, str]],
        body: bytes,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """Send one request; return (status, header pairs, body bytes)."""
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": method.upper(),
            "scheme": "http",
            "path": path,
            "raw_path": quote(path, safe="/-_.~!$&'()*+,;=:@").encode("ascii"),
            "query_string": query_string.encode("latin-1"),
            "root_path": "",
            "headers": [(n.lower().encode("latin-1"), v.encode("latin-1")) for n, v in headers],
            "client": ("127.0.0.1", 0),
            "server": ("localhost", 80),
            "state": dict(self._state),
        }
        return self.loop.run_until_complete(self._call(scope, body))

    async def _call(self, scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        sent_request = False
        done = asyncio.Event()
        status = 500
        out_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []
        started = False

        async def receive() -> dict[str, Any]:
            nonlocal sent_request
            if not sent_request:
                sent_request = True
                return {"type": "http.request", "body": body, "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, started
            kind = message["type"]
            if kind == "http.response.start":
                started = True
                status = int(message["status"])
                out_headers.extend(
                    (bytes(n).decode("latin-1"), bytes(v).decode("latin-1"))
                    for n, v in message.get("headers", [])
                )
            elif kind == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body", False):
                    done.set()

        try:
            await self.app(scope, receive, send)
        finally:
            done.set()
        if not started:
            raise RuntimeError("the ASGI app returned without sending http.response.start")
        return status, out_headers, b"".join(chunks)

    def close(self) -> None:
        """Shut the app's lifespan down (if started) and close the loop."""
        if self.loop.is_closed():
            return
        if self._lifespan is not None and self._lifespan_queue is not None:

            async def shutdown() -> None:
                await self._lifespan_queue.put({"type": "lifespan.shutdown"})
                try:
                    await asyncio.wait_for(self._lifespan_events.get(), timeout=5)
                except asyncio.TimeoutError:
                    pass

            try:
                self.loop.run_until_complete(shutdown())
            except Exception:  # noqa: BLE001, S110 - shutting down is best effort
                pass
        pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()
