"""The web UI's pages: the index (pacticipants and network), a pacticipant, a pact and
the matrix. Each returns a complete HTML :class:`~polypact_broker.web.http.Response`."""

from __future__ import annotations

from datetime import datetime

from polypact_broker.store import iso
from polypact_broker.store import pacticipants as pp
from polypact_broker.ui import data
from polypact_broker.ui.html import Child, link, render, seg, status_badge, table, tag
from polypact_broker.ui.layout import page
from polypact_broker.ui.network import network
from polypact_broker.ui.render.pact import render_pact
from polypact_broker.ui.render.parts import meta
from polypact_broker.web.context import Ctx
from polypact_broker.web.http import Response


def when(value: datetime | None) -> str:
    """A timestamp as ``2024-05-01 12:30 UTC`` (empty when missing)."""
    text = iso(value)
    return text[:16].replace("T", " ") + " UTC" if text else ""


def who(base: str, name: str) -> Child:
    """A link to a pacticipant's page."""
    return tag("a", name, href=f"{base}/ui/pacticipants/{seg(name)}")


def pact_href(base: str, consumer: str, provider: str, version: str | None = None) -> str:
    """The UI address of the latest pact of a pair (or of one consumer version's pact)."""
    tail = "latest" if version is None else f"version/{seg(version)}"
    return f"{base}/ui/pacts/provider/{seg(provider)}/consumer/{seg(consumer)}/{tail}"


def index_page(ctx: Ctx, base: str) -> Response:
    """Pacticipants and the network of integrations."""
    with ctx.db.read() as conn:
        items = data.integrations(conn)
        rows = pp.list_pacticipants(conn)
        latest = {r.name: pp.latest_version(conn, r.name) for r in rows}
    people = [[who(base, r.name), r.display_name or "", r.main_branch or "",
               latest[r.name].number if latest[r.name] is not None else ""] for r in rows]
    return page(base, "Pacticipants and integrations",
                tag("h2", "Network of integrations"), network(base, items),
                tag("h2", "Pacticipants"),
                table(["Name", "Display name", "Main branch", "Latest version"], people,
                      class_="pacticipants") if rows else
                tag("p", "No pacticipants yet.", class_="muted"))


def pacticipant_page(ctx: Ctx, base: str, name: str) -> Response:
    """A pacticipant: versions, branches, tags, deployments, releases, integrations."""
    with ctx.db.read() as conn:
        view = data.pacticipant(conn, name)
        items = [i for i in data.integrations(conn) if name in (i.consumer, i.provider)]
    if view is None:
        return page(base, "Not found", tag("p", f"No pacticipant named {name!r}."), status=404)
    row = view.row
    versions = [[v.number, when(v.created_at), ", ".join(b), ", ".join(t),
                 link(v.build_url, v.build_url or "")] for v, b, t in view.versions]
    deployed = [[d.environment, d.version, d.application_instance or "", when(d.created_at)]
                for d in view.deployed]
    released = [[r.environment, r.version, when(r.created_at)] for r in view.released]
    pairs = [[who(base, i.consumer), "→", who(base, i.provider),
              tag("a", i.consumer_version, href=pact_href(base, i.consumer, i.provider)),
              status_badge(i.success)] for i in items]
    return page(base, row.display_name or row.name, render([
        meta([("Name", row.name), ("Main branch", row.main_branch),
              ("Repository", link(row.repository_url, row.repository_url or "")),
              ("Branches", ", ".join(view.branches))]),
        tag("h2", "Integrations"),
        table(["Consumer", "", "Provider", "Latest pact", "Latest verification"], pairs)
        if pairs else tag("p", "No integrations.", class_="muted"),
        tag("h2", "Deployed"),
        table(["Environment", "Version", "Instance", "Since"], deployed, class_="deployed")
        if deployed else tag("p", "Not currently deployed anywhere.", class_="muted"),
        tag("h2", "Released"),
        table(["Environment", "Version", "Since"], released, class_="released")
        if released else tag("p", "No supported releases.", class_="muted"),
        tag("h2", "Versions"),
        table(["Version", "Created", "Branches", "Tags", "Build"], versions, class_="versions")
        if versions else tag("p", "No versions.", class_="muted"),
        tag("p", tag("a", "Matrix of this pacticipant",
                     href=f"{base}/ui/matrix?pacticipant={seg(row.name)}")),
    ]))


def pact_page(ctx: Ctx, base: str, provider: str, consumer: str,
              version: str | None = None) -> Response:
    """The latest pact between a consumer and a provider (or one version's), readable."""
    with ctx.db.read() as conn:
        view = data.pact(conn, consumer, provider, version)
    title = f"Pact between {consumer} and {provider}"
    if view is None:
        what = "no pact" if version is None else f"no pact for consumer version {version!r}"
        return page(base, title, tag("p", f"There is {what} between {consumer!r} and "
                                          f"{provider!r}."), status=404)
    ver = view.verification
    api = f"{base}/pacts/provider/{seg(provider)}/consumer/{seg(consumer)}/pact-version/{view.sha}"
    return page(base, title, render([
        meta([("Consumer", who(base, view.consumer)), ("Provider", who(base, view.provider)),
              ("Consumer version", view.consumer_version),
              ("Branches", ", ".join(view.branches)), ("Tags", ", ".join(view.tags)),
              ("Published", when(view.published_at)),
              ("Latest verification", [status_badge(None if ver is None else bool(ver.success)),
                                       f" by {ver.provider} {ver.provider_version}, "
                                       f"{when(ver.created_at)}" if ver is not None else None]),
              ("JSON", tag("a", view.sha[:12], href=api))]),
        render_pact(view.document, parties=False),
    ]))


def matrix_page(ctx: Ctx, base: str) -> Response:
    """Consumer version × provider version results, filtered by ``?pacticipant=`` (one
    or more)."""
    chosen = {v for k, v in ctx.request.query if k == "pacticipant" and v}
    with ctx.db.read() as conn:
        names = [r.name for r in pp.list_pacticipants(conn)]
        rows, cut = data.matrix(conn, chosen or None)
    options = [tag("option", n, value=n, selected=n in chosen) for n in names]
    form = tag("form", tag("label", "Pacticipant ", for_="pacticipant"),
               tag("select", tag("option", "(all)", value=""), options, name="pacticipant",
                   id="pacticipant"),
               tag("button", "Filter", type="submit"),
               method="get", action=f"{base}/ui/matrix", class_="filter")
    cells = [[who(base, r.consumer), r.consumer_version, who(base, r.provider),
              r.provider_version or "", status_badge(r.success), when(r.verified_at),
              tag("a", "pact", href=pact_href(base, r.consumer, r.provider, r.consumer_version))]
             for r in rows]
    body = tag("table", tag("thead", tag("tr", [tag("th", h, scope="col") for h in (
        "Consumer", "Consumer version", "Provider", "Provider version", "Result",
        "Verified", "")])),
        tag("tbody", [tag("tr", [tag("td", c) for c in cells_of], class_="matrix-row",
                          data_status={True: "success", False: "failure",
                                       None: "unverified"}[r.success])
                      for cells_of, r in zip(cells, rows, strict=True)]),
        class_="matrix")
    return page(base, "Matrix", form,
                tag("p", "Filtered by: ", ", ".join(sorted(chosen)), class_="muted") if chosen else None,
                body if rows else tag("p", "No pacts match.", class_="muted"),
                tag("p", f"Only the first {len(rows)} rows are shown.", class_="muted") if cut else None)
