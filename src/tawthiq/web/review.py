"""Review actions on events: accept, edit, reject, merge, split.

Each action changes the archive and writes one or more audit rows in the same
transaction, so the event page can always explain how it came to be. Actions
raise :class:`ReviewError` (HTTP 400/404/409 in the app) on bad requests.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ..models import ACTORS, IMPACTS, SUB_EVENT_TO_EVENT, TARGETS, WEAPONS
from ..store.schema import EventRow
from .queries import load_event


class ReviewError(Exception):
    """A review request that cannot be applied; ``status`` is the HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _audit(session: Session, actor: str, action: str, object_type: str, object_id: int | None, details: Any) -> None:
    from ..store import audit

    audit(session, actor, action, object_type, object_id, details)


def _recompute(session: Session, event: EventRow) -> None:
    from ..store import recompute_event

    recompute_event(session, event)


def _get(session: Session, event_id: int) -> EventRow:
    event = load_event(session, event_id)
    if event is None:
        raise ReviewError(404, f"no event {event_id}")
    return event


def accept(session: Session, actor: str, event_id: int, note: str | None = None) -> EventRow:
    event = _get(session, event_id)
    before = event.review_status
    event.review_status = "accepted"
    for incident in event.incidents:
        incident.review_status = "accepted"
    _audit(session, actor, "accept", "event", event.id, {"from": before, "note": note or None})
    return event


def reject(session: Session, actor: str, event_id: int, note: str | None = None) -> EventRow:
    event = _get(session, event_id)
    before = event.review_status
    event.review_status = "rejected"
    for incident in event.incidents:
        incident.review_status = "rejected"
    _audit(session, actor, "reject", "event", event.id, {"from": before, "note": note or None})
    return event


