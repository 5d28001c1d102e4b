"""Read queries of the web app: event lists, the bounded map query, statistics, one event.

Every query filters events with the store's own conditions
(``tawthiq.store.search.event_conditions``, the CLI's ``search``/``export``
filters); the map and the statistics aggregate in SQL so that they stay fast
on large archives.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from ..models import EVENT_TYPES, IMPACTS, TARGETS
from ..store.schema import ArticleRow, AuditRow, EventRow, IncidentRow
from .filters import FILTER_KEYS, EventFilters

MAP_POINT_LIMIT = 2000  # above this many events in view, the map gets grid clusters
MAP_CLUSTER_LIMIT = 4000
COUNT_LIMIT = 15


def event_clauses(session: Session, filters: EventFilters) -> list[ColumnElement[bool]]:
    """WHERE clauses on EventRow: the store's own search conditions for these filters
    (``tawthiq.store.search.event_conditions``), so the map, the statistics, the lists and
    the CLI's ``search``/``export`` select the same events."""
    from ..store.search import SearchFilters, event_conditions

    shared = SearchFilters(**filters.model_dump(include=set(FILTER_KEYS)), limit=None)
    return event_conditions(session, shared)


def count_events(session: Session, filters: EventFilters) -> int:
    return session.scalar(select(func.count(EventRow.id)).where(*event_clauses(session, filters))) or 0


def list_events(session: Session, filters: EventFilters, total: int | None = None) -> tuple[list[EventRow], int]:
    """One page of events, newest first, and the total that match (pass ``total`` if known)."""
    where = event_clauses(session, filters)
    if total is None:
        total = count_events(session, filters)
    rows = session.scalars(
        select(EventRow)
        .where(*where)
        .order_by(EventRow.date.desc().nulls_last(), EventRow.id.desc())
        .limit(filters.limit)
        .offset(filters.offset)
    ).all()
    return list(rows), total


def casualties(event: EventRow) -> int:
    return (event.killed_max or 0) + (event.injured_max or 0)


def event_summary(event: EventRow) -> dict[str, Any]:
    """The JSON form of one event (lists, map popups)."""
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actors": list(event.actors or []),
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "location_name": event.location_name,
        "lat": event.lat,
        "lon": event.lon,
        "geonameid": event.geonameid,
        "admin1": event.admin1,
        "country": event.country,
        "geo_precision": event.geo_precision,
        "killed_min": event.killed_min,
        "killed_max": event.killed_max,
        "injured_min": event.injured_min,
        "injured_max": event.injured_max,
        "civilian_victims": event.civilian_victims,
        "targets": list(event.targets or []),
        "weapons": list(event.weapons or []),
        "impacts": list(event.impacts or []),
        "n_sources": event.n_sources,
        "grade": event.grade,
        "contested": event.contested,
        "review_status": event.review_status,
        "locked_fields": list(event.locked_fields or []),
        "updated_at": event.updated_at.isoformat() if event.updated_at else None,
    }


def incident_summary(incident: IncidentRow) -> dict[str, Any]:
    return {
        "id": incident.id,
        "article_id": incident.article_id,
        "event_id": incident.event_id,
        "ordinal": incident.ordinal,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "location": {
            "name": incident.location_name,
            "lat": incident.lat,
            "lon": incident.lon,
            "geonameid": incident.geonameid,
            "admin1": incident.admin1,
            "country": incident.country,
            "precision": incident.geo_precision,
        },
        "date": ({"date": incident.date.isoformat(), "precision": incident.date_precision} if incident.date else None),
        "killed": incident.killed,
        "injured": incident.injured,
        "civilian_victims": incident.civilian_victims,
        "targets": list(incident.targets or []),
        "weapons": list(incident.weapons or []),
        "impacts": list(incident.impacts or []),
        "evidence": [list(span) for span in incident.evidence or []],
        "optional": incident.optional,
        "extractor_version": incident.extractor_version,
        "review_status": incident.review_status,
    }


def article_summary(article: ArticleRow, with_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "external_id": article.external_id,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "length": len(article.text),
    }
    if with_text:
        out["text"] = article.text
    return out


def audit_summary(row: AuditRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at.isoformat() if row.at else None,
        "actor": row.actor,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "details": row.details,
    }


# ---------------------------------------------------------------- map


