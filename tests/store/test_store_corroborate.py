"""Corroboration: reports of the same strike from different outlets become one graded event."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tests.store.helpers import article, incident

from tawthiq.models import Article
from tawthiq.store import EventRow, IncidentRow, corroborate, recompute_event, session_scope, store_extracted

TEXT = "قصفت الطائرات الحربية مدينة معرة النعمان بريف إدلب الجنوبي "


def _store(engine: Engine, article_id: str, source: str | None, *incidents, text: str | None = None) -> int:
    row_id = store_extracted(engine, article(article_id, (text or TEXT) + article_id, source), list(incidents), "t")
    assert row_id is not None
    return row_id


def _events(engine: Engine) -> list[EventRow]:
    with session_scope(engine) as session:
        return list(session.scalars(sa.select(EventRow).order_by(EventRow.id)))


def test_two_outlets_one_strike_make_one_confirmed_event(engine: Engine) -> None:
    _store(engine, "a", "Enab Baladi", incident(actor="RUS_MIL", killed=4, injured=10, day="2019-12-20"))
    # The second outlet dates it a day later, gives other figures and names no perpetrator.
    _store(engine, "b", "www.syria.tv", incident(actor="UNKNOWN", killed=6, injured=None, day="2019-12-21"))
    events = _events(engine)
    assert len(events) == 1
    event = events[0]
    assert event.n_sources == 2 and event.sources == ["enab baladi", "syria.tv"]
    assert (event.killed_min, event.killed_max, event.injured_min, event.injured_max) == (4, 6, 10, 10)
    assert event.actor1 == "RUS_MIL" and event.actors == ["RUS_MIL", "UNKNOWN"]
    assert event.grade == "confirmed" and not event.contested


def test_same_outlet_twice_does_not_confirm(engine: Engine) -> None:
    _store(engine, "a", "Syria.tv", incident(precision=3, killed=None))
    # No source name: the outlet is the URL's host, without "www.".
    second = Article(id="b", text=TEXT + "b", source=None, url="https://www.syria.tv/2019/12/20/x")
    assert store_extracted(engine, second, [incident(precision=3, killed=None)], "t") is not None
    [event] = _events(engine)
    assert event.n_sources == 1 and event.sources == ["syria.tv"] and event.grade == "weak"


def test_conflicting_perpetrators_make_the_event_contested(engine: Engine) -> None:
    _store(engine, "a", "outlet-1", incident(actor="UNKNOWN"))
    _store(engine, "b", "outlet-2", incident(actor="RUS_MIL"))
    _store(engine, "c", "outlet-3", incident(actor="SYR_GOV"))
    [event] = _events(engine)
    assert event.contested and event.grade == "contested"
    assert event.actors == ["RUS_MIL", "SYR_GOV", "UNKNOWN"]


def test_known_different_perpetrators_without_a_bridge_stay_apart(engine: Engine) -> None:
    _store(engine, "a", "outlet-1", incident(actor="RUS_MIL"))
    _store(engine, "b", "outlet-2", incident(actor="SYR_GOV"))
    assert len(_events(engine)) == 2


def test_grades_of_single_reports(engine: Engine) -> None:
    _store(engine, "fair-killed", "o", incident(place="سراقب", lat=35.86, lon=36.80, killed=3))
    _store(engine, "fair-target", "o", incident(place="أريحا", lat=35.81, lon=36.61, targets=("hospital",)))
    _store(engine, "weak-vague", "o", incident(place="ريف إدلب", lat=None, lon=None, precision=3, killed=3))
    _store(engine, "weak-bare", "o", incident(place="بنش", lat=35.95, lon=36.71))
    grades = {e.location_name: e.grade for e in _events(engine)}
    assert grades == {"سراقب": "fair", "أريحا": "fair", "ريف إدلب": "weak", "بنش": "weak"}


def test_what_keeps_reports_apart(engine: Engine) -> None:
    base = incident()
    _store(engine, "base", "o1", base)
    _store(engine, "three-days-later", "o2", incident(day="2019-12-23"))
    _store(
        engine,
        "other-type",
        "o3",
        incident(sub_event_type="Armed clash", event_type="Battles", civilians=False),
    )
    # Saraqib is ~25 km from Maarat al-Numan.
    _store(engine, "far-away", "o4", incident(place="سراقب", lat=35.862, lon=36.804))
    assert len(_events(engine)) == 4


def test_nearby_coordinates_or_the_same_name_agree(engine: Engine) -> None:
    _store(engine, "a", "o1", incident(place="معرة النعمان", lat=35.648, lon=36.672))
    # Another spelling 1.5 km away (coordinates decide) ...
    _store(engine, "b", "o2", incident(place="معره النعمان", lat=35.660, lon=36.680))
    # ... and a report without coordinates but with the same name, diacritics and all.
    _store(engine, "c", "o3", incident(place="مَعَرَّة النعمان", lat=None, lon=None))
    [event] = _events(engine)
    assert event.n_sources == 3


def test_two_incidents_of_one_article_are_never_merged(engine: Engine) -> None:
    _store(engine, "a", "o1", incident(killed=2), incident(killed=5, weapons=("barrel_bomb",)))
    assert len(_events(engine)) == 2


def test_new_reports_update_events_incrementally(engine: Engine) -> None:
    _store(engine, "a", "o1", incident(killed=2))
    [before] = _events(engine)
    _store(engine, "b", "o2", incident(killed=7, weapons=("cluster",)))
    [after] = _events(engine)
    assert after.id == before.id
    assert (after.killed_min, after.killed_max, after.weapons, after.n_sources) == (2, 7, ["cluster"], 2)


def test_incidents_left_unassigned_by_a_crash_are_picked_up(engine: Engine) -> None:
    from tawthiq.store.ingest import store_extracted as store

    store(engine, article("a", TEXT + "a", "o1"), [incident()], "t", corroborate_now=False)
    store(engine, article("b", TEXT + "b", "o2"), [incident()], "t", corroborate_now=False)
    assert _events(engine) == []
    assert corroborate(engine) == 1
    [event] = _events(engine)
    assert event.grade == "confirmed"
    assert corroborate(engine) == 0


def test_recompute_event_after_a_manual_split(engine: Engine) -> None:
    _store(engine, "a", "o1", incident(actor="UNKNOWN", killed=1))
    _store(engine, "b", "o2", incident(actor="RUS_MIL", killed=9))
    with session_scope(engine) as session:
        event = session.scalars(sa.select(EventRow)).one()
        moved = session.scalars(sa.select(IncidentRow).where(IncidentRow.killed == 9)).one()
        new_event = EventRow(
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            actor1="RUS_MIL",
            location_name=event.location_name,
        )
        session.add(new_event)
        session.flush()
        moved.event_id = new_event.id
        recompute_event(session, event)
        recompute_event(session, new_event)
    old, new = _events(engine)
    assert (old.killed_max, old.actor1, old.n_sources, old.grade) == (1, "UNKNOWN", 1, "fair")
    assert (new.killed_max, new.actor1, new.n_sources, new.grade) == (9, "RUS_MIL", 1, "fair")


def test_imprecise_dates_use_wider_windows(engine: Engine) -> None:
    # "Earlier this month" (month precision) and a dated report 20 days apart: the same event may be meant.
    _store(engine, "month", "o1", incident(day="2019-12-01", date_precision="month", killed=2))
    _store(engine, "day", "o2", incident(day="2019-12-21", killed=3))
    # 40 days away is outside even the month window.
    _store(engine, "later", "o3", incident(day="2020-01-10", killed=1))
    # Undated reports meet only undated reports of the same place.
    _store(engine, "undated-1", "o4", incident(day="", place="كفرنبل", lat=None, lon=None))
    _store(engine, "undated-2", "o5", incident(day="", place="كفرنبل", lat=None, lon=None))
    events = _events(engine)
    assert sorted(e.n_sources for e in events) == [1, 2, 2]
    merged = next(e for e in events if e.date_precision == "day" and e.n_sources == 2)
    assert (merged.date.isoformat(), merged.killed_min, merged.killed_max) == ("2019-12-21", 2, 3)
    undated = next(e for e in events if e.date is None)
    assert undated.n_sources == 2 and undated.location_name == "كفرنبل"


def test_recomputing_an_event_keeps_the_fields_a_reviewer_locked(engine: Engine) -> None:
    """A merge or split recomputes the event from its reports; what a reviewer set stays."""
    _store(engine, "a", "outlet-1", incident(killed=4, weapons=("airstrike_missile",)))
    _store(engine, "b", "outlet-2", incident(killed=6, weapons=("barrel_bomb",)))
    with session_scope(engine) as session:
        [event] = session.scalars(sa.select(EventRow))
        event.killed_min = event.killed_max = 5
        event.lat, event.lon = 35.65, 36.70
        event.locked_fields = ["killed_min", "lat"]
        recompute_event(session, event)
        assert (event.killed_min, event.killed_max) == (5, 5)
        assert (event.lat, event.lon) == (35.65, 36.70)  # a place is locked as a whole
        assert event.weapons == ["airstrike_missile", "barrel_bomb"] and event.n_sources == 2
