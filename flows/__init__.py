"""Prefect orchestration and the command line."""
