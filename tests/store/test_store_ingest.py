"""Ingest: idempotence, readers for every input kind, bad input, the CLI."""

from __future__ import annotations

import csv
import html
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tests.store.helpers import GoldExtractor, NoIncidents, write_jsonl
from typer.testing import CliRunner

from tawthiq.cli import app
from tawthiq.errors import CollectPolicy, TawthiqError
from tawthiq.models import Article
from tawthiq.store import (
    ArticleRow,
    EventRow,
    IncidentRow,
    SearchFilters,
    export_events,
    ingest_articles,
    iter_input_articles,
    open_database,
    session_scope,
)


def _counts(engine: Engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in (ArticleRow, IncidentRow, EventRow)
        )


def _dev_path(shared: Path) -> str:
    return str(shared / "data" / "dev" / "articles.jsonl")


def test_ingesting_the_dev_set_twice_leaves_the_same_counts(
    engine: Engine, shared: Path, gold_extractor: GoldExtractor, dev_gold: list[dict[str, Any]]
) -> None:
    first = ingest_articles(engine, iter_input_articles([_dev_path(shared)]), extractor=gold_extractor)
    gold_incidents = sum(len(line["incidents"]) for line in dev_gold)
    assert (first.new, first.duplicate, first.bad, first.incidents) == (73, 0, 0, gold_incidents)
    counts = _counts(engine)
    assert counts[:2] == (73, gold_incidents) and 0 < counts[2] <= gold_incidents
    assert first.events == counts[2]  # every event was created by this run
    second = ingest_articles(engine, iter_input_articles([_dev_path(shared)]), extractor=gold_extractor)
    assert (second.new, second.duplicate, second.incidents, second.events) == (0, 73, 0, 0)
    assert _counts(engine) == counts


def test_stored_incidents_export_back_to_the_gold_exactly(
    engine: Engine, shared: Path, gold_extractor: GoldExtractor, tmp_path: Path
) -> None:
    """Every ANNOTATION.md field survives the database: the scorer gives F1 = 1 against the gold."""
    ingest_articles(engine, iter_input_articles([_dev_path(shared)]), extractor=gold_extractor)
    out = tmp_path / "incidents.jsonl"
    with session_scope(engine) as session:
        export_events(session, "jsonl", SearchFilters(), out)
    result = subprocess.run(
        [sys.executable, str(shared / "spec" / "score.py"), _dev_path(shared),
         str(shared / "data" / "dev" / "gold.jsonl"), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    score = json.loads(result.stdout)
    assert score["f1"] == 1.0 and score["fp"] == 0 and score["fn"] == 0
    assert score["evidence"] == 1.0 and score["killed"] == 1.0 and score["targets_f1"] == 1.0


def test_the_same_report_in_another_unicode_form_is_a_duplicate(engine: Engine) -> None:
    text = "قُتل ثلاثة مدنيين في قصف على بلدة كفرنبل."
    nfc = Article(id="one", text=unicodedata.normalize("NFC", text))
    nfd = Article(id="two", text=unicodedata.normalize("NFD", text))
    summary = ingest_articles(engine, [nfc, nfd, nfc], extractor=NoIncidents())
    assert (summary.new, summary.duplicate) == (1, 2)
    assert _counts(engine)[0] == 1


def test_worker_processes_store_what_one_process_stores(
    sqlite_url: str, tmp_path: Path, shared: Path, gold_extractor: GoldExtractor
) -> None:
    one = open_database(sqlite_url)
    two = open_database(f"sqlite:///{tmp_path / 'workers.db'}")
    ingest_articles(one, iter_input_articles([_dev_path(shared)]), extractor=gold_extractor)
    summary = ingest_articles(two, iter_input_articles([_dev_path(shared)]), extractor=gold_extractor, workers=2)
    assert summary.new == 73
    query = sa.select(ArticleRow.external_id, IncidentRow.ordinal, IncidentRow.location_name, IncidentRow.killed).join(
        IncidentRow.article
    )
    with session_scope(one) as a, session_scope(two) as b:
        assert sorted(tuple(r) for r in a.execute(query)) == sorted(tuple(r) for r in b.execute(query))
    one.dispose()
    two.dispose()


def test_the_real_extractor_stores_incidents_from_the_dev_set(sqlite_url: str, shared: Path) -> None:
    from tawthiq.incidents import EXTRACTOR_VERSION

    engine = open_database(sqlite_url)
    summary = ingest_articles(engine, iter_input_articles([_dev_path(shared)]))
    assert summary.new == 73 and summary.incidents > 73 and summary.events > 0
    with session_scope(engine) as session:
        versions = set(session.scalars(sa.select(IncidentRow.extractor_version).distinct()))
        assert versions == {EXTRACTOR_VERSION}
        for row in session.scalars(sa.select(IncidentRow).limit(50)):
            text = row.article.text
            assert all(0 <= s < e <= len(text) for s, e in row.evidence)
    engine.dispose()


# --- readers ----------------------------------------------------------------------------------


def _some_dev(dev_articles: list[dict[str, Any]], n: int = 3) -> list[dict[str, Any]]:
    return dev_articles[:n]


def test_csv_reader(tmp_path: Path, dev_articles: list[dict[str, Any]]) -> None:
    path = tmp_path / "reports.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "published", "source", "url", "text"])
        writer.writeheader()
        for a in _some_dev(dev_articles):
            writer.writerow({k: a.get(k) or "" for k in writer.fieldnames})
    articles = list(iter_input_articles([str(path)]))
    assert [a.id for a in articles] == [a["id"] for a in _some_dev(dev_articles)]
    assert [a.text for a in articles] == [a["text"] for a in _some_dev(dev_articles)]  # multi-line texts intact


def test_folder_of_text_and_html_files(tmp_path: Path, dev_articles: list[dict[str, Any]]) -> None:
    first, second = _some_dev(dev_articles, 2)
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(first["text"], encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in second["text"].split("\n") if p.strip())
    page = (
        "<html><head><title>خبر</title></head><body>"
        "<nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/s'>سياسة</a></li></ul></nav>"
        f"<article><h1>تقرير</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة 2020</footer></body></html>"
    )
    (tmp_path / "in" / "sub" / "b.html").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("not an input", encoding="utf-8")
    articles = list(iter_input_articles([str(tmp_path / "in")]))
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].text == first["text"].strip() or articles[0].text == first["text"]
    body = articles[1].text
    assert "الرئيسية" not in body and "جميع الحقوق" not in body  # boilerplate gone
    longest = max(second["text"].split("\n"), key=len).strip()
    assert longest in body


def _rss(items: list[dict[str, Any]]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(a['text'][:40])}</title><link>https://example.org/{a['id']}</link>"
        f"<guid>{a['id']}</guid><pubDate>Sat, 08 Feb 2020 10:00:00 GMT</pubDate>"
        f"<description>{html.escape('<p>' + a['text'] + '</p>')}</description></item>"
        for a in items
    )
    head = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test outlet</title>'
    return f"{head}{entries}</channel></rss>"


