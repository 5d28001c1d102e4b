"""The JSON API: every read endpoint, filters, pagination, exports, review actions and the audit log."""

from __future__ import annotations

import io
import json

import pytest
from tests.web.web_support import HOSPITAL_A, HOSPITAL_B, Web


def test_events_list_is_paginated_with_total(web: Web) -> None:
    client = web.login("view")
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] == 4  # the two hospital reports are one corroborated event
    assert page["limit"] == 2 and page["offset"] == 0
    assert len(page["items"]) == 2
    rest = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 2
    ids = [e["id"] for e in page["items"] + rest["items"]]
    assert len(set(ids)) == 4
    dates = [e["date"] for e in page["items"] + rest["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_hospital_event_corroborates_two_outlets(web: Web) -> None:
    client = web.login("view")
    found = client.get("/api/events", params={"target": "hospital"}).json()
    assert found["total"] == 1
    event = found["items"][0]
    assert event["n_sources"] == 2 and event["grade"] == "confirmed"
    assert (event["killed_min"], event["killed_max"]) == (5, 7)
    detail = client.get(f"/api/events/{event['id']}").json()
    assert len(detail["incidents"]) == 2
    assert {a["text"] for a in detail["articles"]} == {HOSPITAL_A, HOSPITAL_B}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"target": "hospital,medical"}, 1),
        ({"target": "market"}, 1),
        ({"event_type": "Battles"}, 2),
        ({"actor": "SDF"}, 1),
        ({"admin1": "idlib"}, 2),  # case-insensitive, like the CLI
        ({"date_from": "2019-06-01", "date_to": "2019-06-30"}, 2),
        ({"q": "مستشفى"}, 1),  # full-text search over the source articles
        ({"q": "حلب", "target": "hospital"}, 0),
        ({"grade": "confirmed"}, 1),
        ({"weapon": "artillery"}, 1),
    ],
)
def test_event_filters(web: Web, params: dict[str, str], expected: int) -> None:
    client = web.login("view")
    assert client.get("/api/events", params=params).json()["total"] == expected


def test_web_filters_agree_with_the_store_search(web: Web) -> None:
    """The app's list and the CLI's search_events return the same events for the same filters."""
    from tawthiq.store import SearchFilters, open_database, search_events
    from tawthiq.store import session_scope as scope

    client = web.login("view")
    engine = open_database(web.url)
    for params in (
        {"target": "hospital"},
        {"event_type": "Battles"},
        {"q": "اشتباكات"},
        {"actor": "SYR_GOV"},
    ):
        ours = [e["id"] for e in client.get("/api/events", params=params).json()["items"]]
        with scope(engine) as session:
            rows, _ = search_events(session, SearchFilters(**params))
            assert ours == [r.id for r in rows], params
    engine.dispose()


def test_bad_filter_is_a_clear_422(web: Web) -> None:
    client = web.login("view")
    response = client.get("/api/events", params={"target": "spaceship"})
    assert response.status_code == 422
    assert "spaceship" in response.text


def test_incidents_articles_and_search(web: Web) -> None:
    client = web.login("view")
    incidents = client.get("/api/incidents", params={"target": "hospital"}).json()
    assert incidents["total"] == 2
    assert {i["killed"] for i in incidents["items"]} == {5, 7}
    one = client.get(f"/api/incidents/{incidents['items'][0]['id']}").json()
    assert one["evidence"] and one["location"]["name"] == "معرة النعمان"
    articles = client.get("/api/articles", params={"q": "المستشفى"}).json()
    assert articles["total"] == 2
    article = client.get(f"/api/articles/{articles['items'][0]['id']}").json()
    assert article["text"] in (HOSPITAL_A, HOSPITAL_B)
    for incident in article["incidents"]:
        for start, end in incident["evidence"]:
            assert 0 <= start < end <= len(article["text"])
    both = client.get("/api/search", params={"q": "اشتباكات"}).json()
    assert both["events"]["total"] == 2 and both["articles"]["total"] == 2
    assert client.get("/api/incidents/999999").status_code == 404
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/events/999999").status_code == 404


