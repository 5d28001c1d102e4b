"""Throughput of the Arabic text layer (normalize, sentences+clauses, tokenize,
find_numbers, find_dates) on the dev articles, per function and in total.

Usage: .venv/bin/python bench/bench_text.py [articles.jsonl] [--repeat N]
Prints articles/s and ms per 1000 characters for each function (CPU time of
this process; heavy load on the machine still slows it through shared caches,
so compare runs made in the same conditions), the extractor's call pattern
(ENGINE PATTERN: per sentence find_numbers, find_dates and clauses on the
slice, normalize_form on every word), plus a 10 MB linear-time check.
Per-function rows clear the cache of recent normalize() results before each
call, so every row includes its own normalisation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from pathlib import Path

from tawthiq.text import clauses, find_dates, find_numbers, normalize, normalize_form, sentences, tokenize
from tawthiq.text.normalize import _normalize_cached

_WORD_RE = re.compile(r"\w+")

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "articles.jsonl"


def _sentences_and_clauses(text: str) -> None:
    for a, b in sentences(text):
        clauses(text, a, b)


def _report(name: str, n_articles: int, chars: int, secs: float) -> None:
    print(f"{name:18s} {n_articles / secs:9.0f} articles/s  {secs / chars * 1e6:.3f} ms per 1000 chars")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    arts = [json.loads(line) for line in args.articles.open(encoding="utf-8") if line.strip()]
    texts = [a["text"] for a in arts]
    pubs = [dt.date.fromisoformat(a["published"]) if a.get("published") else None for a in arts]
    chars = sum(len(t) for t in texts)
    # warm up caches (data files, compiled regexes)
    for t, p in zip(texts, pubs, strict=True):
        normalize(t), _sentences_and_clauses(t), tokenize(t), find_numbers(t), find_dates(t, p)
    funcs = {
        "normalize": lambda t, p: normalize(t),
        "sentences+clauses": lambda t, p: _sentences_and_clauses(t),
        "tokenize": lambda t, p: tokenize(t),
        "find_numbers": lambda t, p: find_numbers(t),
        "find_dates": lambda t, p: find_dates(t, p),
    }
    print(f"{len(texts)} articles, {chars} chars ({chars / len(texts):.0f} per article), repeat {args.repeat}")
    total = 0.0
    for name, fn in funcs.items():
        t0 = time.process_time()
        for _ in range(args.repeat):
            for t, p in zip(texts, pubs, strict=True):
                _normalize_cached.cache_clear()
                fn(t, p)
        secs = (time.process_time() - t0) / args.repeat
        total += secs
        _report(name, len(texts), chars, secs)
    _report("sum of the above", len(texts), chars, total)

    def pipeline(t: str, p: dt.date | None) -> None:
        """What an extractor does: one normalisation shared by every step."""
        n = normalize(t)
        for a, b in sentences(t):
            clauses(t, a, b, normalized=n)
        tokenize(t)
        find_numbers(t, normalized=n)
        find_dates(t, p, normalized=n)

    t0 = time.process_time()
    for _ in range(args.repeat):
        for t, p in zip(texts, pubs, strict=True):
            pipeline(t, p)
    secs = (time.process_time() - t0) / args.repeat
    _report("PIPELINE (shared)", len(texts), chars, secs)

    def engine_pattern(t: str, p: dt.date | None) -> None:
        """How the incident extractor calls the layer: per sentence, on slices."""
        normalize(t)
        for a, b in sentences(t):
            piece = t[a:b]
            find_numbers(piece)
            find_dates(piece, p)
            clauses(t, a, b)
            for m in _WORD_RE.finditer(piece):
                normalize_form(m.group())

    t0 = time.process_time()
    for _ in range(args.repeat):
        for t, p in zip(texts, pubs, strict=True):
            engine_pattern(t, p)
    secs = (time.process_time() - t0) / args.repeat
    _report("ENGINE PATTERN", len(texts), chars, secs)

    big = "\n".join(texts)
    big = big * (10_000_000 // len(big.encode()) + 1)
    for name, fn in (("normalize", normalize), ("find_numbers", find_numbers), ("tokenize", tokenize)):
        t0 = time.process_time()
        fn(big)
        secs = time.process_time() - t0
        print(f"10 MB text: {name} {secs:.2f} s ({len(big.encode()) / secs / 1e6:.1f} MB/s UTF-8)")
    t0 = time.process_time()
    find_dates(big, dt.date(2020, 1, 1))
    print(f"10 MB text: find_dates {time.process_time() - t0:.2f} s")
    t0 = time.process_time()
    _sentences_and_clauses(big)
    print(f"10 MB text: sentences+clauses {time.process_time() - t0:.2f} s")


if __name__ == "__main__":
    main()
