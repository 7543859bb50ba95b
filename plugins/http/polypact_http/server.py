"""A small HTTP/1.1 server on one thread, built on :mod:`selectors`.

It starts and stops in well under a millisecond: :meth:`HttpServer.stop` wakes the loop
through a socket pair, the loop closes every socket and the thread ends (no polling, no
timeouts). Requests are answered by a handler ``handler(raw_request) -> Reply`` called on
the server thread; keep-alive, pipelining, ``Content-Length`` and ``chunked`` request
bodies and ``Expect: 100-continue`` are supported. Many servers can run at once.
"""

from __future__ import annotations

import _thread
import selectors
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from polypact.errors import MockServerError

from polypact_http.wire import BadRequest, RawRequest, RequestParser, encode_response


@dataclass
class Reply:
    """A response to send: status, header lines and body bytes."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


Handler = Callable[[RawRequest], Reply]


class _Connection:
    __slots__ = ("sock", "parser", "out", "close_after", "writing")

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.parser = RequestParser()
        self.out = bytearray()
        self.close_after = False
        self.writing = False


class HttpServer:
    """Serve ``handler`` on ``host:port`` (port 0: the OS picks) on a background thread."""

    def __init__(self, handler: Handler, host: str = "127.0.0.1", port: int = 0, name: str = "http"):
        self.handler = handler
        self.host = host
        self.name = name
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.socket(family, socket.SOCK_STREAM)
        try:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(64)
        except OSError as exc:
            listener.close()
            raise MockServerError(f"{name} server cannot listen on {host}:{port}: {exc}") from exc
        listener.setblocking(False)
        self._listener = listener
        self.port: int = listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(listener, selectors.EVENT_READ, None)
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._stopping = False
        self._done = threading.Lock()  # held while the loop thread runs
        self._thread_id: int | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:54321``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> HttpServer:
        """Start the server thread; returns ``self``.

        The listening socket is already bound, so clients may connect at once. The thread
        is started with :func:`_thread.start_new_thread` (``threading.Thread.start`` would
        wait for the thread to be scheduled, the largest part of a start-up).
        """
        if self._thread_id is None and not self._stopping:
            self._done.acquire()
            try:
                self._thread_id = _thread.start_new_thread(self._run_guarded, ())
            except BaseException:
                self._done.release()
                raise
        return self

    def _run_guarded(self) -> None:
        try:
            self._run()
        finally:
            self._done.release()

    def stop(self) -> None:
        """Stop serving, close every connection and release the port. Idempotent."""
        if self._stopping:
            return
        self._stopping = True
        try:
            self._wake_w.send(b"x")
        except OSError:  # pragma: no cover - already closed
            pass
        if self._thread_id is None:  # never started
            self._close_all()
        elif threading.get_ident() != self._thread_id:
            with self._done:  # wait for the loop to close every socket
                pass
        self._wake_w.close()

    # -- the loop ----------------------------------------------------------------------
    def _run(self) -> None:
        sel = self._selector
        try:
            while not self._stopping:
                for key, events in sel.select():
                    if key.data == "wake":
                        self._stopping = True
                        break
                    if key.data is None:
                        self._accept()
                        continue
                    conn: _Connection = key.data
                    if events & selectors.EVENT_READ:
                        self._read(conn)
                    if events & selectors.EVENT_WRITE and conn.sock.fileno() >= 0:
                        self._write(conn)
        finally:
            self._close_all()

    def _close_all(self) -> None:
        sel = self._selector
        if sel.get_map() is None:  # already closed
            return
        for key in list(sel.get_map().values()):
            try:
                sel.unregister(key.fileobj)
            except (KeyError, ValueError):  # pragma: no cover
                pass
            key.fileobj.close()  # type: ignore[union-attr]
        sel.close()

    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # pragma: no cover - listener closed
                return
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._selector.register(sock, selectors.EVENT_READ, _Connection(sock))

    def _drop(self, conn: _Connection) -> None:
        try:
            self._selector.unregister(conn.sock)
        except (KeyError, ValueError):  # pragma: no cover
            pass
        conn.sock.close()

    def _read(self, conn: _Connection) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(conn)
            return
        if not data:
            self._drop(conn)
            return
        try:
            requests = conn.parser.feed(data)
        except BadRequest as exc:
            conn.out += encode_response(
                400, [("Content-Type", "text/plain")], f"bad request: {exc}\n".encode(), keep_alive=False
            )
            conn.close_after = True
            requests = []
        if conn.parser.wants_continue:
            conn.parser.wants_continue = False
            conn.out += b"HTTP/1.1 100 Continue\r\n\r\n"
        for request in requests:
            conn.out += self._answer(request)
            if not request.keep_alive:
                conn.close_after = True
                break
        if conn.out:
            self._write(conn)

    def _answer(self, request: RawRequest) -> bytes:
        try:
            reply = self.handler(request)
        except Exception as exc:  # noqa: BLE001 - a handler bug must not kill the server
            reply = Reply(
                500,
                [("Content-Type", "text/plain; charset=utf-8")],
                f"polypact {self.name} server error: {type(exc).__name__}: {exc}\n".encode(),
            )
        return encode_response(
            reply.status,
            reply.headers,
            reply.body,
            keep_alive=request.keep_alive,
            head_only=request.method.upper() == "HEAD",
        )

    def _write(self, conn: _Connection) -> None:
        try:
            sent = conn.sock.send(conn.out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self._drop(conn)
            return
        del conn.out[:sent]
        if conn.out:
            if not conn.writing:
                conn.writing = True
                self._selector.modify(conn.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, conn)
        elif conn.close_after:
            self._drop(conn)
        elif conn.writing:
            conn.writing = False
            self._selector.modify(conn.sock, selectors.EVENT_READ, conn)
