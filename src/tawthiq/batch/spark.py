"""The Spark batch engine (``tawthiq batch --engine spark``).

Plan (each step one Spark action, progress logged per stage):

1. list the inputs through Hadoop's FileSystem (any ``file:``, ``hdfs:``,
   ``s3a:`` ... URL Spark can read), JSONL files and Parquet files apart;
2. parse and validate: JSONL files are read as bytes (``binaryFile``) and split
   into lines in Python, so a bad row keeps its file and line and a bad byte
   is reported, not replaced; Parquet rows keep their file and row number
   (``_metadata.row_index``). Both go through :mod:`tawthiq.batch.records`,
   the same code the local engine runs. The result is persisted;
3. write ``articles/`` and ``bad_rows/``;
4. repartition the valid articles and extract with ``mapInArrow`` (one
   extractor per Python worker process, built on first use);
5. write ``incidents/`` partitioned by country and month, then ``_report.json``.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pyarrow as pa

from ..errors import TawthiqError, Where
from .local import Progress
from .records import (
    ARTICLE_SCHEMA,
    BAD_ROW_SCHEMA,
    INCIDENT_SCHEMA,
    PARTITION_COLUMNS,
    BadRow,
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
    REPORT_BAD_ROWS,
    REPORT_FILE,
    RunReport,
    utc_now,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

DEFAULT_MASTER = "local[*]"
# Aim for tasks of about this many articles when --partitions is not given.
ARTICLES_PER_PARTITION = 2000

# One schema for the output of the parse step: a valid article or a bad row.
PARSED_SCHEMA = pa.schema(
    [pa.field("ok", pa.bool_(), nullable=False)]
    + [f.with_nullable(True) for f in ARTICLE_SCHEMA]
    + [f.with_nullable(True) for f in BAD_ROW_SCHEMA if f.name in ("code", "message")]
)
TABLE_COLUMNS = ("id", "text", "published", "source", "url")


def spark_session(master: str = DEFAULT_MASTER, conf: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession for batch jobs; workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName("tawthiq-batch")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def display_path(uri: str) -> str:
    """``file:/a/b.jsonl`` -> ``/a/b.jsonl`` (as the local engine names it); other URLs unchanged."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return unquote(parts.path)
    return uri


# ------------------------------------------------------------------ executor side


