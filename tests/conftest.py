"""Shared fixtures: the labelled corpus beside the repository, and a Prefect test harness."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import fundwire.flows  # noqa: F401  (sets Prefect's quiet, offline defaults before Prefect loads)
from tests.moto_s3 import s3_bucket, s3_endpoint  # noqa: F401  (a local S3 server: fixtures)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared/corpus when it is there; tests that need it skip otherwise."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    return corpus


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API and database for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
