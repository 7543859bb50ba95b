"""polypact's pytest plugin (entry point ``pytest11``).

Consumer side:

- ``pact_dir`` (session fixture): where pact files are written; ``--pact-dir DIR``
  (default ``pacts``, relative to pytest's rootdir);
- ``pact_factory`` (fixture): ``pact_factory("web", "users") -> polypact.Pact`` writing
  into ``pact_dir``. Pact files are merged under a file lock, so pytest-xdist workers can
  write to the same pact.

Each test run is one pact *write session* (:mod:`polypact.write_session`):
the first write of a run replaces a pact file left by an earlier run, later writes of the
run (any test, any ``Pact`` object, any xdist worker) merge into it. The id is made in the
controller's ``pytest_configure`` (or taken from ``$POLYPACT_PACT_SESSION``) and handed to
xdist workers through ``workerinput``.

Provider side: every interaction becomes its own test item (ids ``consumer: description``),
so ``-k``, ``-x`` and xdist work::

    from polypact.pytest_plugin import polypact_verify

    @polypact_verify(pacts="pacts", provider="users")
    def test_users_api(interaction_case, app):
        interaction_case.verify(app, state_handlers={"user 1 exists": make_user})

or, from a ``pytest_generate_tests`` hook, :func:`parametrize_interactions`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from polypact.write_session import SESSION_ENV, set_write_session

MARKER = "polypact_verify"
SESSION_KEY = "polypact_pact_session"
_SESSION_STASH = pytest.StashKey[tuple[str, Any]]()  # (run session, previous override)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--pact-dir``."""
    group = parser.getgroup("polypact", "polypact contract testing")
    group.addoption(
        "--pact-dir", default=None, metavar="DIR",
        help="directory where consumer tests write pact files (default: pacts)",
    )
    parser.addini("pact_dir", "directory where consumer tests write pact files", default="pacts")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``polypact_verify`` marker and start the run's pact write session."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(pacts, provider=None, description=None, state=None, consumer=None): "
        "run the test once per interaction of the pacts, with an `interaction_case` argument",
    )
    workerinput = getattr(config, "workerinput", None)
    session = (workerinput or {}).get(SESSION_KEY) or os.environ.get(SESSION_ENV) or uuid.uuid4().hex
    config.stash[_SESSION_STASH] = (session, set_write_session(session))
    if workerinput is None and config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistSession(session), "polypact-xdist-session")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Give the process back the write session it had before this run (in-process runs,
    e.g. ``pytester``, must not leak theirs)."""
    saved = config.stash.get(_SESSION_STASH, None)
    if saved is not None:
        set_write_session(saved[1])


class _XdistSession:
    """Registered only when pytest-xdist is active: hands the controller's write session to
    every worker (``pytest_configure_node`` is an xdist hook)."""

    def __init__(self, session: str):
        self.session = session

    def pytest_configure_node(self, node: Any) -> None:
        """Put the session id into the worker's ``workerinput``."""
        node.workerinput[SESSION_KEY] = self.session


def _resolve(config: pytest.Config, value: str | Path) -> Path:
    path = Path(value)
    return path if path.is_absolute() else Path(config.rootpath) / path


@pytest.fixture(scope="session")
def pact_dir(request: pytest.FixtureRequest) -> Path:
    """The directory consumer tests write pact files to (created on first use)."""
    config = request.config
    value = config.getoption("pact_dir") or config.getini("pact_dir") or "pacts"
    path = _resolve(config, value)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def pact_factory(pact_dir: Path) -> Callable[..., Any]:
    """A function ``(consumer, provider, **options) -> polypact.Pact`` writing to
    ``pact_dir``."""

    def factory(consumer: str, provider: str, **options: Any) -> Any:
        from polypact.consumer import Pact

        options.setdefault("pact_dir", str(pact_dir))
        return Pact(consumer, provider, **options)

    return factory


