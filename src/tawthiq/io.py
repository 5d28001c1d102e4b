"""Reading articles from JSONL or plain text, with errors that name file and line."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from .errors import FailurePolicy, TawthiqError, Where, raise_policy
from .models import Article

_HTML = re.compile(r"<\s*(html|body|div|p|span|script|head|!doctype)\b", re.IGNORECASE)


def _check_text(text: str, where: Where) -> None:
    if "\x00" in text:
        raise TawthiqError("T108", "text contains NUL bytes (binary data?)", where)
    if _HTML.search(text[:5000]) and text.count("<") > 3:
        raise TawthiqError(
            "T105", "text looks like HTML; extract the plain text first (tawthiq ingest does this)", where
        )


def article_from_json(obj: object, where: Where, default_id: str) -> Article:
    """Validate one decoded JSON value as an Article, raising a TawthiqError."""
    if not isinstance(obj, dict):
        raise TawthiqError("T107", f"expected a JSON object, got {type(obj).__name__}", where)
    if "text" not in obj:
        raise TawthiqError("T102", 'missing "text"', where)
    if not isinstance(obj["text"], str):
        raise TawthiqError("T103", '"text" must be a string', where)
    data = dict(obj)
    data.setdefault("id", default_id)
    if data["id"] is None:
        data["id"] = default_id
    data["id"] = str(data["id"])
    try:
        article = Article.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        raise TawthiqError("T103", f'bad "{field}": {first["msg"]}', where) from None
    _check_text(article.text, where)
    return article


def _decode(raw: bytes, where: Where) -> str:
    if b"\x00" in raw:
        raise TawthiqError("T108", "binary data (NUL bytes), not UTF-8 text", where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TawthiqError("T104", f"not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})", where) from None


def read_jsonl(stream: IO[bytes], name: str, on_error: FailurePolicy = raise_policy) -> Iterator[Article]:
    """Yield articles from a JSON-lines byte stream; bad lines go to ``on_error``."""
    seen_any = False
    for lineno, raw in enumerate(stream, start=1):
        where = Where(name, lineno)
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = _decode(raw, where)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TawthiqError("T101", f"not valid JSON ({exc.msg} at column {exc.colno})", where) from None
            yield article_from_json(obj, where, default_id=f"{Path(name).stem}-{lineno}")
        except TawthiqError as error:
            on_error(error)
    if not seen_any:
        on_error(TawthiqError("T106", "no articles in input (the file is empty)", Where(name)))


def read_text(stream: IO[bytes], name: str, published: str | None, article_id: str | None = None) -> Article:
    """One plain-text report as an Article."""
    where = Where(name)
    raw = stream.read()
    if not raw.strip():
        raise TawthiqError("T106", "the file is empty", where)
    text = _decode(raw, where)
    return article_from_json(
        {"id": article_id or Path(name).stem, "text": text, "published": published}, where, Path(name).stem
    )


def read_articles(
    path: str, on_error: FailurePolicy = raise_policy, published: str | None = None
) -> Iterator[Article]:
    """Articles from ``path`` (``-`` = stdin): JSONL by extension or content, else one text report."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise TawthiqError("T100", exc.strerror or str(exc), Where(path)) from None
        name = path
    import io as _io

    is_jsonl = path.endswith((".jsonl", ".json", ".ndjson")) or data.lstrip()[:1] == b"{"
    if is_jsonl and published is None:
        yield from read_jsonl(_io.BytesIO(data), name, on_error)
    else:
        try:
            yield read_text(_io.BytesIO(data), name, published)
        except TawthiqError as error:
            on_error(error)
