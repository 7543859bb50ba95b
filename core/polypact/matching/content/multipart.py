"""The ``multipart/*`` content matcher: parts by name, each matched by its content type.

Every expected part must be present in the actual body (found by its
``Content-Disposition`` name, else by position). Each part's body is compared with the
content matcher of its own content type; body rules under ``$.<part name>`` apply to the
part with the part name dropped (``$.file.id`` becomes ``$.id`` in part ``file``; a rule at
``$.file`` such as ``contentType`` applies to the whole part).
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.parser import BytesParser

from polypact.matching.context import MatchContext
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import FIELD, ROOT, RulePath, format_path, format_tokens
from polypact.model.body import Body


@dataclass
class Part:
    """One part of a multipart body."""

    index: int
    name: str
    content_type: str | None
    data: bytes
    filename: str | None = None


def _boundary(content_type: str | None, data: bytes) -> str | None:
    if content_type and "boundary=" in content_type:
        return content_type.split("boundary=", 1)[1].split(";", 1)[0].strip().strip('"')
    first = data.lstrip(b"\r\n").split(b"\n", 1)[0].strip()
    if first.startswith(b"--") and len(first) > 2:
        return first[2:].decode("latin-1")
    return None


def parse_multipart(data: bytes, content_type: str | None) -> list[Part]:
    """Split a multipart body into parts; ``ValueError`` when it is not multipart."""
    boundary = _boundary(content_type, data)
    if not boundary:
        raise ValueError("no multipart boundary in the content type or the body")
    subtype = (content_type or "multipart/form-data").split(";", 1)[0].strip() or "multipart/form-data"
    head = f'Content-Type: {subtype}; boundary="{boundary}"\r\n\r\n'.encode("latin-1")
    message = BytesParser(policy=policy.compat32).parsebytes(head + data)
    if not message.is_multipart():
        raise ValueError("the body has no parts")
    parts = []
    for index, sub in enumerate(message.get_payload()):
        name = sub.get_param("name", header="content-disposition") or ""
        filename = sub.get_param("filename", header="content-disposition")
        declared = sub.get("Content-Type")
        payload = sub.get_payload(decode=True) or b""
        if payload.endswith(b"\r\n"):
            payload = payload[:-2]
        parts.append(Part(index, str(name), declared, payload, str(filename) if filename else None))
    return parts


def rebase_rules(rules: dict, name: str) -> dict:
    """The rules under ``$.<name>``, re-rooted at ``$``."""
    out = {}
    for expr, rule_list in rules.items():
        try:
            tokens = RulePath(expr or "$").tokens
        except Exception:  # noqa: BLE001 - an unparseable path is reported where it is used
            continue
        if len(tokens) >= 2 and tokens[0][0] == ROOT and tokens[1] == (FIELD, name):
            out[format_tokens([(ROOT, "$"), *tokens[2:]])] = rule_list
    return out


class MultipartMatcher:
    """Multipart bodies compared part by part."""

    def match(self, expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]:
        """Compare two multipart bodies."""
        from polypact.matching.body import match_body

        problems = []
        parsed = []
        for which, body in (("expected", expected), ("actual", actual)):
            try:
                parsed.append(parse_multipart(body.content, body.content_type))
            except (ValueError, UnicodeError) as exc:
                problems.append(Mismatch("body", "$", f"Failed to parse the {which} body as multipart: {exc}",
                                         expected.content, actual.content))
        if problems:
            return problems
        exp_parts, act_parts = parsed
        out: list[Mismatch] = []
        for part in exp_parts:
            other = next((p for p in act_parts if p.name == part.name and (part.name or p.index == part.index)), None)
            label = part.name or str(part.index)
            if other is None:
                out.append(Mismatch("body", format_path(("$", label)), f"Expected a MIME part {label!r} but was missing",
                                    label, None))
                continue
            sub_ctx = context.with_rules(rebase_rules(dict(context.rules), label))
            exp_body = Body.from_bytes(part.data, part.content_type or "text/plain")
            act_body = Body.from_bytes(other.data, other.content_type or "text/plain")
            for m in match_body(exp_body, act_body, sub_ctx):
                inner = m.path[1:] if m.path.startswith("$") else m.path
                out.append(Mismatch("body", format_path(("$", label)) + inner, f"MIME part {label!r}: {m.message}",
                                    m.expected, m.actual, m.rule))
        return out
