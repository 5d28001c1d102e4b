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

Candidates come from the ``(event_type, date)`` index, read once per batch
of incidents for the days in their windows, never by scanning the archive. Events are
graded in the spirit of Airwars: ``confirmed`` (two or more independent
outlets), ``fair`` (one report with specifics: a town-level place and a
casualty figure or a named target), ``weak`` (a single vague report) and
``contested`` (sources name different perpetrators).
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
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


def _distance(incident: IncidentRow, event: EventRow) -> float:
    days = abs((incident.date - event.date).days) if incident.date and event.date else 0
    km = (
        haversine_km(incident.lat, incident.lon, event.lat, event.lon)  # type: ignore[arg-type]
        if None not in (incident.lat, incident.lon, event.lat, event.lon)
        else 0.0
    )
    return days * 100 + km


def matches(incident: IncidentRow, event: EventRow) -> bool:
    """Whether ``incident`` may be a report of ``event`` (see the module docstring)."""
    return (
        incident.event_type == event.event_type
        and (not incident.country or not event.country or incident.country == event.country)
        and _dates_agree(incident, event)
        and _places_agree(incident, event)
        and _actors_compatible(incident.actor1, event)
    )


def _is_specific(incident: IncidentRow) -> bool:
    return incident.geo_precision == 1 and (incident.killed is not None or bool(incident.targets))


def _grade(event: EventRow, specific: bool) -> str:
    if event.contested:
        return "contested"
    if event.n_sources >= 2:
        return "confirmed"
    return "fair" if specific else "weak"


def _place_rank(x: IncidentRow | EventRow) -> tuple[object, ...]:
    # Most precise first, then with coordinates; the rest only makes ties order-independent.
    return (x.geo_precision, x.lat is None, x.location_name, x.lat or 0.0, x.lon or 0.0)


def _better_place(new: IncidentRow, event: EventRow) -> bool:
    return _place_rank(new) < _place_rank(event)


def _precision_rank(precision: str | None) -> int:
    return DATE_WINDOW_DAYS.get(precision or "day", 1)


def _better_date(new: IncidentRow, event: EventRow) -> bool:
    if new.date is None:
        return False
    if event.date is None:
        return True
    rank_new, rank_old = _precision_rank(new.date_precision), _precision_rank(event.date_precision)
    return rank_new < rank_old or (rank_new == rank_old and new.date < event.date)


def _start_event(incident: IncidentRow) -> EventRow:
    return EventRow(
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        actor1=incident.actor1,
        actors=[],
        location_name=incident.location_name,
        location_key=incident.location_key,
        geo_precision=99,  # replaced by the first incident absorbed
        sources=[],
        n_sources=0,
        grade="weak",
        contested=False,
        civilian_victims=False,
        targets=[],
        weapons=[],
        impacts=[],
    )


_PLACE_COLUMNS = ("location_name", "location_key", "lat", "lon", "geonameid", "geo_precision", "admin1", "country")
LOCK_GROUPS: dict[str, tuple[str, ...]] = {
    "sub_event_type": ("sub_event_type", "event_type"),
    "actor1": ("actor1",),
    "date": ("date", "date_precision"),
    "date_precision": ("date", "date_precision"),
    **{name: _PLACE_COLUMNS for name in ("location_name", "lat", "lon", "admin1", "country")},
    "killed_min": ("killed_min", "killed_max"),
    "killed_max": ("killed_min", "killed_max"),
    "injured_min": ("injured_min", "injured_max"),
    "injured_max": ("injured_min", "injured_max"),
    "civilian_victims": ("civilian_victims",),
    "targets": ("targets",),
    "weapons": ("weapons",),
    "impacts": ("impacts",),
}
"""A field a reviewer edited -> the columns that stay as the reviewer left them (a place
is its name, key, point, precision and units together; a date with its precision)."""


def _locked_values(event: EventRow) -> dict[str, Any]:
    columns = {c for name in (event.locked_fields or []) for c in LOCK_GROUPS.get(name, (name,))}
    return {c: getattr(event, c) for c in sorted(columns)}


def _restore(event: EventRow, values: dict[str, Any]) -> None:
    for column, value in values.items():
        setattr(event, column, value)


def _absorb(event: EventRow, incident: IncidentRow, outlet: str) -> None:
    """Fold one report into an event, keeping the fields a reviewer locked."""
    kept = _locked_values(event)
    _fold(event, incident, outlet)
    _restore(event, kept)


