"""Safe-by-construction HTML: every page of the web UI is built with these functions.

Text passed to :func:`tag` (children and attribute values) is HTML-escaped unless it is
already :class:`Safe` (produced by this module). Nothing else in the UI writes markup, so a
pacticipant name or pact description such as ``<script>`` always reaches the browser as
text. Link targets go through :func:`safe_href`, which only lets relative paths and
``http``/``https`` URLs through.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Union
from urllib.parse import quote, urlsplit

#: Elements without content or closing tag.
VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})

Child = Union["Safe", str, int, float, None, Iterable["Child"]]


class Safe(str):
    """Markup that is already safe to send (built by :func:`tag` or :func:`esc`)."""

    __slots__ = ()


def esc(value: object) -> Safe:
    """``value`` as escaped text (``Safe`` values pass unchanged; ``None`` is empty)."""
    if isinstance(value, Safe):
        return value
    if value is None:
        return Safe("")
    return Safe(html.escape(str(value), quote=True))


def render(children: Child) -> Safe:
    """Concatenate children (strings escaped, nested iterables flattened, ``None`` skipped)."""
    if children is None:
        return Safe("")
    if isinstance(children, str | int | float):
        return esc(children)
    return Safe("".join(render(c) for c in children))


def tag(name: str, /, *children: Child, **attrs: object) -> Safe:
    """``<name attrs>children</name>`` with every attribute value and text child escaped.

    Attribute names come from code (``class_`` gives ``class``, ``_`` becomes ``-``); a
    value of ``None`` or ``False`` drops the attribute, ``True`` writes it bare.
    """
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        parts.append(attr if value is True else f'{attr}="{esc(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if name in VOID:
        return Safe(opening)
    return Safe(f"{opening}{render(children)}</{name}>")


def safe_href(url: str | None) -> str | None:
    """``url`` when it is a relative path or an http(s) URL, else ``None`` (never a
    ``javascript:``/``data:`` link)."""
    if not url or not isinstance(url, str):
        return None
    text = url.strip()
    if text.startswith("/") and not text.startswith("//"):
        return text
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in ("http", "https") else None


def seg(value: str) -> str:
    """Percent-encode one URL path segment."""
    return quote(str(value), safe="")


def link(url: str | None, *children: Child, **attrs: object) -> Safe:
    """An ``<a>`` to ``url`` when it is safe, else just the children as text."""
    href = safe_href(url)
    if href is None:
        return render(children)
    return tag("a", *children, href=href, **attrs)


def table(headers: list[str], rows: Iterable[Iterable[Child]], **attrs: object) -> Safe:
    """A table with a header row and one ``<tr>`` per row (cells escaped as children)."""
    head = tag("thead", tag("tr", [tag("th", h, scope="col") for h in headers]))
    body = tag("tbody", [tag("tr", [tag("td", cell) for cell in row]) for row in rows])
    return tag("table", head, body, **attrs)


def status_badge(success: bool | None) -> Safe:
    """A verification status: ``success`` / ``failure`` / ``unverified``."""
    word = {True: "success", False: "failure", None: "unverified"}[success]
    return tag("span", word, class_=f"badge status-{word}")
