"""The app's own SQL (map clusters, statistics, filters, cache version, review actions) on PostgreSQL."""

from __future__ import annotations

import pytest
from tests.web.web_support import Web, add_users, build_archive, sample_reports

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def pg_web(fresh_postgres_url: str, make_web) -> Web:  # type: ignore[no-untyped-def]
    build_archive(fresh_postgres_url, sample_reports())
    add_users(fresh_postgres_url)
    return make_web(fresh_postgres_url)


def test_reads_and_review_on_postgres(pg_web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    from tawthiq.web import queries

    client = pg_web.login("rev")
    assert client.get("/api/events").json()["total"] == 4
    assert client.get("/api/events", params={"target": "hospital,medical"}).json()["total"] == 1
    assert client.get("/api/events", params={"admin1": "idlib", "q": "مستشفى"}).json()["total"] == 1
    stats = client.get("/api/stats", params={"bucket": "week"}).json()
    assert dict(stats["by_target"]) == {"hospital": 1, "market": 1}
    assert sum(b["total"] for b in stats["timeline"]["buckets"]) == 4
    points = client.get("/api/map", params={"bbox": "36.3,35.4,36.9,35.9"}).json()
    assert {p["location_name"] for p in points["items"]} == {"معرة النعمان", "كفرنبل"}
    monkeypatch.setattr(queries, "MAP_POINT_LIMIT", 2)
    clusters = client.get("/api/map", params={"zoom": 3}).json()
    assert clusters["mode"] == "clusters" and sum(c["count"] for c in clusters["items"]) == 4
    hospital = pg_web.event_id(location_name="معرة النعمان")
    clash = pg_web.event_id(location_name="كفرنبل")
    assert client.post(f"/api/events/{hospital}/merge", json={"other_id": clash}).status_code == 200
    assert client.post(f"/api/events/{hospital}/accept").json()["review_status"] == "accepted"
    detail = client.get(f"/api/events/{hospital}").json()
    assert [a["action"] for a in detail["audit"]] == ["merge", "accept"]
    assert client.get("/api/events").json()["total"] == 3
    assert client.get("/", params={"target": "hospital"}).status_code == 200
    assert client.get(f"/events/{hospital}").status_code == 200