def _fold(event: EventRow, incident: IncidentRow, outlet: str) -> None:
    """Fold one more report into an event's fields (the same rules as :func:`recompute_event`).

    Rules that can be updated one report at a time and do not depend on the
    order reports arrive in: the place is the most precise one (then one with
    coordinates), the date the most precise and then earliest, the perpetrator
    the known actor claimed (alphabetically first when sources disagree: the
    event is then ``contested`` and ``actors`` lists them all); figures are
    min/max over the reports, lists are unions, grades only rise.
    """
    first = not event.actors
    was_specific = event.grade == "fair"
    if incident.actor1 not in (event.actors or []):
        event.actors = sorted({*(event.actors or []), incident.actor1})
    known = sorted(set(event.actors) - {UNKNOWN_ACTOR})
    event.actor1 = known[0] if known else UNKNOWN_ACTOR
    event.contested = len(known) > 1
    if first:
        event.sub_event_type, event.event_type = incident.sub_event_type, incident.event_type
    elif incident.sub_event_type < event.sub_event_type:
        event.sub_event_type = incident.sub_event_type
    if first or _better_date(incident, event):
        event.date, event.date_precision = incident.date, incident.date_precision
    if first or _better_place(incident, event):
        event.location_name, event.location_key = incident.location_name, incident.location_key
        event.lat, event.lon, event.geonameid = incident.lat, incident.lon, incident.geonameid
        event.geo_precision = incident.geo_precision
        event.admin1 = incident.admin1 or event.admin1
        event.country = incident.country or event.country
    event.admin1 = event.admin1 or incident.admin1
    event.country = event.country or incident.country
    for low, high, value in (
        ("killed_min", "killed_max", incident.killed),
        ("injured_min", "injured_max", incident.injured),
    ):
        if value is not None:
            old_low, old_high = getattr(event, low), getattr(event, high)
            setattr(event, low, value if old_low is None else min(old_low, value))
            setattr(event, high, value if old_high is None else max(old_high, value))
    event.civilian_victims = bool(event.civilian_victims) or incident.civilian_victims
    for name, extra in (
        ("targets", incident.targets),
        ("weapons", incident.weapons),
        ("impacts", incident.impacts),
        ("sources", [outlet]),
    ):
        old = getattr(event, name) or []
        if not set(extra or []) <= set(old):
            setattr(event, name, sorted({*old, *extra}))
    event.n_sources = len(event.sources)
    event.grade = _grade(event, was_specific or _is_specific(incident))
    event.updated_at = dt.datetime.now(dt.UTC)


def _outlets(session: Session, article_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(article_ids))
    outlets: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            sa.select(ArticleRow.id, ArticleRow.source, ArticleRow.url).where(
                ArticleRow.id.in_(ids[start : start + 500])
            )
        )
        outlets.update({article_id: outlet_of(source, url) for article_id, source, url in rows})
    return outlets


def recompute_event(session: Session, event_row: EventRow) -> None:
    """Derive an event's fields afresh from its incidents (after a merge, split or edit);
    the fields a reviewer locked keep the reviewer's values."""
    kept = _locked_values(event_row)
    _recompute(session, event_row)
    _restore(event_row, kept)


def _recompute(session: Session, event_row: EventRow) -> None:
    session.flush()
    incidents = list(
        session.scalars(sa.select(IncidentRow).where(IncidentRow.event_id == event_row.id).order_by(IncidentRow.id))
    )
    reset = _start_event(incidents[0]) if incidents else None
    for column in (
        "actors", "sources", "n_sources", "grade", "contested", "civilian_victims", "targets", "weapons",
        "impacts", "killed_min", "killed_max", "injured_min", "injured_max", "date", "date_precision",
        "lat", "lon", "geonameid", "admin1", "country",
    ):  # fmt: skip
        setattr(event_row, column, getattr(reset, column) if reset else None)
    if not incidents:
        event_row.actors, event_row.sources, event_row.n_sources, event_row.grade = [], [], 0, "weak"
        event_row.contested = False
        return
    event_row.geo_precision = 99
    outlets = _outlets(session, (i.article_id for i in incidents))
    for incident in incidents:
        _fold(event_row, incident, outlets[incident.article_id])


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
    incidents = list(session.scalars(stmt.order_by(IncidentRow.id)))
    if not incidents:
        return set()
    outlets = _outlets(session, (i.article_id for i in incidents))
    # Events that already hold a report of the same article are out of bounds for it.
    taken: dict[int, set[int]] = defaultdict(set)
    taken_objects: dict[int, set[int]] = defaultdict(set)
    article_ids = sorted(outlets)
    for start in range(0, len(article_ids), 500):
        for article_id, event_id in session.execute(
            sa.select(IncidentRow.article_id, IncidentRow.event_id).where(
                IncidentRow.article_id.in_(article_ids[start : start + 500]),
                IncidentRow.event_id.is_not(None),
            )
        ):
            taken[article_id].add(event_id)
    index = _candidate_index(session, incidents)
    touched: dict[int, EventRow] = {}  # keyed by id(event): new events have no row id until the flush
    with session.no_autoflush:
        for incident in incidents:
            candidates = index.near(incident)
            best: tuple[float, int, EventRow] | None = None
            for order, event in enumerate(candidates):
                if id(event) in taken_objects[incident.article_id] or event.id in taken[incident.article_id]:
                    continue
                if not matches(incident, event):
                    continue
                if best is None or (_distance(incident, event), order) < best[:2]:
                    best = (_distance(incident, event), order, event)
            if best is None:
                event = _start_event(incident)
                session.add(event)
                _absorb(event, incident, outlets[incident.article_id])
                index.add(event)
            else:
                event = best[2]
                before = event.date
                _absorb(event, incident, outlets[incident.article_id])
                if event.date != before:
                    index.add(event)  # now also found under its new date
            incident.event = event
            taken_objects[incident.article_id].add(id(event))
            touched[id(event)] = event
    session.flush()
    return {event.id for event in touched.values()}


