"""Crash safety and concurrent writers, with real `tawthiq ingest` processes on one SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.store.helpers import write_jsonl

pytestmark = pytest.mark.slow


def _copies(dev_articles: list[dict[str, Any]], rounds: range) -> list[dict[str, Any]]:
    """The dev reports again with a marker line, so every copy has its own content hash."""
    return [{**a, "id": f"{a['id']}-{k}", "text": f"{a['text']}\n[نسخة {k}]"} for k in rounds for a in dev_articles]


def _tawthiq(*args: str) -> list[str]:
    return [sys.executable, "-c", "from tawthiq.cli import app; app()", *args]


def _count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
        try:
            return connection.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def _check_archive(db: Path, expected: int) -> None:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles, hashes, ids = connection.execute(
            "SELECT count(*), count(DISTINCT content_hash), count(DISTINCT external_id) FROM articles"
        ).fetchone()
        assert articles == hashes == ids == expected
        assert connection.execute("SELECT count(*) FROM article_search").fetchone()[0] == expected
        assert connection.execute("SELECT count(*) FROM incidents WHERE event_id IS NULL").fetchone()[0] == 0
        fts = connection.execute("SELECT count(*) FROM article_search_fts WHERE article_search_fts MATCH 'نسخه'")
        assert fts.fetchone()[0] == expected


def test_sigkill_part_way_then_rerun_stores_every_article_once(
    tmp_path: Path, dev_articles: list[dict[str, Any]]
) -> None:
    records = _copies(dev_articles, range(6))
    source = write_jsonl(tmp_path / "archive.jsonl", records)
    db = tmp_path / "tawthiq.db"
    url = f"sqlite:///{db}"
    process = subprocess.Popen(_tawthiq("ingest", str(source), "--db", url), stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while _count(db) < 64:
            assert process.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline, "ingest stored nothing within the time limit"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    stored_before = _count(db)
    assert 64 <= stored_before < len(records), "the kill must land part-way"

    rerun = subprocess.run(
        _tawthiq("ingest", str(source), "--db", url, "--json"), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["new"] == len(records) - stored_before and summary["duplicate"] == stored_before
    _check_archive(db, len(records))


def test_two_ingest_processes_on_one_sqlite_file(tmp_path: Path, dev_articles: list[dict[str, Any]]) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", _copies(dev_articles, range(0, 3)))
    second = write_jsonl(tmp_path / "second.jsonl", _copies(dev_articles, range(1, 4)))  # rounds 1-2 overlap
    db = tmp_path / "shared.db"
    url = f"sqlite:///{db}"
    processes = [
        subprocess.Popen(
            _tawthiq("ingest", str(path), "--db", url, "--json"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    results = [p.communicate(timeout=600) for p in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr
    summaries = [json.loads(stdout) for stdout, _ in results]
    total = 4 * len(dev_articles)
    overlap = 2 * len(dev_articles)
    assert sum(s["new"] for s in summaries) == total
    assert sum(s["duplicate"] for s in summaries) == overlap
    _check_archive(db, total)
