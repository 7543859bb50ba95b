"""Status badges as self-made SVG (the shields.io look, no external service).

:func:`badge` draws ``label | status`` with the status colour; every text is XML-escaped,
so pacticipant names cannot inject markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

#: Status -> background colour of the right half.
COLOURS = {"verified": "#4c1", "failed": "#e05d44", "unknown": "#9f9f9f"}

_CHAR_WIDTH = 7  # an approximation of Verdana 11px, enough for a readable badge
_PAD = 10


def _width(text: str) -> int:
    return len(text) * _CHAR_WIDTH + _PAD


def badge(label: str, status: str) -> str:
    """An SVG document ``label | status``; ``status`` is one of :data:`COLOURS`."""
    if status not in COLOURS:
        raise ValueError(f"badge status: expected one of {sorted(COLOURS)}, got {status!r}")
    left, right = _width(label), _width(status)
    total = left + right
    lab, stat = escape(label, {'"': "&quot;"}), escape(status)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{lab}: {stat}">'
        f"<title>{lab}: {stat}</title>"
        f'<rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{COLOURS[status]}"/>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" '
        f'font-size="11">'
        f'<text x="{left / 2}" y="14">{lab}</text>'
        f'<text x="{left + right / 2}" y="14">{stat}</text>'
        f"</g></svg>"
    )