def test_rss_and_atom_feeds(tmp_path: Path, dev_articles: list[dict[str, Any]]) -> None:
    items = _some_dev(dev_articles, 2)
    (tmp_path / "feed.rss").write_text(_rss(items), encoding="utf-8")
    atom_entries = "".join(
        f"<entry><id>urn:{a['id']}</id><title>t</title><updated>2021-03-04T00:00:00Z</updated>"
        f"<link href='https://example.org/{a['id']}'/>"
        f"<content type='text'>{html.escape(a['text'])}</content></entry>"
        for a in items
    )
    (tmp_path / "feed.atom").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom outlet</title>'
        f"{atom_entries}</feed>",
        encoding="utf-8",
    )
    rss = list(iter_input_articles([str(tmp_path / "feed.rss")]))
    assert [a.id for a in rss] == [a["id"] for a in items]
    assert rss[0].source == "Test outlet" and rss[0].url == f"https://example.org/{items[0]['id']}"
    assert str(rss[0].published) == "2020-02-08"
    assert max(items[0]["text"].split("\n"), key=len).strip() in rss[0].text
    atom = list(iter_input_articles([str(tmp_path / "feed.atom")]))
    assert [a.id for a in atom] == [f"urn:{a['id']}" for a in items] and str(atom[0].published) == "2021-03-04"


# --- bad input ------------------------------------------------------------------------------


def _bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        'id,published,text\nok1,2020-01-01,"قصف على بلدة"\nok2,2020-01-02,"غارة\nعلى مدينة"\n'
        "bad,2020-01-03\nok3,2020-01-04,اشتباكات قرب القرية\n",
        encoding="utf-8",
    )
    return path


