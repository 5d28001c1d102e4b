"""Readers of gazetteer files: GeoNames dumps, OpenSyria data-geography JSON and
OCHA-style P-code tables. Each returns the places and a :class:`Source`; a file
that cannot be read raises T200, a file of the wrong shape T201 (with the line
where it is known)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tawthiq.errors import TawthiqError, Where

from .gazetteer import GEONAMES_LICENCE, admin_places, display_name
from .model import Place, Source

FORMATS = ("geonames", "opensyria", "pcode")
OPENSYRIA_LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), OpenSyria data-geography"
_ARABIC = re.compile("[\u0621-\u064a]")
_LATIN = re.compile("[A-Za-z]")
GEONAMES_KEEP_CLASSES = frozenset({"P", "A"})


@dataclass(frozen=True)
class Parsed:
    places: list[Place]
    source: Source


def detect_format(path: Path) -> str:
    """geonames (19-column TSV or a zip of one), opensyria (JSON), pcode (CSV/XLSX)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return "opensyria"
    if suffix == ".json":
        return "opensyria"
    if suffix in (".xlsx", ".xlsm"):
        return "pcode"
    if suffix == ".zip":
        return "geonames"
    head = _read_head(path)
    first = head.split("\n", 1)[0]
    if first.lstrip().startswith(("[", "{")):
        return "opensyria"
    if first.count("\t") >= 18 and first.split("\t", 1)[0].strip().isdigit():
        return "geonames"
    if "pcode" in first.lower():
        return "pcode"
    raise TawthiqError(
        "T201",
        "cannot tell the format (expected a GeoNames dump, OpenSyria JSON or a P-code CSV/XLSX); give --format",
        Where(str(path), 1),
    )


def _read_head(path: Path) -> str:
    try:
        with path.open("rb") as f:
            raw = f.read(4096)
    except OSError as exc:
        raise TawthiqError("T200", f"cannot read: {exc.strerror or exc}", Where(str(path))) from exc
    if b"\x00" in raw:
        raise TawthiqError("T201", "binary data, not a text gazetteer file", Where(str(path)))
    return raw.decode("utf-8", errors="replace")


def parse(path: Path, fmt: str | None = None, progress: Callable[[str], None] | None = None) -> Parsed:
    if not path.exists():
        raise TawthiqError("T200", "no such file", Where(str(path)))
    fmt = fmt or detect_format(path)
    if fmt == "geonames":
        return parse_geonames(path, progress)
    if fmt == "opensyria":
        return parse_opensyria(path)
    if fmt == "pcode":
        return parse_pcode(path)
    raise TawthiqError("T201", f"unknown format {fmt!r} (one of {', '.join(FORMATS)})", Where(str(path)))


# ---------------------------------------------------------------------------
# GeoNames


