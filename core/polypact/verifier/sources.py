"""Loading pacts for verification through the registered pact sources.

A location ``scheme:rest`` whose scheme is a registered source (``broker:...``) goes to
that source; anything else (a file or directory path) goes to the ``file`` source.
"""

from __future__ import annotations

from typing import Any

from polypact.errors import UsageError
from polypact.verifier.results import LoadedPact


def source_for(location: str, sources: dict[str, Any]) -> tuple[str, str]:
    """Split ``location`` into (source name, location for that source)."""
    scheme, sep, rest = location.partition(":")
    if sep and len(scheme) > 1 and scheme in sources and scheme != "file":
        return scheme, rest
    if sep and scheme == "file" and "file" in sources:
        return "file", rest[2:] if rest.startswith("//") else rest
    return "file", location


def load_location(location: str, registry: Any, options: dict[str, Any] | None = None) -> list[LoadedPact]:
    """Load every pact at ``location`` with the source its scheme selects."""
    sources = registry.tables["pact_sources"]
    name, rest = source_for(str(location), sources)
    loader = sources.get(name)
    if loader is None:
        known = ", ".join(sorted(sources)) or "none"
        raise UsageError(
            f"no pact source {name!r} is registered (registered: {known}); "
            f"see `polypact plugins`"
        )
    loaded = loader(rest, dict(options or {}))
    out: list[LoadedPact] = []
    for item in loaded:
        out.append(item if isinstance(item, LoadedPact) else LoadedPact(item, source=str(location)))
    return out


def load_files(location: str, options: dict[str, Any]) -> list[LoadedPact]:
    """The ``file`` source: one pact file, or every ``*.json`` file of a directory
    (sorted by name, not recursive)."""
    from polypact.pactfile import pact_paths, read_pact

    return [LoadedPact(read_pact(f), source=str(f)) for f in pact_paths(location)]