def _int_or_none(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ReviewError(400, f"{name} must be a whole number, got {value!r}") from None
    if number < 0:
        raise ReviewError(400, f"{name} must not be negative")
    return number


def _float_or_none(name: str, value: Any, low: float, high: float) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(400, f"{name} must be a number, got {value!r}") from None
    if not low <= number <= high:
        raise ReviewError(400, f"{name} must be between {low} and {high}")
    return number


def _codes(name: str, value: Any, allowed: tuple[str, ...]) -> list[str]:
    if value is None or value == "":
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = [str(c).strip() for c in items if str(c).strip()]
    bad = [c for c in codes if c not in allowed]
    if bad:
        raise ReviewError(400, f"unknown {name}: {', '.join(bad)}")
    return list(dict.fromkeys(codes))


def _text(name: str, value: Any, max_len: int, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ReviewError(400, f"{name} must not be empty")
        return None
    text = str(value).strip()
    if len(text) > max_len:
        raise ReviewError(400, f"{name} is longer than {max_len} characters")
    return text


EDITABLE: tuple[str, ...] = (
    "sub_event_type", "actor1", "date", "date_precision", "location_name", "lat", "lon", "admin1",
    "country", "killed_min", "killed_max", "injured_min", "injured_max", "civilian_victims", "targets",
    "weapons", "impacts",
)  # fmt: skip


def _clean_edit(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ReviewError(400, f"fields that cannot be edited: {', '.join(unknown)}")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "sub_event_type":
            if value not in SUB_EVENT_TO_EVENT:
                raise ReviewError(400, f"unknown sub_event_type {value!r}")
            clean[name] = value
        elif name == "actor1":
            if value not in ACTORS:
                raise ReviewError(400, f"unknown actor1 {value!r}")
            clean[name] = value
        elif name == "date":
            if value in (None, ""):
                clean[name] = None
            else:
                try:
                    clean[name] = dt.date.fromisoformat(str(value))
                except ValueError:
                    raise ReviewError(400, f"date must be YYYY-MM-DD, got {value!r}") from None
        elif name == "date_precision":
            if value not in ("day", "week", "month", None, ""):
                raise ReviewError(400, "date_precision must be day, week or month")
            clean[name] = value or None
        elif name == "location_name":
            clean[name] = _text(name, value, 512, required=True)
        elif name == "admin1":
            clean[name] = _text(name, value, 128)
        elif name == "country":
            country = _text(name, value, 2)
            if country is not None and (len(country) != 2 or not country.isalpha()):
                raise ReviewError(400, "country must be a two-letter ISO code")
            clean[name] = country.upper() if country else None
        elif name == "lat":
            clean[name] = _float_or_none(name, value, -90, 90)
        elif name == "lon":
            clean[name] = _float_or_none(name, value, -180, 180)
        elif name in ("killed_min", "killed_max", "injured_min", "injured_max"):
            clean[name] = _int_or_none(name, value)
        elif name == "civilian_victims":
            clean[name] = value in (True, "true", "on", "1", 1)
        elif name == "targets":
            clean[name] = _codes(name, value, TARGETS)
        elif name == "weapons":
            clean[name] = _codes(name, value, WEAPONS)
        elif name == "impacts":
            clean[name] = _codes(name, value, IMPACTS)
    return clean


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def edit(session: Session, actor: str, event_id: int, changes: dict[str, Any], note: str | None = None) -> EventRow:
    """Set reviewed field values; the audit row keeps each field's old and new value. The
    fields set are locked: recomputing the event from its reports keeps them."""
    event = _get(session, event_id)
    clean = _clean_edit(changes)
    for low, high in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
        lo = clean.get(low, getattr(event, low))
        hi = clean.get(high, getattr(event, high))
        if lo is not None and hi is not None and lo > hi:
            raise ReviewError(400, f"{low} ({lo}) is greater than {high} ({hi})")
    diff: dict[str, dict[str, Any]] = {}
    for name, value in clean.items():
        old = getattr(event, name)
        if old != value:
            diff[name] = {"old": _jsonable(old), "new": _jsonable(value)}
            setattr(event, name, value)
    if "sub_event_type" in diff:
        event.event_type = SUB_EVENT_TO_EVENT[event.sub_event_type]
    if not diff:
        raise ReviewError(400, "nothing changed")
    # a later report or a merge recomputes the event: what the reviewer set stays
    event.locked_fields = sorted({*(event.locked_fields or []), *diff})
    event.review_status = "edited"
    _audit(session, actor, "edit", "event", event.id, {"changes": diff, "note": note or None})
    return event


def merge(session: Session, actor: str, event_id: int, other_id: int, note: str | None = None) -> EventRow:
    """Move every incident of ``other_id`` into ``event_id`` and delete the emptied event."""
    if event_id == other_id:
        raise ReviewError(400, "cannot merge an event with itself")
    event = _get(session, event_id)
    other = _get(session, other_id)
    moved = [i.id for i in other.incidents]
    for incident in list(other.incidents):
        incident.event = event
    session.flush()
    _audit(
        session,
        actor,
        "merge",
        "event",
        event.id,
        {"from": other.id, "incidents": moved, "note": note or None},
    )
    _audit(session, actor, "merged_into", "event", other.id, {"into": event.id, "incidents": moved})
    session.delete(other)
    session.flush()
    session.refresh(event, ["incidents"])
    _recompute(session, event)
    return event


def split(session: Session, actor: str, event_id: int, incident_id: int, note: str | None = None) -> EventRow:
    """Move one incident out of the event into a new event of its own; returns the new event."""
    event = _get(session, event_id)
    incident = next((i for i in event.incidents if i.id == incident_id), None)
    if incident is None:
        raise ReviewError(400, f"incident {incident_id} is not part of event {event_id}")
    if len(event.incidents) < 2:
        raise ReviewError(409, "an event with a single incident cannot be split")
    new = EventRow(
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        actor1=incident.actor1,
        actors=[incident.actor1],
        date=incident.date,
        date_precision=incident.date_precision,
        location_name=incident.location_name,
        lat=incident.lat,
        lon=incident.lon,
        geonameid=incident.geonameid,
        admin1=incident.admin1,
        country=incident.country,
        geo_precision=incident.geo_precision,
    )
    session.add(new)
    incident.event = new
    session.flush()
    session.refresh(event, ["incidents"])
    session.refresh(new, ["incidents"])
    _recompute(session, event)
    _recompute(session, new)
    _audit(
        session,
        actor,
        "split",
        "event",
        event.id,
        {"incident": incident.id, "new_event": new.id, "note": note or None},
    )
    _audit(session, actor, "split_from", "event", new.id, {"from": event.id, "incident": incident.id})
    return new
