"""The Spark engine in local[2]: same rows as the single-process engine and as the extractor itself."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.batch.helpers import (
    EXPECTED_BAD,
    extract_directly,
    incidents_by_article,
    read_dataset,
    write_archive,
    write_parquet_archive,
)
from tests.conftest import require
from typer.testing import CliRunner

from tawthiq.batch.local import run_local
from tawthiq.batch.report import RunReport
from tawthiq.cli import app

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = [pytest.mark.slow, pytest.mark.spark]


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """One local[2] session for all Spark tests (starting one costs ~10 s)."""
    require(shutil.which("java") is not None, "Java (a JRE) for Spark")
    from tawthiq.batch.spark import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def both_runs(
    tmp_path_factory: pytest.TempPathFactory, dev_articles: list[dict], spark: SparkSession
) -> tuple[Path, RunReport, RunReport]:
    root = tmp_path_factory.mktemp("spark")
    folder = write_archive(root, dev_articles)
    write_parquet_archive(folder / "pq" / "articles.parquet", dev_articles, n=10)
    from tawthiq.batch.spark import run_spark

    spark_report = run_spark([str(folder)], str(root / "spark"), partitions=2, spark=spark)
    local_report = run_local([str(folder)], str(root / "local"))
    return root, spark_report, local_report


def test_spark_report_matches_local(both_runs: tuple[Path, RunReport, RunReport], dev_articles: list[dict]) -> None:
    root, spark_report, local_report = both_runs
    assert spark_report.engine == "spark" and spark_report.master == "local[2]"
    assert spark_report.partitions == 2
    for field in (
        "articles_read",
        "articles_ok",
        "articles_bad",
        "incidents",
        "bad_by_code",
        "bad_rows",
        "skipped_files",
        "input_files",
        "extractor_version",
    ):
        assert getattr(spark_report, field) == getattr(local_report, field), field
    bad_file = str(root / "in" / "sub" / "bad.jsonl")
    parquet_file = str(root / "in" / "pq" / "articles.parquet")
    assert [(r["file"], r["line"], r["code"]) for r in spark_report.bad_rows] == [(parquet_file, 11, "T102")] + [
        (bad_file, line, code) for line, code in EXPECTED_BAD
    ]
    assert spark_report.articles_ok == len(dev_articles) + 10 + 2
    on_disk = json.loads((root / "spark" / "_report.json").read_text(encoding="utf-8"))
    assert on_disk["articles_bad"] == len(EXPECTED_BAD) + 1 and on_disk["duration_s"] > 0


def test_spark_rows_equal_local_rows(both_runs: tuple[Path, RunReport, RunReport]) -> None:
    root, _, _ = both_runs
    for name, partitioned in (("incidents", True), ("articles", False), ("bad_rows", False)):
        spark_rows = read_dataset(root / "spark" / name, partitioned)
        local_rows = read_dataset(root / "local" / name, partitioned)
        assert len(spark_rows) == len(local_rows), name
        for spark_row, local_row in zip(spark_rows, local_rows, strict=True):
            assert spark_row == local_row, name


def test_spark_incidents_equal_direct_extraction(
    both_runs: tuple[Path, RunReport, RunReport], dev_articles: list[dict]
) -> None:
    root, report, _ = both_runs
    rows = read_dataset(root / "spark" / "incidents", partitioned=True)
    dev_rows = [r for r in rows if r["source_file"].endswith("dev.jsonl")]
    assert incidents_by_article(dev_rows) == extract_directly(dev_articles)
    parquet_rows = [r for r in rows if r["source_file"].endswith(".parquet")]
    assert incidents_by_article(parquet_rows) == extract_directly(dev_articles[:10])
    assert len(rows) == report.incidents
    assert any((root / "spark" / "incidents").glob("country=*/month=*/*.parquet")) or report.incidents == 0


def test_spark_names_a_missing_input(spark: SparkSession, tmp_path: Path) -> None:
    from tawthiq.batch.spark import run_spark
    from tawthiq.errors import TawthiqError

    with pytest.raises(TawthiqError) as info:
        run_spark([str(tmp_path / "nothing-*.jsonl")], str(tmp_path / "out"), spark=spark)
    assert info.value.code == "T100"


def test_cli_batch_spark_then_load(tmp_path: Path, dev_articles: list[dict], spark: SparkSession) -> None:
    """The commands as a user types them (in this process: the running session is reused, not stopped)."""
    folder = write_archive(tmp_path, dev_articles[:15])
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(folder), str(out), "--engine", "spark", "--partitions", "2"])
    assert result.exit_code == 0, result.output
    assert f"{15 + 2 + len(EXPECTED_BAD)} articles read: 17 ok, {len(EXPECTED_BAD)} bad" in result.output
    assert "spark local[2]" in result.output
    assert not spark.sparkContext._jsc.sc().isStopped()  # type: ignore[union-attr]
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    loaded = runner.invoke(app, ["load", str(out), "--db", db, "--json"])
    assert loaded.exit_code == 0, loaded.output
    summary = json.loads(loaded.output)
    report = json.loads((out / "_report.json").read_text(encoding="utf-8"))
    assert (summary["stored"], summary["incidents"]) == (17, report["incidents"])
