"""The local gazetteer index: one SQLite file under ``$TAWTHIQ_HOME``.

It holds every imported dataset, each with its source and licence
(``sources``); loading it layers them over the embedded default of the
running tawthiq (GeoNames cities500 + hand-made units), so an upgrade's
better default is never hidden by an old copy.
An import builds a new file beside the old one and renames it into place, so
a failed import leaves the previous index untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tawthiq.errors import TawthiqError, Where

from .gazetteer import Gazetteer, build_default_gazetteer, index_keys, load_gazetteer
from .importers import parse
from .model import Place, Source

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    key TEXT PRIMARY KEY, title TEXT NOT NULL, licence TEXT NOT NULL, url TEXT NOT NULL,
    imported_from TEXT NOT NULL, imported_at TEXT NOT NULL, count INTEGER NOT NULL
);
CREATE TABLE places (
    rank INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_en TEXT,
    names TEXT NOT NULL, lat REAL, lon REAL, country TEXT, admin1 TEXT, admin2 TEXT,
    feature TEXT NOT NULL, population INTEGER NOT NULL, geonameid INTEGER, pcode TEXT,
    source TEXT NOT NULL, descriptor_only INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, rank INTEGER NOT NULL REFERENCES places(rank));
CREATE INDEX places_source ON places(source);
CREATE INDEX places_geonameid ON places(geonameid);
"""


@dataclass(frozen=True)
class ImportReport:
    source: Source
    added: int
    total: int
    index_path: Path


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row(place: Place, rank: int, descriptor_only: bool) -> tuple:
    return (
        rank,
        place.key,
        place.name,
        place.name_en,
        "|".join(place.names),
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.admin2,
        place.feature,
        place.population,
        place.geonameid,
        place.pcode,
        place.source,
        int(descriptor_only),
    )


def read_index(path: Path) -> Gazetteer:
    """Load an index: the embedded default with the imported places layered over it
    (in import order: earlier sources win ties)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            rows = con.execute(
                "SELECT key, name, name_en, names, lat, lon, country, admin1, admin2, feature, population,"
                " geonameid, pcode, source, descriptor_only, rank FROM places ORDER BY rank"
            ).fetchall()
            keys_by_rank: dict[int, list[str]] = {}
            for key, rank in con.execute("SELECT key, rank FROM names"):
                keys_by_rank.setdefault(rank, []).append(key)
            srcs = con.execute(
                "SELECT key, title, licence, url, count, imported_from, imported_at FROM sources ORDER BY rowid"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise TawthiqError("T202", f"cannot read the gazetteer index: {exc}", Where(str(path))) from exc
    if not version or version[0] != SCHEMA_VERSION:
        raise TawthiqError("T202", "gazetteer index has an unknown schema version", Where(str(path)))
    imported: list[tuple[Place, list[str]]] = []
    for r in rows:
        place = Place(
            key=r[0],
            name=r[1],
            name_en=r[2],
            names=tuple(n for n in r[3].split("|") if n),
            lat=r[4],
            lon=r[5],
            country=r[6],
            admin1=r[7],
            admin2=r[8],
            feature=r[9],
            population=r[10],
            geonameid=r[11],
            pcode=r[12],
            source=r[13],
        )
        imported.append((place, keys_by_rank.get(r[15], [])))
    # the embedded default of THIS version of tawthiq, with the imports layered over it: an
    # imported entry with a default's key (same geonameid) replaces it in place
    default = build_default_gazetteer()
    by_key = {p.key: (p, k) for p, k in imported}
    gaz = Gazetteer(sources=[*default.sources, *(Source(*s) for s in srcs)])
    for place in default.places:
        if place.key in by_key:
            gaz.add(*by_key.pop(place.key))
        else:
            gaz.add(place)
            if place.key in default._descriptor_only_keys:
                gaz.mark_descriptor_only(place.key)
    for place, keys in imported:
        if place.key in by_key:
            gaz.add(place, keys)
    gaz.origin = ("index", str(path))
    return gaz


def _existing(path: Path) -> tuple[list[tuple], list[tuple]]:
    """(place rows, source rows) of the current index (imported datasets only)."""
    if path.exists():
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                version = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if not version or version[0] != SCHEMA_VERSION:
                    raise sqlite3.DatabaseError(f"schema version {version[0] if version else None}")
                places = con.execute("SELECT * FROM places ORDER BY rank").fetchall()
                sources = con.execute("SELECT * FROM sources ORDER BY rowid").fetchall()
            finally:
                con.close()
            return places, sources
        except sqlite3.Error as exc:
            raise TawthiqError(
                "T202", f"the existing index cannot be read ({exc}); remove it to rebuild", Where(str(path))
            ) from exc
    return [], []


def import_places(
    path: str | Path,
    fmt: str | None = None,
    index_path: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Parse ``path`` and rebuild the index with it (replacing an earlier import
    of the same source). The new index is written to a temporary file and
    renamed over the old one only when complete."""
    from tawthiq.paths import gazetteer_index_path

    src_path = Path(path)
    target = Path(index_path) if index_path is not None else gazetteer_index_path()
    if progress:
        progress(f"reading {src_path}")
    parsed = parse(src_path, fmt, progress)
    if not parsed.places:
        raise TawthiqError("T201", "the file holds no place with an Arabic name", Where(str(src_path)))
    place_rows, source_rows = _existing(target)
    new_keys = {p.key for p in parsed.places}
    kept = [r for r in place_rows if r[14] != parsed.source.key and r[1] not in new_keys]
    # an entry that an earlier import also had keeps its rank: earlier sources win ties
    old_rank = {r[1]: r[0] for r in place_rows if r[1] in new_keys}
    start = max((r[0] for r in place_rows), default=-1) + 1
    new_rows = [_row(p, old_rank.get(p.key, start + i), False) for i, p in enumerate(parsed.places)]
    sources = [s for s in source_rows if s[0] != parsed.source.key]
    s = parsed.source
    sources.append((s.key, s.title, s.licence, s.url, str(src_path.resolve()), _now(), len(parsed.places)))
    if progress:
        progress(f"writing {len(kept) + len(new_rows)} places")
    _write(target, kept + new_rows, sources)
    total = len(load_gazetteer(target))  # also warms the per-process cache
    return ImportReport(parsed.source, len(parsed.places), total, target)


