"""Reading articles from the inputs ``tawthiq ingest`` accepts.

JSONL (``.jsonl``/``.json``/``.ndjson``), CSV (a header with at least
``text``; also ``id``, ``published``, ``source``, ``url``), folders (walked
recursively) of ``.txt`` and ``.html`` files (trafilatura strips the page's
boilerplate), and RSS/Atom feeds (files, or ``http(s)://`` URLs when online).
Bad records go to the failure policy with their file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FailurePolicy, TawthiqError, Where, raise_policy
from ..io import _decode, article_from_json, read_jsonl, read_text
from ..models import Article

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
CSV_SUFFIXES = (".csv",)
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
INPUT_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
CSV_COLUMNS = ("id", "text", "published", "source", "url")

_XML_START = re.compile(rb"^\s*(<\?xml|<rss|<feed|<rdf:RDF)", re.IGNORECASE)


def iter_input_articles(paths: Iterable[str], on_error: FailurePolicy = raise_policy) -> Iterator[Article]:
    """Every article in ``paths`` (files, folders, feed URLs, ``-`` = JSONL on stdin), in a stable order."""
    for raw in paths:
        if raw == "-":
            yield from read_jsonl(sys.stdin.buffer, "<stdin>", on_error)
            continue
        if raw.startswith(("http://", "https://")):
            yield from _read_feed_url(raw, on_error)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            if not files:
                on_error(TawthiqError("T100", f"no input files ({', '.join(INPUT_SUFFIXES)}) in folder", Where(raw)))
            for file in files:
                yield from _read_file(file, on_error)
        elif path.exists():
            yield from _read_file(path, on_error)
        else:
            on_error(TawthiqError("T100", "no such file or folder", Where(raw)))


def _read_bytes(path: Path, on_error: FailurePolicy) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        on_error(TawthiqError("T100", exc.strerror or str(exc), Where(str(path))))
        return None


def _read_file(path: Path, on_error: FailurePolicy) -> Iterator[Article]:
    data = _read_bytes(path, on_error)
    if data is None:
        return
    name, suffix = str(path), path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), name, on_error)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(data, name, on_error)
    elif suffix in HTML_SUFFIXES:
        try:
            yield read_html(data, name)
        except TawthiqError as error:
            on_error(error)
    elif suffix in FEED_SUFFIXES or _XML_START.match(data[:512]):
        yield from read_feed(data, name, on_error)
    elif data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), name, on_error)
    else:
        try:
            yield read_text(io.BytesIO(data), name, published=None)
        except TawthiqError as error:
            on_error(error)


def read_csv(data: bytes, name: str, on_error: FailurePolicy = raise_policy) -> Iterator[Article]:
    """Articles from CSV bytes; a bad row is ``T301`` with the file and the row's first line."""
    try:
        text = _decode(data, Where(name))
    except TawthiqError as error:
        on_error(error)
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        on_error(TawthiqError("T106", "the CSV file is empty", Where(name)))
        return
    except csv.Error as exc:
        on_error(TawthiqError("T301", f"bad CSV header: {exc}", Where(name, 1)))
        return
    if "text" not in header:
        on_error(TawthiqError("T301", f'CSV header has no "text" column (found: {", ".join(header)})', Where(name, 1)))
        return
    line = reader.line_num + 1
    while True:
        where = Where(name, line)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            on_error(TawthiqError("T301", f"bad CSV row: {exc}", where))
            return
        line = reader.line_num + 1
        if not row or not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) != len(header):
                raise TawthiqError("T301", f"expected {len(header)} columns, got {len(row)}", where)
            record = {k: (v if v != "" else None) for k, v in zip(header, row, strict=True) if k in CSV_COLUMNS}
            if not record.get("text"):
                raise TawthiqError("T301", 'empty "text"', where)
            try:
                yield article_from_json(record, where, default_id=f"{Path(name).stem}-{where.line}")
            except TawthiqError as error:
                raise TawthiqError("T301", f"{error.code} {error.message}", where) from None
        except TawthiqError as error:
            on_error(error)


def html_to_text(html: str) -> str:
    """The plain text of an HTML fragment (feed summaries, content:encoded)."""
    import lxml.etree
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):  # junk markup: keep the input as it is
        return html.strip()
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def read_html(data: bytes, name: str) -> Article:
    """One saved web page as an Article: trafilatura keeps the article body and its metadata."""
    import trafilatura

    where = Where(name)
    page = _decode(data, where)
    if not page.strip():
        raise TawthiqError("T106", "the file is empty", where)
    body = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        raise TawthiqError("T301", "no article text found in the HTML page", where)
    meta = trafilatura.extract_metadata(page)
    published = getattr(meta, "date", None) if meta else None
    source = (getattr(meta, "sitename", None) or getattr(meta, "hostname", None)) if meta else None
    url = getattr(meta, "url", None) if meta else None
    return article_from_json(
        {"id": Path(name).stem, "text": body.strip(), "published": published, "source": source, "url": url},
        where,
        Path(name).stem,
    )


def _entry_date(entry: dict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(data: bytes | str, name: str, on_error: FailurePolicy = raise_policy) -> Iterator[Article]:
    """Articles from an RSS or Atom document; a document that is not a feed is ``T302``."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not XML").splitlines()[0]
            on_error(TawthiqError("T302", f"not an RSS/Atom feed ({reason})", Where(name)))
        elif not parsed.get("version"):
            on_error(TawthiqError("T302", "not an RSS/Atom feed (no feed element)", Where(name)))
        return
    feed_title = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = Where(name, None)
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        title = entry.get("title", "")
        text = html_to_text(html or "")
        if title and not text.startswith(title):
            text = f"{title}\n{text}" if text else title
        link = entry.get("link")
        source = feed_title or (urlsplit(link).hostname if link else None)
        record = {
            "id": entry.get("id") or link or f"{Path(name).stem}-{number}",
            "text": text,
            "published": _entry_date(entry),
            "source": source,
            "url": link,
        }
        if not text.strip():
            on_error(TawthiqError("T302", f"feed entry {number} has no text", where))
            continue
        try:
            yield article_from_json(record, where, default_id=f"{Path(name).stem}-{number}")
        except TawthiqError as error:
            on_error(error)


def _read_feed_url(url: str, on_error: FailurePolicy) -> Iterator[Article]:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            data = response.read()
    except OSError as exc:
        on_error(TawthiqError("T100", f"cannot fetch feed: {exc}", Where(url)))
        return
    yield from read_feed(data, url, on_error)
