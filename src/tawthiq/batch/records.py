"""What both batch engines share: parsing input rows, running the extractor, and the
Arrow schemas of the three outputs (articles, incidents, bad rows).

The Spark engine and the single-process engine call exactly these functions, so
the two give the same rows for the same input. Everything here is plain Python
and picklable; the extractor is built once per process (see :func:`process_extractor`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..errors import CollectPolicy, TawthiqError, Where
from ..incidents import EXTRACTOR_VERSION, Extractor
from ..io import article_from_json, read_jsonl
from ..models import Article, DateValue, Incident, Location

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")

# Partition columns of the incidents dataset (hive style: country=SY/month=2019-05/).
PARTITION_COLUMNS = ("country", "month")

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("published", pa.date32()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int64(), nullable=False),
    ]
)

INCIDENT_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("ordinal", pa.int32(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("sub_event_type", pa.string(), nullable=False),
        pa.field("actor1", pa.string(), nullable=False),
        pa.field("location_name", pa.string(), nullable=False),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("geonameid", pa.int64()),
        pa.field("admin1", pa.string()),
        pa.field("country", pa.string()),
        pa.field("geo_precision", pa.int32(), nullable=False),
        pa.field("date", pa.date32()),
        pa.field("date_precision", pa.string()),
        pa.field("killed", pa.int64()),
        pa.field("injured", pa.int64()),
        pa.field("civilian_victims", pa.bool_(), nullable=False),
        pa.field("targets", pa.list_(pa.string()), nullable=False),
        pa.field("weapons", pa.list_(pa.string()), nullable=False),
        pa.field("impacts", pa.list_(pa.string()), nullable=False),
        pa.field("evidence", pa.list_(pa.list_(pa.int64())), nullable=False),
        pa.field("optional", pa.bool_(), nullable=False),
        pa.field("provenance", pa.string()),  # JSON text of Incident.provenance
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int64(), nullable=False),
        pa.field("month", pa.string()),  # YYYY-MM of date: partition column
    ]
)

BAD_ROW_SCHEMA = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("source_line", pa.int64()),  # null when the whole file is bad (e.g. empty)
        pa.field("code", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)


def input_format(name: str) -> str | None:
    """``jsonl`` or ``parquet`` by file name; None when the name says neither."""
    lower = name.lower()
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


@dataclass(frozen=True)
class ParsedArticle:
    """A valid article and the input line it came from."""

    article: Article
    source_file: str
    source_line: int


@dataclass(frozen=True)
class BadRow:
    """A rejected input row: why (an error code of errors.py) and where."""

    source_file: str
    source_line: int | None
    code: str
    message: str

    @classmethod
    def from_error(cls, error: TawthiqError, default_file: str) -> BadRow:
        where = error.where or Where(default_file)
        return cls(where.path or default_file, where.line, error.code, error.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.source_file,
            "line": self.source_line,
            "code": self.code,
            "message": self.message,
        }


Parsed = ParsedArticle | BadRow


class _CountingLines:
    """Iterates a byte stream's lines and remembers the 1-based number of the last one read.

    ``io.read_jsonl`` yields each article right after reading its line, so at
    that moment ``lineno`` is the article's line.
    """

    def __init__(self, stream: io.BufferedIOBase | io.BytesIO) -> None:
        self.stream = stream
        self.lineno = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self.stream:
            self.lineno += 1
            yield raw


def parse_jsonl(data: bytes, name: str) -> Iterator[Parsed]:
    """Every line of a JSONL file as a ParsedArticle or a BadRow, in file order.

    Validation is ``tawthiq.io.read_jsonl`` (the same as ``tawthiq extract``); bad
    lines never stop the iteration.
    """
    lines = _CountingLines(io.BytesIO(data))
    errors = CollectPolicy()
    reported = 0
    for article in read_jsonl(lines, name, on_error=errors):  # type: ignore[arg-type]
        for error in errors.errors[reported:]:
            yield BadRow.from_error(error, name)
        reported = len(errors.errors)
        yield ParsedArticle(article, name, lines.lineno)
    for error in errors.errors[reported:]:
        yield BadRow.from_error(error, name)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def parse_records(records: Iterable[tuple[dict[str, Any], int]], name: str) -> Iterator[Parsed]:
    """Rows of a table input (Parquet), each with its 1-based row number, validated like JSONL lines."""
    for record, row_number in records:
        where = Where(name, row_number)
        obj = {key: _jsonable(value) for key, value in record.items() if value is not None}
        try:
            article = article_from_json(obj, where, default_id=f"{_stem(name)}-{row_number}")
        except TawthiqError as error:
            yield BadRow.from_error(error, name)
        else:
            yield ParsedArticle(article, name, row_number)


def _stem(name: str) -> str:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return base.split(".", 1)[0] or base


def articles_to_arrow(parsed: Iterable[ParsedArticle]) -> pa.RecordBatch:
    rows = [
        {
            "article_id": p.article.id,
            "text": p.article.text,
            "published": p.article.published,
            "source": p.article.source,
            "url": p.article.url,
            "source_file": p.source_file,
            "source_line": p.source_line,
        }
        for p in parsed
    ]
    return pa.RecordBatch.from_pylist(rows, schema=ARTICLE_SCHEMA)


def bad_rows_to_arrow(bad: Iterable[BadRow]) -> pa.RecordBatch:
    rows = [
        {"source_file": b.source_file, "source_line": b.source_line, "code": b.code, "message": b.message} for b in bad
    ]
    return pa.RecordBatch.from_pylist(rows, schema=BAD_ROW_SCHEMA)


def article_from_row(row: dict[str, Any]) -> Article:
    """An ``articles`` dataset row back as an Article (already validated when written)."""
    return Article(
        id=row["article_id"],
        text=row["text"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
    )


# ---------------------------------------------------------------- extraction

_EXTRACTORS: dict[str, Extractor] = {}


def process_extractor() -> Extractor:
    """The extractor of this process: built once (lexicons and gazetteer load once per
    executor / worker), keyed by version so a reloaded engine is never mixed with an old one."""
    extractor = _EXTRACTORS.get(EXTRACTOR_VERSION)
    if extractor is None:
        log.info("building extractor %s in this process", EXTRACTOR_VERSION)
        extractor = _EXTRACTORS[EXTRACTOR_VERSION] = Extractor()
    return extractor


def incident_rows(
    article: Article, incidents: list[Incident], source_file: str, source_line: int, version: str
) -> list[dict[str, Any]]:
    """An article's incidents flattened to rows of INCIDENT_SCHEMA (ordinal = position in the output)."""
    rows = []
    for ordinal, incident in enumerate(incidents):
        loc = incident.location
        date = incident.date
        rows.append(
            {
                "article_id": article.id,
                "ordinal": ordinal,
                "event_type": incident.event_type,
                "sub_event_type": incident.sub_event_type,
                "actor1": incident.actor1,
                "location_name": loc.name,
                "lat": loc.lat,
                "lon": loc.lon,
                "geonameid": loc.geonameid,
                "admin1": loc.admin1,
                "country": loc.country,
                "geo_precision": loc.precision,
                "date": date.date if date else None,
                "date_precision": date.precision if date else None,
                "killed": incident.killed,
                "injured": incident.injured,
                "civilian_victims": incident.civilian_victims,
                "targets": list(incident.targets),
                "weapons": list(incident.weapons),
                "impacts": list(incident.impacts),
                "evidence": [[start, end] for start, end in incident.evidence],
                "optional": incident.optional,
                "provenance": None
                if incident.provenance is None
                else json.dumps(incident.provenance, ensure_ascii=False, sort_keys=True, default=str),
                "extractor_version": version,
                "source_file": source_file,
                "source_line": source_line,
                "month": date.date.strftime("%Y-%m") if date else None,
            }
        )
    return rows


