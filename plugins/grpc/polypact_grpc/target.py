"""The gRPC transport's verification target: ``HOST:PORT``, checked before any call.

``Verifier.transport("grpc", target)`` and ``--transport grpc=TARGET`` take ``HOST:PORT``
(optionally prefixed ``grpc://``, ``http://`` or ``dns:///``), where HOST is a host name,
an IPv4 address or a bracketed IPv6 address and PORT is 1-65535. Anything else is a
:class:`polypact.errors.UsageError` naming the value, raised when the provider client is
created (and by ``polypact verify`` before the run starts) rather than after a DNS
lookup, once per interaction.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from polypact.errors import UsageError

_PREFIXES = ("grpc://", "http://", "dns:///")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")  # "_": container service names

#: What a gRPC target must look like (the tail of every error).
EXPECTED = ("expected HOST:PORT with a host name, an IPv4 address or an [IPv6] address "
            "and a port 1-65535, e.g. 127.0.0.1:50051")


def _host_ok(host: str) -> bool:
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return True
    name = host[:-1] if host.endswith(".") else host
    if not name or len(name) > 253:
        return False
    labels = name.split(".")
    if all(label.isdigit() for label in labels):
        try:
            ipaddress.IPv4Address(name)
        except ValueError:
            return False
        return True
    return all(_LABEL.match(label) for label in labels)


def _port_ok(port: str) -> bool:
    return port.isascii() and port.isdigit() and 1 <= int(port) <= 65535


def _problem(text: str) -> str | None:
    """What is wrong with ``HOST:PORT`` text (``None``: nothing)."""
    host, sep, port = text.rpartition(":")
    if not sep:
        return "no port"
    if not host:
        return "no host"
    if ":" in host and not host.startswith("["):
        return f"host {host!r} is not a host name or an IP address (write IPv6 as [{host}])"
    if not _host_ok(host):
        return f"host {host!r} is not a host name or an IP address"
    if not _port_ok(port):
        return f"port {port!r} is not a number 1-65535"
    return None


def parse_target(target: Any, *, label: str | None = None) -> str:
    """``HOST:PORT`` from ``target`` (``HOST:PORT``, ``grpc://HOST:PORT``,
    ``http://HOST:PORT`` or ``dns:///HOST:PORT``); :class:`UsageError` naming the value
    (``label``, default ``grpc target 'target'``), what is wrong and what was expected
    otherwise."""
    label = label or f"grpc target {target!r}"
    if not isinstance(target, str) or not target.strip():
        raise UsageError(f"{label}: {EXPECTED}")
    text = target.strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    text = text.rstrip("/")
    problem = _problem(text)
    if problem:
        raise UsageError(f"{label}: {problem}; {EXPECTED}")
    return text
