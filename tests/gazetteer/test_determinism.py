"""The geocoder gives the same answer in every process.

Python salts string hashes per process (PYTHONHASHSEED), so any set iterated on
the way from the gazetteer to the matcher can reorder a name's keys and change a
mention's reason or relation between two runs of the same article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_DUMP = """
import json, sys
from tawthiq.gazetteer import Geocoder, load_gazetteer
geocoder = Geocoder(load_gazetteer())
out = []
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    article = json.loads(line)
    for m in geocoder.find_places(article["text"]):
        out.append([article["id"], m.start, m.end, m.place.key if m.place else None, m.precision,
                    m.relation, m.reason, [c.key for c in m.candidates]])
print(json.dumps(out, ensure_ascii=False))
"""


def _dump(articles: Path, seed: str, tmp_path: Path) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TAWTHIQ_HOME": str(tmp_path / f"home{seed}")}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP, str(articles)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_find_places_does_not_depend_on_the_hash_seed(shared: Path, tmp_path: Path) -> None:
    articles = shared / "data" / "dev" / "articles.jsonl"
    first = _dump(articles, "1", tmp_path)
    assert first, "the dev articles name places"
    for seed in ("0", "2"):
        assert _dump(articles, seed, tmp_path) == first, f"PYTHONHASHSEED={seed} changed find_places"
