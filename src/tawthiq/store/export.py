"""Exporting events: ACLED CSV, GeoJSON, JSONL (the ANNOTATION.md format) and Parquet.

Exporters are registered by name (``EXPORTERS``), like datasette's output
renderers. Every export goes through the same :class:`SearchFilters`; when
the caller did not set ``limit`` explicitly, every matching event is
exported (read in pages, so memory stays flat).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..models import ACTORS
from .schema import ArticleRow, EventRow, IncidentRow
from .search import SearchFilters, search_events

ExportFormat = Literal["acled", "geojson", "jsonl", "parquet"]
EXPORT_FORMATS: tuple[str, ...] = ("acled", "geojson", "jsonl", "parquet")
PAGE = 1000

# ACLED's column layout (codebook order).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
CIVILIANS_INTER = 7


def _tsv(name: str) -> list[dict[str, str]]:
    text = (resources.files("tawthiq.store") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@cache
def countries() -> dict[str, dict[str, str]]:
    """alpha-2 -> {alpha3, iso_numeric, name, acled_region} (data/countries.tsv)."""
    return {row["alpha2"]: row for row in _tsv("countries.tsv")}


@cache
def acled_actors() -> dict[str, dict[str, str]]:
    """actor code -> {acled_name, inter} (data/actors.tsv)."""
    rows = {row["code"]: row for row in _tsv("actors.tsv")}
    missing = set(ACTORS) - set(rows)
    if missing:
        raise RuntimeError(f"data/actors.tsv lacks {sorted(missing)}")
    return rows


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Political violence"


def iter_events(session: Session, filters: SearchFilters) -> Iterator[EventRow]:
    """Every event the filters select (honouring an explicitly set limit/offset)."""
    if "limit" in filters.model_fields_set and filters.limit is not None:
        yield from search_events(session, filters)[0]
        return
    offset = filters.offset
    while True:
        page, _ = search_events(session, filters.model_copy(update={"limit": PAGE, "offset": offset}))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def _notes(e: EventRow) -> str:
    parts = [f"On {e.date.isoformat() if e.date else 'an unknown date'}, {e.sub_event_type.lower()}"]
    parts.append(f"by {acled_actors()[e.actor1]['acled_name']}" if e.actor1 != "UNKNOWN" else "by unidentified actors")
    parts.append(f"in {e.location_name}")
    text = " ".join(parts)
    if e.targets:
        text += f"; targets: {', '.join(e.targets)}"
    if e.weapons:
        text += f"; weapons: {', '.join(e.weapons)}"
    if e.killed_min is not None:
        killed = str(e.killed_min) if e.killed_min == e.killed_max else f"{e.killed_min}-{e.killed_max}"
        text += f"; killed: {killed}"
    if e.injured_min is not None:
        injured = str(e.injured_min) if e.injured_min == e.injured_max else f"{e.injured_min}-{e.injured_max}"
        text += f"; injured: {injured}"
    if e.contested:
        text += f"; perpetrator contested ({', '.join(e.actors)})"
    return text + "."


def acled_row(e: EventRow) -> dict[str, Any]:
    """One event in ACLED's layout. Fatalities are the most conservative figure (the minimum)."""
    country = countries().get(e.country or "", {})
    actor = acled_actors()[e.actor1]
    inter1 = int(actor["inter"])
    actor2, inter2 = "", ""
    if e.civilian_victims:
        actor2 = f"Civilians ({country.get('name', e.country or 'unknown')})"
        inter2 = str(CIVILIANS_INTER)
    interaction = int(f"{min(inter1, int(inter2))}{max(inter1, int(inter2))}") if inter2 else inter1 * 10
    others = [acled_actors()[a]["acled_name"] for a in e.actors if a not in (e.actor1, "UNKNOWN")]
    return {
        "event_id_cnty": f"{country.get('alpha3', e.country or 'XXX')}{e.id}",
        "event_date": e.date.isoformat() if e.date else "",
        "year": e.date.year if e.date else "",
        "time_precision": TIME_PRECISION.get(e.date_precision or "day", 3),
        "disorder_type": disorder_type(e.event_type, e.sub_event_type),
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": actor["acled_name"],
        "assoc_actor_1": "; ".join(others),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if e.civilian_victims else "",
        "iso": country.get("iso_numeric", ""),
        "region": country.get("acled_region", ""),
        "country": country.get("name", e.country or ""),
        "admin1": e.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": e.location_name,
        "latitude": "" if e.lat is None else f"{e.lat:.4f}",
        "longitude": "" if e.lon is None else f"{e.lon:.4f}",
        "geo_precision": e.geo_precision,
        "source": "; ".join(e.sources or []),
        "source_scale": "",
        "notes": _notes(e),
        "fatalities": e.killed_min if e.killed_min is not None else 0,
        "tags": f"tawthiq grade={e.grade}; sources={e.n_sources}; review={e.review_status}",
        "timestamp": int((e.updated_at or dt.datetime.now(dt.UTC)).timestamp()),
    }


