"""Properties of corroboration over random batches of reports (hypothesis, SQLite)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.store.helpers import incident

from tawthiq.models import Article
from tawthiq.store import EventRow, IncidentRow, open_database, recompute_event, session_scope
from tawthiq.store.ingest import store_extracted

# A few places (two of them 2 km apart), days, actors and outlets: enough collisions to corroborate.
PLACES = [("سراقب", 35.862, 36.804), ("سراقب الشرقية", 35.870, 36.820), ("أريحا", 35.813, 36.610),
          ("بنش", None, None)]  # fmt: skip
ACTORS = ["RUS_MIL", "SYR_GOV", "UNKNOWN"]
OUTLETS = ["o1", "o2", "o3"]

report = st.tuples(
    st.sampled_from(OUTLETS),
    st.lists(
        st.tuples(
            st.sampled_from(PLACES),
            st.integers(0, 3),  # day offset
            st.sampled_from(["day", "day", "month"]),
            st.sampled_from(ACTORS),
            st.one_of(st.none(), st.integers(0, 20)),
            st.sampled_from([(), ("hospital",), ("market", "residential")]),
        ),
        min_size=1,
        max_size=3,
    ),
)

FIELDS = ("actor1", "actors", "contested", "sub_event_type", "date", "date_precision", "location_name", "lat",
          "killed_min", "killed_max", "targets", "sources", "n_sources", "grade")  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(report, min_size=1, max_size=8), batch=st.integers(1, 4))
def test_corroboration_invariants(tmp_path: Path, reports: list, batch: int) -> None:
    db = tmp_path / f"p{abs(hash((repr(reports), batch)))}.db"
    engine = open_database(f"sqlite:///{db}")
    for number, (outlet, found) in enumerate(reports):
        text = f"تقرير رقم {number} عن القصف"
        incidents = [
            incident(place=name, lat=lat, lon=lon, day=(dt.date(2019, 12, 20) + dt.timedelta(days=d)).isoformat(),
                     date_precision=precision, actor=actor, killed=killed, targets=targets)
            for (name, lat, lon), d, precision, actor, killed, targets in found
        ]  # fmt: skip
        article = Article(id=f"r{number}", text=text, source=outlet)
        # Corroborate after every `batch` reports, as ingest does per batch.
        store_extracted(engine, article, incidents, "t", corroborate_now=(number + 1) % batch == 0)
    from tawthiq.store import corroborate

    corroborate(engine)
    with session_scope(engine) as session:
        incidents = list(session.scalars(sa.select(IncidentRow)))
        assert all(i.event_id is not None for i in incidents)
        per_event: dict[int, list[IncidentRow]] = {}
        for i in incidents:
            per_event.setdefault(i.event_id, []).append(i)  # type: ignore[arg-type]
        for event in session.scalars(sa.select(EventRow)):
            members = per_event[event.id]
            assert len({i.article_id for i in members}) == len(members), "two incidents of one article merged"
            assert len({i.event_type for i in members}) == 1
            assert set(event.actors) == {i.actor1 for i in members}
            assert event.contested == (len(set(event.actors) - {"UNKNOWN"}) > 1)
            assert event.n_sources == len(event.sources)
            if event.killed_min is not None:
                assert event.killed_min <= event.killed_max
            # The incremental result equals the event derived afresh from its incidents.
            incremental = {f: getattr(event, f) for f in FIELDS}
            recompute_event(session, event)
            assert {f: getattr(event, f) for f in FIELDS} == incremental
        session.rollback()
    engine.dispose()
