"""Errors a user can act on: each carries a one-line reason."""

from __future__ import annotations


class ConvertError(Exception):
    """Anything that stops one input from converting; str() is the reason."""


class InputError(ConvertError):
    """The input file cannot be read as an article (binary, empty, unreadable)."""


class OutputError(ConvertError):
    """The output cannot be written (would overwrite an input, no space, …)."""
