"""Errors of the environment (bad input, disk, server) — shown as a clear message, not a bug report."""


class KnownError(Exception):
    """An expected failure with a message for the user (Chinese where a user sees it)."""
