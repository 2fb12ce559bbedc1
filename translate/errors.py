"""Errors a user can fix (bad input, missing model): reported in one line, exit code 2."""


class InputError(Exception):
    """A problem with what the user gave us; the CLI prints it and exits with status 2."""
