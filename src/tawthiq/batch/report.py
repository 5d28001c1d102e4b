"""The run report ``OUTPUT/_report.json`` and the layout of a batch OUTPUT folder."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import __version__
from ..incidents import EXTRACTOR_VERSION
from .records import BadRow

# OUTPUT layout (both engines):
INCIDENTS_DIR = "incidents"  # Parquet, hive-partitioned country=XX/month=YYYY-MM/
ARTICLES_DIR = "articles"  # Parquet, one row per valid input article (text, published, source, url)
BAD_ROWS_DIR = "bad_rows"  # Parquet, every rejected row with its code, message, file and line
REPORT_FILE = "_report.json"

# The report lists at most this many bad rows; bad_rows/ always holds all of them.
REPORT_BAD_ROWS = 1000


@dataclass
class RunReport:
    """What a batch run read, rejected and produced: the contents of ``_report.json``."""

    engine: str
    inputs: list[str]
    output: str
    master: str | None = None
    partitions: int | None = None
    workers: int | None = None
    input_files: dict[str, int] = field(default_factory=dict)  # format -> number of files
    skipped_files: list[str] = field(default_factory=list)  # files in an input folder that are neither
    articles_read: int = 0
    articles_ok: int = 0
    articles_bad: int = 0
    incidents: int = 0
    bad_by_code: dict[str, int] = field(default_factory=dict)
    bad_rows: list[dict[str, Any]] = field(default_factory=list)
    bad_rows_truncated: bool = False
    started: str = ""
    finished: str = ""
    duration_s: float = 0.0
    extractor_version: str = EXTRACTOR_VERSION
    tawthiq_version: str = __version__
    spark_version: str | None = None
    layout: dict[str, str] = field(
        default_factory=lambda: {
            "incidents": f"{INCIDENTS_DIR}/ (Parquet, partitioned by country and month)",
            "articles": f"{ARTICLES_DIR}/ (Parquet)",
            "bad_rows": f"{BAD_ROWS_DIR}/ (Parquet)",
        }
    )

    def set_bad_rows(self, bad: list[BadRow], total: int, by_code: dict[str, int]) -> None:
        """Record the first REPORT_BAD_ROWS bad rows (sorted by file, line) and the totals."""
        ordered = sorted(bad, key=lambda b: (b.source_file, b.source_line or 0))
        self.bad_rows = [b.as_dict() for b in ordered[:REPORT_BAD_ROWS]]
        self.bad_rows_truncated = total > len(self.bad_rows)
        self.articles_bad = total
        self.bad_by_code = dict(sorted(by_code.items()))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RunReport:
        return cls(**json.loads(text))


def count_codes(bad: list[BadRow]) -> dict[str, int]:
    return dict(Counter(b.code for b in bad))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
