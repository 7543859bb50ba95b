"""Regexes in pact files are written for Java (pact-jvm) or Rust (the reference core).

:func:`python_regex` rewrites the constructs Python's :mod:`re` spells differently, so a
rule written by another Pact implementation can be checked (and matched) in Python:
``\\Q...\\E`` literal quoting, ``(?<name>...)`` named groups and ``\\p{...}`` classes.
"""

from __future__ import annotations

import re

_UNICODE_CLASSES = {
    "L": r"[^\W\d_]", "Lu": r"[^\W\d_]", "Ll": r"[^\W\d_]", "Alpha": r"[^\W\d_]",
    "IsAlphabetic": r"[^\W\d_]", "N": r"\d", "Nd": r"\d", "Digit": r"\d", "IsDigit": r"\d",
    "Alnum": r"[^\W_]", "Punct": r"[!-/:-@\[-`{-~]", "Space": r"\s", "Upper": r"[A-Z]",
    "Lower": r"[a-z]", "XDigit": r"[0-9A-Fa-f]", "ASCII": r"[\x00-\x7f]",
}


def python_regex(pattern: str) -> str:
    """``pattern`` rewritten in Python :mod:`re` syntax (Java/Rust-only constructs replaced)."""
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
                out.append(re.escape(literal))
                i = n if end < 0 else end + 2
                continue
            if nxt in "pP" and i + 2 < n:
                name, skip = _class_name(pattern, i + 2)
                cls = _UNICODE_CLASSES.get(name.removeprefix("Is").removeprefix("In"))
                cls = cls or _UNICODE_CLASSES.get(name) or "."
                if nxt == "P":
                    cls = f"(?:(?!{cls}).)"
                out.append(cls)
                i = skip
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?<", i) and i + 3 < n and pattern[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def invalid_regex(pattern: str, error: re.error) -> str:
    """The message for a regular expression that does not compile (the reference core's
    wording: ``'[a' is not a valid regular expression - ...``)."""
    return f"'{pattern}' is not a valid regular expression - {error}"


def regex_problem(pattern: str) -> str | None:
    """``None`` when ``pattern`` (Java/Rust syntax) compiles, else :func:`invalid_regex`."""
    try:
        re.compile(python_regex(pattern))
    except re.error as exc:
        return invalid_regex(pattern, exc)
    return None


def _class_name(pattern: str, start: int) -> tuple[str, int]:
    if pattern[start] == "{":
        end = pattern.find("}", start)
        if end < 0:
            return pattern[start + 1 :], len(pattern)
        return pattern[start + 1 : end], end + 1
    return pattern[start], start + 1


def regex_error(pattern: str) -> str | None:
    """Why ``pattern`` is not a valid regex (``None`` when it compiles)."""
    try:
        re.compile(python_regex(pattern))
    except re.error as exc:
        return f"invalid regex {pattern!r}: {exc}"
    except (RecursionError, OverflowError, ValueError) as exc:  # pragma: no cover - pathological
        return f"invalid regex {pattern!r}: {exc}"
    return None