def incident_from_row(row: dict[str, Any]) -> Incident:
    """An ``incidents`` dataset row back as an Incident (the inverse of :func:`incident_rows`)."""
    date = row["date"]
    provenance = row.get("provenance")
    return Incident(
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        location=Location(
            name=row["location_name"],
            lat=row["lat"],
            lon=row["lon"],
            geonameid=row["geonameid"],
            admin1=row["admin1"],
            country=row["country"],
            precision=row["geo_precision"],
        ),
        date=None if date is None else DateValue(date=date, precision=row["date_precision"] or "day"),
        killed=row["killed"],
        injured=row["injured"],
        civilian_victims=row["civilian_victims"],
        targets=list(row["targets"] or []),
        weapons=list(row["weapons"] or []),
        impacts=list(row["impacts"] or []),
        evidence=[(int(s), int(e)) for s, e in (row["evidence"] or [])],
        optional=row["optional"],
        provenance=None if provenance is None else json.loads(provenance),
    )


def extract_articles(articles: pa.RecordBatch | pa.Table) -> pa.RecordBatch:
    """Run this process's extractor over a batch of ARTICLE_SCHEMA rows; INCIDENT_SCHEMA rows out.

    The one extraction step of both engines (Spark's ``mapInArrow`` and the
    local worker pool call it).
    """
    extractor = process_extractor()
    rows: list[dict[str, Any]] = []
    for row in articles.to_pylist():
        article = article_from_row(row)
        incidents = extractor.extract(article)
        rows.extend(incident_rows(article, incidents, row["source_file"], row["source_line"], EXTRACTOR_VERSION))
    return pa.RecordBatch.from_pylist(rows, schema=INCIDENT_SCHEMA)
