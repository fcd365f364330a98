"""Defaults, exit codes and the one error type the command line turns into a message."""

from __future__ import annotations

import os
from enum import IntEnum
from importlib.resources import files

# Strings, not Paths: either may be a URL (s3://bucket/prefix), which a Path would mangle.
DEFAULT_INBOX = os.environ.get("FUNDWIRE_INBOX", str(files("fundwire.seeds") / "inbox"))
DEFAULT_WAREHOUSE = os.environ.get("FUNDWIRE_WAREHOUSE", "data/warehouse")


class ExitCode(IntEnum):
    """Documented in the README: scripts and schedulers branch on these."""

    OK = 0
    FAILURE = 1
    USAGE = 2  # typer/click's own code for bad arguments
    SOME_REJECTED = 3  # the run finished; some files became reject rows
    LOCKED = 4  # another run holds the warehouse
    INTERRUPTED = 130


class FundwireError(Exception):
    """A failure the user can act on: printed as one line, no traceback."""

    exit_code: int = ExitCode.FAILURE

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