def test_a_bad_csv_row_names_file_and_line(tmp_path: Path) -> None:
    path = _bad_csv(tmp_path)
    with pytest.raises(TawthiqError) as caught:
        list(iter_input_articles([str(path)]))
    assert caught.value.code == "T301"
    assert str(caught.value) == f"T301: {path}:5: expected 3 columns, got 2"
    policy = CollectPolicy()
    assert [a.id for a in iter_input_articles([str(path)], policy)] == ["ok1", "ok2", "ok3"]
    assert [str(e) for e in policy.errors] == [f"T301: {path}:5: expected 3 columns, got 2"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("feed.xml", b"this is { not XML at all", "T302"),
        ("page.rss", b"<html><body><p>hello</p></body></html>", "T302"),
        ("bad.jsonl", b'{"id": "x", "text": "ok"}\n{"id": "y", "tex', "T101"),
        ("binary.txt", b"\x00\x01\x02abc", "T108"),
        ("latin1.txt", "قصف".encode("cp1256"), "T104"),
        ("nohead.csv", b"id,body\n1,hello\n", "T301"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TawthiqError) as caught:
        list(iter_input_articles([str(path)]))
    assert caught.value.code == code and str(path) in str(caught.value)


def test_a_missing_file_is_T100(tmp_path: Path) -> None:
    (tmp_path / "dangling.jsonl").symlink_to(tmp_path / "gone.jsonl")
    with pytest.raises(TawthiqError, match="T100"):
        list(iter_input_articles([str(tmp_path / "dangling.jsonl")]))


# --- the CLI ------------------------------------------------------------------------------


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_cli_bad_row_stops_before_anything_is_stored(tmp_path: Path, sqlite_url: str) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "g1", "text": "سقوط قذائف على حي سكني في المدينة"}])
    result = _run("ingest", str(good), str(_bad_csv(tmp_path)), "--db", sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: T301: {tmp_path / 'bad.csv'}:5: expected 3 columns, got 2"
    engine = open_database(sqlite_url)
    assert _counts(engine) == (0, 0, 0)
    engine.dispose()


def test_cli_skip_bad_stores_the_good_rows(tmp_path: Path, sqlite_url: str) -> None:
    result = _run("ingest", str(_bad_csv(tmp_path)), "--db", sqlite_url, "--skip-bad", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["bad"], summary["duplicate"]) == (3, 1, 0)
    assert "skipped: T301" in result.stderr
    engine = open_database(sqlite_url)
    assert _counts(engine)[0] == 3
    engine.dispose()


def test_cli_feed_that_is_not_xml(tmp_path: Path, sqlite_url: str) -> None:
    path = tmp_path / "news.xml"
    path.write_text("<<< not a feed", encoding="utf-8")
    result = _run("ingest", str(path), "--db", sqlite_url)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: T302: {path}: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_database_that_cannot_connect(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "g1", "text": "نص"}])
    result = _run("ingest", str(good), "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: T300: postgresql+psycopg://nobody@127.0.0.1:1/none: ")


def test_cli_ingest_search_export_status(tmp_path: Path, sqlite_url: str, shared: Path) -> None:
    result = _run("ingest", _dev_path(shared), "--db", sqlite_url, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["new"] == 73 and summary["incidents"] > 0
    again = json.loads(_run("ingest", _dev_path(shared), "--db", sqlite_url, "--json").stdout)
    assert (again["new"], again["duplicate"]) == (0, 73)

    status = json.loads(_run("db", "status", "--db", sqlite_url, "--json").stdout)
    assert status["articles"] == 73 and status["incidents"] == summary["incidents"]

    found = _run("search", "--country", "SY", "--limit", "5", "--db", sqlite_url, "--json")
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert 0 < len(rows) <= 5 and all(r["country"] == "SY" for r in rows)
    table = _run("search", "--db", sqlite_url)
    assert table.exit_code == 0 and f"{status['events']} events" in table.stdout

    out = tmp_path / "out" / "events.csv"
    exported = _run("export", "--format", "acled", "-o", str(out), "--db", sqlite_url)
    assert exported.exit_code == 0
    with out.open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == status["events"]


def test_cli_reads_jsonl_on_stdin(sqlite_url: str) -> None:
    lines = "".join(
        json.dumps({"id": f"s{k}", "text": f"سقوط قذائف على حي سكني رقم {k}"}, ensure_ascii=False) + "\n"
        for k in range(3)
    )
    result = CliRunner().invoke(app, ["ingest", "-", "--db", sqlite_url, "--json"], input=lines.encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 3
