"""Writing the warehouse: the inbox ledger, Parquet partitions, DuckDB views."""
