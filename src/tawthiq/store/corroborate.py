"""Corroboration: incidents from different articles that describe the same event become one event.

Two reports are the same event when (all of):

- same ``event_type`` (the sub-event type may differ: one outlet's "shelling"
  is another's "missile attack");
- dates within a day when both are day-precise; within the wider window
  (7 days for week, 31 for month) otherwise; both unknown counts as agreeing;
- places agree: same GeoNames id, or within ``RADIUS_KM`` when both have
  coordinates, or the same normalised place name;
- actors compatible: the same code, or one side ``UNKNOWN`` (an event already
  holding an UNKNOWN report accepts any claimed perpetrator, which is how
  conflicting claims meet and make the event ``contested``);
- the event holds no other incident of the same article (an article's
  incidents are distinct by construction).

Candidates come from the ``(event_type, date)`` index: only events of the same
type within the date window are read, never the whole archive. Events are
graded in the spirit of Airwars: ``confirmed`` (two or more independent
outlets), ``fair`` (one report with specifics: a town-level place and a
casualty figure or a named target), ``weak`` (a single vague report) and
``contested`` (sources name different perpetrators).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .db import session_scope
from .schema import ArticleRow, EventRow, IncidentRow

RADIUS_KM = 5.0
DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31}
UNKNOWN_ACTOR = "UNKNOWN"
UNKNOWN_OUTLET = "unknown"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def outlet_of(source: str | None, url: str | None) -> str:
    """The outlet an article comes from (``www.`` and case dropped); unknown sources are one outlet."""
    name = (source or "").strip().lower()
    if not name and url:
        name = (urlsplit(url).hostname or "").lower()
    if name.startswith("www."):
        name = name[4:]
    return name or UNKNOWN_OUTLET


def _window(precision: str | None) -> int:
    return DATE_WINDOW_DAYS.get(precision or "day", 1)


def _places_agree(incident: IncidentRow, event: EventRow) -> bool:
    if incident.geonameid is not None and incident.geonameid == event.geonameid:
        return True
    if None not in (incident.lat, incident.lon, event.lat, event.lon):
        return haversine_km(incident.lat, incident.lon, event.lat, event.lon) <= RADIUS_KM  # type: ignore[arg-type]
    return bool(incident.location_key) and incident.location_key == event.location_key


def _actors_compatible(actor: str, event: EventRow) -> bool:
    claimed = set(event.actors or [event.actor1])
    return actor == UNKNOWN_ACTOR or actor in claimed or UNKNOWN_ACTOR in claimed


def _dates_agree(incident: IncidentRow, event: EventRow) -> bool:
    if incident.date is None or event.date is None:
        return incident.date is None and event.date is None
    window = max(_window(incident.date_precision), _window(event.date_precision))
    return abs((incident.date - event.date).days) <= window


def _candidates(session: Session, incident: IncidentRow) -> list[EventRow]:
    stmt = sa.select(EventRow).where(EventRow.event_type == incident.event_type)
    if incident.date is None:
        stmt = stmt.where(EventRow.date.is_(None), EventRow.location_key == incident.location_key)
    else:
        reach = dt.timedelta(days=max(DATE_WINDOW_DAYS.values()))
        stmt = stmt.where(EventRow.date.between(incident.date - reach, incident.date + reach))
    if incident.country:
        stmt = stmt.where(sa.or_(EventRow.country == incident.country, EventRow.country.is_(None)))
    return list(session.scalars(stmt))


def _best_event(session: Session, incident: IncidentRow) -> EventRow | None:
    best: tuple[float, EventRow] | None = None
    for event in _candidates(session, incident):
        if not (_dates_agree(incident, event) and _places_agree(incident, event)):
            continue
        if not _actors_compatible(incident.actor1, event):
            continue
        same_article = session.scalar(
            sa.select(sa.func.count())
            .select_from(IncidentRow)
            .where(IncidentRow.event_id == event.id, IncidentRow.article_id == incident.article_id)
        )
        if same_article:
            continue
        days = abs((incident.date - event.date).days) if incident.date and event.date else 0
        km = (
            haversine_km(incident.lat, incident.lon, event.lat, event.lon)  # type: ignore[arg-type]
            if None not in (incident.lat, incident.lon, event.lat, event.lon)
            else 0.0
        )
        score = days * 100 + km
        if best is None or score < best[0]:
            best = (score, event)
    return best[1] if best else None


def _most_common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]


def recompute_event(session: Session, event_row: EventRow) -> None:
    """Derive an event's fields from its incidents (after corroboration, merge, split or edit)."""
    session.flush()
    incidents = list(
        session.scalars(
            sa.select(IncidentRow).where(IncidentRow.event_id == event_row.id).order_by(IncidentRow.id)
        )
    )
    if not incidents:
        event_row.n_sources = 0
        event_row.sources = []
        event_row.grade = "weak"
        return
    e = event_row
    actors = [i.actor1 for i in incidents]
    known = [a for a in actors if a != UNKNOWN_ACTOR]
    e.actor1 = _most_common(known) if known else UNKNOWN_ACTOR
    e.actors = sorted(set(actors))
    e.contested = len(set(known)) > 1
    e.sub_event_type = _most_common([i.sub_event_type for i in incidents])
    e.event_type = _most_common([i.event_type for i in incidents])

    dated = [i for i in incidents if i.date is not None]
    precise = [i for i in dated if (i.date_precision or "day") == "day"] or dated
    if precise:
        counts = Counter(i.date for i in precise)
        e.date = min(counts, key=lambda d: (-counts[d], d))
        e.date_precision = "day" if precise[0].date_precision in (None, "day") else precise[0].date_precision
    else:
        e.date, e.date_precision = None, None

    place = min(incidents, key=lambda i: (i.geo_precision, i.lat is None, i.id))
    e.location_name, e.location_key = place.location_name, place.location_key
    e.lat, e.lon, e.geonameid = place.lat, place.lon, place.geonameid
    e.admin1 = place.admin1 or next((i.admin1 for i in incidents if i.admin1), None)
    e.country = place.country or next((i.country for i in incidents if i.country), None)
    e.geo_precision = place.geo_precision

    killed = [i.killed for i in incidents if i.killed is not None]
    injured = [i.injured for i in incidents if i.injured is not None]
    e.killed_min, e.killed_max = (min(killed), max(killed)) if killed else (None, None)
    e.injured_min, e.injured_max = (min(injured), max(injured)) if injured else (None, None)
    e.civilian_victims = any(i.civilian_victims for i in incidents)
    e.targets = sorted({t for i in incidents for t in i.targets or []})
    e.weapons = sorted({w for i in incidents for w in i.weapons or []})
    e.impacts = sorted({m for i in incidents for m in i.impacts or []})

    article_ids = {i.article_id for i in incidents}
    rows = session.execute(
        sa.select(ArticleRow.source, ArticleRow.url).where(ArticleRow.id.in_(article_ids))
    ).all()
    e.sources = sorted({outlet_of(source, url) for source, url in rows})
    e.n_sources = len(e.sources)

    specific = any(i.geo_precision == 1 and (i.killed is not None or bool(i.targets)) for i in incidents)
    if e.contested:
        e.grade = "contested"
    elif e.n_sources >= 2:
        e.grade = "confirmed"
    elif specific:
        e.grade = "fair"
    else:
        e.grade = "weak"
    e.updated_at = dt.datetime.now(dt.UTC)