def test_map_points_and_bbox(web: Web) -> None:
    client = web.login("view")
    data = client.get("/api/map").json()
    assert data["mode"] == "points" and data["total"] == 4
    hospital = next(p for p in data["items"] if p["location_name"] == "معرة النعمان")
    assert hospital["casualties"] == 7 + 10  # killed_max + injured_max sizes the marker
    idlib_only = client.get("/api/map", params={"bbox": "36.3,35.4,36.9,35.9"}).json()
    assert {p["location_name"] for p in idlib_only["items"]} == {"معرة النعمان", "كفرنبل"}
    health = client.get("/api/map", params={"target": "hospital,medical"}).json()
    assert [p["location_name"] for p in health["items"]] == ["معرة النعمان"]
    assert client.get("/api/map", params={"bbox": "1,2,3"}).status_code == 422


def test_map_clusters_when_many(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    from tawthiq.web import queries

    monkeypatch.setattr(queries, "MAP_POINT_LIMIT", 2)
    data = web.login("view").get("/api/map", params={"zoom": 3}).json()
    assert data["mode"] == "clusters"
    assert sum(c["count"] for c in data["items"]) == 4
    assert all(c["event_type"] in c["by_type"] for c in data["items"])
    assert data["truncated"] is False
    monkeypatch.setattr(queries, "MAP_CLUSTER_LIMIT", 1)
    fine = web.login("view").get("/api/map", params={"zoom": 18}).json()
    assert fine["truncated"] is True and len(fine["items"]) == 1


def test_stats_timeline_and_counts(web: Web) -> None:
    client = web.login("view")
    stats = client.get("/api/stats", params={"bucket": "week"}).json()
    assert stats["events"] == 4
    assert dict(stats["by_target"]) == {"hospital": 1, "market": 1}
    assert dict(stats["by_admin1"])["Idlib"] == 2
    assert dict(stats["by_actor"])["RUS_MIL"] == 1
    assert stats["timeline"]["bucket"] == "week"
    assert sum(b["total"] for b in stats["timeline"]["buckets"]) == 4
    health = client.get("/api/stats", params={"target": "hospital,medical"}).json()
    assert health["events"] == 1 and dict(health["by_impact"]) == {"out_of_service": 1}
    assert (health["killed_min"], health["killed_max"]) == (5, 7)


@pytest.mark.parametrize("fmt", ["acled", "geojson", "jsonl", "parquet"])
def test_exports_download(web: Web, fmt: str) -> None:
    client = web.login("view")
    response = client.get("/api/export", params={"fmt": fmt, "target": "hospital"})
    assert response.status_code == 200, response.text
    assert "attachment" in response.headers["content-disposition"]
    body = response.content
    if fmt == "geojson":
        features = json.loads(body)["features"]
        assert len(features) == 1
        assert features[0]["geometry"]["coordinates"] == [36.6746, 35.6476]
    elif fmt == "jsonl":
        assert len([line for line in body.decode().splitlines() if line.strip()]) >= 1
        assert "معرة النعمان" in body.decode()
    elif fmt == "acled":
        import csv

        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        assert [(r["location"], r["fatalities"], r["sub_event_type"]) for r in rows] == [
            ("معرة النعمان", "5", "Air/drone strike")
        ]
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(body)).num_rows == 1


def test_export_rejects_unknown_format(web: Web) -> None:
    assert web.login("view").get("/api/export", params={"fmt": "xls"}).status_code == 422


def test_openapi_docs_are_served_offline(web: Web) -> None:
    client = web.client()
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/map", "/api/stats", "/api/export", "/api/events/{event_id}/merge"):
        assert path in spec["paths"]
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/vendor/swagger/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200


# ---------------------------------------------------------------- review actions


def test_accept_writes_the_audit_log(web: Web) -> None:
    event_id = web.event_id(location_name="حلب")
    client = web.login("rev")
    response = client.post(f"/api/events/{event_id}/accept", json={"note": "checked against photos"})
    assert response.status_code == 200, response.text
    assert response.json()["review_status"] == "accepted"
    detail = client.get(f"/api/events/{event_id}").json()
    entry = detail["audit"][-1]
    assert (entry["actor"], entry["action"], entry["object_id"]) == ("rev", "accept", event_id)
    assert entry["details"]["note"] == "checked against photos"
    assert all(i["review_status"] == "accepted" for i in detail["incidents"])