def _parse_binary_files(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow: (path, content) of JSONL files -> PARSED_SCHEMA rows."""
    for batch in batches:
        paths = batch.column("path").to_pylist()
        contents = batch.column("content")
        for i, path in enumerate(paths):
            content = contents[i].as_py()
            yield _parsed_batch(parse_jsonl(content, display_path(path)))


def _parse_table_rows(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow: Parquet article rows with file_path, row_index -> PARSED_SCHEMA rows."""
    for batch in batches:
        rows = batch.to_pylist()
        by_file: dict[str, list[tuple[dict[str, Any], int]]] = {}
        for row in rows:
            path = display_path(row.pop("file_path"))
            number = int(row.pop("row_index")) + 1
            by_file.setdefault(path, []).append((row, number))
        for path, numbered in by_file.items():
            yield _parsed_batch(parse_records(numbered, path))


def _parsed_batch(items: Iterator[ParsedArticle | BadRow]) -> pa.RecordBatch:
    good: list[ParsedArticle] = []
    bad: list[BadRow] = []
    for item in items:
        (bad if isinstance(item, BadRow) else good).append(item)
    articles = articles_to_arrow(good)
    rejected = bad_rows_to_arrow(bad)
    n_good, n_bad = articles.num_rows, rejected.num_rows
    columns = [pa.array([True] * n_good + [False] * n_bad, pa.bool_())]
    for field in PARSED_SCHEMA:
        if field.name == "ok":
            continue
        if field.name in ARTICLE_SCHEMA.names and field.name in BAD_ROW_SCHEMA.names:
            columns.append(
                pa.concat_arrays([articles.column(field.name), rejected.column(field.name).cast(field.type)])
            )
        elif field.name in ARTICLE_SCHEMA.names:
            columns.append(pa.concat_arrays([articles.column(field.name), pa.nulls(n_bad, field.type)]))
        else:
            columns.append(pa.concat_arrays([pa.nulls(n_good, field.type), rejected.column(field.name)]))
    return pa.RecordBatch.from_arrays(columns, schema=PARSED_SCHEMA)


def _extract_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow: articles -> incidents, with this worker's one extractor."""
    for batch in batches:
        yield extract_articles(batch)


# ------------------------------------------------------------------ driver side


class _Hadoop:
    """The driver's view of input and output paths through Hadoop's FileSystem (works on any cluster FS)."""

    def __init__(self, spark: SparkSession) -> None:
        self.jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()  # type: ignore[union-attr]

    def path(self, uri: str) -> Any:
        return self.jvm.org.apache.hadoop.fs.Path(uri)

    def fs(self, path: Any) -> Any:
        return path.getFileSystem(self.conf)

    def list_inputs(self, inputs: list[str], fmt: str | None) -> tuple[list[str], list[str], list[str]]:
        """(JSONL files, Parquet files, skipped files) as qualified URIs; same rules as the local engine."""
        jsonl: list[str] = []
        parquet: list[str] = []
        skipped: list[str] = []
        for pattern in inputs:
            path = self.path(pattern)
            fs = self.fs(path)
            statuses = fs.globStatus(path)
            if not statuses:
                raise TawthiqError("T100", "no such file or folder", Where(pattern))
            for status in statuses:
                if status.isDirectory():
                    files = fs.listFiles(status.getPath(), True)
                    while files.hasNext():
                        found = files.next().getPath()
                        rel = found.toUri().getPath()[len(status.getPath().toUri().getPath()) :]
                        if any(part.startswith(("_", ".")) for part in rel.split("/") if part):
                            continue
                        kind = fmt or input_format(found.getName())
                        target = {"jsonl": jsonl, "parquet": parquet}.get(kind or "", skipped)
                        target.append(found.toString())
                else:
                    kind = fmt or input_format(status.getPath().getName()) or "jsonl"
                    (parquet if kind == "parquet" else jsonl).append(status.getPath().toString())
        return sorted(jsonl), sorted(parquet), sorted(display_path(s) for s in skipped)

    def prepare_output(self, output: str, overwrite: bool) -> str:
        path = self.path(output)
        fs = self.fs(path)
        if fs.exists(path) and (not fs.getFileStatus(path).isDirectory() or len(fs.listStatus(path)) > 0):
            if not overwrite:
                raise TawthiqError(
                    "T500", "output exists and is not empty (use --overwrite to replace it)", Where(output)
                )
            fs.delete(path, True)
        fs.mkdirs(path)
        return fs.makeQualified(path).toString()

    def write_text(self, uri: str, text: str) -> None:
        path = self.path(uri)
        stream = self.fs(path).create(path, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()


class _StageProgress:
    """Polls Spark's status tracker and reports (phase, tasks done, tasks total) of the running stages."""

    def __init__(self, spark: SparkSession, progress: Progress | None, interval: float = 0.5) -> None:
        self.tracker = spark.sparkContext.statusTracker()
        self.progress = progress
        self.interval = interval
        self.phase = "starting"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tawthiq-spark-progress", daemon=True)
        self._last: tuple[str, int, int] | None = None

    def __enter__(self) -> _StageProgress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def set_phase(self, phase: str) -> None:
        self.phase = phase
        log.info("spark: %s", phase)
        if self.progress:
            self.progress(phase, 0, 0)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            done = total = 0
            for stage_id in self.tracker.getActiveStageIds():
                info = self.tracker.getStageInfo(stage_id)
                if info is not None:
                    done += info.numCompletedTasks
                    total += info.numTasks
            state = (self.phase, done, total)
            if total and state != self._last:
                self._last = state
                log.info("spark: %s: %d/%d tasks", *state)
                if self.progress:
                    self.progress(*state)


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _parsed_frame(spark: SparkSession, jsonl: list[str], parquet: list[str]) -> DataFrame:
    frames: list[DataFrame] = []
    parsed_schema = _spark_schema(PARSED_SCHEMA)
    if jsonl:
        files = spark.read.format("binaryFile").load(jsonl).select("path", "content")
        frames.append(files.mapInArrow(_parse_binary_files, parsed_schema))
    for path in parquet:  # one file at a time: their schemas may differ (missing optional columns)
        from pyspark.sql import functions as F

        table = spark.read.parquet(path)
        present = set(table.columns)
        columns = [
            (F.col(c).cast("string") if c != "published" else F.col(c)).alias(c)
            if c in present
            else F.lit(None).cast("string").alias(c)
            for c in TABLE_COLUMNS
        ]
        table = table.select(*columns, "_metadata.file_path", "_metadata.row_index")
        frames.append(table.mapInArrow(_parse_table_rows, parsed_schema))
    frame = frames[0]
    for other in frames[1:]:
        frame = frame.unionByName(other)
    return frame


def run_spark(
    inputs: list[str],
    output: str,
    master: str = DEFAULT_MASTER,
    partitions: int | None = None,
    fmt: str | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    spark: SparkSession | None = None,
    conf: dict[str, str] | None = None,
) -> RunReport:
    """Extract incidents from every article of ``inputs`` into ``output`` on Spark.

    ``spark`` (or the active session, when there is one and no ``conf``) is used
    and left running; otherwise a session is started on ``master`` and stopped
    at the end.
    """
    started = utc_now()
    clock = time.perf_counter()
    if spark is None and not conf:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()  # e.g. inside a notebook or a test: use it, leave it running
    own_session = spark is None
    session = spark if spark is not None else spark_session(master, conf)
    try:
        return _run(session, inputs, output, partitions, fmt, overwrite, progress, started, clock)
    finally:
        if own_session:
            session.stop()


def _run(
    spark: SparkSession,
    inputs: list[str],
    output: str,
    partitions: int | None,
    fmt: str | None,
    overwrite: bool,
    progress: Progress | None,
    started: Any,
    clock: float,
) -> RunReport:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    hadoop = _Hadoop(spark)
    jsonl, parquet, skipped = hadoop.list_inputs(inputs, fmt)
    out = hadoop.prepare_output(output, overwrite)
    report = RunReport(engine="spark", inputs=list(inputs), output=display_path(out), master=sc.master)
    report.spark_version = spark.version
    report.input_files = {"jsonl": len(jsonl), "parquet": len(parquet)}
    report.skipped_files = skipped
    log.info("spark batch on %s: %d JSONL and %d Parquet files", sc.master, len(jsonl), len(parquet))

    with _StageProgress(spark, progress) as stages:
        if jsonl or parquet:
            parsed = _parsed_frame(spark, jsonl, parquet).persist(StorageLevel.MEMORY_AND_DISK)
        else:
            parsed = spark.createDataFrame([], _spark_schema(PARSED_SCHEMA))
        try:
            stages.set_phase("reading and validating articles")
            sc.setJobDescription("tawthiq: read and validate")
            by_code: dict[str, int] = {}
            for row in parsed.groupBy("code").count().collect():  # code is null for valid articles
                if row["code"] is None:
                    report.articles_ok = row["count"]
                else:
                    by_code[row["code"]] = row["count"]
            n_bad = sum(by_code.values())

            stages.set_phase("writing bad rows")
            sc.setJobDescription("tawthiq: bad rows")
            bad_frame = parsed.filter(~F.col("ok")).select(*BAD_ROW_SCHEMA.names)
            bad_frame.coalesce(1).write.mode("overwrite").parquet(f"{out}/{BAD_ROWS_DIR}")
            first_bad = (
                bad_frame.orderBy("source_file", "source_line").limit(REPORT_BAD_ROWS).collect() if n_bad else []
            )
            report.set_bad_rows([BadRow(**row.asDict()) for row in first_bad], n_bad, by_code)

            stages.set_phase("writing articles")
            sc.setJobDescription("tawthiq: articles")
            articles = parsed.filter(F.col("ok")).select(*ARTICLE_SCHEMA.names)
            articles.write.mode("overwrite").parquet(f"{out}/{ARTICLES_DIR}")

            n_partitions = partitions or max(
                sc.defaultParallelism * 2, -(-report.articles_ok // ARTICLES_PER_PARTITION)
            )
            report.partitions = n_partitions
            stages.set_phase(f"extracting incidents ({n_partitions} partitions)")
            sc.setJobDescription("tawthiq: extract incidents")
            incidents = (
                articles.repartition(n_partitions)
                .mapInArrow(_extract_partition, _spark_schema(INCIDENT_SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK)  # incidents only: small next to the articles
            )
            try:
                report.incidents = incidents.count()
                stages.set_phase("writing incidents")
                sc.setJobDescription("tawthiq: write incidents")
                # one task per (country, month): one file per partition folder, not one per task
                incidents.repartition(*PARTITION_COLUMNS).write.mode("overwrite").partitionBy(
                    *PARTITION_COLUMNS
                ).parquet(f"{out}/{INCIDENTS_DIR}")
            finally:
                incidents.unpersist()
        finally:
            parsed.unpersist()

    report.articles_read = report.articles_ok + report.articles_bad
    report.started = started.isoformat()
    report.finished = utc_now().isoformat()
    report.duration_s = round(time.perf_counter() - clock, 3)
    hadoop.write_text(f"{out}/{REPORT_FILE}", report.to_json())
    log.info(
        "spark batch done: %d ok, %d bad, %d incidents in %.1f s",
        report.articles_ok,
        report.articles_bad,
        report.incidents,
        report.duration_s,
    )
    return report
