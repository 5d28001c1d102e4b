"""Helpers of the batch tests: a small archive with good and bad rows, and reading outputs back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from tawthiq.batch.records import incident_from_row
from tawthiq.incidents import Extractor
from tawthiq.models import Article

# bad.jsonl, line by line: what each line is and the code the report must give it.
BAD_LINES: list[tuple[bytes, str | None]] = [
    (json.dumps({"id": "ok-1", "text": "قصف مدفعي على بلدة", "published": "2020-01-02"}).encode(), None),
    (b'{"id": "no-text", "published": "2020-01-02"}', "T102"),
    (b"this is not json", "T101"),
    (json.dumps({"id": "bad-date", "text": "نص", "published": "2020-13-45"}).encode(), "T103"),
    (b"", None),  # blank lines are skipped, but still counted for line numbers
    (b'{"id": "latin1", "text": "caf\xe9"}', "T104"),
    (b"[1, 2, 3]", "T107"),
    (json.dumps({"id": "ok-2", "text": "اشتباكات في المدينة", "published": None}).encode(), None),
]
EXPECTED_BAD = [(i + 1, code) for i, (_, code) in enumerate(BAD_LINES) if code]


def write_archive(root: Path, dev_articles: list[dict[str, Any]]) -> Path:
    """``root/in``: dev.jsonl (the dev set), bad.jsonl (BAD_LINES), notes.txt (skipped), _ignored.jsonl."""
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    with (folder / "dev.jsonl").open("w", encoding="utf-8") as f:
        for record in dev_articles:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    (folder / "sub" / "bad.jsonl").write_bytes(b"\n".join(line for line, _ in BAD_LINES) + b"\n")
    (folder / "notes.txt").write_text("not an archive file\n", encoding="utf-8")
    (folder / "_ignored.jsonl").write_text("not json, and ignored like Spark ignores _files\n")
    return folder


def write_parquet_archive(path: Path, dev_articles: list[dict[str, Any]], n: int = 20) -> Path:
    """The first ``n`` dev articles as Parquet (published as a date column), then a row without text."""
    import datetime as dt

    rows = [
        {
            "id": a["id"],
            "text": a["text"],
            "published": dt.date.fromisoformat(a["published"]) if a.get("published") else None,
            "source": a.get("source"),
        }
        for a in dev_articles[:n]
    ]
    rows.append({"id": "no-text", "text": None, "published": None, "source": None})
    schema = pa.schema(
        [("id", pa.string()), ("text", pa.string()), ("published", pa.date32()), ("source", pa.string())]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def read_dataset(path: Path, partitioned: bool = False) -> list[dict[str, Any]]:
    """All rows of an output dataset, in a stable order."""
    dataset = ds.dataset(path, format="parquet", partitioning="hive" if partitioned else None)
    rows = dataset.to_table().to_pylist()
    keys = ("source_file", "source_line", "ordinal")
    return sorted(rows, key=lambda r: tuple((r.get(k) is None, r.get(k) or 0) for k in keys))


def incidents_by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Parquet incident rows back as Incident dumps, per article id, in output order."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["ordinal"])):
        grouped.setdefault(row["article_id"], []).append(incident_from_row(row).model_dump(mode="json"))
    return grouped


def extract_directly(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """What ``Extractor().extract`` gives for each article, with no batch machinery in between."""
    extractor = Extractor()
    expected: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        incidents = extractor.extract(Article.model_validate(record))
        if incidents:
            expected[record["id"]] = [i.model_dump(mode="json") for i in incidents]
    return expected
