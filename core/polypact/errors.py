"""Every exception polypact raises lives here, so callers have one place to catch from.

Errors carry enough context to be read without a traceback: the file, the JSON path or
field, and what was expected.
"""

from __future__ import annotations


class PolypactError(Exception):
    """Base class of every polypact error."""


class UsageError(PolypactError):
    """The caller asked for something impossible (bad option, bad combination). CLI exit 2."""


class PactFileError(PolypactError):
    """A pact file (or pact JSON document) could not be read or written.

    ``source`` names the file (or ``<string>``), ``path`` the JSON path inside it.
    """

    def __init__(self, message: str, *, source: str | None = None, path: str | None = None):
        self.source = source
        self.path = path
        self.reason = message
        where = ""
        if source:
            where += f"{source}"
        if path:
            where += f"{':' if source else ''} at {path}"
        super().__init__(f"{where}: {message}" if where else message)


class MatcherDefinitionError(PactFileError):
    """A matching rule or generator definition is invalid (unknown matcher, bad regex, ...)."""


class PactConflictError(PolypactError):
    """Merging into an existing pact found an interaction with the same identity but
    different content."""


class UnsupportedVersionError(PolypactError):
    """A pact cannot be written in the requested specification version without losing
    meaning."""


class PluginError(PolypactError):
    """A plugin is misbehaving: a hook implementation is wrong or two plugins claim the
    same registration key."""


class MockServerError(PolypactError):
    """A mock server could not start, or the consumer test it served did not match."""


class VerificationError(PolypactError):
    """Provider verification could not be run (not: found mismatches)."""


class ProviderStateError(VerificationError):
    """A provider state handler failed or is missing."""


class ConsumerTestError(MockServerError, AssertionError):
    """A consumer test's mock saw missing, unexpected or mismatched requests (or the test
    block raised); the pact file was not written. An ``AssertionError`` too, so test
    runners report it as a test failure. ``problems`` holds the
    :class:`polypact.transport.MockProblem` list."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = list(problems or [])
