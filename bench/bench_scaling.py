"""How batch extraction time grows: throughput per worker count, total input 1x/10x/100x,
single-article length 1x/10x/100x, and peak memory per worker.

    python bench/bench_scaling.py [--n 3000] [--max-factor 100] [--engine local|spark]

* throughput: ``Extractor().extract`` alone on one core, then the local batch
  engine (read, validate, extract, write Parquet) with 1 and 2 workers;
* total input: the dev reports x1, x10, x100 (distinct copies) through the
  chosen engine: the time per article must stay flat (linear growth);
* article length: the longest dev report repeated x1, x10, x100 inside ONE
  article, extracted directly and through the local engine: the time per
  character must stay flat;
* memory: peak RSS of this process and of the largest worker (ru_maxrss).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from batch_common import code_version, load_reports, machine, repeated, write_shards
from tawthiq.batch.local import run_local
from tawthiq.incidents import EXTRACTOR_VERSION, Extractor
from tawthiq.models import Article


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: unlike wall time, barely moved by other load."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def direct(articles: list[dict[str, Any]]) -> tuple[float, float, int]:
    extractor = Extractor()
    extractor.extract(Article.model_validate(articles[0]))  # load lexicons and gazetteer first
    models = [Article.model_validate(a) for a in articles]
    start, cpu = time.perf_counter(), cpu_seconds()
    found = sum(len(extractor.extract(a)) for a in models)
    return time.perf_counter() - start, cpu_seconds() - cpu, found


def engine_run(
    articles: list[dict[str, Any]], work: Path, name: str, engine: str, workers: int = 1, spark: Any = None
) -> tuple[float, int]:
    folder = write_shards(articles, work / name / "in", shards=4)
    start, cpu = time.perf_counter(), cpu_seconds()
    if engine == "spark":
        from tawthiq.batch.spark import run_spark

        report = run_spark([str(folder)], str(work / name / "out"), spark=spark)
    else:
        report = run_local([str(folder)], str(work / name / "out"), workers=workers)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    shutil.rmtree(work / name, ignore_errors=True)
    return seconds, cpu, report.incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000, help="articles for the throughput runs")
    parser.add_argument("--max-factor", type=int, default=100, choices=(1, 10, 100))
    parser.add_argument("--engine", choices=("local", "spark"), default="local", help="engine for total-input scaling")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"extractor {EXTRACTOR_VERSION}; {code_version()}")
    reports = load_reports()
    work = Path(tempfile.mkdtemp(prefix="tawthiq-bench-scaling-"))
    try:
        articles = repeated(reports, args.n)
        print(f"\n== throughput on {args.n} articles")
        seconds, cpu, found = direct(articles)
        print(
            f"Extractor().extract, one core:   {args.n / seconds:5.0f} articles/s wall, "
            f"{args.n / cpu:5.0f} per CPU-second ({seconds:.1f} s, {found} incidents)"
        )
        for workers in (1, 2):
            seconds, cpu, found = engine_run(articles, work, f"w{workers}", "local", workers)
            print(
                f"tawthiq batch --engine local -w {workers}: {args.n / seconds:5.0f} articles/s wall, "
                f"{args.n / cpu:5.0f} per CPU-second ({seconds:.1f} s, {found} incidents; "
                f"incl. worker start-up and Parquet writing)"
            )
        children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of the largest worker process: {children_peak:.0f} MB")

        spark = None
        if args.engine == "spark":
            from tawthiq.batch.spark import spark_session

            spark = spark_session("local[*]")
        print(f"\n== total input through the {args.engine} engine (dev reports x factor)")
        base = None
        for factor in (f for f in (1, 10, 100) if f <= args.max_factor):
            batch = repeated(reports, len(reports) * factor)
            seconds, cpu, found = engine_run(batch, work, f"x{factor}", args.engine, spark=spark)
            per, cpu_per = seconds / len(batch) * 1000, cpu / len(batch) * 1000
            base = base or (per, cpu_per)
            print(
                f"  {factor:>3}x {len(batch):>6} articles {seconds:8.1f} s  {per:6.2f} ms/article wall "
                f"(x{per / base[0]:.2f} of 1x), {cpu_per:6.2f} CPU-ms/article (x{cpu_per / base[1]:.2f})  "
                f"{found} incidents"
            )
        if spark is not None:
            spark.stop()

        print("\n== one article made longer (the dev report with the most incidents, repeated inside it)")
        extractor = Extractor()
        longest = max(reports, key=lambda r: (len(extractor.extract(Article.model_validate(r))), len(r["text"])))
        base = None
        for factor in (f for f in (1, 10, 100) if f <= args.max_factor):
            record = {**longest, "id": f"long-{factor}", "text": "\n".join([longest["text"]] * factor)}
            article = Article.model_validate(record)
            start = time.perf_counter()
            found = len(extractor.extract(article))
            seconds = time.perf_counter() - start
            engine_seconds, _, _ = engine_run([record], work, f"long{factor}", "local")
            per = seconds / len(record["text"]) * 1e6
            base = base or per
            print(
                f"  {factor:>3}x {len(record['text']):>7} chars  extract {seconds:7.3f} s  "
                f"{per:6.1f} us/char "
                f"(x{per / base:.2f} of 1x)  {found} incidents;  whole local batch run {engine_seconds:.2f} s"
            )

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak RSS of this process: {peak:.0f} MB")
        print(f"machine at the end: {machine()}")
        sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
