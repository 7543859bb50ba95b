"""The network of integrations: an inline SVG graph (consumers to the left of their
providers, edges coloured by the latest verification status) and the same facts as a
table. No script: the SVG is plain markup styled by the UI's stylesheet."""

from __future__ import annotations

from polypact_broker.ui.data import Integration
from polypact_broker.ui.html import Safe, render, seg, status_badge, tag

#: Above this many pacticipants only the table is shown.
MAX_GRAPH_NODES = 60

_NODE_W, _NODE_H, _COL_W, _ROW_H, _PAD = 180, 34, 260, 56, 20

STATUS = {True: "success", False: "failure", None: "unverified"}


def layers(edges: list[tuple[str, str]]) -> dict[str, int]:
    """Column of each pacticipant: 0 for those no one depends on, then one more than
    its deepest consumer (bounded, so cycles end)."""
    nodes = sorted({n for e in edges for n in e})
    depth = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):
        changed = False
        for consumer, provider in edges:
            if depth[provider] < depth[consumer] + 1 <= len(nodes) - 1:
                depth[provider] = depth[consumer] + 1
                changed = True
        if not changed:
            break
    return depth


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def graph(base: str, items: list[Integration]) -> Safe:
    """The integrations as an SVG graph (empty when there are none or too many)."""
    edges = [(i.consumer, i.provider) for i in items]
    depth = layers(edges)
    if not depth or len(depth) > MAX_GRAPH_NODES:
        return Safe("")
    columns: dict[int, list[str]] = {}
    for name in sorted(depth):
        columns.setdefault(depth[name], []).append(name)
    pos = {name: (_PAD + col * _COL_W, _PAD + row * _ROW_H)
           for col, names in columns.items() for row, name in enumerate(names)}
    width = _PAD * 2 + max(columns) * _COL_W + _NODE_W
    height = _PAD * 2 + max(len(v) for v in columns.values()) * _ROW_H - (_ROW_H - _NODE_H)
    lines = []
    for item in items:
        (x1, y1), (x2, y2) = pos[item.consumer], pos[item.provider]
        if item.consumer == item.provider:
            continue
        forward = x2 > x1
        lines.append(tag(
            "line", tag("title", f"{item.consumer} → {item.provider}: {STATUS[item.success]}"),
            x1=x1 + (_NODE_W if forward else _NODE_W // 2), y1=y1 + (_NODE_H // 2 if forward else _NODE_H),
            x2=x2 - 6 if forward else x2 + _NODE_W // 2, y2=y2 + (_NODE_H // 2 if forward else 0),
            class_=f"edge edge-{STATUS[item.success]}", marker_end="url(#arrow)"))
    nodes = [tag("a", tag("rect", x=x, y=y, width=_NODE_W, height=_NODE_H, rx=6, class_="node"),
                 tag("text", _short(name), x=x + 10, y=y + 22), tag("title", name),
                 href=f"{base}/ui/pacticipants/{seg(name)}")
             for name, (x, y) in sorted(pos.items())]
    marker = tag("defs", tag("marker", tag("path", d="M0,0 L10,5 L0,10 z"), id="arrow",
                             viewBox="0 0 10 10", refX=9, refY=5, markerWidth=7,
                             markerHeight=7, orient="auto-start-reverse"))
    svg = tag("svg", marker, lines, nodes, xmlns="http://www.w3.org/2000/svg", width=width,
              height=height, viewBox=f"0 0 {width} {height}", role="img",
              aria_label="Network of integrations")
    return tag("div", svg, class_="graph")


def integrations_table(base: str, items: list[Integration]) -> Safe:
    """Consumer → provider rows with the latest pact and its latest verification."""
    rows = [[
        tag("a", i.consumer, href=f"{base}/ui/pacticipants/{seg(i.consumer)}"), "→",
        tag("a", i.provider, href=f"{base}/ui/pacticipants/{seg(i.provider)}"),
        tag("a", i.consumer_version,
            href=f"{base}/ui/pacts/provider/{seg(i.provider)}/consumer/{seg(i.consumer)}/latest"),
        status_badge(i.success), i.provider_version or "",
    ] for i in items]
    return tag("table", tag("thead", tag("tr", [tag("th", h, scope="col") for h in (
        "Consumer", "", "Provider", "Latest pact", "Latest verification", "Provider version")])),
        tag("tbody", [tag("tr", [tag("td", c) for c in row], class_="integration",
                          data_status=STATUS[i.success]) for row, i in zip(rows, items, strict=True)]),
        class_="integrations")


def network(base: str, items: list[Integration]) -> Safe:
    """Graph and table of the integrations."""
    if not items:
        return tag("p", "No pacts have been published yet.", class_="muted")
    return render([graph(base, items), integrations_table(base, items)])
