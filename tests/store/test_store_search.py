"""Search: Arabic full text (normalised on both sides) and field filters, on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from tests.store.helpers import BACKENDS, article, incident

from tawthiq.store import (
    SearchFilters,
    open_database,
    search_articles,
    search_events,
    search_incidents,
    session_scope,
    store_extracted,
)

# Texts written for these tests: spelling variants (hamza, teh marbuta, harakat) are the point.
REPORTS = [
    ("r1", "outlet-1", "قَصَفَت الطائراتُ الروسية مستشفى في مدينة إدلب صباح اليوم.",
     incident(place="إدلب", lat=35.93, lon=36.63, actor="RUS_MIL", killed=3, targets=("hospital",),
              weapons=("airstrike_missile",), day="2019-12-20")),
    ("r2", "outlet-2", "غارة جوية على مشفى مدينه ادلب وسقوط قتلى.",
     incident(place="ادلب", lat=35.93, lon=36.63, actor="UNKNOWN", killed=5, targets=("hospital",),
              day="2019-12-20")),
    ("r3", "outlet-1", "سقطت قذائف الهاون على حي سكني في درعا.",
     incident(place="درعا", lat=32.62, lon=36.10, actor="SYR_OPP",
              sub_event_type="Shelling/artillery/missile attack", weapons=("mortar",),
              targets=("residential",), admin1="Daraa", day="2018-06-01")),
    ("r4", "outlet-3", "اشتباكات عنيفة بين قوات النظام وفصائل المعارضة قرب حلب.",
     incident(place="حلب", lat=36.20, lon=37.16, actor="SYR_GOV", sub_event_type="Armed clash",
              event_type="Battles", civilians=False, admin1="Aleppo", day="2020-02-07")),
]  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One archive per backend for the whole module (the tests only read it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'tawthiq.db'}"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    engine = open_database(url)
    for article_id, source, text, found in REPORTS:
        store_extracted(engine, article(article_id, text, source), [found], "test")
    yield engine
    engine.dispose()


def _event_places(engine: Engine, **filters: object) -> tuple[list[str], int]:
    with session_scope(engine) as session:
        rows, total = search_events(session, SearchFilters(**filters))
        return [r.location_name for r in rows], total


@pytest.mark.parametrize(
    "query",
    ["ادلب", "إدلب", "إِدْلِب", "مدينة ادلب", "مدينه إدلب"],
)
def test_full_text_ignores_hamza_teh_marbuta_and_harakat(archive: Engine, query: str) -> None:
    with session_scope(archive) as session:
        rows, total = search_articles(session, SearchFilters(q=query))
    assert sorted(r.external_id for r in rows) == ["r1", "r2"] and total == 2


def test_full_text_matches_word_prefixes_and_needs_every_word(archive: Engine) -> None:
    with session_scope(archive) as session:
        rows, _ = search_articles(session, SearchFilters(q="الطائرات الروس"))
        assert {r.external_id for r in rows} == {"r1"}
        assert search_articles(session, SearchFilters(q="ادلب درعا"))[1] == 0
        assert search_articles(session, SearchFilters(q="!!! ***"))[1] == 0


def test_events_found_by_words_of_their_sources(archive: Engine) -> None:
    places, total = _event_places(archive, q="مستشفى")
    assert total == 1 and places[0] in {"إدلب", "ادلب"}


def test_two_outlets_on_idlib_are_one_confirmed_event(archive: Engine) -> None:
    places, total = _event_places(archive, grade="confirmed")
    assert total == 1 and places[0] in {"إدلب", "ادلب"}
    _, all_events = _event_places(archive)
    assert all_events == 3


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "UNKNOWN"}, 1),  # claimed by one source of the Idlib event
        ({"actor": "SYR_GOV"}, 1),
        ({"country": "sy"}, 3),
        ({"admin1": "daraa"}, 1),
        ({"event_type": "Battles"}, 1),
        ({"sub_event_type": "Air/drone strike"}, 1),
        ({"target": "hospital"}, 1),
        ({"target": "residential"}, 1),
        ({"target": "hospital,residential"}, 2),  # a comma list: any of
        ({"weapon": "mortar"}, 1),
        ({"weapon": "cluster"}, 0),
        ({"date_from": dt.date(2019, 1, 1)}, 2),
        ({"date_from": dt.date(2019, 1, 1), "date_to": dt.date(2019, 12, 31)}, 1),
        ({"review_status": "unreviewed"}, 3),
        ({"grade": "weak"}, 1),  # Aleppo: no casualty figure, no target
        ({"grade": "fair"}, 1),  # Daraa: a town and a named target
    ],
)
def test_event_filters(archive: Engine, filters: dict[str, object], expected: int) -> None:
    assert _event_places(archive, **filters)[1] == expected


def test_paging_reports_the_total(archive: Engine) -> None:
    first, total = _event_places(archive, limit=2)
    second, _ = _event_places(archive, limit=2, offset=2)
    assert total == 3 and len(first) == 2 and len(second) == 1
    assert first[0] == "حلب"  # newest first


def test_incident_and_article_search(archive: Engine) -> None:
    with session_scope(archive) as session:
        incidents, total = search_incidents(session, SearchFilters(target="hospital"))
        assert total == 2 and {i.actor1 for i in incidents} == {"RUS_MIL", "UNKNOWN"}
        assert search_incidents(session, SearchFilters(grade="confirmed"))[1] == 2
        articles, total = search_articles(session, SearchFilters(weapon="mortar"))
        assert [a.external_id for a in articles] == ["r3"]
        assert search_articles(session, SearchFilters(date_from=dt.date(2019, 12, 20)))[1] == 4


def test_a_bare_word_finds_it_with_proclitics_attached(engine: Engine) -> None:
    """Arabic attaches prepositions and conjunctions to the word: searching "حلب" finds
    "بحلب" and "وحلب", "مدينة" finds "بالمدينة"; a remainder of two letters is no stem."""
    text = "سقطت قذائف بحلب وبالمدينة القديمة، وتضرر بيت قرب السوق."
    store_extracted(engine, article("p1", text, "outlet-9"), [], "test")
    with session_scope(engine) as session:
        for query in ("حلب", "بحلب", "مدينة", "المدينة القديمة", "سوق"):
            assert search_articles(session, SearchFilters(q=query))[1] == 1, query
        assert search_articles(session, SearchFilters(q="يت"))[1] == 0  # بيت is not ب + يت