def _row_keys(row: tuple) -> set[str]:
    names = tuple(n for n in row[4].split("|") if n)
    return index_keys(Place(key=row[1], name=row[2], lat=row[5], lon=row[6], country=row[7], names=names))


def _write(target: Path, place_rows: Iterable[tuple], source_rows: Iterable[tuple]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite.tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)", source_rows)
            place_rows = list(place_rows)
            con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", place_rows)
            # the name variants, computed once here so that loading the index needs no normalising
            con.executemany(
                "INSERT INTO names VALUES (?, ?)",
                ((key, row[0]) for row in place_rows for key in _row_keys(row)),
            )
            con.commit()
        finally:
            con.close()
        tmp.chmod(0o644)  # mkstemp makes it private; the index is readable like any data file
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def index_info(index_path: str | Path | None = None) -> tuple[Path | None, list[Source], int]:
    """(index path or None when only the embedded default is used, sources, place count)."""
    from tawthiq.paths import gazetteer_index_path

    target = Path(index_path) if index_path is not None else gazetteer_index_path()
    gaz = load_gazetteer(target if target.exists() else None)
    return (target if target.exists() else None), gaz.sources, len(gaz)


def download_geonames(
    countries: Iterable[str],
    dest: Path,
    base_url: str = "https://download.geonames.org/export/dump",
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Fetch GeoNames country dumps ``<CC>.zip`` from ``base_url`` into ``dest``."""
    import shutil
    import urllib.error
    import urllib.request

    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for cc in countries:
        code = cc.strip().upper()
        if not (code == "ALLCOUNTRIES" or (len(code) == 2 and code.isalpha())):
            raise TawthiqError("T201", f"not a country code: {cc!r}")
        name = "allCountries.zip" if code == "ALLCOUNTRIES" else f"{code}.zip"
        url = f"{base_url.rstrip('/')}/{name}"
        target = dest / name
        tmp = dest / f".{name}.part"
        if progress:
            progress(f"downloading {url}")
        try:
            with urllib.request.urlopen(url, timeout=60) as resp, tmp.open("wb") as f:
                shutil.copyfileobj(resp, f)
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(exc, urllib.error.HTTPError):
                exc.close()  # it holds the open response
            if tmp.exists():
                tmp.unlink()
            raise TawthiqError("T200", f"cannot download {url}: {exc}") from exc
        tmp.chmod(0o644)  # mkstemp makes it private; the index is readable like any data file
        os.replace(tmp, target)
        out.append(target)
    return out
