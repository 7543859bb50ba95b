"""The web UI's stylesheet, kept in Python so it ships with the package as code."""

from __future__ import annotations

CSS = """
:root { --fg: #1d2430; --muted: #5b6573; --line: #d8dde4; --bg: #f6f7f9; --card: #fff;
  --accent: #2f5fd0; --ok: #1e7d3a; --ok-bg: #e3f4e8; --bad: #b3261e; --bad-bg: #fbe5e3;
  --unk: #7a5b00; --unk-bg: #fff3cd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
header { background: #18202c; }
nav { display: flex; gap: 1.5rem; align-items: center; max-width: 1200px; margin: 0 auto;
  padding: .7rem 1.25rem; }
nav a { color: #dfe6f1; text-decoration: none; }
nav a:hover { color: #fff; text-decoration: underline; }
nav a.brand { font-weight: 700; color: #fff; margin-right: 1rem; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .6rem 0 1rem; word-break: break-word; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; word-break: break-word; }
h4 { font-size: .95rem; margin: .9rem 0 .3rem; color: var(--muted); }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: var(--card);
  border: 1px solid var(--line); margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; word-break: break-word; }
th { background: #eef1f5; font-weight: 600; font-size: .9rem; }
pre { background: #f0f2f5; border: 1px solid var(--line); border-radius: 4px;
  padding: .55rem .7rem; overflow-x: auto; font: 13px/1.4 ui-monospace, "DejaVu Sans Mono",
  Menlo, Consolas, monospace; margin: .3rem 0 .6rem; white-space: pre; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  padding: .9rem 1.1rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem;
  font-size: .8rem; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.status-success { color: var(--ok); background: var(--ok-bg); border-color: #b7e0c2; }
.status-failure { color: var(--bad); background: var(--bad-bg); border-color: #f2b8b3; }
.status-unverified { color: var(--unk); background: var(--unk-bg); border-color: #f1dc94; }
.kind { background: #e8eefc; color: #23408f; border-color: #c5d3f5; }
.pending { background: #fff3cd; color: #7a5b00; border-color: #f1dc94; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.pair > div { min-width: 0; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-word; }
ul.plain { list-style: none; padding: 0; margin: .2rem 0; }
ul.plain li { margin: .15rem 0; }
.graph { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  margin: .4rem 0 1rem; overflow-x: auto; }
.graph rect.node { fill: #eef3ff; stroke: #6f8ed8; }
.graph text { font-size: 13px; fill: #1d2430; }
.graph line { stroke-width: 2; }
.graph .edge-success { stroke: var(--ok); }
.graph .edge-failure { stroke: var(--bad); }
.graph .edge-unverified { stroke: #c79a00; stroke-dasharray: 6 4; }
.graph marker path { fill: #5b6573; }
form.filter { display: flex; gap: .6rem; align-items: center; margin: .4rem 0 1rem; flex-wrap: wrap; }
select, button, input { font: inherit; padding: .25rem .5rem; }
.toc { columns: 2; }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } .toc { columns: 1; } }
"""
