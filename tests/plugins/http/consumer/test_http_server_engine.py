"""The selectors-based server engine: keep-alive, chunked bodies, errors, concurrency, stop."""

from __future__ import annotations

import http.client
import socket
import threading

import pytest
from polypact.errors import MockServerError
from polypact_http.server import HttpServer, Reply


def echo(raw):
    text = f"{raw.method} {raw.target} {raw.body.decode()}"
    return Reply(200, [("Content-Type", "text/plain")], text.encode())


@pytest.fixture
def server():
    srv = HttpServer(echo).start()
    yield srv
    srv.stop()


def test_keep_alive_connection_serves_many_requests(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for i in range(20):
        conn.request("POST", f"/n/{i}", body=f"b{i}")
        response = conn.getresponse()
        assert response.read() == f"POST /n/{i} b{i}".encode()
    conn.close()


def test_chunked_request_body_is_decoded(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("PUT", "/c", body=iter([b"ab", b"cde"]), encode_chunked=True)
    assert conn.getresponse().read() == b"PUT /c abcde"


def test_expect_100_continue_gets_interim_response(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(b"hi")
        assert sock.recv(1000).endswith(b"POST /e hi")


def test_malformed_request_gets_400_and_connection_closes(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"NOT HTTP\r\n\r\n")
        data = b""
        while chunk := sock.recv(1000):
            data += chunk
    assert data.startswith(b"HTTP/1.1 400")


def test_handler_exception_becomes_500_and_server_keeps_serving():
    calls = []

    def broken(raw):
        calls.append(raw.target)
        if raw.target == "/boom":
            raise RuntimeError("kaput")
        return Reply(200, [], b"fine")

    srv = HttpServer(broken).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        conn.request("GET", "/boom")
        response = conn.getresponse()
        assert response.status == 500 and b"RuntimeError: kaput" in response.read()
        conn.request("GET", "/ok")
        assert conn.getresponse().read() == b"fine"
    finally:
        srv.stop()


def test_stop_releases_port_and_is_idempotent():
    srv = HttpServer(echo).start()
    port = srv.port
    srv.stop()
    srv.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def test_stop_closes_idle_keep_alive_connections():
    srv = HttpServer(echo).start()
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
    conn.request("GET", "/x")
    conn.getresponse().read()
    srv.stop()
    assert conn.sock.recv(10) == b""  # server side closed


def test_binding_a_busy_port_is_a_mock_server_error(server):
    with pytest.raises(MockServerError, match=str(server.port)):
        HttpServer(echo, port=server.port)


def test_concurrent_clients_on_one_server(server):
    results: list[bytes] = []

    def client(n):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        for i in range(10):
            conn.request("POST", f"/{n}", body=str(i))
            results.append(conn.getresponse().read())

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted(f"POST /{n} {i}".encode() for n in range(8) for i in range(10))
