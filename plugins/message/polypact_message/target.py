"""The message transport's verification target, resolved and checked once.

``Verifier.transport("message", target)`` and ``--transport message=TARGET`` accept:

- a mapping of description to producer, a :class:`~polypact_message.MessageProducers`, or
  one callable producing every message (producers run in-process);
- an ``http(s)://`` URL: the provider's message endpoint;
- ``"module:attribute"`` (from the command line): the producers are imported from a Python
  module (the current directory is importable).

Anything else is a :class:`polypact.errors.UsageError` naming the value and what was
expected, raised when the provider client is created (and by ``polypact verify`` before
the run starts), not once per interaction.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from polypact.errors import UsageError

from polypact_message.endpoint import check_url

_IMPORT_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")

#: What a target naming in-process producers must be.
PRODUCERS_EXPECTED = "a mapping of description to producer, a MessageProducers or a callable"


def import_target(spec: str, *, label: str | None = None) -> Any:
    """The object named by ``"package.module:attribute"`` (current directory importable);
    ``label`` names the value in errors (default ``message target 'spec'``)."""
    label = label or f"message target {spec!r}"
    module_name, _, attribute = spec.partition(":")
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        obj: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise UsageError(f"{label}: cannot import {module_name!r} ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - the module's own code failed while importing
        raise UsageError(f"{label}: importing {module_name!r} raised "
                         f"{type(exc).__name__}: {exc}") from None
    for name in attribute.split("."):
        try:
            obj = getattr(obj, name)
        except AttributeError:
            raise UsageError(f"{label}: {module_name!r} has no attribute {attribute!r}") from None
    return obj


def resolve_target(target: Any, *, label: str | None = None) -> Any:
    """The endpoint URL (a ``str``) or the in-process producers (a mapping or a callable)
    that ``target`` names; :class:`UsageError` for anything else. ``label`` names the
    value in errors (default ``message target 'target'``)."""
    label = label or f"message target {target!r}"
    if target is None:
        raise UsageError("the message transport needs a target: producers or an endpoint URL")
    if isinstance(target, str):
        if target.startswith(("http://", "https://")):
            return check_url(target, label=label)
        if not _IMPORT_TARGET.match(target):
            raise UsageError(
                f"{label}: expected an http(s) URL of a message endpoint or "
                f"'module:attribute' naming Python message producers")
        resolved = import_target(target, label=label)
        if not isinstance(resolved, Mapping) and not callable(resolved):
            raise UsageError(f"{label}: names a {type(resolved).__name__}, expected "
                             f"{PRODUCERS_EXPECTED}")
        return resolved
    if not isinstance(target, Mapping) and not callable(target):
        raise UsageError(f"{label}: a {type(target).__name__} is not a message target; expected "
                         f"{PRODUCERS_EXPECTED}, or an http(s) URL of a message endpoint")
    return target
