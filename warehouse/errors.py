"""Failures of the storage layer that the command line reports as one line."""


class WarehouseError(Exception):
    """The warehouse or inbox cannot be used as asked (missing, unreadable, locked)."""


class WarehouseLocked(WarehouseError):
    """Another fundwire run holds the warehouse lock."""
