"""One run at a time per warehouse: an advisory lock the kernel drops when a run dies."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fundwire.warehouse.errors import WarehouseLocked

LOCK_NAME = ".fundwire.lock"


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's run lock, waiting up to `wait_seconds` for another run to finish.

    flock is released by the kernel when the holder exits, SIGKILL included, so a
    lock file left by a killed run is never stale: only a live process blocks.
    """
    warehouse.mkdir(parents=True, exist_ok=True)
    path = warehouse / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    raise WarehouseLocked(
                        f"another fundwire run (pid {holder}) is using {warehouse}; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
