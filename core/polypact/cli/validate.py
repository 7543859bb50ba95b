"""``polypact validate``: read pact files and name every problem found."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from polypact.errors import PolypactError


def _files(location: str) -> list[Path]:
    path = Path(location)
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    return [path]


def pact_problems(pact: Any, registry: Any) -> tuple[list[str], list[str]]:
    """Problems (which make the pact invalid) and warnings for a pact that parsed."""
    problems: list[str] = []
    warnings: list[str] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, interaction in enumerate(pact.interactions):
        where = f"$.interactions[{i}]"
        if not interaction.description:
            problems.append(f"{where}.description: an interaction needs a non-empty description")
        ident = (interaction.description, tuple(interaction.state_names()))
        if ident in seen:
            problems.append(
                f"{where}: same description and provider states as "
                f"$.interactions[{seen[ident]}] ({interaction.description!r})"
            )
        seen.setdefault(ident, i)
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


class ValidateCommand:
    """Check that pact files are readable and consistent."""

    help = "read pact files and report every problem (exit 2 if any)"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact validate``."""
        parser.add_argument("pacts", nargs="+", metavar="PACT", help="pact files or directories")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Validate each file; 0 when all are valid, 2 otherwise."""
        from polypact.pactfile import read_pact

        bad = 0
        files = [f for location in args.pacts for f in _files(location)]
        if not files:
            print("polypact validate: error: no pact files found", file=sys.stderr)
            return 2
        for path in files:
            try:
                pact = read_pact(path)
            except PolypactError as exc:
                bad += 1
                text = str(exc)
                text = text[len(str(path)) + 2:] if text.startswith(f"{path}: ") else text
                print(f"{path}: error: {text}", file=sys.stderr)
                continue
            except OSError as exc:
                bad += 1
                print(f"{path}: error: {exc.strerror or exc}", file=sys.stderr)
                continue
            problems, warnings = pact_problems(pact, registry)
            for problem in problems:
                print(f"{path}: error: {problem}", file=sys.stderr)
            for warning in warnings:
                print(f"{path}: warning: {warning}", file=sys.stderr)
            if problems:
                bad += 1
            else:
                print(
                    f"{path}: ok ({pact.consumer.name} -> {pact.provider.name}, "
                    f"{len(pact.interactions)} interaction(s), V{pact.spec_version})"
                )
        return 2 if bad else 0
