"""Throughput and scaling of the extractor.

    python bench/bench_extract.py [--articles ../shared/data/dev/articles.jsonl] [--n 10000] [--workers 2]

Prints articles/s on one core (and with N worker processes), peak memory
(ru_maxrss), and the time for one long article made by repeating a report
1x/10x/100x (linear growth = constant time per character).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

from tawthiq.incidents import Extractor
from tawthiq.models import Article

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev" / "articles.jsonl"
_WORKER: Extractor | None = None


def _init() -> None:
    global _WORKER
    _WORKER = Extractor(provenance=False)


def _count(article: Article) -> int:
    assert _WORKER is not None
    return len(_WORKER.extract(article))


def load(path: Path, n: int) -> list[Article]:
    base = [Article.model_validate(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]
    out = []
    while len(out) < n:
        for a in base:
            out.append(a.model_copy(update={"id": f"{a.id}-{len(out)}"}))
            if len(out) >= n:
                break
    return out


def one_core(articles: list[Article]) -> tuple[float, int]:
    extractor = Extractor(provenance=False)
    extractor.extract(articles[0])  # build the automaton and gazetteer index first
    start = time.perf_counter()
    found = sum(len(extractor.extract(a)) for a in articles)
    return time.perf_counter() - start, found


def pooled(articles: list[Article], workers: int) -> float:
    with multiprocessing.get_context("spawn").Pool(workers, _init) as pool:
        pool.map(_count, articles[: workers * 2])  # warm up every worker
        start = time.perf_counter()
        sum(pool.imap(_count, articles, chunksize=64))
        return time.perf_counter() - start


def scaling(report: str) -> list[tuple[int, int, float]]:
    extractor = Extractor(provenance=False)
    extractor.extract(Article(id="warm", text="قصفت قوات النظام مدينة أريحا."))  # build, not cache
    rows = []
    for factor in (1, 10, 100):
        text = f"قياس {factor}\n" + (report + "\n") * factor  # a new text: no cache hit
        start = time.perf_counter()
        extractor.extract(Article(id=f"x{factor}", text=text, published="2024-03-12"))
        rows.append((factor, len(text), time.perf_counter() - start))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--n", type=int, default=10_000, help="articles to process (the file is repeated)")
    parser.add_argument("--workers", type=int, default=0, help="also measure with this many processes")
    args = parser.parse_args()
    articles = load(args.articles, args.n)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} characters on average")
    seconds, found = one_core(articles)
    print(f"one core: {len(articles) / seconds:.0f} articles/s ({seconds:.1f} s, {found} incidents)")
    if args.workers > 1:
        seconds = pooled(articles, args.workers)
        print(f"{args.workers} workers: {len(articles) / seconds:.0f} articles/s ({seconds:.1f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MB")
    unique = {a.text: a for a in articles}.values()
    probe = Extractor(provenance=False)
    busiest = max(unique, key=lambda a: len(probe.extract(a)))  # the report with most incidents
    print(f"scaling (report {busiest.id.rsplit('-', 1)[0]} repeated):")
    base = None
    for factor, length, secs in scaling(busiest.text):
        base = base or secs / length
        print(f"  {factor:>3}x {length:>9} chars {secs:8.3f} s  {secs / length * 1e6:7.1f} us/char")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
