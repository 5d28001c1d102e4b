"""The gazetteer's value types: a place, a data source, and a place mention in a text."""

from __future__ import annotations

from dataclasses import dataclass

ADMIN_FEATURES = frozenset({"PCLI", "ADM1", "ADM2", "ADM3", "ADM4"})


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


@dataclass(frozen=True)
class PlaceMention:
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
    """

    start: int
    end: int
    surface: str
    place: Place | None
    precision: int
    relation: str | None
    reason: str
    candidates: tuple[Place, ...] = ()
    container: Place | None = None
    name_start: int = -1
    name_end: int = -1

    @classmethod
    def of(
        cls,
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
    ) -> PlaceMention:
        """The same object as ``PlaceMention(...)``, made with one dictionary update instead
        of the frozen dataclass's ``object.__setattr__`` per field (the finders make one
        per place named, and that constructor costs ~2 % of extraction)."""
        made = object.__new__(cls)
        made.__dict__.update(
            start=start,
            end=end,
            surface=surface,
            place=place,
            precision=precision,
            relation=relation,
            reason=reason,
            candidates=candidates,
            container=container,
            name_start=name_start,
            name_end=name_end,
        )
        return made

    @property
    def name(self) -> str:
        """The place name itself as written (without descriptor or cue words)."""
        if self.name_start < 0:
            return self.surface
        return self.surface[self.name_start - self.start : self.name_end - self.start]
