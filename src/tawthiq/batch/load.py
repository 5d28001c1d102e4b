"""``tawthiq load OUTPUT``: bring a batch result (either engine) into the database.

Articles are stored once per content hash by the store, so loading the same
OUTPUT twice stores nothing the second time. Incidents are corroborated once
at the end, not per article.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from ..errors import TawthiqError, Where
from .records import ARTICLE_SCHEMA, INCIDENT_SCHEMA, article_from_row, incident_from_row
from .report import ARTICLES_DIR, INCIDENTS_DIR, REPORT_FILE

log = logging.getLogger(__name__)

ARTICLE_BATCH = 500


@dataclass
class LoadSummary:
    articles: int = 0  # articles in OUTPUT
    stored: int = 0  # newly stored
    duplicates: int = 0  # already in the database (same text)
    incidents: int = 0  # incidents of the newly stored articles
    events_touched: int = 0  # events created or updated by corroboration
    extractor_versions: tuple[str, ...] = ()


def read_incidents(output: Path) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Incident rows of a batch OUTPUT grouped by the input line of their article, in output order."""
    path = output / INCIDENTS_DIR
    if not path.is_dir():
        raise TawthiqError("T500", "not a batch output folder (no incidents/)", Where(str(output)))
    dataset = ds.dataset(path, format="parquet", partitioning="hive")
    names = list(INCIDENT_SCHEMA.names)
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    if not dataset.files:
        return grouped
    for batch in dataset.to_batches(columns=names):
        for row in batch.to_pylist():
            grouped[(row["source_file"], row["source_line"])].append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: r["ordinal"])
    return grouped


def load_output(
    output: str,
    db_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LoadSummary:
    """Store every article of ``output`` with its incidents, then corroborate."""
    from ..store import corroborate, open_database, store_extracted

    out = Path(output)
    if not (out / REPORT_FILE).is_file() or not (out / ARTICLES_DIR).is_dir():
        raise TawthiqError("T500", f"not a batch output folder (no {REPORT_FILE} or {ARTICLES_DIR}/)", Where(output))
    report = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    incidents_by_line = read_incidents(out)
    articles = ds.dataset(out / ARTICLES_DIR, format="parquet")
    total = articles.count_rows()
    engine = open_database(db_url)
    summary = LoadSummary()
    versions: set[str] = set()
    try:
        for batch in articles.to_batches(columns=ARTICLE_SCHEMA.names, batch_size=ARTICLE_BATCH):
            for row in batch.to_pylist():
                article = article_from_row(row)
                rows = incidents_by_line.get((row["source_file"], row["source_line"]), [])
                version = rows[0]["extractor_version"] if rows else report.get("extractor_version", "unknown")
                incidents = [incident_from_row(r) for r in rows]
                stored = store_extracted(engine, article, incidents, version, corroborate_now=False)
                summary.articles += 1
                if stored is None:
                    summary.duplicates += 1
                else:
                    summary.stored += 1
                    summary.incidents += len(incidents)
                    versions.update(r["extractor_version"] for r in rows)
                if progress:
                    progress(summary.articles, total)
        summary.events_touched = corroborate(engine)
    finally:
        engine.dispose()
    summary.extractor_versions = tuple(sorted(versions))
    log.info(
        "loaded %s: %d articles, %d new, %d already stored, %d incidents, %d events touched",
        output,
        summary.articles,
        summary.stored,
        summary.duplicates,
        summary.incidents,
        summary.events_touched,
    )
    return summary
