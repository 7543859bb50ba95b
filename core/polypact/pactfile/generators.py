"""Reading generators: ``{category: {path: {"type": ..., ...}}}``; the pathless categories
(``path``, ``status``, ``method``) hold one generator at the path ``""``.

With ``strict`` (the default) each definition is checked when it is read, as matching
rules are: its ``type`` must be a registered generator (checked only when plugins
registered generators at all) and the generator's own ``validate(definition)`` (the
standard generators have one) must accept it, so a bad regex, date format or ``min``
is an error naming the file and JSON path instead of a failure at run time.
"""

from __future__ import annotations

from typing import Any

from polypact.errors import MatcherDefinitionError
from polypact.model.generators import Generator, Generators
from polypact.model.rules import PATHLESS_CATEGORIES
from polypact.pactfile._checks import check_rule_path, registry_for
from polypact.pactfile._context import attempt, child, describe, expect_object

CATEGORY_ALIASES = {"headers": "header", "content": "body", "contents": "body"}


def category_name(name: str) -> str:
    """The canonical name of a rule/generator category (aliases resolved)."""
    lowered = name.lower()
    return CATEGORY_ALIASES.get(lowered, lowered)


def parse_generators(obj: Any, spec_version: str = "4.0", *, source: str | None = None,
                     path: str = "$.generators", strict: bool = True) -> Generators:
    """The :class:`Generators` of a ``generators`` value (``{category: {path: {type...}}}``;
    ``path``/``status``/``method`` hold one generator at path ``""``)."""
    generators = Generators()
    if obj is None:
        return generators
    obj = expect_object(obj, source, path)
    for cat, value in obj.items():
        attempt(lambda cat=cat, value=value: _load_category(
            generators, category_name(cat), value, source, child(path, cat), strict), None)
    return generators


def _load_category(generators: Generators, category: str, value: Any, source: str | None,
                   path: str, strict: bool) -> None:
    value = expect_object(value, source, path)
    if category in PATHLESS_CATEGORIES or "type" in value:
        generators.add(category, "", parse_generator(value, source=source, path=path,
                                                     strict=strict))
        return
    for sub, gen in value.items():
        attempt(lambda sub=sub, gen=gen: _load_generator(
            generators, category, sub, gen, source, child(path, sub), strict), None)


def _load_generator(generators: Generators, category: str, sub: str, gen: Any,
                    source: str | None, path: str, strict: bool) -> None:
    if strict:
        check_rule_path(sub, category, source=source, path=path)
    generators.add(category, sub, parse_generator(gen, source=source, path=path, strict=strict))


def parse_generator(obj: Any, *, source: str | None = None, path: str = "$",
                    strict: bool = True) -> Generator:
    """One :class:`Generator` from ``{"type": "RandomInt", "min": 0, ...}`` (validated
    with :func:`validate_generator` when ``strict``)."""
    obj = expect_object(obj, source, path)
    kind = obj.get("type")
    if not isinstance(kind, str) or not kind:
        raise MatcherDefinitionError(f"expected a generator 'type' string, found {describe(kind)}",
                                     source=source, path=child(path, "type"))
    generator = Generator(kind, {k: v for k, v in obj.items() if k != "type"})
    if strict:
        validate_generator(generator, source=source, path=path)
    return generator


def validate_generator(generator: Generator, *, source: str | None, path: str) -> None:
    """Check one generator definition: a registered ``type`` and the generator's own
    ``validate(definition)``. Raises :class:`MatcherDefinitionError` naming ``path``."""
    registry = registry_for("generators")
    if registry is None:
        return
    fn = registry.generator(generator.kind)
    if fn is None:
        known = ", ".join(sorted(registry.tables["generators"]))
        raise MatcherDefinitionError(
            f"unknown generator type {generator.kind!r} (known generators: {known})",
            source=source, path=child(path, "type"))
    validate = getattr(fn, "validate", None)
    if callable(validate):
        reason = validate(generator)
        if reason:
            raise MatcherDefinitionError(f"{generator.kind} generator: {reason}",
                                         source=source, path=path)
