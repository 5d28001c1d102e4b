"""Throughput and scaling of the extractor.

    python bench/bench_extract.py [--articles ../shared/data/dev/articles.jsonl] [--n 10000] [--workers 2]

Prints articles/s on one core (and with N worker processes), peak memory
(ru_maxrss), and the time for one long article made by repeating a report
1x/10x/100x (linear growth = constant time per character).

On a shared machine wall time mostly measures the other jobs: the one-core and
scaling figures are CPU time of this process (``time.process_time``), with wall
time and the load average beside them. Compare CPU figures taken under the same
load; the best of ``--rounds`` rounds is the least disturbed one.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

from tawthiq._compiled import build_label
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


def one_core(articles: list[Article]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, incidents) for extracting ``articles`` in this process."""
    extractor = Extractor(provenance=False)
    extractor.extract(articles[0])  # build the automaton and gazetteer index first
    cpu, wall = time.process_time(), time.perf_counter()
    found = sum(len(extractor.extract(a)) for a in articles)
    return time.process_time() - cpu, time.perf_counter() - wall, found


def pooled(articles: list[Article], workers: int) -> float:
    with multiprocessing.get_context("spawn").Pool(workers, _init) as pool:
        pool.map(_count, articles[: workers * 2])  # warm up every worker
        start = time.perf_counter()
        sum(pool.imap(_count, articles, chunksize=64))
        return time.perf_counter() - start


def scaling(report: str) -> list[tuple[int, int, float]]:
    """CPU seconds for one article made of ``report`` repeated 1x/10x/100x."""
    extractor = Extractor(provenance=False)
    extractor.extract(Article(id="warm", text="قصفت قوات النظام مدينة أريحا."))  # build, not cache
    rows = []
    for factor in (1, 10, 100):
        text = f"قياس {factor}\n" + (report + "\n") * factor  # a new text: no cache hit
        start = time.process_time()
        extractor.extract(Article(id=f"x{factor}", text=text, published="2024-03-12"))
        rows.append((factor, len(text), time.process_time() - start))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--n", type=int, default=10_000, help="articles to process (the file is repeated)")
    parser.add_argument("--workers", type=int, default=0, help="also measure with this many processes")
    parser.add_argument("--rounds", type=int, default=3, help="one-core rounds (the best CPU figure is kept)")
    args = parser.parse_args()
    articles = load(args.articles, args.n)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} characters on average")
    print(f"load average {_load()} on {os.cpu_count()} CPUs; extractor {build_label()}")
    rounds = [one_core(articles) for _ in range(max(1, args.rounds))]
    for cpu, wall, found in rounds:
        print(
            f"one core: {len(articles) / cpu:.0f} articles/s CPU ({cpu:.1f} s), "
            f"{len(articles) / wall:.0f} articles/s wall ({wall:.1f} s), {found} incidents"
        )
    cpu, wall, _found = min(rounds)
    per_article = cpu / len(articles) * 1e3
    print(f"one core, best round: {len(articles) / cpu:.0f} articles/s CPU ({per_article:.2f} ms/article)")
    if args.workers > 1:
        seconds = pooled(articles, args.workers)
        print(f"{args.workers} workers: {len(articles) / seconds:.0f} articles/s wall ({seconds:.1f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process): {peak:.0f} MB")
    unique = {a.text: a for a in articles}.values()
    probe = Extractor(provenance=False)
    busiest = max(unique, key=lambda a: len(probe.extract(a)))  # the report with most incidents
    print(f"scaling (report {busiest.id.rsplit('-', 1)[0]} repeated; CPU time):")
    base = None
    for factor, length, secs in scaling(busiest.text):
        base = base or secs / length
        print(f"  {factor:>3}x {length:>9} chars {secs:8.3f} s  {secs / length * 1e6:7.1f} us/char")
    print(f"load average {_load()}")
    sys.stdout.flush()


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # not available on this platform
        return "n/a"


if __name__ == "__main__":
    main()
