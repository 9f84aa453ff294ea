"""Errors a user can act on, each with the exit code the command line documents.

Exit codes: 0 success; 1 violations or an inconsistency (the input was read, and it is wrong);
2 unreadable input or a usage error (the input could not be taken at all).
"""

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2


class KGError(Exception):
    """A user-facing error: one readable line and an exit code; never shown as a traceback."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(KGError):
    """A file or query that cannot be read: missing, unparsable, of an unknown format."""


class UsageError(KGError):
    """An option or argument with a value the command cannot use: names the option."""


class RefusedError(KGError):
    """A request that would reach the network, read local files or change data, refused by
    default; the message says which flag allows it, where one does."""
