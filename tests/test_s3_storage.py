"""The storage layer on local disk and on a local S3 server (moto): the same operations,
the same results, and DuckDB reading hive-partitioned Parquet from both."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from fundwire.warehouse.errors import WarehouseError
from fundwire.warehouse.storage import Location, duckdb_reads, location


@pytest.fixture(params=["local", "s3"])
def root(request: pytest.FixtureRequest, tmp_path: Path) -> Location:
    if request.param == "local":
        return location(tmp_path / "root")
    bucket = request.getfixturevalue("s3_bucket")
    return location(f"s3://{bucket}/root")


def _table(n: int) -> pa.Table:
    return pa.table({"id": list(range(n)), "name": [f"n{i}" for i in range(n)]})


def test_location_of_paths_and_urls(tmp_path: Path, s3_bucket: str) -> None:
    assert location(tmp_path).url == str(tmp_path)
    assert location(f"file://{tmp_path}").url == str(tmp_path)
    assert location("relative/dir").url == os.path.abspath("relative/dir")
    s3 = location(f"s3://{s3_bucket}/wh/")
    assert (s3.url, s3.path, s3.scheme, s3.is_local) == (
        f"s3://{s3_bucket}/wh",
        f"{s3_bucket}/wh",
        "s3",
        False,
    )
    assert location(s3) is s3
    assert (s3 / "facts" / "data.parquet").url == f"s3://{s3_bucket}/wh/facts/data.parquet"
    assert (s3 / "a" / "b.md").relative_to(s3) == "a/b.md"
    assert ((s3 / "a" / "b.md").name, (s3 / "a").parent) == ("b.md", s3)
    with pytest.raises(WarehouseError, match="not on local disk"):
        _ = s3.local


def test_write_read_list_delete(root: Location) -> None:
    assert not root.exists() and not root.is_dir()
    assert list(root.files()) == []
    before_ns = time.time_ns() - 2_000_000_000  # S3 LastModified has whole seconds
    (root / "a" / "x=1" / "data.parquet").write_parquet(_table(3))
    (root / "a" / "x=2" / "data.parquet").write_parquet(_table(2))
    (root / "_state" / "rules.txt").write_text("abc\n")
    assert root.is_dir() and (root / "a").is_dir() and not (root / "a" / "b").exists()
    entries = {e.rel: e for e in root.files()}
    assert sorted(entries) == ["_state/rules.txt", "a/x=1/data.parquet", "a/x=2/data.parquet"]
    assert entries["_state/rules.txt"].size == 4
    assert all(before_ns <= e.mtime_ns <= time.time_ns() + 2e9 for e in entries.values())
    assert (root / "_state" / "rules.txt").read_text() == "abc\n"
    assert (root / "a" / "x=1" / "data.parquet").read_parquet().num_rows == 3
    dataset = (root / "a").dataset(partitioning="hive")
    assert dataset.to_table().num_rows == 5
    (root / "_state" / "rules.txt").write_text("replaced")
    assert (root / "_state" / "rules.txt").read_bytes() == b"replaced"
    (root / "_state" / "rules.txt").unlink()
    (root / "_state" / "missing").unlink()  # a missing file is not an error
    (root / "a").rmtree()
    (root / "nothing").rmtree()
    assert list(root.files()) == []


def test_local_replace_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = location(tmp_path) / "t" / "data.parquet"
    target.write_parquet(_table(1))
    target.write_parquet(_table(2))
    assert os.listdir(tmp_path / "t") == ["data.parquet"]
    assert target.read_parquet().num_rows == 2


def test_missing_bucket_is_a_one_line_warehouse_error(s3_bucket: str) -> None:
    missing = location(f"s3://{s3_bucket}-missing/wh")
    with pytest.raises(WarehouseError, match="-missing"):
        (missing / "x.txt").write_text("x")


def test_duckdb_reads_hive_partitions_from_both(root: Location) -> None:
    for year in (2023, 2024):
        (root / "facts" / f"year={year}" / "data.parquet").write_parquet(_table(year - 2020))
    con = duckdb.connect()
    how = duckdb_reads(con, root)
    assert how == ("local" if root.is_local else "fsspec")  # no httpfs on this machine
    rows = con.execute(
        "SELECT year, count(*) FROM read_parquet(?, hive_partitioning = true) "
        "GROUP BY year ORDER BY year",
        [f"{(root / 'facts').url}/*/data.parquet"],
    ).fetchall()
    assert rows == [(2023, 3), (2024, 4)]
    (root / "facts" / "year=2025" / "data.parquet").write_parquet(_table(1))
    con.close()
    con = duckdb.connect()  # a connection lists the store once; the next one sees new files
    duckdb_reads(con, root)
    count = con.execute(
        "SELECT count(*) FROM read_parquet(?)", [f"{(root / 'facts').url}/*/data.parquet"]
    ).fetchone()
    assert count == (8,)


def test_other_urls_go_through_fsspec() -> None:
    """A scheme pyarrow has no client for (here fsspec's in-memory store) still works."""
    root = location(f"memory://fundwire-test-{time.time_ns()}/root")
    (root / "t" / "x=1" / "data.parquet").write_parquet(_table(2))
    assert [e.rel for e in root.files()] == ["t/x=1/data.parquet"]
    assert (root / "t").dataset(partitioning="hive").to_table().num_rows == 2
    con = duckdb.connect()
    assert duckdb_reads(con, root) == "fsspec"
    glob = f"{(root / 't').url}/*/data.parquet"
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [glob]).fetchone() == (2,)
    root.rmtree()