class EventIndex:
    """Events in memory by event type and date: the candidates of an incident are a date range."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[str, dt.date | None], list[EventRow]] = defaultdict(list)
        self.days: dict[str, list[dt.date]] = defaultdict(list)  # sorted, per event type
        self.wide = False  # whether any week/month-precise event is present

    def add(self, event: EventRow) -> None:
        key = (event.event_type, event.date)
        if event.date is not None and key not in self.by_day:
            insort(self.days[event.event_type], event.date)
        self.by_day[key].append(event)
        self.wide = self.wide or (event.date_precision or "day") != "day"

    def near(self, incident: IncidentRow) -> list[EventRow]:
        if incident.date is None:
            return list(self.by_day.get((incident.event_type, None), ()))
        wide = self.wide or (incident.date_precision or "day") != "day"
        reach = dt.timedelta(days=max(DATE_WINDOW_DAYS.values()) if wide else 1)
        days = self.days.get(incident.event_type, [])
        lo, hi = bisect_left(days, incident.date - reach), bisect_right(days, incident.date + reach)
        return [event for day in days[lo:hi] for event in self.by_day[(incident.event_type, day)]]


def _candidate_index(session: Session, incidents: list[IncidentRow]) -> EventIndex:
    """Stored events that may match any of ``incidents``, indexed by (event type, date).

    One query per batch on the ``(event_type, date)`` index: events dated within
    a day of a day-precise incident, week/month-precise events within 31 days
    of one, any event within 31 days of a week/month-precise incident, and
    undated events of the same place name as an undated incident.
    """
    index = EventIndex()
    types = sorted({i.event_type for i in incidents})
    days: set[dt.date] = set()  # any event dated here may match
    wide_days: set[dt.date] = set()  # week/month-precise events dated here may match
    wide = max(DATE_WINDOW_DAYS.values())
    for incident in incidents:
        if incident.date is None:
            continue
        if _window(incident.date_precision) == 1:
            days.update(incident.date + dt.timedelta(days=k) for k in (-1, 0, 1))
            wide_days.update(incident.date + dt.timedelta(days=k) for k in range(-wide, wide + 1))
        else:
            days.update(incident.date + dt.timedelta(days=k) for k in range(-wide, wide + 1))
    ranges: list[sa.ColumnElement[bool]] = [EventRow.date.in_(chunk) for chunk in _chunks(sorted(days))]
    ranges += [
        sa.and_(EventRow.date.in_(chunk), EventRow.date_precision.in_(("week", "month")))
        for chunk in _chunks(sorted(wide_days - days))
    ]
    undated_places = sorted({i.location_key for i in incidents if i.date is None})
    if undated_places:
        ranges.append(sa.and_(EventRow.date.is_(None), EventRow.location_key.in_(undated_places)))
    if not ranges:
        return index
    for event in session.scalars(sa.select(EventRow).where(EventRow.event_type.in_(types), sa.or_(*ranges))):
        index.add(event)
    return index


def _chunks(values: list[dt.date], size: int = 500) -> list[list[dt.date]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def corroborate(engine: Engine, incident_ids: Iterable[int] | None = None) -> int:
    """Corroborate in one transaction; returns how many events were created or updated."""
    with session_scope(engine) as session:
        return len(corroborate_session(session, incident_ids))
