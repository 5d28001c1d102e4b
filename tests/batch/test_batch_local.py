"""The single-process engine on the dev articles: report, outputs, equality with the extractor, load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from tests.batch.helpers import (
    BAD_LINES,
    EXPECTED_BAD,
    extract_directly,
    incidents_by_article,
    read_dataset,
    write_archive,
    write_parquet_archive,
)
from typer.testing import CliRunner

from tawthiq.batch.load import load_output
from tawthiq.batch.local import run_local
from tawthiq.batch.report import RunReport
from tawthiq.cli import app
from tawthiq.errors import TawthiqError
from tawthiq.store import ArticleRow, IncidentRow, open_database


def _good_bad_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line, code in BAD_LINES if line and code is None]


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, dev_articles: list[dict]) -> tuple[Path, RunReport]:
    root = tmp_path_factory.mktemp("local")
    folder = write_archive(root, dev_articles)
    report = run_local([str(folder)], str(root / "out"), workers=1)
    return root, report


def test_report_counts_and_bad_rows(local_run: tuple[Path, RunReport], dev_articles: list[dict]) -> None:
    root, report = local_run
    n_good = len(dev_articles) + len(_good_bad_records())
    assert (report.articles_ok, report.articles_bad) == (n_good, len(EXPECTED_BAD))
    assert report.articles_read == n_good + len(EXPECTED_BAD)
    bad_file = str(root / "in" / "sub" / "bad.jsonl")
    assert [(r["file"], r["line"], r["code"]) for r in report.bad_rows] == [
        (bad_file, line, code) for line, code in EXPECTED_BAD
    ]
    assert report.skipped_files == [str(root / "in" / "notes.txt")]
    assert report.input_files == {"jsonl": 2, "parquet": 0}
    on_disk = RunReport.from_json((root / "out" / "_report.json").read_text(encoding="utf-8"))
    assert on_disk == report
    bad_rows = read_dataset(root / "out" / "bad_rows")
    assert [(r["source_line"], r["code"]) for r in bad_rows] == EXPECTED_BAD


def test_incidents_equal_direct_extraction(local_run: tuple[Path, RunReport], dev_articles: list[dict]) -> None:
    root, report = local_run
    rows = read_dataset(root / "out" / "incidents", partitioned=True)
    assert len(rows) == report.incidents
    expected = extract_directly(dev_articles + _good_bad_records())
    assert incidents_by_article(rows) == expected
    # the country comes from the folder name alone (checked above against the extractor); the
    # month folder agrees with the date stored in the file
    parts = list((root / "out" / "incidents").glob("country=*/month=*/*.parquet"))
    assert len(parts) > 1 or report.incidents == 0
    for part in parts:
        month = part.parent.name.split("=")[1]
        for row in read_dataset(part):
            assert (row["date"].strftime("%Y-%m") if row["date"] else "__HIVE_DEFAULT_PARTITION__") == month


def test_articles_dataset_has_every_valid_article(local_run: tuple[Path, RunReport], dev_articles: list[dict]) -> None:
    root, report = local_run
    rows = read_dataset(root / "out" / "articles")
    assert len(rows) == report.articles_ok
    by_id = {r["article_id"]: r for r in rows}
    for record in dev_articles:
        row = by_id[record["id"]]
        assert row["text"] == record["text"]
        assert (row["published"].isoformat() if row["published"] else None) == record.get("published")
        assert (row["source"], row["url"]) == (record.get("source"), record.get("url"))


def test_output_is_not_overwritten_by_accident(local_run: tuple[Path, RunReport]) -> None:
    root, _ = local_run
    with pytest.raises(TawthiqError) as info:
        run_local([str(root / "in")], str(root / "out"))
    assert info.value.code == "T500"
    assert (root / "out" / "_report.json").is_file()


def test_parquet_input_reports_row_numbers(tmp_path: Path, dev_articles: list[dict]) -> None:
    source = write_parquet_archive(tmp_path / "pq" / "articles.parquet", dev_articles, n=20)
    report = run_local([str(tmp_path / "pq")], str(tmp_path / "out"))
    assert (report.articles_ok, report.articles_bad) == (20, 1)
    assert [(r["file"], r["line"], r["code"]) for r in report.bad_rows] == [(str(source), 21, "T102")]
    rows = read_dataset(tmp_path / "out" / "incidents", partitioned=True)
    assert incidents_by_article(rows) == extract_directly(dev_articles[:20])


@pytest.mark.slow
def test_two_workers_give_the_same_rows(
    local_run: tuple[Path, RunReport], tmp_path: Path, dev_articles: list[dict]
) -> None:
    root, report = local_run
    report2 = run_local([str(root / "in")], str(tmp_path / "out2"), workers=2)
    assert (report2.articles_ok, report2.incidents, report2.bad_rows) == (
        report.articles_ok,
        report.incidents,
        report.bad_rows,
    )
    assert read_dataset(tmp_path / "out2" / "incidents", True) == read_dataset(root / "out" / "incidents", True)


def test_load_is_idempotent(local_run: tuple[Path, RunReport], tmp_path: Path) -> None:
    root, report = local_run
    url = f"sqlite:///{tmp_path / 'db' / 'tawthiq.db'}"
    first = load_output(str(root / "out"), url)
    assert (first.articles, first.stored, first.duplicates) == (report.articles_ok, report.articles_ok, 0)
    assert first.incidents == report.incidents
    second = load_output(str(root / "out"), url)
    assert (second.stored, second.duplicates, second.incidents) == (0, report.articles_ok, 0)
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(ArticleRow)) == report.articles_ok
            assert conn.scalar(select(func.count()).select_from(IncidentRow)) == report.incidents
            unlinked = select(func.count()).select_from(IncidentRow).where(IncidentRow.event_id.is_(None))
            assert conn.scalar(unlinked) == 0  # every incident was corroborated into an event
    finally:
        engine.dispose()


def test_load_refuses_a_folder_that_is_not_a_batch_output(tmp_path: Path) -> None:
    with pytest.raises(TawthiqError) as info:
        load_output(str(tmp_path), f"sqlite:///{tmp_path / 'x.db'}")
    assert info.value.code == "T500"


def test_cli_batch_local_then_load(tmp_path: Path, dev_articles: list[dict]) -> None:
    folder = write_archive(tmp_path, dev_articles[:10])
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        app, ["batch", str(folder / "dev.jsonl"), str(folder / "sub"), str(out), "--engine", "local"]
    )
    assert result.exit_code == 0, result.output
    assert f"{10 + 2 + len(EXPECTED_BAD)} articles read: 12 ok, {len(EXPECTED_BAD)} bad" in result.output
    assert f"bad.jsonl:{EXPECTED_BAD[0][0]}: missing" in result.output
    result = runner.invoke(app, ["batch", str(folder), str(out), "--engine", "local"])
    assert result.exit_code == 2 and "T500" in result.output
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    result = runner.invoke(app, ["load", str(out), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stored"] == 12
    result = runner.invoke(app, ["load", str(out), "--db", db, "--json"])
    assert json.loads(result.output)["stored"] == 0
