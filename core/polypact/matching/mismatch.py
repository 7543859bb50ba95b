"""Structured mismatches: what the matching engine reports when actual differs from expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Mismatch categories used by the core. Plugins may add their own (e.g. ``grpc-status``).
CATEGORIES = (
    "method", "path", "query", "header", "body", "body-type", "status", "metadata",
)


@dataclass(frozen=True)
class Mismatch:
    """One difference between expected and actual.

    ``category`` says which part of the interaction differs (``body``, ``header``, ...),
    ``path`` where (a JSON path such as ``$.items[0].id``, an XML path, a header or query
    name), ``expected`` / ``actual`` the values compared (may be ``None``), ``rule`` the
    matcher applied (``"type"``, ``"regex"``, ``"equality"``, ...) and ``message`` a one-line
    human explanation.
    """

    category: str
    path: str
    message: str
    expected: Any = None
    actual: Any = None
    rule: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (for reports)."""
        out: dict[str, Any] = {
            "category": self.category,
            "path": self.path,
            "message": self.message,
        }
        if self.rule is not None:
            out["rule"] = self.rule
        out["expected"] = _jsonable(self.expected)
        out["actual"] = _jsonable(self.actual)
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return repr(value)
