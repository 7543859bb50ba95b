"""``polypact validate``: read pact files and name every problem found.

Each file is read with :func:`polypact.pactfile.inspect_pact`, which goes on after a
problem (per field, then per interaction), so one run lists every problem: one line per
problem, ``<file>: error: at <JSON path>: <what was expected>``, then the checks that need
a whole pact (descriptions, duplicates, paths, statuses) on what could be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from polypact.errors import PactFileError, PolypactError
from polypact.pactfile.document import pact_files_in


def _files(location: str) -> list[Path]:
    path = Path(location)
    if path.is_dir():
        return pact_files_in(path)
    return [path]


def pact_problems(pact: Any, registry: Any,
                  paths: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Problems (which make the pact invalid) and warnings for a pact that parsed.

    ``paths`` holds the JSON path of each interaction (``$.interactions[i]`` when omitted).
    """
    problems: list[str] = []
    warnings: list[str] = []
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for i, interaction in enumerate(pact.interactions):
        where = paths[i] if paths is not None else f"$.interactions[{i}]"
        if not interaction.description:
            problems.append(f"{where}.description: an interaction needs a non-empty description")
        ident = (interaction.description, tuple(interaction.state_names()))
        if ident in seen:
            problems.append(
                f"{where}: same description and provider states as "
                f"{seen[ident]} ({interaction.description!r})"
            )
        seen.setdefault(ident, where)
        for j, state in enumerate(interaction.provider_states):
            if not state.name:
                problems.append(f"{where}.providerStates[{j}].name: a provider state needs a name")
        request = getattr(interaction, "request", None)
        if hasattr(request, "path") and not str(request.path).startswith("/"):
            problems.append(f"{where}.request.path: expected a path starting with '/', got {request.path!r}")
        response = getattr(interaction, "response", None)
        status = getattr(response, "status", None)
        if isinstance(status, int) and not 100 <= status <= 599:
            problems.append(f"{where}.response.status: expected 100..599, got {status}")
        try:
            registry.transport_name_for(interaction)
        except PolypactError as exc:
            warnings.append(f"{where}: {exc}")
    return problems, warnings


def error_line(error: PactFileError) -> str:
    """One reading problem as written after ``<file>: error: `` (``at <path>: <reason>``)."""
    return f"at {error.path}: {error.reason}" if error.path else error.reason


class ValidateCommand:
    """Check that pact files are readable and consistent."""

    help = "read pact files and report every problem (exit 2 if any)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact validate``."""
        parser.add_argument("pacts", nargs="+", metavar="PACT", help="pact files or directories")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Validate each file, naming every problem; 0 when all are valid, 2 otherwise."""
        from polypact.pactfile import inspect_pact

        files = [f for location in args.pacts for f in _files(location)]
        if not files:
            print("polypact validate: error: no pact files found", file=sys.stderr)
            return 2
        bad = 0
        for path in files:
            inspection = inspect_pact(path)
            problems = [error_line(e) for e in inspection.errors]
            warnings: list[str] = []
            pact = inspection.pact
            if pact is not None:
                more, warnings = pact_problems(pact, registry, inspection.paths)
                problems.extend(more)
            for problem in problems:
                print(f"{path}: error: {problem}", file=sys.stderr)
            for warning in warnings:
                print(f"{path}: warning: {warning}", file=sys.stderr)
            if problems or pact is None:
                bad += 1
            else:
                print(
                    f"{path}: ok ({pact.consumer.name} -> {pact.provider.name}, "
                    f"{len(pact.interactions)} interaction(s), V{pact.spec_version})"
                )
        return 2 if bad else 0