def test_reject(web: Web) -> None:
    event_id = web.event_id(location_name="دير الزور")
    client = web.login("rev")
    assert client.post(f"/api/events/{event_id}/reject").json()["review_status"] == "rejected"
    audit = client.get("/api/audit", params={"event_id": event_id}).json()
    assert [a["action"] for a in audit["items"]] == ["reject"]


def test_edit_records_old_and_new_values(web: Web) -> None:
    event_id = web.event_id(location_name="حلب")
    client = web.login("rev")
    response = client.patch(
        f"/api/events/{event_id}",
        json={
            "changes": {"killed_min": 1, "killed_max": 2, "targets": ["market", "residential"]},
            "note": "x",
        },
    )
    assert response.status_code == 200, response.text
    event = response.json()
    assert (event["killed_min"], event["killed_max"], event["review_status"]) == (1, 2, "edited")
    assert event["targets"] == ["market", "residential"]
    changes = client.get(f"/api/events/{event_id}").json()["audit"][-1]["details"]["changes"]
    assert changes["killed_max"] == {"old": None, "new": 2}
    assert changes["targets"]["new"] == ["market", "residential"]


@pytest.mark.parametrize(
    "changes",
    [
        {"killed_min": 9, "killed_max": 2},
        {"actor1": "MARTIANS"},
        {"lat": 123},
        {"grade": "confirmed"},  # derived, not editable
        {"date": "20/05/2019"},
        {"targets": ["spaceport"]},
    ],
)
def test_bad_edit_is_refused_and_nothing_changes(web: Web, changes: dict) -> None:
    event_id = web.event_id(location_name="حلب")
    client = web.login("rev")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.patch(f"/api/events/{event_id}", json={"changes": changes})
    assert response.status_code == 400, response.text
    after = client.get(f"/api/events/{event_id}").json()
    assert before == after


def test_merge_then_split(web: Web) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    clash = web.event_id(location_name="كفرنبل")
    client = web.login("rev")
    merged = client.post(f"/api/events/{hospital}/merge", json={"other_id": clash, "note": "same night"})
    assert merged.status_code == 200, merged.text
    detail = client.get(f"/api/events/{hospital}").json()
    assert len(detail["incidents"]) == 3
    gone = client.get(f"/api/events/{clash}")
    assert gone.status_code == 404 and str(hospital) in gone.json()["detail"]
    assert client.get("/api/events").json()["total"] == 3
    moved = next(i for i in detail["incidents"] if i["location"]["name"] == "كفرنبل")
    split = client.post(f"/api/events/{hospital}/split", json={"incident_id": moved["id"]})
    assert split.status_code == 200, split.text
    new_event = split.json()
    assert new_event["location_name"] == "كفرنبل" and new_event["id"] != hospital
    assert client.get("/api/events").json()["total"] == 4
    detail = client.get(f"/api/events/{hospital}").json()
    assert len(detail["incidents"]) == 2 and (detail["killed_min"], detail["killed_max"]) == (5, 7)
    actions = [a["action"] for a in detail["audit"]]
    assert actions == ["merge", "split"]
    new_audit = client.get(f"/api/events/{new_event['id']}").json()["audit"]
    assert [a["action"] for a in new_audit] == ["split_from"]


def test_merge_and_split_refuse_nonsense(web: Web) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    market = web.event_id(location_name="حلب")
    client = web.login("rev")
    assert client.post(f"/api/events/{hospital}/merge", json={"other_id": hospital}).status_code == 400
    assert client.post(f"/api/events/{hospital}/merge", json={"other_id": 99999}).status_code == 404
    single = client.get(f"/api/events/{market}").json()["incidents"][0]["id"]
    assert client.post(f"/api/events/{market}/split", json={"incident_id": single}).status_code == 409
    assert client.post(f"/api/events/{hospital}/split", json={"incident_id": single}).status_code == 400
    assert client.post("/api/events/99999/accept").status_code == 404


