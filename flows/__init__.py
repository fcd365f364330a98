"""Prefect orchestration and the command line.

Prefect is told, before it is imported, to stay quiet and offline: no telemetry
(there is no network here), warnings only. Arrow allocates with the system
malloc, which gives freed memory back: with its default pool (mimalloc) the peak
RSS of deriving deals over 430,000 facts was 845 MB instead of 704 MB. Users
override any of these by setting the variable themselves.
"""

import os

for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "ARROW_DEFAULT_MEMORY_POOL": "system",
}.items():
    os.environ.setdefault(_name, _value)
