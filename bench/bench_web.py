"""Benchmark the web app: latency of the event list, the map query and search under load.

Builds (once, or reuses with --db) a SQLite archive of N incidents with bulk
inserts: generated Arabic reports of two incidents each, one event per
incident pair or single incident, spread over 2012-2024 and some 60 places.
Then starts ``tawthiq serve`` on 127.0.0.1 and a free port, logs in, and
sends a bounded number of requests from a few threads (loopback only),
printing p50/p99 latency per request kind.

    .venv/bin/python bench/bench_web.py                       # 100,000 incidents, 200 requests per kind
    .venv/bin/python bench/bench_web.py --incidents 20000 --requests 50
    .venv/bin/python bench/bench_web.py --db /tmp/web-bench.db  # keep the archive for the next run
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

PLACES = [  # (Arabic name, lat, lon, admin1, country): public facts
    ("حلب", 36.2021, 37.1343, "Aleppo", "SY"), ("إدلب", 35.9306, 36.6339, "Idlib", "SY"),
    ("معرة النعمان", 35.6476, 36.6746, "Idlib", "SY"), ("سراقب", 35.8645, 36.8059, "Idlib", "SY"),
    ("خان شيخون", 35.4421, 36.6510, "Idlib", "SY"), ("أريحا", 35.8130, 36.6100, "Idlib", "SY"),
    ("حماة", 35.1318, 36.7578, "Hama", "SY"), ("اللطامنة", 35.3230, 36.6230, "Hama", "SY"),
    ("حمص", 34.7324, 36.7137, "Homs", "SY"), ("الرستن", 34.9270, 36.7320, "Homs", "SY"),
    ("دوما", 33.5718, 36.4027, "Rif Dimashq", "SY"), ("داريا", 33.4580, 36.2360, "Rif Dimashq", "SY"),
    ("دمشق", 33.5102, 36.2913, "Damascus", "SY"), ("درعا", 32.6189, 36.1021, "Daraa", "SY"),
    ("دير الزور", 35.3359, 40.1408, "Deir ez-Zor", "SY"), ("الرقة", 35.9528, 39.0079, "Raqqa", "SY"),
    ("الحسكة", 36.5024, 40.7477, "Al-Hasakah", "SY"), ("القامشلي", 37.0522, 41.2317, "Al-Hasakah", "SY"),
    ("اللاذقية", 35.5317, 35.7901, "Lattakia", "SY"), ("جسر الشغور", 35.8137, 36.3185, "Idlib", "SY"),
    ("الموصل", 36.3350, 43.1189, "Nineveh", "IQ"), ("الفلوجة", 33.3500, 43.7833, "Anbar", "IQ"),
    ("الرمادي", 33.4258, 43.2992, "Anbar", "IQ"), ("تكريت", 34.6071, 43.6782, "Salah al-Din", "IQ"),
    ("صنعاء", 15.3547, 44.2067, "Sanaa", "YE"), ("تعز", 13.5795, 44.0209, "Taiz", "YE"),
    ("الحديدة", 14.7978, 42.9545, "Al Hudaydah", "YE"), ("صعدة", 16.9402, 43.7639, "Saada", "YE"),
    ("مأرب", 15.4629, 45.3253, "Marib", "YE"), ("عدن", 12.7797, 45.0367, "Aden", "YE"),
    ("طرابلس", 32.8874, 13.1873, "Tripoli", "LY"), ("بنغازي", 32.1167, 20.0667, "Benghazi", "LY"),
    ("سرت", 31.2089, 16.5887, "Sirte", "LY"), ("مصراتة", 32.3754, 15.0925, "Misrata", "LY"),
    ("الخرطوم", 15.5007, 32.5599, "Khartoum", "SD"), ("الفاشر", 13.6279, 25.3494, "North Darfur", "SD"),
    ("غزة", 31.5017, 34.4668, "Gaza", "PS"), ("خان يونس", 31.3462, 34.3063, "Gaza", "PS"),
]  # fmt: skip
AIR, SHELL = "Air/drone strike", "Shelling/artillery/missile attack"
EXPLOSIONS = "Explosions/Remote violence"
KINDS = [  # (event_type, sub_event_type, actor, weapons, Arabic verb phrase)
    (EXPLOSIONS, AIR, "RUS_MIL", ["airstrike_missile"], "شنت طائرات حربية غارات على"),
    (EXPLOSIONS, AIR, "SYR_GOV", ["barrel_bomb"], "ألقت مروحيات براميل متفجرة على"),
    (EXPLOSIONS, SHELL, "SYR_GOV", ["artillery"], "قصفت المدفعية"),
    (EXPLOSIONS, "Remote explosive/landmine/IED", "UNKNOWN", ["ied"], "انفجرت عبوة ناسفة في"),
    ("Battles", "Armed clash", "SYR_OPP", ["small_arms"], "دارت اشتباكات في محيط"),
    ("Violence against civilians", "Attack", "ISIS", ["small_arms"], "هاجم مسلحون المدنيين في"),
    ("Protests", "Peaceful protest", "PROTESTERS", [], "خرج متظاهرون في"),
]
TARGETS = [
    ["hospital"],
    ["medical"],
    ["market"],
    ["residential"],
    ["school"],
    [],
    [],
    [],
    ["military"],
    ["bakery"],
]
FACILITY = {"hospital": "مستشفى", "medical": "مركز طبي", "market": "سوق", "residential": "حي سكني",
            "school": "مدرسة", "military": "موقع عسكري", "bakery": "فرن"}  # fmt: skip
START = dt.date(2012, 1, 1)
DAYS = (dt.date(2024, 12, 31) - START).days


def _report(rng: random.Random, n_incidents: int) -> tuple[str, list[dict]]:
    """A generated two-sentence report and its incidents with evidence offsets."""
    parts, incidents, offset = [], [], 0
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    for _ in range(n_incidents):
        place = rng.choice(PLACES)
        kind = rng.choice(KINDS)
        targets = rng.choice(TARGETS) if kind[0] != "Protests" else []
        killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 40])
        facility = f" {FACILITY[targets[0]]}" if targets else ""
        sentence = f"{kind[4]}{facility} مدينة {place[0]}"
        if killed:
            sentence += f"، ما أدى إلى مقتل {killed} أشخاص"
        sentence += "."
        start = offset
        parts.append(sentence)
        offset += len(sentence) + 1
        incidents.append(
            {"place": place, "kind": kind, "targets": targets, "killed": killed, "day": day,
             "evidence": [[start, start + len(sentence)]]}
        )  # fmt: skip
    return " ".join(parts), incidents


def build(url: str, n_incidents: int, seed: int = 7) -> None:
    """Bulk-insert an archive of about ``n_incidents`` incidents (articles of two incidents)."""
    import sqlalchemy as sa

    from tawthiq.store import open_database
    from tawthiq.store.schema import ArticleRow, ArticleSearchRow, EventRow, IncidentRow
    from tawthiq.store.textsearch import search_form

    rng = random.Random(seed)
    engine = open_database(url)
    now = dt.datetime.now(dt.UTC)
    article_rows, search_rows, event_rows, incident_rows = [], [], [], []
    article_id = event_id = incident_id = 0
    t0 = time.perf_counter()
    while incident_id < n_incidents:
        text, incidents = _report(rng, 2)
        article_id += 1
        article_rows.append(
            {"id": article_id, "external_id": f"bench-{article_id}", "content_hash": f"{article_id:064x}",
             "source": f"outlet-{rng.randrange(12)}.example", "url": None,
             "published": incidents[0]["day"], "text": text, "ingested_at": now}
        )  # fmt: skip
        search_rows.append({"article_id": article_id, "norm_text": search_form(text)})
        for ordinal, inc in enumerate(incidents):
            name, lat, lon, admin1, country = inc["place"]
            event_type, sub_event, actor, weapons, _ = inc["kind"]
            lat += rng.uniform(-0.05, 0.05)
            lon += rng.uniform(-0.05, 0.05)
            event_id += 1
            incident_id += 1
            killed = inc["killed"]
            common = {
                "event_type": event_type, "sub_event_type": sub_event, "actor1": actor, "location_name": name,
                "lat": lat, "lon": lon, "geonameid": None, "admin1": admin1, "country": country,
                "geo_precision": 1, "date": inc["day"], "date_precision": "day",
                "civilian_victims": bool(killed), "targets": inc["targets"], "weapons": weapons,
                "impacts": [],
            }  # fmt: skip
            event_rows.append(
                {"id": event_id, **common, "actors": [actor], "location_key": search_form(name),
                 "killed_min": killed, "killed_max": killed, "injured_min": None, "injured_max": None,
                 "n_sources": 1, "sources": [article_rows[-1]["source"]],
                 "grade": "fair" if killed is not None or inc["targets"] else "weak",
                 "contested": False, "review_status": "unreviewed", "updated_at": now}
            )  # fmt: skip
            incident_rows.append(
                {"id": incident_id, "article_id": article_id, "event_id": event_id, "ordinal": ordinal,
                 **common,
                 "location_key": search_form(name), "killed": killed, "injured": None,
                 "evidence": inc["evidence"], "optional": False, "provenance": None,
                 "extractor_version": "bench", "review_status": "unreviewed", "created_at": now}
            )  # fmt: skip
    columns = {c.name for c in EventRow.__table__.columns}
    event_rows = [{k: v for k, v in row.items() if k in columns} for row in event_rows]
    columns = {c.name for c in IncidentRow.__table__.columns}
    incident_rows = [{k: v for k, v in row.items() if k in columns} for row in incident_rows]
    with engine.begin() as conn:
        for table, rows in (
            (ArticleRow.__table__, article_rows),
            (ArticleSearchRow.__table__, search_rows),
            (EventRow.__table__, event_rows),
            (IncidentRow.__table__, incident_rows),
        ):
            for i in range(0, len(rows), 5000):
                conn.execute(sa.insert(table), rows[i : i + 5000])
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    print(
        f"built {article_id:,} articles, {incident_id:,} incidents, {event_id:,} events "
        f"in {time.perf_counter() - t0:.1f} s"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WORDS = ["مستشفى", "براميل متفجرة", "حلب", "اشتباكات", "عبوة ناسفة", "سوق", "مدرسة", "متظاهرون", "مروحيات"]


def _random_viewport(rng: random.Random) -> str:
    zoom = rng.randint(6, 10)
    span = 360 / 2**zoom * 4  # about a 1000 px wide view
    lon, lat = rng.uniform(12, 46), rng.uniform(13, 37)
    return f"zoom={zoom}&bbox={lon:.3f},{lat - span / 3:.3f},{lon + span:.3f},{lat + span / 3:.3f}"


def _random_range(rng: random.Random) -> str:
    start = START + dt.timedelta(days=rng.randrange(DAYS - 400))
    return f"date_from={start}&date_to={start + dt.timedelta(days=rng.randrange(30, 400))}"


# kind -> a function giving the next URL. "cold" kinds almost never repeat a URL (the cache misses);
# "shared link" kinds repeat a few URLs, as when many people open the same view.
PLAN = {
    "event list, cold": lambda r: f"/api/events?limit=50&offset={50 * r.randrange(1900)}",
    "list filtered": lambda r: f"/api/events?limit=50&target=hospital,medical&offset={50 * r.randrange(200)}",
    "map, cold": lambda r: f"/api/map?{_random_viewport(r)}",
    "map, cold, all": lambda r: f"/api/map?zoom={r.randint(2, 5)}&{_random_range(r)}",
    "map, shared": lambda r: r.choice(["/api/map?zoom=3", "/api/map?zoom=5&target=hospital,medical"]),
    "search, cold": lambda r: f"/api/events?q={r.choice(WORDS)}&{_random_range(r)}",
    "search, shared": lambda r: f"/api/events?q={r.choice(WORDS)}",
    "stats, cold": lambda r: f"/api/stats?{_random_range(r)}",
    "dashboard, shared": lambda r: r.choice(["/", "/health"]),
}


def load(base: str, username: str, password: str, n: int, threads: int, time_limit: float) -> dict:
    """Send ``n`` requests of each kind from ``threads`` threads; latencies in ms per kind."""
    plan = PLAN
    results: dict[str, list[float]] = {kind: [] for kind in plan}
    errors: dict[str, int] = {kind: 0 for kind in plan}
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def worker(kind: str, next_url: Any, count: int, seed: int) -> None:
        local = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            token = client.get("/api/session").json()["csrf_token"]
            r = client.post("/api/login", json={"username": username, "password": password},
                            headers={"X-CSRF-Token": token})  # fmt: skip
            r.raise_for_status()
            for _ in range(count):
                if time.monotonic() > deadline:
                    return
                url = next_url(local)
                t = time.perf_counter()
                response = client.get(url)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    if response.status_code == 200:
                        results[kind].append(ms)
                    else:
                        errors[kind] += 1

    summary = {}
    for kind, next_url in plan.items():
        per_thread = max(1, n // threads)
        pool = [threading.Thread(target=worker, args=(kind, next_url, per_thread, i)) for i in range(threads)]
        t0 = time.perf_counter()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall = time.perf_counter() - t0
        print(f"  {kind}: {len(results[kind])} requests in {wall:.1f} s", flush=True)
        lat = sorted(results[kind])
        if lat:
            summary[kind] = {
                "n": len(lat),
                "errors": errors[kind],
                "p50": statistics.median(lat),
                "p99": lat[min(len(lat) - 1, round(0.99 * (len(lat) - 1)))],
                "max": lat[-1],
                "rps": len(lat) / wall,
            }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per kind")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds for all requests")
    parser.add_argument("--db", type=Path, help="SQLite file to build (reused when it exists)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="tawthiq-web-bench-"))
    db = args.db or tmp / "bench.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        build(url, args.incidents)
    else:
        print(f"reusing {db}")

    from tawthiq.errors import TawthiqError
    from tawthiq.store import open_database, session_scope
    from tawthiq.web.auth import add_user, get_user

    password = "bench-password-1"
    engine = open_database(url)
    with session_scope(engine) as session:
        try:
            get_user(session, "bench")
        except TawthiqError:
            add_user(session, "bench", password, "viewer")
    engine.dispose()

    port = _free_port()
    env = {
        **os.environ,
        "TAWTHIQ_HOME": str(tmp / "home"),
        "TAWTHIQ_SECRET_KEY": "bench-secret-key-0123456789abcdef",
    }
    tawthiq = Path(sys.executable).parent / "tawthiq"
    proc = subprocess.Popen(
        [
            str(tawthiq),
            "serve",
            "--db",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/session", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        summary = load(base, "bench", password, args.requests, args.threads, args.time_limit)
    finally:
        proc.terminate()
        proc.wait(10)
    load_avg = os.getloadavg()[0]
    print(f"\n{args.threads} client threads, one server process, SQLite, loopback; load {load_avg:.1f}")
    print(f"{'request':<20}{'n':>6}{'err':>5}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'req/s':>8}")
    for kind, s in summary.items():
        print(
            f"{kind:<20}{s['n']:>6}{s['errors']:>5}{s['p50']:>10.1f}{s['p99']:>10.1f}{s['max']:>10.1f}{s['rps']:>8.1f}"
        )


if __name__ == "__main__":
    main()
