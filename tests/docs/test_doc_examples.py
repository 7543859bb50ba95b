"""Every ``python`` code block in the docs runs.

For each ``docs/**/*.md`` file, its ```` ```python ```` fenced blocks (only those: not
``text``, ``pycon``, ``bash``...) are joined into one script and run in a subprocess whose
working directory is a fresh temporary folder. One test per file, named by its path; files
without python blocks are not collected at all.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

DOCS = REPO / "docs"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")


def python_blocks(markdown: str) -> list[tuple[int, str]]:
    """The ``python`` fenced blocks of a Markdown text, as (first line number, code).

    The info string's first word must be exactly ``python`` (``py`` and ``pycon`` are not
    run); a block indented inside a list item is dedented by its fence's indentation.
    """
    blocks: list[tuple[int, str]] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        words = opening["info"].split()
        language = words[0] if words else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            closing = _FENCE.match(lines[j])
            if closing and closing["fence"][0] == fence[0] \
                    and len(closing["fence"]) >= len(fence) and not closing["info"].strip():
                break
            line = lines[j]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            j += 1
        if language == "python":
            blocks.append((i + 2, "\n".join(body)))
        i = j + 1
    return blocks


def script_for(path: Path) -> str:
    """One script from a docs file's python blocks, each preceded by a marker comment
    naming the file and line, so a traceback points back at the Markdown source."""
    parts = []
    for line_no, code in python_blocks(path.read_text(encoding="utf-8")):
        parts.append(f"# --- {path.relative_to(REPO)}:{line_no}\n{code}\n")
    return "\n".join(parts)


def _doc_files() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if python_blocks(p.read_text(encoding="utf-8")))


@pytest.mark.parametrize("doc", _doc_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_doc_python_blocks_run(doc: Path, tmp_path: Path) -> None:
    """The file's python blocks run, in order, as one script, without error."""
    script = tmp_path / "doc_script.py"
    script.write_text(script_for(doc), encoding="utf-8")
    env = {**os.environ, "PACT_DO_NOT_TRACK": "true", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (
        f"{doc.relative_to(REPO)}: its python blocks failed (exit {done.returncode})\n"
        f"--- stdout\n{done.stdout[-4000:]}\n--- stderr\n{done.stderr[-4000:]}"
    )


def test_extractor_takes_only_python_blocks() -> None:
    """``python`` blocks (also indented and with extra info words) are taken, in order;
    ``text``/``pycon``/``bash``/untagged blocks and longer fences' contents are not."""
    markdown = "\n".join([
        "# Title", "```python", "a = 1", "```",
        "```text", "not code", "```",
        "```pycon", ">>> b = 2", "```",
        "````markdown", "```python", "inside = 'a markdown example'", "```", "````",
        "1. step", "   ```python title=x", "   c = a + 1", "   ```",
        "```", "untagged", "```",
        "~~~python", "d = c * 2", "~~~",
    ])
    blocks = python_blocks(markdown)
    assert [code for _, code in blocks] == ["a = 1", "c = a + 1", "d = c * 2"]
    assert blocks[0][0] == 3


def test_script_marks_each_block_with_its_source_line(tmp_path: Path) -> None:
    """The generated script names the Markdown file and line of every block."""
    doc = DOCS / "tutorial" / "http.md"
    if not doc.exists():
        pytest.skip("docs/tutorial/http.md is not written yet")
    script = script_for(doc)
    markers = re.findall(r"^# --- docs/tutorial/http\.md:(\d+)$", script, re.M)
    assert len(markers) == len(python_blocks(doc.read_text(encoding="utf-8"))) > 0


_LINK = re.compile(r"\[[^\]]+\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", ["index.md", "tutorial/http.md"])
def test_relative_links_resolve(page: str) -> None:
    """Every relative link of the docs map (and the HTTP tutorial) names an existing file."""
    path = DOCS / page
    targets = [t for t in _LINK.findall(path.read_text(encoding="utf-8"))
               if "://" not in t and not t.startswith("mailto:")]
    assert targets, f"{page} has no relative links"
    missing = [t for t in targets if not (path.parent / t).resolve().exists()]
    assert not missing, f"docs/{page} links to missing files: {missing}"