def event_properties(e: EventRow) -> dict[str, Any]:
    """The fields of an event as plain JSON values (GeoJSON properties, Parquet rows)."""
    return {
        "event_id": e.id,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1,
        "actors": list(e.actors or []),
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "location": e.location_name,
        "lat": e.lat,
        "lon": e.lon,
        "geonameid": e.geonameid,
        "admin1": e.admin1,
        "country": e.country,
        "geo_precision": e.geo_precision,
        "killed_min": e.killed_min,
        "killed_max": e.killed_max,
        "injured_min": e.injured_min,
        "injured_max": e.injured_max,
        "civilian_victims": e.civilian_victims,
        "targets": list(e.targets or []),
        "weapons": list(e.weapons or []),
        "impacts": list(e.impacts or []),
        "sources": list(e.sources or []),
        "n_sources": e.n_sources,
        "grade": e.grade,
        "contested": e.contested,
        "review_status": e.review_status,
    }


def _export_acled(session: Session, filters: SearchFilters, out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for event in iter_events(session, filters):
        writer.writerow(acled_row(event))
        count += 1
    text.flush()
    text.detach()
    return count


def _export_geojson(session: Session, filters: SearchFilters, out: IO[bytes]) -> int:
    """An RFC 7946 FeatureCollection; events without coordinates get a null geometry."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in iter_events(session, filters):
        geometry = (
            {"type": "Point", "coordinates": [round(event.lon, 6), round(event.lat, 6)]}
            if event.lat is not None and event.lon is not None
            else None
        )
        feature = {
            "type": "Feature",
            "id": event.id,
            "geometry": geometry,
            "properties": event_properties(event),
        }
        out.write((",\n" if count else "").encode() + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
        count += 1
    out.write(b"\n]}\n")
    return count


def incident_record(row: IncidentRow) -> dict[str, Any]:
    """One stored incident as an ANNOTATION.md incident object (plus provenance)."""
    return {
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "actor1": row.actor1,
        "location": {
            "name": row.location_name,
            "lat": row.lat,
            "lon": row.lon,
            "geonameid": row.geonameid,
            "admin1": row.admin1,
            "country": row.country,
            "precision": row.geo_precision,
        },
        "date": {"date": row.date.isoformat(), "precision": row.date_precision or "day"} if row.date else None,
        "killed": row.killed,
        "injured": row.injured,
        "civilian_victims": row.civilian_victims,
        "targets": list(row.targets or []),
        "weapons": list(row.weapons or []),
        "impacts": list(row.impacts or []),
        "evidence": [list(span) for span in row.evidence or []],
        "optional": row.optional,
        "provenance": {
            **(row.provenance or {}),
            "extractor_version": row.extractor_version,
            "event_id": row.event_id,
            "review_status": row.review_status,
        },
    }


def _export_jsonl(session: Session, filters: SearchFilters, out: IO[bytes]) -> int:
    """One line per article: ``{"article_id", "incidents": [...]}`` for the selected events' incidents."""
    event_ids = [e.id for e in iter_events(session, filters)]
    by_article: dict[int, list[IncidentRow]] = {}
    for start in range(0, len(event_ids), PAGE):
        chunk = event_ids[start : start + PAGE]
        for row in session.scalars(
            sa.select(IncidentRow).where(IncidentRow.event_id.in_(chunk)).order_by(IncidentRow.id)
        ):
            by_article.setdefault(row.article_id, []).append(row)
    external = (
        dict(
            session.execute(
                sa.select(ArticleRow.id, ArticleRow.external_id).where(ArticleRow.id.in_(list(by_article)))
            ).all()
        )
        if by_article
        else {}
    )
    for article_id in sorted(by_article):
        rows = sorted(by_article[article_id], key=lambda r: r.ordinal)
        line = {"article_id": external[article_id], "incidents": [incident_record(r) for r in rows]}
        out.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
    return len(event_ids)


def _export_parquet(session: Session, filters: SearchFilters, out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    strings = pa.list_(pa.string())
    schema = pa.schema([
        ("event_id", pa.int64()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
        ("actor1", pa.string()), ("actors", strings), ("date", pa.date32()), ("date_precision", pa.string()),
        ("location", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()),
        ("admin1", pa.string()), ("country", pa.string()), ("geo_precision", pa.int8()),
        ("killed_min", pa.int64()), ("killed_max", pa.int64()), ("injured_min", pa.int64()),
        ("injured_max", pa.int64()), ("civilian_victims", pa.bool_()), ("targets", strings),
        ("weapons", strings), ("impacts", strings), ("sources", strings), ("n_sources", pa.int32()),
        ("grade", pa.string()), ("contested", pa.bool_()), ("review_status", pa.string()),
    ])  # fmt: skip
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in iter_events(session, filters):
            props = event_properties(event)
            props["date"] = event.date
            batch.append(props)
            count += 1
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


EXPORTERS: dict[str, Callable[[Session, SearchFilters, IO[bytes]], int]] = {
    "acled": _export_acled,
    "geojson": _export_geojson,
    "jsonl": _export_jsonl,
    "parquet": _export_parquet,
}


def export_events(
    session: Session, fmt: ExportFormat | str, filters: SearchFilters, out: str | Path | IO[bytes]
) -> int:
    """Write the events ``filters`` select to ``out`` (a path or a binary stream); returns how many."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(EXPORTERS)})")
    if isinstance(out, (str, Path)):
        path = Path(out)
        tmp = path.with_name(path.name + ".part")
        with tmp.open("wb") as stream:
            count = exporter(session, filters, stream)
        tmp.replace(path)  # a failed export never leaves a half-written file under the real name
        return count
    return exporter(session, filters, out)
