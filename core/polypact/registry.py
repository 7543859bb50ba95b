"""The registry: everything plugins registered, looked up by key.

A :class:`Registry` is built from a plugin manager by calling each ``polypact_register_*``
hook once per plugin with a ``register`` callable. It records which plugin registered what
(``polypact plugins`` shows it) and refuses a key registered twice, naming both plugins.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pluggy

from polypact.errors import PluginError
from polypact.model.body import media_type

#: Registration kinds: registry attribute name -> hook name.
KINDS = {
    "content_matchers": "polypact_register_content_matchers",
    "content_generators": "polypact_register_content_generators",
    "matchers": "polypact_register_matchers",
    "generators": "polypact_register_generators",
    "transports": "polypact_register_transports",
    "interaction_builders": "polypact_register_interaction_builders",
    "pact_sources": "polypact_register_pact_sources",
    "commands": "polypact_register_commands",
    "reporters": "polypact_register_reporters",
}


class Registry:
    """Lookup tables filled by the plugins of one plugin manager."""

    def __init__(self, pm: pluggy.PluginManager, *, eager: bool = True):
        self.pm = pm
        self.tables: dict[str, dict[str, Any]] = _KindTables(self)
        self.owners: dict[str, dict[str, str]] = _KindTables(self)
        if eager:
            for kind in KINDS:
                self._fill(kind)
        self._media_cache: dict[tuple[str, str], Any] = {}
        self._has_selectors = bool(pm.hook.polypact_select_content_matcher.get_hookimpls())
        self._has_query_selectors = bool(pm.hook.polypact_select_query_matcher.get_hookimpls())

    def _fill(self, kind: str) -> None:
        """Call one registration hook for every plugin (once per kind)."""
        if dict.__contains__(self.tables, kind):
            return
        dict.__setitem__(self.tables, kind, {})
        dict.__setitem__(self.owners, kind, {})
        caller = getattr(self.pm.hook, KINDS[kind])
        for impl in reversed(caller.get_hookimpls()):
            impl.function(register=self._registrar(kind, impl.plugin_name))

    def _registrar(self, kind: str, plugin_name: str) -> Callable[[str, Any], None]:
        table = self.tables[kind]
        owners = self.owners[kind]

        def register(key: str, value: Any) -> None:
            key = key.lower() if kind in ("content_matchers", "content_generators") else key
            if key in table:
                raise PluginError(
                    f"{kind.replace('_', ' ')[:-1]} {key!r} is registered by both plugin "
                    f"{owners[key]!r} and plugin {plugin_name!r}"
                )
            table[key] = value
            owners[key] = plugin_name

        return register

    # -- lookups ------------------------------------------------------------------------
    def registered_by(self, plugin_name: str) -> dict[str, list[str]]:
        """What one plugin registered, by kind."""
        out: dict[str, list[str]] = {}
        for kind in KINDS:
            owners = self.owners[kind]
            keys = sorted(k for k, owner in owners.items() if owner == plugin_name)
            if keys:
                out[kind] = keys
        return out

    def matcher(self, name: str) -> Any:
        """The value matcher registered as ``name`` (``None`` when unknown)."""
        return self.tables["matchers"].get(name)

    def generator(self, name: str) -> Any:
        """The value generator registered as ``name`` (``None`` when unknown)."""
        return self.tables["generators"].get(name)

    def transport(self, name: str) -> Any:
        """The transport registered as ``name``; :class:`PluginError` when none is."""
        try:
            return self.tables["transports"][name]
        except KeyError:
            known = ", ".join(sorted(self.tables["transports"])) or "none"
            raise PluginError(
                f"no transport named {name!r} is registered (registered: {known}); "
                f"is its plugin installed and enabled? see `polypact plugins --all`"
            ) from None

    def transport_name_for(self, interaction: Any) -> str:
        """The transport name that serves ``interaction`` (its ``transport`` field, else
        the ``polypact_transport_for_interaction`` hook, else the one for its type)."""
        if getattr(interaction, "transport", None):
            return interaction.transport
        name = self.pm.hook.polypact_transport_for_interaction(interaction=interaction)
        if name:
            return name
        for tname, transport in self.tables["transports"].items():
            if interaction.type in getattr(transport, "interaction_types", ()):
                return tname
        raise PluginError(
            f"no transport handles interactions of type {interaction.type!r} "
            f"(interaction {interaction.description!r})"
        )

    def builder_method(self, name: str) -> Any:
        """The DSL function registered as ``name`` (``None`` when unknown)."""
        return self.tables["interaction_builders"].get(name)

    def content_matcher(
        self, content_type: str | None, interaction: Any = None, part: str = ""
    ) -> Any:
        """The body matcher for a content type: a plugin's choice through the
        ``polypact_select_content_matcher`` hook when one makes it (only asked when an
        interaction is given), else the most specific registered media-type pattern."""
        if interaction is not None and self._has_selectors:
            chosen = self.pm.hook.polypact_select_content_matcher(
                content_type=content_type or "", interaction=interaction, part=part
            )
            if chosen is not None:
                return chosen
        return self._by_media("content_matchers", content_type)

    def query_matcher(self, interaction: Any) -> Any:
        """A plugin's query-parameter matcher for ``interaction`` (``None``: the standard
        multimap comparison), chosen through ``polypact_select_query_matcher``."""
        if interaction is None or not self._has_query_selectors:
            return None
        return self.pm.hook.polypact_select_query_matcher(interaction=interaction)

    def content_generator(self, content_type: str | None) -> Any:
        """The body generator applier for a content type (most specific pattern wins)."""
        return self._by_media("content_generators", content_type)

    def _by_media(self, kind: str, content_type: str | None) -> Any:
        mt = media_type(content_type)
        cache_key = (kind, mt)
        if cache_key in self._media_cache:
            return self._media_cache[cache_key]
        best, best_score = None, -1
        for pattern, value in self.tables[kind].items():
            score = media_pattern_score(pattern, mt)
            if score > best_score:
                best, best_score = value, score
        self._media_cache[cache_key] = best
        return best


class _KindTables(dict):
    """Per-kind tables of a :class:`Registry`, filled on first access when the registry
    was built with ``eager=False`` (the CLI needs only its commands to start)."""

    def __init__(self, registry: Registry):
        super().__init__()
        self._registry = registry

    def __missing__(self, kind: str) -> dict[str, Any]:
        if kind not in KINDS:
            raise KeyError(kind)
        self._registry._fill(kind)
        return dict.__getitem__(self, kind)

    def get(self, kind: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[kind] if kind in KINDS else default


def media_pattern_score(pattern: str, mt: str) -> int:
    """How specifically ``pattern`` matches media type ``mt`` (-1: no match).

    Exact 3, ``type/*+suffix`` 2, ``type/*`` 1, ``*/*`` 0.
    """
    if pattern == mt:
        return 3
    if pattern == "*/*":
        return 0
    ptype, _, psub = pattern.partition("/")
    mtype, _, msub = mt.partition("/")
    if psub.startswith("*+"):
        if (ptype in ("*", mtype)) and msub.endswith(psub[1:]):
            return 2
        return -1
    if psub == "*" and ptype == mtype:
        return 1
    return -1


_default: Registry | None = None
_lock = threading.Lock()


def get_registry() -> Registry:
    """The process-wide registry, built on first use from the installed plugins."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from polypact.plugins import get_plugin_manager

                _default = Registry(get_plugin_manager(), eager=False)
    return _default


def set_registry(registry: Registry | None) -> None:
    """Replace the process-wide registry (``None``: rebuild on next use). For tests."""
    global _default
    _default = registry


class LazyObject:
    """A registered object imported on first use: ``lazy("pkg.module:Name")``.

    Registration hooks run every time a registry is built (``polypact --help`` included);
    registering lazy objects keeps heavy imports (XML parsers, graphql-core, protobuf) off
    that path. Attribute access and calls are forwarded to the target, which is the named
    attribute itself or, when it is a class, one instance of it made without arguments.
    """

    __slots__ = ("_spec", "_target")

    def __init__(self, spec: str):
        self._spec = spec
        self._target: Any = None

    def resolve(self) -> Any:
        """Import the target (once) and return it."""
        if self._target is None:
            import importlib

            module_name, _, attr = self._spec.partition(":")
            obj = getattr(importlib.import_module(module_name), attr)
            self._target = obj() if isinstance(obj, type) else obj
        return self._target

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"lazy({self._spec!r})"


def lazy(spec: str) -> LazyObject:
    """A :class:`LazyObject` for ``"module:attribute"`` (for use in registration hooks)."""
    return LazyObject(spec)
