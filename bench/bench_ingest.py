"""Benchmark the documentation database: ingest throughput and search latency.

Builds an archive of N articles from the dev reports repeated with a marker
line (so every copy has its own content hash) and dates shifted by one week
per round (so copies are separate events, as in a real multi-year archive),
ingests it into SQLite and into PostgreSQL, ingests it again (all
duplicates), and times searches over the result.

The extractor runs once over the dev reports (its speed is printed); the
store is then fed those real incidents, date-shifted, so the figures measure
the store and corroboration rather than extraction.

    .venv/bin/python bench/bench_ingest.py                 # 10,000 articles, SQLite + PostgreSQL
    .venv/bin/python bench/bench_ingest.py --n 2000 --no-postgres
    .venv/bin/python bench/bench_ingest.py --pg-url postgresql+psycopg://user@host/db
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.pg (a throwaway PostgreSQL server)

from tawthiq.models import Article, Incident  # noqa: E402
from tawthiq.store import SearchFilters, ingest_articles, open_database, search_events, session_scope  # noqa: E402

WEEK = dt.timedelta(days=7)


class ShiftedIncidents:
    """Serves the real extractor's incidents of a dev report for any copy of it, dates shifted."""

    version = "bench"

    def __init__(self, by_id: dict[str, list[Incident]]) -> None:
        self.by_id = by_id

    def extract(self, article: Article) -> list[Incident]:
        base, _, round_ = article.id.rpartition("~")
        shift = WEEK * int(round_)
        return [
            i.model_copy(update={"date": i.date.model_copy(update={"date": i.date.date + shift})}) if i.date else i
            for i in self.by_id.get(base, [])
        ]


def build_archive(dev: list[Article], n: int) -> list[Article]:
    articles = []
    for i in range(n):
        a = dev[i % len(dev)]
        round_ = i // len(dev)
        articles.append(
            Article(
                id=f"{a.id}~{round_}",
                text=f"{a.text}\n[{round_}]",
                published=(a.published + WEEK * round_) if a.published else None,
                source=a.source,
                url=a.url,
            )
        )
    return articles


def timed_ingest(url: str, articles: list[Article], extractor: ShiftedIncidents, label: str) -> dict[str, float]:
    engine = open_database(url)
    start = time.perf_counter()
    first = ingest_articles(engine, articles, extractor=extractor)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    again = ingest_articles(engine, articles, extractor=extractor)
    again_s = time.perf_counter() - start
    assert again.new == 0 and again.duplicate == len(articles)
    print(
        f"{label:10} ingest {first.new} articles, {first.incidents} incidents in {first_s:.1f} s "
        f"= {first.new / first_s:.0f} articles/s; "
        f"re-ingest (all duplicates) {len(articles) / again_s:.0f} articles/s"
    )
    figures = {"ingest_per_s": first.new / first_s, "reingest_per_s": len(articles) / again_s}
    figures.update(time_searches(engine, label))
    engine.dispose()
    return figures


QUERIES = {
    "full text 'غارة'": SearchFilters(q="غارة"),
    "full text 2 words": SearchFilters(q="قوات النظام"),
    "country=SY": SearchFilters(country="SY"),
    "actor+type": SearchFilters(actor="RUS_MIL", sub_event_type="Air/drone strike"),
    "target=hospital": SearchFilters(target="hospital"),
    "date range+grade": SearchFilters(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31), grade="fair"),
    "text+country+dates": SearchFilters(q="طيران", country="SY", date_from=dt.date(2015, 1, 1)),
}


def time_searches(engine, label: str, repeats: int = 15) -> dict[str, float]:  # type: ignore[no-untyped-def]
    figures = {}
    for name, filters in QUERIES.items():
        times = []
        total = 0
        for _ in range(repeats):
            start = time.perf_counter()
            with session_scope(engine) as session:
                _, total = search_events(session, filters)
            times.append((time.perf_counter() - start) * 1000)
        p50 = statistics.median(times)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        figures[f"search {name} p50 ms"] = p50
        print(f"{label:10} search {name:22} {total:6d} events  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the archive")
    parser.add_argument("--dev", default=str(ROOT.parent / "shared" / "data" / "dev" / "articles.jsonl"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--pg-url", default=None, help="use this PostgreSQL database instead of a throwaway server")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object at the end")
    args = parser.parse_args()

    with open(args.dev, encoding="utf-8") as f:
        dev = [Article.model_validate_json(line) for line in f if line.strip()]
    from tawthiq.incidents import EXTRACTOR_VERSION, Extractor

    start = time.perf_counter()
    extractor = Extractor()
    by_id = {a.id: extractor.extract(a) for a in dev}
    extract_s = time.perf_counter() - start
    print(
        f"extractor {EXTRACTOR_VERSION}: {len(dev)} dev reports, {sum(map(len, by_id.values()))} incidents, "
        f"{len(dev) / extract_s:.0f} articles/s (one process, including loading)"
    )
    articles = build_archive(dev, args.n)
    shifted = ShiftedIncidents(by_id)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = timed_ingest(f"sqlite:///{tmp}/bench.db", articles, shifted, "sqlite")
    if not args.no_postgres:
        if args.pg_url:
            results["postgresql"] = timed_ingest(args.pg_url, articles, shifted, "postgresql")
        else:
            from tests.pg import PostgresServer, find_postgres_bin

            bin_dir = find_postgres_bin()
            if bin_dir is None:
                print("postgresql: no server binaries (/usr/lib/postgresql/*/bin); skipped")
            else:
                server = PostgresServer(bin_dir)
                server.start()
                try:
                    results["postgresql"] = timed_ingest(server.new_database("bench"), articles, shifted, "postgresql")
                finally:
                    server.stop()
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
