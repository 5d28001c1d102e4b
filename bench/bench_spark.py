"""Spark throughput of ``tawthiq batch --engine spark`` on a large synthetic archive.

    python bench/bench_spark.py [--n 100000] [--shards 8] [--master 'local[*]'] [--partitions N]

The archive is the dev reports repeated with a marker line (every copy a
distinct article), in ``--shards`` JSONL files. Prints the time of each stage,
articles/s end to end and for extraction alone, and the peak memory of the
JVM, of each Python worker and of the whole process tree.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from pathlib import Path

from batch_common import TreeMemory, code_version, load_reports, machine, repeated, write_shards
from tawthiq.batch.spark import run_spark, spark_session
from tawthiq.incidents import EXTRACTOR_VERSION


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="articles in the archive")
    parser.add_argument("--shards", type=int, default=8, help="JSONL files the archive is split into")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--workdir", type=Path, default=None, help="where to write (default: a temp dir)")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(f"extractor {EXTRACTOR_VERSION}; {code_version()}")
    work = Path(args.workdir or tempfile.mkdtemp(prefix="tawthiq-bench-spark-"))
    try:
        start = time.perf_counter()
        articles = repeated(load_reports(), args.n)
        folder = write_shards(articles, work / "in", args.shards)
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(
            f"archive: {args.n} articles in {args.shards} files, {size_mb:.0f} MB "
            f"(made in {time.perf_counter() - start:.1f} s)"
        )
        del articles

        phases: list[tuple[str, float]] = []

        def on_progress(phase: str, done: int, total: int) -> None:
            if not phases or phases[-1][0] != phase:
                phases.append((phase, time.perf_counter()))
                print(f"  {phase} ...", flush=True)

        with TreeMemory() as memory:
            t0 = time.perf_counter()
            spark = spark_session(args.master)
            session_s = time.perf_counter() - t0
            t1 = time.perf_counter()
            report = run_spark(
                [str(folder)],
                str(work / "out"),
                partitions=args.partitions,
                spark=spark,
                progress=on_progress,
            )
            run_s = time.perf_counter() - t1
            spark.stop()
        phases.append(("end", t1 + run_s))

        print(f"session start: {session_s:.1f} s")
        for (phase, at), (_, after) in itertools.pairwise(phases):
            print(f"  {phase:<45} {after - at:8.1f} s")
        extract_s = sum(
            after - at for (phase, at), (_, after) in itertools.pairwise(phases) if phase.startswith("extracting")
        )
        print(f"master {report.master}, {report.partitions} partitions")
        print(f"{report.articles_ok} articles ok, {report.articles_bad} bad, {report.incidents} incidents")
        print(f"end to end (without session start): {run_s:.1f} s = {report.articles_ok / run_s:.0f} articles/s")
        if extract_s:
            print(f"extraction stage: {extract_s:.1f} s = {report.articles_ok / extract_s:.0f} articles/s")
        for kind, (count, peak) in sorted(memory.by_kind().items()):
            print(f"peak RSS {kind:<14} {peak:7.0f} MB (largest of {count} processes)")
        print(f"peak RSS of the whole tree: {memory.peak_total:.0f} MB")
        for kind, cpu in sorted(memory.cpu_by_kind().items()):
            print(f"CPU time {kind:<14} {cpu:8.1f} s")
        worker_cpu = memory.cpu_by_kind().get("python worker", 0.0)
        if worker_cpu:
            print(f"Python workers: {report.articles_ok / worker_cpu:.0f} articles per CPU-second")
        print(f"machine at the end: {machine()}")
        sys.stdout.flush()
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
