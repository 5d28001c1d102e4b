"""The single-process batch engine (``tawthiq batch --engine local [--workers N]``).

Reads and validates input in the main process, extracts in a pool of worker
processes (each builds its extractor once), and writes the same OUTPUT layout
as the Spark engine with pyarrow. Parsing and extraction are the functions of
:mod:`tawthiq.batch.records`, shared with Spark.
"""

from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from ..errors import TawthiqError, Where
from .records import (
    ARTICLE_SCHEMA,
    BAD_ROW_SCHEMA,
    INCIDENT_SCHEMA,
    PARTITION_COLUMNS,
    BadRow,
    Parsed,
    ParsedArticle,
    articles_to_arrow,
    bad_rows_to_arrow,
    extract_articles,
    input_format,
    parse_jsonl,
    parse_records,
)
from .report import (
    ARTICLES_DIR,
    BAD_ROWS_DIR,
    INCIDENTS_DIR,
    REPORT_FILE,
    RunReport,
    count_codes,
    utc_now,
)

log = logging.getLogger(__name__)

# progress(phase, done, total): total may be 0 when unknown.
Progress = Callable[[str, int, int], None]

ARTICLES_PER_TASK = 64


def resolve_inputs(inputs: list[str], fmt: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """Expand files, folders (recursively) and globs to ``[(absolute path, format)]`` plus skipped files.

    A named file with an unknown extension is read as ``fmt`` or JSONL; in a
    folder or glob, only ``.jsonl/.json/.ndjson/.parquet`` files are read (others
    are listed as skipped in the report); names starting with ``_`` or ``.``
    are ignored, as Spark does.
    """
    files: list[tuple[str, str]] = []
    skipped: list[str] = []
    for pattern in inputs:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches or not all(os.path.exists(m) for m in matches):
            raise TawthiqError("T100", "no such file or folder", Where(pattern))
        for match in matches:
            if os.path.isdir(match):
                found: list[tuple[str, str]] = []
                for root, dirs, names in os.walk(match):
                    dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
                    for name in sorted(names):
                        if name.startswith(("_", ".")):
                            continue
                        path = os.path.abspath(os.path.join(root, name))
                        kind = fmt or input_format(name)
                        if kind:
                            found.append((path, kind))
                        else:
                            skipped.append(path)
                files.extend(sorted(found))
            else:
                files.append((os.path.abspath(match), fmt or input_format(match) or "jsonl"))
    return files, skipped


def prepare_output(output: str, overwrite: bool) -> Path:
    """Create OUTPUT; refuse a non-empty one unless ``overwrite`` (then it is replaced)."""
    out = Path(output)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not overwrite:
            raise TawthiqError("T500", "output exists and is not empty (use --overwrite to replace it)", Where(output))
        if out.is_dir():
            shutil.rmtree(out)
        else:
            out.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def parse_file(path: str, kind: str) -> Iterator[Parsed]:
    """Every row of one input file, validated (file-level errors become one bad row)."""
    if kind == "parquet":
        try:
            table_file = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as exc:
            yield BadRow(path, None, "T100", f"cannot read Parquet: {exc}")
            return
        names = [n for n in ("id", "text", "published", "source", "url") if n in table_file.schema_arrow.names]
        row_number = 0
        for batch in table_file.iter_batches(columns=names, batch_size=1024):
            numbered = []
            for record in batch.to_pylist():
                row_number += 1
                numbered.append((record, row_number))
            yield from parse_records(numbered, path)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield BadRow(path, None, "T100", exc.strerror or str(exc))
        return
    yield from parse_jsonl(data, path)


class _Feeder:
    """Turns input files into article batches for the workers, at most ``window`` ahead.

    ``Pool.imap`` pulls its input from a thread of its own as fast as it can; the
    window keeps memory bounded to a few batches whatever the input size. Bad
    rows are collected in ``bad``; every batch handed out is queued in
    ``pending`` so the consumer can write it once its incidents are back.
    """

    def __init__(self, files: list[tuple[str, str]], window: int) -> None:
        self.files = files
        self.bad: list[BadRow] = []
        self.pending: deque[pa.RecordBatch] = deque()
        self.slots = threading.Semaphore(window)
        self.stopped = threading.Event()

    def _hand_out(self, chunk: list[ParsedArticle]) -> pa.RecordBatch | None:
        while not self.slots.acquire(timeout=0.2):
            if self.stopped.is_set():
                return None
        batch = articles_to_arrow(chunk)
        self.pending.append(batch)
        return batch

    def batches(self) -> Iterator[pa.RecordBatch]:
        chunk: list[ParsedArticle] = []
        for path, kind in self.files:
            for item in parse_file(path, kind):
                if isinstance(item, BadRow):
                    self.bad.append(item)
                    continue
                chunk.append(item)
                if len(chunk) >= ARTICLES_PER_TASK:
                    batch = self._hand_out(chunk)
                    if batch is None:
                        return
                    yield batch
                    chunk = []
        if chunk:
            batch = self._hand_out(chunk)
            if batch is not None:
                yield batch

    def done_with_one(self) -> pa.RecordBatch:
        """The oldest batch handed out (results come back in order); frees its slot."""
        batch = self.pending.popleft()
        self.slots.release()
        return batch


def run_local(
    inputs: list[str],
    output: str,
    workers: int = 1,
    fmt: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> RunReport:
    """Extract incidents from every article of ``inputs`` into ``output`` with ``workers`` processes."""
    started = utc_now()
    clock = time.perf_counter()
    files, skipped = resolve_inputs(inputs, fmt)
    out = prepare_output(output, overwrite)
    report = RunReport(engine="local", inputs=list(inputs), output=str(out), workers=workers)
    report.input_files = {k: sum(1 for _, f in files if f == k) for k in ("jsonl", "parquet")}
    report.skipped_files = skipped
    log.info("local batch: %d input files, %d workers", len(files), workers)

    feeder = _Feeder(files, window=4 * max(workers, 1))
    counts = {"ok": 0, "incidents": 0}
    (out / INCIDENTS_DIR).mkdir()
    (out / ARTICLES_DIR).mkdir()
    articles_writer = pq.ParquetWriter(out / ARTICLES_DIR / "part-0.parquet", ARTICLE_SCHEMA)

    def incident_batches(results: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for incidents in results:
            articles = feeder.done_with_one()
            articles_writer.write_batch(articles)
            counts["ok"] += articles.num_rows
            counts["incidents"] += incidents.num_rows
            if progress:
                progress("extracting", counts["ok"], 0)
            yield incidents

    partitioning = ds.partitioning(pa.schema([INCIDENT_SCHEMA.field(c) for c in PARTITION_COLUMNS]), flavor="hive")

    def write(results: Iterator[pa.RecordBatch]) -> None:
        ds.write_dataset(
            incident_batches(results),
            out / INCIDENTS_DIR,
            schema=INCIDENT_SCHEMA,
            format="parquet",
            partitioning=partitioning,
            basename_template="part-{i}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )

    try:
        if workers > 1:
            # spawn: workers import tawthiq afresh, as Spark executors do (catches unpicklable state).
            with multiprocessing.get_context("spawn").Pool(workers) as pool:
                write(pool.imap(extract_articles, feeder.batches()))
        else:
            write(map(extract_articles, feeder.batches()))
    finally:
        feeder.stopped.set()
        articles_writer.close()
    bad = feeder.bad

    (out / BAD_ROWS_DIR).mkdir()
    pq.write_table(
        pa.Table.from_batches([bad_rows_to_arrow(bad)], BAD_ROW_SCHEMA), out / BAD_ROWS_DIR / "part-0.parquet"
    )
    report.articles_ok = counts["ok"]
    report.incidents = counts["incidents"]
    report.set_bad_rows(bad, len(bad), count_codes(bad))
    report.articles_read = report.articles_ok + report.articles_bad
    report.started = started.isoformat()
    report.finished = utc_now().isoformat()
    report.duration_s = round(time.perf_counter() - clock, 3)
    (out / REPORT_FILE).write_text(report.to_json(), encoding="utf-8")
    log.info(
        "local batch done: %d ok, %d bad, %d incidents in %.1f s",
        report.articles_ok,
        report.articles_bad,
        report.incidents,
        report.duration_s,
    )
    return report