def corroborate_session(session: Session, incident_ids: Iterable[int] | None = None) -> set[int]:
    """Assign unassigned incidents (all, or those in ``incident_ids``) to events; the ids touched."""
    if session.get_bind().dialect.name == "postgresql":
        # One corroborator at a time, or two jobs could open twin events for one cluster.
        session.execute(sa.text("SELECT pg_advisory_xact_lock(7261737)"))
    stmt = sa.select(IncidentRow).where(IncidentRow.event_id.is_(None))
    if incident_ids is not None:
        ids = list(incident_ids)
        if not ids:
            return set()
        stmt = stmt.where(IncidentRow.id.in_(ids))
    touched: set[int] = set()
    for incident in session.scalars(stmt.order_by(IncidentRow.date, IncidentRow.id)).all():
        event = _best_event(session, incident)
        if event is None:
            event = EventRow(
                event_type=incident.event_type,
                sub_event_type=incident.sub_event_type,
                actor1=incident.actor1,
                actors=[incident.actor1],
                location_name=incident.location_name,
                location_key=incident.location_key,
            )
            session.add(event)
            session.flush()
        incident.event_id = event.id
        recompute_event(session, event)
        touched.add(event.id)
    return touched


def corroborate(engine: Engine, incident_ids: Iterable[int] | None = None) -> int:
    """Corroborate in one transaction; returns how many events were created or updated."""
    with session_scope(engine) as session:
        return len(corroborate_session(session, incident_ids))