@dataclass(frozen=True)
class BBox:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, text: str | None) -> BBox | None:
        """``west,south,east,north`` (the GeoJSON/Leaflet ``toBBoxString`` order)."""
        if not text:
            return None
        parts = text.split(",")
        if len(parts) != 4:
            raise ValueError("bbox must be west,south,east,north")
        west, south, east, north = (float(p) for p in parts)
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise ValueError("bbox values must be finite numbers")
        if south > north:
            raise ValueError("bbox south must not exceed north")
        return cls(south=max(south, -90), west=max(west, -180), north=min(north, 90), east=min(east, 180))


def map_query(session: Session, filters: EventFilters, bbox: BBox | None, zoom: int) -> dict[str, Any]:
    """Events for the map: single points when few, else grid clusters (always bounded)."""
    where = [*event_clauses(session, filters), EventRow.lat.is_not(None), EventRow.lon.is_not(None)]
    if bbox is not None:
        where += [EventRow.lat.between(bbox.south, bbox.north), EventRow.lon.between(bbox.west, bbox.east)]
    total = session.scalar(select(func.count(EventRow.id)).where(*where)) or 0
    if total <= MAP_POINT_LIMIT:
        rows = session.execute(
            select(
                EventRow.id, EventRow.lat, EventRow.lon, EventRow.event_type, EventRow.sub_event_type,
                EventRow.actor1, EventRow.date, EventRow.location_name, EventRow.killed_max,
                EventRow.injured_max, EventRow.grade, EventRow.review_status,
            )
            .where(*where)
            .limit(MAP_POINT_LIMIT)
        ).all()  # fmt: skip
        points = [
            {
                "id": r.id,
                "lat": r.lat,
                "lon": r.lon,
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "actor1": r.actor1,
                "date": r.date.isoformat() if r.date else None,
                "location_name": r.location_name,
                "casualties": (r.killed_max or 0) + (r.injured_max or 0),
                "grade": r.grade,
                "review_status": r.review_status,
            }
            for r in rows
        ]
        return {"mode": "points", "total": total, "items": points}
    # about 48 px cells on 256 px tiles
    zoom = max(0, min(zoom, 18))
    cell = 360.0 / (2**zoom) * (48 / 256)
    if session.get_bind().dialect.name == "sqlite":
        # floor() needs SQLite's optional math functions; truncating a positive number is the same
        gy = cast((EventRow.lat + 90.0) / cell, Integer)
        gx = cast((EventRow.lon + 180.0) / cell, Integer)
    else:
        gy = func.floor((EventRow.lat + 90.0) / cell)
        gx = func.floor((EventRow.lon + 180.0) / cell)
    rows = session.execute(
        select(
            gy.label("gy"),
            gx.label("gx"),
            EventRow.event_type,
            func.count(EventRow.id).label("n"),
            func.sum(func.coalesce(EventRow.killed_max, 0) + func.coalesce(EventRow.injured_max, 0)).label("cas"),
            func.avg(EventRow.lat).label("lat"),
            func.avg(EventRow.lon).label("lon"),
        )
        .where(*where)
        .group_by(gy, gx, EventRow.event_type)
        .limit(MAP_CLUSTER_LIMIT)
    ).all()
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        c = cells.setdefault(
            (int(r.gy), int(r.gx)),
            {"count": 0, "casualties": 0, "lat_sum": 0.0, "lon_sum": 0.0, "by_type": {}},
        )
        c["count"] += r.n
        c["casualties"] += int(r.cas or 0)
        c["lat_sum"] += float(r.lat) * r.n
        c["lon_sum"] += float(r.lon) * r.n
        c["by_type"][r.event_type] = r.n
    clusters = []
    for c in cells.values():
        by_type = c["by_type"]
        clusters.append(
            {
                "lat": c["lat_sum"] / c["count"],
                "lon": c["lon_sum"] / c["count"],
                "count": c["count"],
                "casualties": c["casualties"],
                "event_type": max(by_type, key=by_type.get),
                "by_type": by_type,
            }
        )
    # a tiny zoom over a huge area could ask for more cells than we send: say so
    truncated = len(rows) >= MAP_CLUSTER_LIMIT
    return {"mode": "clusters", "total": total, "cell_degrees": cell, "truncated": truncated, "items": clusters}


# ---------------------------------------------------------------- statistics


MAX_BUCKETS = 120


def _bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "year":
        return day.replace(month=1, day=1)
    return day


