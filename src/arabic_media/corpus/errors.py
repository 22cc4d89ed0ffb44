"""The corpus's two exceptions: an error that stops loading, a warning that does not."""

from __future__ import annotations

__all__ = ["CorpusError", "CorpusWarning"]


class CorpusError(ValueError):
    """The corpus cannot be loaded as it is; the message names the file and the problem."""


class CorpusWarning(UserWarning):
    """The corpus loaded, but something was done that a reader should know about."""
