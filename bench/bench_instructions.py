"""Instructions per extracted article, counted by valgrind's cachegrind.

    python bench/bench_instructions.py [--articles ../shared/data/dev/articles.jsonl] [--passes 2]

CPU time on a shared machine moves with the other jobs; the number of instructions
executed does not. This runs itself twice under ``valgrind --tool=cachegrind
--cache-sim=no`` with ``PYTHONHASHSEED=0``: once only starting up (imports, the
mention automaton, the gazetteer and its name automaton, one warm-up article) and
once also extracting the articles ``--passes`` times, and prints the difference
per article. Needs valgrind; takes about a minute per pass over the dev set.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_ARTICLES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev" / "articles.jsonl"


def _child(articles: Path, passes: int) -> None:
    """Start up, then extract every article ``passes`` times (run under valgrind)."""
    from tawthiq.incidents import Extractor
    from tawthiq.models import Article

    lines = articles.read_text(encoding="utf-8").splitlines()
    items = [Article.model_validate(json.loads(line)) for line in lines if line.strip()]
    extractor = Extractor(provenance=False)
    extractor.extract(items[0])  # build the automata and the gazetteer index
    for _ in range(passes):
        for article in items:
            extractor.extract(article)


def _instructions(articles: Path, passes: int) -> int:
    """Instructions (``I refs``) of one child run under cachegrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cachegrind.out"
        command = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            "--articles",
            str(articles),
            "--passes",
            str(passes),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--passes", type=int, default=2, help="extractions of the whole file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.articles, args.passes)
        return
    count = sum(1 for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip())
    start_up = _instructions(args.articles, 0)
    total = _instructions(args.articles, args.passes)
    per_article = (total - start_up) / (args.passes * count)
    from tawthiq._compiled import build_label

    print(f"{count} articles x {args.passes} passes, PYTHONHASHSEED=0, extractor {build_label()}")
    print(f"start-up: {start_up / 1e6:.0f} M instructions")
    print(f"extraction: {per_article / 1e6:.2f} M instructions per article")


if __name__ == "__main__":
    main()
