"""Exports: ACLED CSV layout, RFC 7946 GeoJSON, JSONL in the ANNOTATION.md format, Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from tests.store.helpers import article, incident

from tawthiq.models import ArticleIncidents
from tawthiq.store import SearchFilters, export_events, session_scope, store_extracted

# ACLED's export columns, in the codebook's order.
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


@pytest.fixture
def archive(engine: Engine) -> Engine:
    text = "قصف جوي على مدينة معرة النعمان وسقوط ضحايا مدنيين، واشتباكات في ريف حماة."
    store_extracted(
        engine,
        article("x1", text, "outlet-a"),
        [
            incident(actor="RUS_MIL", killed=4, injured=9, targets=("market",),
                     weapons=("airstrike_missile",), evidence=((0, 40),)),
            incident(place="ريف حماة", lat=None, lon=None, precision=3, admin1="Hama", actor="SYR_GOV",
                     sub_event_type="Armed clash", event_type="Battles", civilians=False,
                     evidence=((41, len(text)),)),
        ],
        "t",
    )  # fmt: skip
    store_extracted(engine, article("x2", text + " ", "outlet-b"), [incident(actor="UNKNOWN", killed=6)], "t")
    return engine


def _export(engine: Engine, fmt: str, tmp_path: Path, **filters: object) -> tuple[Path, int]:
    out = tmp_path / f"events.{fmt}"
    with session_scope(engine) as session:
        count = export_events(session, fmt, SearchFilters(**filters), out)
    return out, count


def test_acled_csv_has_acleds_header_and_conservative_fatalities(archive: Engine, tmp_path: Path) -> None:
    out, count = _export(archive, "acled", tmp_path)
    with out.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ACLED_HEADER
        rows = list(reader)
    assert count == len(rows) == 2
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_id_cnty"].startswith("SYR") and strike["iso"] == "760" and strike["country"] == "Syria"
    assert strike["fatalities"] == "4"  # the lowest figure of the two outlets
    assert strike["event_date"] == "2019-12-20" and strike["year"] == "2019" and strike["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["actor2"] == "Civilians (Syria)"
    assert strike["source"] == "outlet-a; outlet-b" and "grade=confirmed" in strike["tags"]
    assert float(strike["latitude"]) == pytest.approx(35.648) and strike["geo_precision"] == "1"
    clash = next(r for r in rows if r["event_type"] == "Battles")
    assert clash["latitude"] == "" and clash["geo_precision"] == "3" and clash["fatalities"] == "0"


def _check_rfc7946(doc: dict) -> None:
    """The structure RFC 7946 requires of a FeatureCollection of Points (section 3)."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id"), (str, int, float))
        geometry = feature["geometry"]
        if geometry is None:  # "unlocated" features have a null geometry (3.2)
            continue
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) in (2, 3)
        lon, lat = geometry["coordinates"][:2]
        assert -180 <= lon <= 180 and -90 <= lat <= 90  # longitude first (3.1.1)


def test_geojson_is_a_valid_feature_collection(archive: Engine, tmp_path: Path) -> None:
    out, count = _export(archive, "geojson", tmp_path)
    doc = json.loads(out.read_text(encoding="utf-8"))
    _check_rfc7946(doc)
    assert count == len(doc["features"]) == 2
    located = [f for f in doc["features"] if f["geometry"]]
    assert len(located) == 1 and located[0]["geometry"]["coordinates"] == [36.672, 35.648]
    assert located[0]["properties"]["killed_min"] == 4 and located[0]["properties"]["killed_max"] == 6


def test_geojson_of_nothing_is_still_valid(engine: Engine, tmp_path: Path) -> None:
    out, count = _export(engine, "geojson", tmp_path)
    doc = json.loads(out.read_text(encoding="utf-8"))
    _check_rfc7946(doc)
    assert count == 0 and doc["features"] == []


def test_jsonl_lines_are_the_annotation_format(archive: Engine, tmp_path: Path) -> None:
    out, _ = _export(archive, "jsonl", tmp_path)
    lines = [ArticleIncidents.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(line.article_id, len(line.incidents)) for line in lines] == [("x1", 2), ("x2", 1)]
    first = lines[0].incidents[0]
    assert (first.killed, first.injured, first.targets, first.evidence) == (4, 9, ["market"], [(0, 40)])
    assert first.provenance and first.provenance["extractor_version"] == "t"


def test_parquet_round_trips_through_pyarrow(archive: Engine, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out, count = _export(archive, "parquet", tmp_path)
    table = pq.read_table(out)
    assert table.num_rows == count == 2
    rows = sorted(table.to_pylist(), key=lambda r: r["event_type"])
    assert rows[0]["event_type"] == "Battles" and rows[0]["lat"] is None
    strike = rows[1]
    assert strike["sources"] == ["outlet-a", "outlet-b"] and strike["grade"] == "confirmed"
    assert str(strike["date"]) == "2019-12-20" and strike["targets"] == ["market"]


def test_filters_and_streams(archive: Engine) -> None:
    stream = io.BytesIO()
    with session_scope(archive) as session:
        assert export_events(session, "acled", SearchFilters(event_type="Battles"), stream) == 1
        assert export_events(session, "geojson", SearchFilters(limit=1), io.BytesIO()) == 1
        with pytest.raises(ValueError, match="unknown export format"):
            export_events(session, "xlsx", SearchFilters(), io.BytesIO())
    assert stream.getvalue().decode().count("\n") == 2
