"""The rows both engines share: parsing with file:line, flattening incidents and back, inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.batch.helpers import BAD_LINES, EXPECTED_BAD

from tawthiq.batch.local import resolve_inputs
from tawthiq.batch.records import (
    INCIDENT_SCHEMA,
    BadRow,
    ParsedArticle,
    incident_from_row,
    incident_rows,
    parse_jsonl,
    parse_records,
)
from tawthiq.errors import TawthiqError
from tawthiq.models import Article, DateValue, Incident, Location


def test_parse_jsonl_keeps_every_row_with_its_line() -> None:
    data = b"\n".join(line for line, _ in BAD_LINES) + b"\n"
    parsed = list(parse_jsonl(data, "/archive/bad.jsonl"))
    good = [(p.article.id, p.source_line) for p in parsed if isinstance(p, ParsedArticle)]
    bad = [(p.source_line, p.code) for p in parsed if isinstance(p, BadRow)]
    assert good == [("ok-1", 1), ("ok-2", 8)]
    assert bad == EXPECTED_BAD
    assert all(p.source_file == "/archive/bad.jsonl" for p in parsed)
    # file order is kept: good and bad rows interleave as in the file
    assert [p.source_line for p in parsed] == sorted(p.source_line for p in parsed)


def test_parse_jsonl_reports_an_empty_file_once() -> None:
    parsed = list(parse_jsonl(b"\n\n", "empty.jsonl"))
    assert parsed == [BadRow("empty.jsonl", None, "T106", "no articles in input (the file is empty)")]


def test_parse_records_numbers_table_rows_from_one() -> None:
    rows = [
        ({"id": "a", "text": "نص", "published": dt.date(2020, 5, 1)}, 1),
        ({"id": "b", "text": None}, 2),
        ({"text": "نص آخر", "published": "2020-02-30"}, 3),
        ({"text": "بلا معرف"}, 4),
    ]
    parsed = list(parse_records(rows, "t.parquet"))
    assert isinstance(parsed[0], ParsedArticle) and parsed[0].article.published == dt.date(2020, 5, 1)
    assert (parsed[1].source_line, parsed[1].code) == (2, "T102")
    assert (parsed[2].source_line, parsed[2].code) == (3, "T103")
    assert isinstance(parsed[3], ParsedArticle) and parsed[3].article.id == "t-4"


def _incident(**changes: object) -> Incident:
    fields: dict[str, object] = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "RUS_MIL",
        "location": Location(name="أريحا", lat=35.81, lon=36.61, geonameid=172503, admin1="Idlib", country="SY"),
        "date": DateValue(date=dt.date(2019, 5, 7), precision="day"),
        "killed": 3,
        "injured": None,
        "civilian_victims": True,
        "targets": ["hospital", "residential"],
        "weapons": ["airstrike_missile"],
        "impacts": ["out_of_service"],
        "evidence": [(0, 10), (12, 20)],
        "provenance": {"rules": ["air_strike"], "gazetteer": {"id": 172503}},
    }
    fields.update(changes)
    return Incident.model_validate(fields)


def test_incident_rows_round_trip() -> None:
    article = Article(id="a1", text="x" * 40, published="2019-05-08")
    incidents = [_incident(), _incident(date=None, location=Location(name="مكان", precision=3), killed=0)]
    rows = incident_rows(article, incidents, "/in/a.jsonl", 7, "9.9.9")
    assert [r["ordinal"] for r in rows] == [0, 1]
    assert rows[0]["month"] == "2019-05" and rows[0]["country"] == "SY"
    assert rows[1]["month"] is None and rows[1]["country"] is None and rows[1]["date"] is None
    assert rows[0]["evidence"] == [[0, 10], [12, 20]]
    assert set(rows[0]) == set(INCIDENT_SCHEMA.names)
    assert {r["extractor_version"] for r in rows} == {"9.9.9"}
    assert [incident_from_row(r) for r in rows] == incidents


def test_resolve_inputs_folders_globs_and_skips(tmp_path: Path) -> None:
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "x.jsonl").write_text("{}\n")
    (tmp_path / "a" / "deep" / "y.parquet").write_bytes(b"")
    (tmp_path / "a" / "readme.md").write_text("hi")
    (tmp_path / "a" / "_SUCCESS").write_text("")
    (tmp_path / "a" / ".hidden.jsonl").write_text("")
    (tmp_path / "b.txt").write_text("{}\n")
    files, skipped = resolve_inputs([str(tmp_path / "a"), str(tmp_path / "b.txt")])
    assert files == [
        (str(tmp_path / "a" / "deep" / "y.parquet"), "parquet"),
        (str(tmp_path / "a" / "x.jsonl"), "jsonl"),
        (str(tmp_path / "b.txt"), "jsonl"),  # named explicitly: read as JSONL
    ]
    assert skipped == [str(tmp_path / "a" / "readme.md")]
    files, _ = resolve_inputs([str(tmp_path / "a" / "*.jsonl")])
    assert files == [(str(tmp_path / "a" / "x.jsonl"), "jsonl")]


def test_resolve_inputs_names_a_missing_input(tmp_path: Path) -> None:
    with pytest.raises(TawthiqError) as info:
        resolve_inputs([str(tmp_path / "missing" / "*.jsonl")])
    assert info.value.code == "T100" and "missing" in str(info.value)


def test_spark_paths_are_named_as_the_local_engine_names_them() -> None:
    from tawthiq.batch.spark import display_path

    assert display_path("file:/data/in/a b.jsonl") == "/data/in/a b.jsonl"
    assert display_path("file:///data/in/a%20b.jsonl") == "/data/in/a b.jsonl"
    assert display_path("hdfs://head:8020/news/a.jsonl") == "hdfs://head:8020/news/a.jsonl"
