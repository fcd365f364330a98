"""One run per warehouse: a second holder is refused with a message; a dead holder frees it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fundwire.warehouse.errors import WarehouseLocked
from fundwire.warehouse.lock import run_lock

HOLD = """
import sys, time
from pathlib import Path
from fundwire.warehouse.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_second_process_is_refused_while_first_holds(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        with pytest.raises(WarehouseLocked, match="another fundwire run"), run_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()
    with run_lock(tmp_path):  # the kernel released the dead holder's lock: not stale
        pass