def timeline(session: Session, filters: EventFilters, bucket: str = "auto") -> dict[str, Any]:
    """Events per day or week, by event type."""
    where = [*event_clauses(session, filters), EventRow.date.is_not(None)]
    rows = session.execute(
        select(EventRow.date, EventRow.event_type, func.count(EventRow.id))
        .where(*where)
        .group_by(EventRow.date, EventRow.event_type)
    ).all()
    if not rows:
        return {"bucket": "day", "buckets": [], "types": []}
    days = [r[0] for r in rows]
    if bucket == "auto":  # the finest bucket that keeps the chart readable (and cheap to draw)
        bucket = next(
            (b for b in ("day", "week", "month") if len({_bucket_start(d, b) for d in days}) <= MAX_BUCKETS),
            "year",
        )
    counts: dict[dt.date, Counter[str]] = defaultdict(Counter)
    for day, event_type, n in rows:
        counts[_bucket_start(day, bucket)][event_type] += n
    types = [t for t in EVENT_TYPES if any(t in c for c in counts.values())]
    buckets = [
        {"start": key.isoformat(), "total": sum(c.values()), "by_type": dict(c)} for key, c in sorted(counts.items())
    ]
    return {"bucket": bucket, "buckets": buckets, "types": types}


def _group_counts(session: Session, column: Any, where: list[ColumnElement[bool]]) -> list[tuple[str, int]]:
    rows = session.execute(
        select(column, func.count(EventRow.id).label("n"))
        .where(*where, column.is_not(None))
        .group_by(column)
        .order_by(func.count(EventRow.id).desc())
        .limit(COUNT_LIMIT)
    ).all()
    return [(str(value), int(n)) for value, n in rows]


def _code_counts(
    session: Session, column: Any, codes: tuple[str, ...], where: list[ColumnElement[bool]]
) -> list[tuple[str, int]]:
    """How many events list each code in a JSON list column, in one table scan."""
    text = cast(column, String)
    sums = [func.sum(case((text.like(f'%"{code}"%'), 1), else_=0)) for code in codes]
    row = session.execute(select(*sums).where(*where)).one()
    counts = [(code, int(n or 0)) for code, n in zip(codes, row, strict=True)]
    return sorted([c for c in counts if c[1]], key=lambda c: -c[1])


def statistics(session: Session, filters: EventFilters) -> dict[str, Any]:
    """Counts by actor, governorate, target and facility impact, plus casualty totals."""
    where = event_clauses(session, filters)
    totals = session.execute(
        select(
            func.count(EventRow.id),
            func.sum(EventRow.killed_min),
            func.sum(EventRow.killed_max),
            func.sum(EventRow.injured_min),
            func.sum(EventRow.injured_max),
        ).where(*where)
    ).one()
    return {
        "events": int(totals[0] or 0),
        "killed_min": int(totals[1] or 0),
        "killed_max": int(totals[2] or 0),
        "injured_min": int(totals[3] or 0),
        "injured_max": int(totals[4] or 0),
        "by_actor": _group_counts(session, EventRow.actor1, where),
        "by_admin1": _group_counts(session, EventRow.admin1, where),
        "by_target": _code_counts(session, EventRow.targets, TARGETS, where),
        "by_impact": _code_counts(session, EventRow.impacts, IMPACTS, where),
    }


# ---------------------------------------------------------------- one event


def load_event(session: Session, event_id: int) -> EventRow | None:
    return session.scalar(
        select(EventRow)
        .where(EventRow.id == event_id)
        .options(selectinload(EventRow.incidents).selectinload(IncidentRow.article))
    )


def audit_entries(session: Session, event: EventRow) -> list[AuditRow]:
    """Audit rows about the event and about its incidents, oldest first."""
    incident_ids = [i.id for i in event.incidents]
    cond = and_(AuditRow.object_type == "event", AuditRow.object_id == event.id)
    if incident_ids:
        cond = or_(cond, and_(AuditRow.object_type == "incident", AuditRow.object_id.in_(incident_ids)))
    return list(session.scalars(select(AuditRow).where(cond).order_by(AuditRow.at, AuditRow.id)).all())


def merged_into(session: Session, event_id: int) -> int | None:
    """The event a deleted (merged) event went into, from the audit log."""
    row = session.scalar(
        select(AuditRow)
        .where(AuditRow.object_type == "event", AuditRow.object_id == event_id, AuditRow.action == "merged_into")
        .order_by(AuditRow.id.desc())
        .limit(1)
    )
    if row is None or not row.details:
        return None
    target = row.details.get("into")
    return int(target) if isinstance(target, int) else None


def to_search_filters(filters: EventFilters) -> Any:
    """The store's ``SearchFilters`` for one target/weapon code (the CLI's filters)."""
    from ..store import SearchFilters

    data = filters.model_dump(exclude={"target", "weapon"})
    data["target"] = filters.targets[0] if len(filters.targets) == 1 else None
    data["weapon"] = filters.weapons[0] if len(filters.weapons) == 1 else None
    return SearchFilters(**data)