def _arabic(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for n in names:
        n = n.strip()
        if n and _ARABIC.search(n) and not _LATIN.search(n):
            seen.setdefault(n, None)
    return tuple(seen)


def _geonames_lines(path: Path) -> Iterator[tuple[str, int, str]]:
    """(member name, line number, line) of a GeoNames dump, plain or zipped."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise TawthiqError("T200", f"not a readable zip file: {exc}", Where(str(path))) from exc
        with zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            if not members:
                raise TawthiqError("T201", "the zip holds no GeoNames .txt dump", Where(str(path)))
            for member in members:
                with zf.open(member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                    yield from _numbered(f"{path}!{member}", text)
        return
    try:
        with path.open(encoding="utf-8", newline="\n") as f:
            yield from _numbered(str(path), f)
    except OSError as exc:
        raise TawthiqError("T200", f"cannot read: {exc}", Where(str(path))) from exc


def _numbered(name: str, f: io.TextIOBase) -> Iterator[tuple[str, int, str]]:
    lineno = 0
    try:
        for lineno, line in enumerate(f, start=1):
            yield name, lineno, line
    except UnicodeDecodeError as exc:
        raise TawthiqError("T200", "not UTF-8 text", Where(name, lineno + 1)) from exc


def parse_geonames(path: Path, progress: Callable[[str], None] | None = None) -> Parsed:
    """GeoNames ``XX.txt``/``XX.zip``/``allCountries.zip`` (19 tab-separated columns).
    Keeps populated places (P) and administrative units (A) that have an Arabic
    name; one pass, holding only those rows (allCountries has ~13 M lines)."""
    ocha = {(p.country, code): p.admin1 for p, code in _admin1_codes()}
    kept: list[tuple[list[str], tuple[str, ...], float, float, int]] = []
    admin_names: dict[tuple[str, str], str] = {}
    records = 0
    for name, lineno, line in _geonames_lines(path):
        line = line.rstrip("\n").rstrip("\r")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 19 or not cols[0].isdigit():
            raise TawthiqError(
                "T201",
                f"not a GeoNames dump line: expected 19 tab-separated columns starting with a "
                f"geonameid, found {len(cols)}",
                Where(name, lineno),
            )
        records += 1
        if progress and records % 500_000 == 0:
            progress(f"read {records:,} GeoNames records, {len(kept):,} with Arabic names")
        if cols[6] == "A" and cols[7] == "ADM1":
            admin_names[(cols[8], cols[10])] = cols[2] or cols[1]
        if cols[6] not in GEONAMES_KEEP_CLASSES or not _ARABIC.search(cols[3]):
            continue
        names = _arabic(cols[3].split(","))
        if not names:
            continue
        try:
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError as exc:
            raise TawthiqError("T201", f"bad coordinate or population: {exc}", Where(name, lineno)) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise TawthiqError("T201", f"coordinates out of range: {lat}, {lon}", Where(name, lineno))
        kept.append(([cols[0], cols[1], cols[7], cols[6], cols[8], cols[10]], names, lat, lon, population))
    if not records:
        raise TawthiqError("T201", "no GeoNames records in the file", Where(str(path)))
    places = []
    for (gid, name_en, fcode, fclass, country, code), names, lat, lon, population in kept:
        places.append(
            Place(
                key=f"geonames:{gid}",
                name=display_name(names),
                lat=lat,
                lon=lon,
                country=country or None,
                admin1=ocha.get((country, code)) or admin_names.get((country, code)),
                feature=fcode or ("PPL" if fclass == "P" else "ADM"),
                population=population,
                geonameid=int(gid),
                source=f"geonames:{path.name}",
                name_en=name_en or None,
                names=names,
            )
        )
    source = Source(
        key=f"geonames:{path.name}",
        title=f"GeoNames dump {path.name}",
        licence=GEONAMES_LICENCE,
        url="https://download.geonames.org/export/dump/",
        count=len(places),
    )
    return Parsed(places, source)


def _admin1_codes() -> list[tuple[Place, str]]:
    """Hand-made admin1 units with their GeoNames admin1 code (from data/admin1.tsv)."""
    from .gazetteer import _data_text

    codes: dict[str, str] = {}
    for line in _data_text("admin1.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            if cols[3] == "ADM1" and cols[1]:
                codes[f"admin:{cols[0]}:ADM1:{cols[4]}"] = cols[1]
    return [(p, codes[p.key]) for p, _ in admin_places() if p.key in codes]


def _ocha_admin1_by_pcode() -> dict[str, str]:
    return {p.pcode: p.admin1 for p, _ in admin_places() if p.pcode and p.admin1}


# ---------------------------------------------------------------------------
# OpenSyria data-geography


_OPENSYRIA_FILES = (("governorates.json", "ADM1"), ("districts.json", "ADM2"), ("subdistricts.json", "ADM3"))


def parse_opensyria(path: Path) -> Parsed:
    """OpenSyria data-geography JSON: a directory with governorates/districts/
    subdistricts.json, or one of those files (its level from its name, else from
    its records)."""
    files: list[tuple[Path, str]] = []
    if path.is_dir():
        files = [(path / n, level) for n, level in _OPENSYRIA_FILES if (path / n).exists()]
        if not files:
            raise TawthiqError("T201", "no governorates/districts/subdistricts.json here", Where(str(path)))
    else:
        level = next((lv for n, lv in _OPENSYRIA_FILES if path.name == n), "")
        files = [(path, level)]
        # a single district/subdistrict file needs its governorates for admin1 names
        for n, lv in _OPENSYRIA_FILES:
            sibling = path.with_name(n)
            if lv != level and sibling.exists():
                files.append((sibling, lv))
    records: list[tuple[dict, str, Path, int]] = []
    for file, level in files:
        data = _load_json(file)
        if not isinstance(data, list):
            raise TawthiqError("T201", "expected a JSON list of places", Where(str(file), 1))
        for i, rec in enumerate(data):
            if not isinstance(rec, dict) or not isinstance(rec.get("name"), dict) or "id" not in rec:
                raise TawthiqError(
                    "T201", f"record {i + 1} has no id or name object (not OpenSyria data)", Where(str(file))
                )
            lv = level or ("ADM3" if "districtId" in rec else "ADM2" if "governorateId" in rec else "ADM1")
            records.append((rec, lv, file, i + 1))
    ocha = _ocha_admin1_by_pcode()
    gov_names: dict[str, str] = {}
    dist_names: dict[str, str] = {}
    for rec, lv, _, _ in records:
        pcode = (rec.get("externalIds") or {}).get("ochaPcode")
        en = rec["name"].get("en")
        if lv == "ADM1":
            gov_names[rec["id"]] = (ocha.get(pcode) if pcode is not None else None) or en
        elif lv == "ADM2":
            dist_names[rec["id"]] = en
    places = []
    main = path if path.is_file() else None
    for rec, lv, file, i in records:
        if main is not None and file != main and lv != "ADM1":
            continue
        names = [rec["name"].get("ar") or ""]
        names += [a.get("value", "") for a in rec.get("aliases") or [] if a.get("language") == "ar"]
        arabic = _arabic(names)
        if not arabic:
            continue
        centroid = rec.get("centroid") or {}
        try:
            lat = float(centroid["latitude"])
            lon = float(centroid["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TawthiqError("T201", f"record {i} ({rec['id']}) has no centroid", Where(str(file))) from exc
        ext = rec.get("externalIds") or {}
        pcode = ext.get("ochaPcode")
        gid = ext.get("geonames")
        admin1 = gov_names.get(rec.get("governorateId", rec["id"]))
        population = (rec.get("population") or {}).get("value") or 0
        places.append(
            Place(
                key=f"pcode:{pcode}" if pcode else f"opensyria:{rec['id']}",
                name=arabic[0],
                lat=lat,
                lon=lon,
                country="SY",
                admin1=admin1,
                admin2=dist_names.get(rec.get("districtId", ""))
                if lv == "ADM3"
                else (rec["name"].get("en") if lv == "ADM2" else None),
                feature=lv,
                population=int(population),
                geonameid=int(gid) if gid and str(gid).isdigit() else None,
                pcode=pcode,
                source="opensyria",
                name_en=rec["name"].get("en"),
                names=arabic,
            )
        )
    source = Source(
        key="opensyria",
        title="OpenSyria data-geography: Syrian governorates, districts, subdistricts",
        licence=OPENSYRIA_LICENCE + "; attribution to OpenSyria and its sources (GeoNames, geoBoundaries, "
        "Wikidata, OCHA/HDX, US Census Bureau)",
        url="https://github.com/Open-Syria/data-geography",
        count=len(places),
    )
    return Parsed(places, source)


def _load_json(file: Path) -> object:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TawthiqError("T200", "not UTF-8 text", Where(str(file))) from exc
    except OSError as exc:
        raise TawthiqError("T200", f"cannot read: {exc}", Where(str(file))) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TawthiqError("T201", f"not valid JSON: {exc.msg}", Where(str(file), exc.lineno)) from exc


# ---------------------------------------------------------------------------
# OCHA-style P-code tables


_ADM_COL = re.compile(r"^adm(?:in)?(\d)_?(?:name_?)?(ar|en|pcode)$", re.IGNORECASE)
_LAT_COLS = ("latitude", "lat", "y", "lat_y")
_LON_COLS = ("longitude", "lon", "long", "lng", "x", "lon_x")


def _pcode_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a bad workbook
            raise TawthiqError("T200", f"not a readable XLSX workbook: {exc}", Where(str(path))) from exc
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows, ())]

        def gen() -> Iterator[tuple[int, list[str]]]:
            for n, row in enumerate(rows, start=2):
                yield n, ["" if c is None else str(c).strip() for c in row]
            wb.close()

        return header, gen()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TawthiqError("T200", "not UTF-8 text", Where(str(path))) from exc
    except OSError as exc:
        raise TawthiqError("T200", f"cannot read: {exc}", Where(str(path))) from exc
    dialect = csv.excel_tab if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip() for h in next(reader, [])]

    def gen_csv() -> Iterator[tuple[int, list[str]]]:
        for row in reader:
            yield reader.line_num, [c.strip() for c in row]

    return header, gen_csv()


def parse_pcode(path: Path) -> Parsed:
    """A table with ``ADM<n>_AR``, ``ADM<n>_EN``, ``ADM<n>_PCODE`` columns (HDX
    COD style; ``admin<n>Name_ar`` also works) and latitude/longitude of the
    finest unit of each row. Each row is its finest unit; parents get the mean
    position of their rows. Level 4 units (communities) count as towns (PPL)."""
    header, rows = _pcode_rows(path)
    cols: dict[tuple[int, str], int] = {}
    lat_i = lon_i = None
    for i, h in enumerate(header):
        m = _ADM_COL.match(h.replace(" ", ""))
        if m:
            cols[(int(m.group(1)), m.group(2).lower())] = i
        elif h.lower() in _LAT_COLS:
            lat_i = i
        elif h.lower() in _LON_COLS:
            lon_i = i
    levels = sorted({lv for lv, kind in cols if kind == "pcode" and (lv, "ar") in cols})
    if not levels or lat_i is None or lon_i is None:
        raise TawthiqError(
            "T201",
            "a P-code table needs ADM<n>_AR and ADM<n>_PCODE columns and latitude/longitude columns; "
            f"found columns {header[:12]}",
            Where(str(path), 1),
        )
    ocha = _ocha_admin1_by_pcode()
    units: dict[str, dict] = {}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for lineno, row in rows:
        if not any(row):
            continue
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        try:
            lat, lon = float(row[lat_i]), float(row[lon_i])
        except ValueError as exc:
            raise TawthiqError(
                "T201", f"bad latitude/longitude {row[lat_i]!r}, {row[lon_i]!r}", Where(str(path), lineno)
            ) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise TawthiqError("T201", f"coordinates out of range: {lat}, {lon}", Where(str(path), lineno))
        present = [lv for lv in levels if row[cols[(lv, "pcode")]]]
        if not present:
            raise TawthiqError("T201", "row has no P-code", Where(str(path), lineno))
        finest = present[-1]

        def val(lv: int, kind: str, row: list[str] = row) -> str:
            i = cols.get((lv, kind))
            return row[i] if i is not None else ""

        admin1_pcode = val(1, "pcode")
        admin1 = ocha.get(admin1_pcode) or val(1, "en") or None
        for lv in present:
            pcode = val(lv, "pcode")
            s = sums[pcode]
            s[0] += lat
            s[1] += lon
            s[2] += 1
            if pcode in units:
                continue
            units[pcode] = {
                "level": lv,
                "ar": val(lv, "ar"),
                "en": val(lv, "en") or None,
                "admin1": admin1,
                "admin2": (val(2, "en") or None) if lv >= 2 else None,
                "exact": lv == finest,
                "lat": lat,
                "lon": lon,
            }
    places = []
    country = None
    for pcode, u in units.items():
        names = _arabic([u["ar"]])
        if not names:
            continue
        s = sums[pcode]
        lat, lon = (u["lat"], u["lon"]) if u["exact"] else (s[0] / s[2], s[1] / s[2])
        country = country or (pcode[:2].upper() if pcode[:2].isalpha() else None)
        places.append(
            Place(
                key=f"pcode:{pcode}",
                name=names[0],
                lat=lat,
                lon=lon,
                country=pcode[:2].upper() if pcode[:2].isalpha() else None,
                admin1=u["admin1"],
                admin2=u["admin2"],
                feature="PPL" if u["level"] >= 4 else f"ADM{u['level']}",
                pcode=pcode,
                source=f"pcode:{path.name}",
                name_en=u["en"],
                names=names,
            )
        )
    source = Source(
        key=f"pcode:{path.name}",
        title=f"P-code table {path.name}",
        licence="as published with the table (OCHA/HDX common operational datasets are usually CC BY-IGO)",
        count=len(places),
    )
    return Parsed(places, source)
