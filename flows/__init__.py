"""Prefect orchestration and the command line.

Prefect is told, before it is imported, to stay quiet and offline: no telemetry
(there is no network here), warnings only. Users override any of these by
setting the variable themselves.
"""

import os

for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(_name, _value)
