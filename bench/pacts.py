"""Pact documents the benchmarks verify, built as plain V4 JSON so both tools read the
same bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.providers import item

RULES_ITEM = {
    "$.id": {"combine": "AND", "matchers": [{"match": "integer"}]},
    "$.name": {"combine": "AND", "matchers": [{"match": "type"}]},
    "$.price": {"combine": "AND", "matchers": [{"match": "decimal"}]},
    "$.active": {"combine": "AND", "matchers": [{"match": "boolean"}]},
    "$.tags": {"combine": "AND", "matchers": [{"match": "type", "min": 1}]},
}


def http_interaction(description: str, path: str, body: Any, rules: dict[str, Any]
                     ) -> dict[str, Any]:
    """A V4 ``Synchronous/HTTP`` interaction: ``GET path`` answered 200 with ``body``."""
    return {
        "type": "Synchronous/HTTP",
        "description": description,
        "pending": False,
        "request": {"method": "GET", "path": path,
                    "headers": {"Accept": ["application/json"]}},
        "response": {
            "status": 200,
            "headers": {"Content-Type": ["application/json"]},
            "body": {"contentType": "application/json", "encoded": False, "content": body},
            "matchingRules": {"body": rules},
        },
    }


def pact_document(provider: str, interactions: list[dict[str, Any]]) -> dict[str, Any]:
    """A V4 pact between ``bench-consumer`` and ``provider``."""
    return {
        "consumer": {"name": "bench-consumer"},
        "provider": {"name": provider},
        "interactions": interactions,
        "metadata": {"pactSpecification": {"version": "4.0"}},
    }


def items_pact(count: int) -> dict[str, Any]:
    """``count`` interactions ``GET /items/<n>`` with type/number rules on the example
    body (the provider's real values differ from the examples for half the fields)."""
    interactions = []
    for n in range(count):
        example = item(n)
        example["name"] = "example"
        interactions.append(http_interaction(f"a request for item {n}", f"/items/{n}",
                                             example, RULES_ITEM))
    return pact_document("bench-items", interactions)


def each_like_rules() -> dict[str, Any]:
    """Rules for ``{"items": each_like({id: integer, name: type, ...})}``."""
    rules = {"$.items": {"combine": "AND", "matchers": [{"match": "type", "min": 1}]}}
    for key, rule in RULES_ITEM.items():
        rules["$.items[*]." + key[2:]] = rule
    return rules


def write(document: dict[str, Any], folder: Path, name: str) -> Path:
    """Write ``document`` as ``folder/name`` and return the path."""
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
