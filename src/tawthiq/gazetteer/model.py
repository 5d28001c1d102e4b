"""The gazetteer's value types: a place, a data source, and a place mention in a text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ..text.value import Value

ADMIN_FEATURES: Final = frozenset({"PCLI", "ADM1", "ADM2", "ADM3", "ADM4"})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``key`` is unique within a gazetteer (``geonames:<id>``,
    ``pcode:<code>``, ``admin1:<CC>:<name>``); ``names`` are the Arabic names as
    written in the source (the first is the preferred one)."""

    key: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    feature: str = "PPL"
    population: int = 0
    geonameid: int | None = None
    pcode: str | None = None
    source: str = ""
    name_en: str | None = None
    names: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Place], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        head = (self.key, self.name, self.lat, self.lon, self.country, self.admin1, self.admin2, self.feature)
        return (Place, (*head, self.population, self.geonameid, self.pcode, self.source, self.name_en, self.names))

    @property
    def is_admin(self) -> bool:
        return self.feature in ADMIN_FEATURES

    @property
    def default_precision(self) -> int:
        """ANNOTATION.md precision of a mention that names this place plainly:
        a governorate is 3, a district 2; a town, neighbourhood or subdistrict
        (named after its main town) 1."""
        if self.feature in ("ADM1", "PCLI"):
            return 3
        if self.feature == "ADM2":
            return 2
        return 1


@dataclass(frozen=True)
class Source:
    """Where a set of places came from, and under which licence."""

    key: str
    title: str
    licence: str
    url: str = ""
    count: int = 0
    imported_from: str = ""
    imported_at: str = ""

    def __reduce__(self) -> tuple[type[Source], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        fields = (self.key, self.title, self.licence, self.url, self.count, self.imported_from, self.imported_at)
        return (Source, fields)


@dataclass(init=False, eq=False)
class PlaceMention(Value):
    """A place named in a text.

    ``start, end``: half-open offsets into the ORIGINAL text; ``surface`` is
    ``text[start:end]`` (it may include a descriptor such as "مدينة" or a "ريف"
    phrase). ``place`` is the chosen gazetteer entry (None when nothing
    fitted), ``precision`` follows ANNOTATION.md (1 town/neighbourhood, 2 near
    a town or a district, 3 only the governorate). ``relation`` says how the
    text relates the event to the place: None (at it), "rif", "neighbourhood_of",
    "camp", "between", "near", "direction", "road", or "container" for a place
    named only to locate another mention. ``reason`` says why this candidate
    was chosen; ``candidates`` are all entries the name matched; ``container``
    is the larger place named right after ("حي الوعر في حمص" → Homs).

    Immutable (``Final`` fields, see ``text.value.Value``); a changed copy is made with
    ``dataclasses.replace``. The dataclass decorator gives the fields and the repr;
    the constructor is written out, equality, hash and pickling come from ``Value``.
    """

    start: Final[int]
    end: Final[int]
    surface: Final[str]
    place: Final[Place | None]
    precision: Final[int]
    relation: Final[str | None]
    reason: Final[str]
    candidates: Final[tuple[Place, ...]]
    container: Final[Place | None]
    name_start: Final[int]
    name_end: Final[int]

    def __init__(
        self,
        start: int,
        end: int,
        surface: str,
        place: Place | None,
        precision: int,
        relation: str | None,
        reason: str,
        candidates: tuple[Place, ...] = (),
        container: Place | None = None,
        name_start: int = -1,
        name_end: int = -1,
    ) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.place = place
        self.precision = precision
        self.relation = relation
        self.reason = reason
        self.candidates = candidates
        self.container = container
        self.name_start = name_start
        self.name_end = name_end

    def _fields(self) -> tuple[object, ...]:
        head = (self.start, self.end, self.surface, self.place, self.precision, self.relation, self.reason)
        return (*head, self.candidates, self.container, self.name_start, self.name_end)


    @property
    def name(self) -> str:
        """The place name itself as written (without descriptor or cue words)."""
        if self.name_start < 0:
            return self.surface
        return self.surface[self.name_start - self.start : self.name_end - self.start]
