"""A SOAP users service as a WSGI app (lxml only, no SOAP framework).

``POST /soap`` takes SOAP 1.1 or 1.2 envelopes (the reply uses the request's version):

- ``GetUser(id)`` -> ``GetUserResponse(user)``, or a ``Client``/``Sender`` fault when the
  user does not exist;
- ``ListUsers(status?)`` -> ``ListUsersResponse(user*)``.

``GET /soap?wsdl`` serves ``users.wsdl`` with its addresses pointing at this server. For
contract tests only, ``POST /_pact/provider-states`` takes the Pact state-change body
``{"state", "params", "action"}``. ``prefixes`` and ``namespace`` change the prefixes and
the namespace URI the service answers with (to show how matching treats them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lxml import etree

WSDL_PATH = Path(__file__).resolve().parent / "users.wsdl"
STATE_CHANGE_PATH = "/_pact/provider-states"
USERS_NS = "http://example.com/users"
ENVELOPES = {"http://schemas.xmlsoap.org/soap/envelope/": "1.1",
             "http://www.w3.org/2003/05/soap-envelope": "1.2"}
MEDIA = {"1.1": "text/xml; charset=utf-8", "1.2": "application/soap+xml; charset=utf-8"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class SoapFault(Exception):
    """A fault to answer with: ``sender`` says whose fault it is."""

    def __init__(self, message: str, sender: bool = True):
        super().__init__(message)
        self.sender = sender


class UsersService:
    """The users service; see the module docstring."""

    def __init__(self, prefixes: tuple[str | None, str | None] = ("soap", "u"),
                 namespace: str = USERS_NS):
        self.users: dict[int, dict[str, Any]] = {}
        self.env_prefix, self.users_prefix = prefixes
        self.namespace = namespace

    # -- data ------------------------------------------------------------------------------
    def add_user(self, user_id: int, name: str, email: str | None = None,
                 status: str = "active") -> None:
        """Store a user."""
        self.users[user_id] = {"id": user_id, "name": name, "email": email, "status": status}

    def set_state(self, state: str, params: dict[str, Any] | None = None,
                  action: str = "setup") -> None:
        """Prepare the store for a provider state (or clear it on teardown)."""
        self.users.clear()
        if action != "setup":
            return
        if state in ("user 1 exists", "users exist"):
            self.add_user(1, "Ann", "ann@example.com")
        if state == "users exist":
            self.add_user(2, "Bob", "bob@example.com", status="inactive")

    # -- operations ----------------------------------------------------------------------
    def _user_element(self, parent: Any, user: dict[str, Any]) -> None:
        ns = self.namespace
        element = etree.SubElement(parent, f"{{{ns}}}user", status=user["status"])
        etree.SubElement(element, f"{{{ns}}}id").text = str(user["id"])
        etree.SubElement(element, f"{{{ns}}}name").text = user["name"]
        if user["email"]:
            etree.SubElement(element, f"{{{ns}}}email").text = user["email"]

    def get_user(self, request: Any, response: Any) -> None:
        """``GetUser``: the user, or a fault naming the unknown id."""
        text = request.findtext(f"{{{USERS_NS}}}id") or ""
        try:
            user = self.users[int(text)]
        except (ValueError, KeyError):
            raise SoapFault(f"user {text} not found") from None
        self._user_element(response, user)

    def list_users(self, request: Any, response: Any) -> None:
        """``ListUsers``: every user, optionally only those with a ``status``."""
        wanted = request.findtext(f"{{{USERS_NS}}}status")
        for user in sorted(self.users.values(), key=lambda u: u["id"]):
            if not wanted or user["status"] == wanted:
                self._user_element(response, user)

    # -- SOAP ----------------------------------------------------------------------------
    def handle(self, data: bytes) -> tuple[int, str, bytes]:
        """Answer one SOAP request: (HTTP status, content type, envelope)."""
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            return 400, "text/plain", f"not XML: {exc}".encode()
        env_ns = etree.QName(root).namespace or ""
        version = ENVELOPES.get(env_ns)
        if version is None or etree.QName(root).localname != "Envelope":
            return 400, "text/plain", b"not a SOAP envelope"
        body = root.find(f"{{{env_ns}}}Body")
        request = next((c for c in body if isinstance(c.tag, str)), None) if body is not None else None
        operations: dict[str, Callable[[Any, Any], None]] = {
            "GetUser": self.get_user, "ListUsers": self.list_users}
        nsmap = {self.env_prefix: env_ns, self.users_prefix: self.namespace}
        envelope = etree.Element(f"{{{env_ns}}}Envelope", nsmap=nsmap)
        out_body = etree.SubElement(envelope, f"{{{env_ns}}}Body")
        try:
            name = etree.QName(request).localname if request is not None else ""
            if request is None or etree.QName(request).namespace != USERS_NS or name not in operations:
                raise SoapFault(f"unknown operation {name or '(none)'}")
            response = etree.SubElement(out_body, f"{{{self.namespace}}}{name}Response")
            operations[name](request, response)
            status = 200
        except SoapFault as fault:
            envelope = etree.Element(f"{{{env_ns}}}Envelope", nsmap={self.env_prefix: env_ns})
            out_body = etree.SubElement(envelope, f"{{{env_ns}}}Body")
            status = self._fault(out_body, env_ns, version, fault)
        data = etree.tostring(envelope, xml_declaration=True, encoding="utf-8")
        return status, MEDIA[version], data

    def _fault(self, body: Any, env_ns: str, version: str, fault: SoapFault) -> int:
        element = etree.SubElement(body, f"{{{env_ns}}}Fault")
        p = self.env_prefix
        if version == "1.1":
            etree.SubElement(element, "faultcode").text = f"{p}:{'Client' if fault.sender else 'Server'}"
            etree.SubElement(element, "faultstring").text = str(fault)
            return 500
        code = etree.SubElement(etree.SubElement(element, f"{{{env_ns}}}Code"), f"{{{env_ns}}}Value")
        code.text = f"{p}:{'Sender' if fault.sender else 'Receiver'}"
        reason = etree.SubElement(etree.SubElement(element, f"{{{env_ns}}}Reason"), f"{{{env_ns}}}Text")
        reason.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        reason.text = str(fault)
        return 400 if fault.sender else 500

    def wsdl(self, base_url: str) -> bytes:
        """The WSDL with its SOAP addresses pointing at ``base_url``."""
        text = WSDL_PATH.read_text(encoding="utf-8")
        return text.replace("http://users.example.com", base_url.rstrip("/")).encode("utf-8")

    # -- WSGI ----------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if path == STATE_CHANGE_PATH and method == "POST":
            payload = json.loads(_raw_body(environ) or b"{}")
            self.set_state(payload.get("state", ""), payload.get("params"),
                           payload.get("action", "setup"))
            return _reply(start_response, 200, "application/json", b"{}")
        if path == "/soap" and method == "GET" and environ.get("QUERY_STRING", "").lower() == "wsdl":
            host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
            return _reply(start_response, 200, "text/xml; charset=utf-8", self.wsdl(f"http://{host}"))
        if path == "/soap" and method == "POST":
            status, content_type, data = self.handle(_raw_body(environ))
            return _reply(start_response, status, content_type, data)
        return _reply(start_response, 404, "text/plain", b"not found")


def _raw_body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}


def _reply(start_response: Callable[..., Any], status: int, content_type: str, body: bytes) -> list[bytes]:
    start_response(f"{status} {_REASONS.get(status, 'Status')}",
                   [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