def test_cached_results_follow_every_change(web: Web) -> None:
    """Lists, map and statistics are cached per archive version: a review or an ingest shows at once."""
    from tawthiq.models import Article, DateValue, Incident, Location
    from tawthiq.store import open_database, store_extracted

    viewer, reviewer = web.login("view"), web.login("rev")
    assert viewer.get("/api/stats", params={"review_status": "accepted"}).json()["events"] == 0
    event_id = web.event_id(location_name="حلب")
    reviewer.post(f"/api/events/{event_id}/accept")
    assert viewer.get("/api/stats", params={"review_status": "accepted"}).json()["events"] == 1
    listed = viewer.get("/api/events", params={"review_status": "accepted"}).json()["items"]
    assert [e["id"] for e in listed] == [event_id]
    before = viewer.get("/api/map").json()["total"]
    text = "قصفت طائرات مسيرة مستوصفا في بلدة سرمدا شمال إدلب."
    engine = open_database(web.url)
    store_extracted(
        engine,
        Article(id="new", text=text, published="2019-08-01", source="outlet-d.example"),
        [
            Incident(
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                actor1="UNKNOWN",
                location=Location(name="سرمدا", lat=36.1756, lon=36.7236, admin1="Idlib", country="SY"),
                date=DateValue(date="2019-08-01"),
                targets=["medical"],
                weapons=["drone"],
                evidence=[(0, len(text))],
            )
        ],
        "test-1",
    )
    engine.dispose()
    assert viewer.get("/api/map").json()["total"] == before + 1
    assert viewer.get("/api/stats", params={"target": "hospital,medical"}).json()["events"] == 2
    hits = web.app.state.cache.hits
    viewer.get("/api/stats", params={"target": "hospital,medical"})
    assert web.app.state.cache.hits == hits + 2  # statistics and timeline


def test_result_cache_computes_a_key_once_under_concurrency() -> None:
    import threading
    import time

    from tawthiq.web.cache import ResultCache

    cache = ResultCache(max_entries=2)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 4 and len(calls) == 1
    assert (cache.hits, cache.misses) == (3, 1)
    for key in ("a", "b", "c"):  # least recently used entries go first
        cache.get_or_compute(key, lambda: 0)
    cache.get_or_compute("k", slow)
    assert len(calls) == 2


def test_a_later_report_does_not_overwrite_what_a_reviewer_set(web: Web) -> None:
    """An edited field is locked: a second outlet's report of the same shelling joins the
    event (sources, weapons, killed range of the unlocked figures) but leaves the reviewer's
    figures and place as they were."""
    from tawthiq.models import Article, DateValue, Incident, Location
    from tawthiq.store import open_database, store_extracted

    event_id = web.event_id(location_name="حلب")
    client = web.login("rev")
    changes = {"injured_min": 5, "injured_max": 5, "location_name": "حلب (الأحياء الشرقية)"}
    assert client.patch(f"/api/events/{event_id}", json={"changes": changes}).status_code == 200
    text = "قصفت قوات النظام سوق الخضار في مدينة حلب بقذائف الهاون ما أدى إلى إصابة تسعة مدنيين ومقتل اثنين."
    later = Incident(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="SYR_GOV",
        location=Location(name="حلب", lat=36.2021, lon=37.1343, geonameid=170063, admin1="Aleppo", country="SY"),
        date=DateValue(date="2019-06-02"),
        killed=2,
        injured=9,
        civilian_victims=True,
        targets=["market"],
        weapons=["mortar"],
        evidence=[(0, len(text))],
    )
    engine = open_database(web.url)
    article = Article(id="m-later", text=text, published="2019-06-02", source="outlet-z.example")
    assert store_extracted(engine, article, [later], "t") is not None
    engine.dispose()
    event = client.get(f"/api/events/{event_id}").json()
    assert event["n_sources"] == 2 and "mortar" in event["weapons"]  # the report joined the event
    assert (event["killed_min"], event["killed_max"]) == (2, 2)  # not locked: taken from the report
    assert (event["injured_min"], event["injured_max"]) == (5, 5)  # locked by the reviewer
    assert event["location_name"] == "حلب (الأحياء الشرقية)"
    assert event["review_status"] == "edited"
    assert set(event["locked_fields"]) == {"injured_min", "injured_max", "location_name"}