class InteractionCase:
    """One interaction of a pact, to verify in its own test item."""

    def __init__(self, loaded: Any, interaction: Any, provider: str | None, registry: Any = None):
        self.loaded = loaded
        self.interaction = interaction
        self.provider = provider
        self.registry = registry

    @property
    def consumer(self) -> str:
        """The consumer whose pact holds the interaction."""
        return self.loaded.consumer

    @property
    def description(self) -> str:
        """The interaction's description."""
        return self.interaction.description

    @property
    def id(self) -> str:
        """The test id: ``consumer: description``."""
        return f"{self.consumer}: {self.description}"

    def __repr__(self) -> str:
        return f"<InteractionCase {self.id!r}>"

    def verify(
        self,
        target: Any = None,
        *,
        verifier: Any = None,
        transport: str = "http",
        state_handlers: dict[str, Callable[..., Any]] | None = None,
        state_change_url: str | None = None,
        headers: dict[str, str] | None = None,
        request_filter: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Verify the interaction; fail the test (``pytest.fail``) when the provider
        does not honour it, or mark it xfail when the interaction is pending.

        Either pass a configured :class:`polypact.verifier.Verifier` (as ``target`` or
        ``verifier=``; its connections are reused across cases) or a ``target`` for
        ``transport`` (a base URL or a WSGI/ASGI app) plus the options. Returns the
        :class:`polypact.verifier.InteractionResult`.
        """
        from polypact.verifier import Verifier

        if isinstance(target, Verifier):
            verifier, target = target, None
        own = verifier is None
        if own:
            verifier = Verifier(self.provider, registry=self.registry)
            if target is not None:
                verifier.transport(transport, target, headers=headers, request_filter=request_filter)
            if state_handlers:
                verifier.state_handlers(state_handlers)
            if state_change_url:
                verifier.state_change_url(state_change_url)
        try:
            result = verifier.verify_interaction(self.loaded, self.interaction)
        finally:
            if own:
                verifier.close()
        if not result.ok:
            from polypact.reporters.text import failure_text

            text = failure_text(result)
            if result.pending:
                pytest.xfail(f"pending interaction failed: {text}")
            pytest.fail(f"{result.title} failed verification:\n{text}", pytrace=False)
        return result


class _LoadErrorCase(InteractionCase):
    def __init__(self, message: str):
        self.message = message

    @property
    def id(self) -> str:
        return "pacts could not be loaded"

    def verify(self, *args: Any, **kwargs: Any) -> Any:
        """Fail with the reason the pacts could not be loaded."""
        pytest.fail(self.message, pytrace=False)


def interaction_cases(
    pacts: Any,
    provider: str | None = None,
    *,
    description: str | None = None,
    state: str | None = None,
    consumer: str | None = None,
    registry: Any = None,
    base: Path | None = None,
) -> list[InteractionCase]:
    """Every selected interaction of ``pacts`` (a location or a list of locations) as an
    :class:`InteractionCase`, in pact-file order."""
    from polypact.verifier import Verifier

    locations = [pacts] if isinstance(pacts, (str, Path)) else list(pacts)
    verifier = Verifier(provider, registry=registry)
    for location in locations:
        path = Path(location)
        if base is not None and not path.is_absolute() and (base / path).exists():
            location = base / path
        verifier.add_source(str(location))
    verifier.filter(description, state, consumer)
    return [InteractionCase(p, i, verifier.provider, registry) for p, i in verifier.cases()]


def parametrize_interactions(metafunc: pytest.Metafunc, pacts: Any, provider: str | None = None, **options: Any) -> None:
    """Parametrize ``interaction_case`` over the interactions of ``pacts`` (ids
    ``consumer: description``). Relative paths are resolved against pytest's rootdir.
    Loading errors become one failing case naming the problem."""
    from polypact.errors import PolypactError

    try:
        cases = interaction_cases(pacts, provider, base=Path(metafunc.config.rootpath), **options)
    except PolypactError as exc:
        cases = [_LoadErrorCase(f"polypact could not load {pacts!r}: {exc}")]
    metafunc.parametrize("interaction_case", cases, ids=[c.id for c in cases])


def polypact_verify(pacts: Any, provider: str | None = None, **options: Any) -> pytest.MarkDecorator:
    """Decorator: run the test once per interaction (it receives ``interaction_case``).

    Options: ``description``, ``state``, ``consumer`` (regular expressions) and
    ``registry``.
    """
    return getattr(pytest.mark, MARKER)(pacts=pacts, provider=provider, **options)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Expand tests marked ``polypact_verify`` into one item per interaction."""
    marker = metafunc.definition.get_closest_marker(MARKER)
    if marker is None or "interaction_case" not in metafunc.fixturenames:
        return
    kwargs = dict(marker.kwargs)
    args = list(marker.args)
    pacts = kwargs.pop("pacts", args[0] if args else None)
    if pacts is None:
        raise pytest.UsageError(f"@{MARKER} needs pacts=<file or directory>")
    provider = kwargs.pop("provider", args[1] if len(args) > 1 else None)
    parametrize_interactions(metafunc, pacts, provider, **kwargs)
