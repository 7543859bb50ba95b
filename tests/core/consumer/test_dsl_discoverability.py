"""What IDEs, type checkers and REPL users see of the consumer DSL: the package's public
names (``dir(polypact)``, ``TYPE_CHECKING`` imports, ``py.typed``), the plugin methods in
``dir(builder)`` / ``dir(pact)``, and "did you mean" suggestions for a mistyped method."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import polypact
import pytest
import tomllib
from polypact import Pact, hookimpl
from polypact.model import SynchronousHttp
from polypact.testing import registry_with

PACKAGE = Path(polypact.__file__).parent
ROOT = PACKAGE.parents[1]


def respond(builder, status=200):
    builder.interaction = builder.interaction or SynchronousHttp(description=builder.description)
    builder.interaction.response.status = status
    return builder


class DslPlugin:
    @staticmethod
    @hookimpl
    def polypact_register_interaction_builders(register):
        register("will_respond", respond)
        register("with_thing", respond)
        register("pact.hello", lambda pact, name: name)


@pytest.fixture
def pact(tmp_path):
    return Pact("c", "p", pact_dir=tmp_path, registry=registry_with(DslPlugin))


def _type_checking_imports() -> dict[str, str]:
    """name -> module of every import inside ``if TYPE_CHECKING:`` in polypact/__init__.py."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                found.update({alias.asname or alias.name: stmt.module for alias in stmt.names})
    return found


def test_dir_of_the_package_lists_every_public_name_and_each_resolves():
    names = dir(polypact)
    assert names == sorted(polypact.__all__)
    assert set(polypact.__all__) == {"__version__", "hookimpl", *polypact._LAZY}
    for name in polypact.__all__:
        assert getattr(polypact, name) is not None, name


def test_every_lazy_name_has_a_type_checking_import_from_the_same_module():
    imports = _type_checking_imports()
    assert set(imports) == set(polypact._LAZY)
    for name, (module, attr) in polypact._LAZY.items():
        assert attr == name
        assert imports[name] == module or getattr(importlib.import_module(imports[name]), name) \
            is getattr(importlib.import_module(module), name), name


def test_the_package_is_marked_typed_and_ships_the_marker():
    assert (PACKAGE / "py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["polypact"]


def test_dir_of_builder_and_pact_includes_plugin_methods(pact):
    builder = pact.upon_receiving("x")
    names = dir(builder)
    assert {"will_respond", "with_thing", "given", "pending"} <= set(names)
    assert "hello" not in names and "pact.hello" not in names
    assert names == sorted(names)
    pact_names = dir(pact)
    assert {"hello", "upon_receiving", "serve"} <= set(pact_names)
    assert "will_respond" not in pact_names


@pytest.mark.parametrize(("on", "name", "expected"), [
    ("builder", "will_respnd", "did you mean 'will_respond'?"),
    ("builder", "with_thnig", "did you mean 'with_thing'?"),
    ("builder", "gvien", "did you mean 'given'?"),
    ("pact", "helo", "did you mean 'hello'?"),
    ("pact", "upon_recieving", "did you mean 'upon_receiving'?"),
])
def test_a_typo_suggests_the_closest_name(pact, on, name, expected):
    target = pact.upon_receiving("x") if on == "builder" else pact
    with pytest.raises(AttributeError) as err:
        getattr(target, name)
    assert expected in str(err.value)
    assert repr(name) in str(err.value)


def test_a_method_of_the_other_object_says_where_it_lives(pact):
    with pytest.raises(AttributeError, match=r"method of the Pact.*call pact\.hello\(\.\.\.\)"):
        _ = pact.upon_receiving("x").hello
    with pytest.raises(AttributeError, match=r"upon_receiving\(description\)\.will_respond"):
        _ = pact.will_respond


def test_an_unknown_name_without_a_close_match_points_to_the_plugins(pact):
    with pytest.raises(AttributeError) as err:
        _ = pact.upon_receiving("x").zzzz_qqq
    text = str(err.value)
    assert "did you mean" not in text and "polypact plugins" in text


def test_a_missing_extra_method_names_the_extra(pact):
    with pytest.raises(AttributeError, match=r"polypact\[grpc\]"):
        _ = pact.upon_receiving("x").with_grpc


def test_pact_python_names_point_to_polypact_ones():
    import polypact

    with pytest.raises(AttributeError, match=r"'term': use regex\(pattern, example\)"):
        polypact.term  # noqa: B018
    with pytest.raises(AttributeError, match=r"each_like\(example, min=1\)"):
        polypact.EachLike  # noqa: B018
    with pytest.raises(AttributeError, match=r"^module 'polypact' has no attribute 'nothing_like_it'$"):
        polypact.nothing_like_it  # noqa: B018
