"""Find place mentions in Arabic text and choose a gazetteer entry for each.

Steps (each a small function, in this order):

1. match gazetteer names in the normalised text (:mod:`.matcher`);
2. read the words around each name: a descriptor before it (مدينة، بلدة، حي،
   مخيم، محافظة، ريف ...), a relation cue before that (قرب، محيط، أطراف، شرق،
   بين ...), a direction adjective after "ريف X" (الشمالي ...), and a container
   after it ("في/ب[مدينة] Y", "بريف Y");
3. drop names that need a descriptor and have none (stop-listed common words);
4. disambiguate: container, country hint, the article's other places (nearest
   cluster), feature and population — the deciding factor is the ``reason``;
5. apply ANNOTATION.md's Location rules to get the place and precision.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Final

from tawthiq.text.normalize import NormalizedText, normalize, normalize_form
from tawthiq.text.scan import GLUE_JOINS_WORD, findall_split, isalnum_at

from .gazetteer import Gazetteer, GazetteerLike, approx_km, attached_word_of_its_own
from .lexicon import lexicon
from .matcher import NameHit, NameMatcher
from .model import Place, PlaceMention

_WORD: Final = re.compile(r"\w+")
_ARABIC_LETTERS: Final = ((0x621, 0x64A),)  # a run of these between spaces is one _WORD
_PROCLITIC_PREFIXES: Final = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_DIRECTION_ADJECTIVES: Final = frozenset(
    {"الشمالي", "الجنوبي", "الشرقي", "الغربي", "الاوسط", "الشماليه", "الجنوبيه", "الشرقيه", "الغربيه"}
)
_LINK_WORDS: Final = frozenset({"في", "ب", "داخل", "وسط", "ضمن", "التابعه", "التابع", "الواقعه", "الواقع"})
_NEAR_LINK_WORDS: Final = frozenset(
    {"قرب", "بالقرب", "من", "قريبا", "قريب", "شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي"}
)
_LICENSING_DESCRIPTORS: Final = frozenset({"town", "neighbourhood", "camp", "governorate", "subdistrict", "district"})
"""Descriptors that make a common-word name a place ("قرية الحرب"); "منطقة" and "ريف" do not."""

_FEATURE_PRIOR: Final = {
    "PPLC": 12.0,
    "PPLA": 10.0,
    "PPLA2": 8.0,
    "PPL": 5.0,
    "PPLX": 5.0,
    "ADM3": 3.0,
    "ADM1": 4.0,
    "ADM2": 3.0,
}
CLUSTER_RADIUS_KM: Final = 200.0


@dataclass
class _Draft:
    hit: NameHit
    candidates: list[Place]
    descriptor: str | None = None  # kind
    descriptor_start: int | None = None  # normalised offset where the surface starts
    relation: str | None = None
    surface_end: int = 0
    container_idx: int | None = None
    list_next: int | None = None  # index of the next draft joined by "و" or ","
    is_container: bool = False
    between_second: bool = False
    weak: bool = False  # a frequent word: kept only with a container or a nearby place
    chosen: Place | None = None
    container: Place | None = None
    reason: str = ""
    scores: dict[str, float] = field(default_factory=dict)

    def __init__(
        self,
        hit: NameHit,
        candidates: list[Place],
        descriptor: str | None = None,
        descriptor_start: int | None = None,
        relation: str | None = None,
        surface_end: int = 0,
    ) -> None:
        # written out: the compiled build runs it natively (a dataclass's generated
        # __init__ stays interpreted Python); the fields after these start empty
        self.hit = hit
        self.candidates = candidates
        self.descriptor = descriptor
        self.descriptor_start = descriptor_start
        self.relation = relation
        self.surface_end = surface_end
        self.container_idx = None
        self.list_next = None
        self.is_container = False
        self.between_second = False
        self.weak = False
        self.chosen = None
        self.container = None
        self.reason = ""
        self.scores = {}


class Geocoder:
    """``Geocoder(gazetteer).find_places(text, country_hint=None)``.

    Picklable: the name automaton is rebuilt lazily after unpickling.
    """

    def __init__(self, gazetteer: GazetteerLike | None = None) -> None:
        if gazetteer is None:
            from .gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        self.gazetteer = gazetteer
        self._matcher: NameMatcher | None = None
        self._admin1: dict[tuple[str | None, str], Place] | None = None

    def __getstate__(self) -> dict:
        return {"gazetteer": self.gazetteer}

    def __setstate__(self, state: dict) -> None:
        self.gazetteer = state["gazetteer"]
        self._matcher = None
        self._admin1 = None

    # -- cached structures --------------------------------------------------
    @property
    def matcher(self) -> NameMatcher:
        if self._matcher is None:
            self._matcher = _matcher_for(self.gazetteer)
        return self._matcher

    def admin1_place(self, country: str | None, admin1: str | None) -> Place | None:
        """The first-level unit named ``admin1`` in ``country``, if the gazetteer has one."""
        if admin1 is None:
            return None
        if self._admin1 is None:
            table: dict[tuple[str | None, str], Place] = {}
            places = getattr(self.gazetteer, "places", [])
            for p in places:
                if p.feature == "ADM1" and p.admin1:
                    table.setdefault((p.country, p.admin1), p)
            self._admin1 = table
        return self._admin1.get((country, admin1))

    # -- the pipeline -------------------------------------------------------
    def find_places(self, text: str, country_hint: str | None = None) -> list[PlaceMention]:
        """Place mentions in ``text`` (offsets into ``text``), in text order."""
        nt = normalize(text)
        t = nt.text
        drafts = self._drafts(t)
        _link(t, drafts)
        self._resolve(drafts, country_hint)
        drafts = _drop_unsupported(drafts)
        extra = self._unknown_neighbourhoods(text, nt, t, drafts)
        mentions = [self._mention(text, nt, d) for d in drafts] + extra
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _drafts(self, t: str) -> list[_Draft]:
        lex = lexicon()
        drafts: list[_Draft] = []
        for hit in self.matcher.find(t):
            candidates = self.gazetteer.candidates(hit.key)
            for other in hit.keys[1:]:
                candidates += [c for c in self.gazetteer.candidates(other) if c not in candidates]
            if not candidates or hit.key in lex.descriptors or hit.key in lex.relation_cues:
                continue
            prev = _previous_word(t, hit.word_start)
            descriptor = desc_start = None
            kind = _descriptor_kind(prev[2]) if prev is not None else None
            if prev is not None and kind is not None:
                descriptor, desc_start = kind[0], prev[0] + kind[1]
            if hit.start < hit.end - len(hit.key) and not hit.key.startswith("ال"):
                # a country name takes no article: "السورية" is the adjective "Syrian"
                candidates = [c for c in candidates if c.feature != "PCLI"]
                if not candidates:
                    continue
            if hit.article_missing and descriptor not in _LICENSING_DESCRIPTORS:
                continue  # "دانا" for "الدانا" only as "بلدة دانا"
            # a name that carries its own descriptor ("مخيم اليرموك") is specific enough
            own = _descriptor_kind(hit.key.split(" ")[0]) if " " in hit.key else None
            supported = descriptor in _LICENSING_DESCRIPTORS or (own is not None and own[0] in _LICENSING_DESCRIPTORS)
            # as indexed, as written, and the whole word with its proclitics ("سوري", "السوري";
            # "وتيره" is the word "pace", not و + the town تيره)
            forms = {hit.key, t[hit.start : hit.end], t[hit.word_start : hit.end]}
            if not supported and attached_word_of_its_own(t[hit.word_start : hit.end], t[hit.start : hit.end]):
                continue
            if not supported:
                needs_descriptor = self.gazetteer.needs_descriptor
                candidates = [c for c in candidates if not _any_form(needs_descriptor, forms, c)]
                if not candidates:
                    continue
            if descriptor in ("rif", "neighbourhood"):
                relation = None  # the descriptor decides the relation (below): no cue to look up
            else:
                a = max(0, hit.word_start - _WINDOW)
                before = findall_split(_WORD, t[a : hit.word_start], _ARABIC_LETTERS, GLUE_JOINS_WORD)
                if before and a > 0 and t[a - 1].isalnum() and t[a].isalnum():
                    before = before[1:]  # cut by the window
                relation = _relation_before(before[:-1] if descriptor is not None else before)
            if descriptor == "rif":
                relation = "rif"
            elif descriptor == "neighbourhood":
                relation = "neighbourhood_of"
            elif descriptor == "camp" and relation is None:
                relation = "camp"
            surface_end = hit.end
            if descriptor == "rif":
                for ws, we, word in _words_after(t, hit.end):
                    if t[surface_end:ws].strip() or word not in _DIRECTION_ADJECTIVES:
                        break
                    surface_end = we
            draft = _Draft(hit, candidates, descriptor, desc_start, relation, surface_end)
            needs_support = self.gazetteer.needs_support
            draft.weak = not supported and all(_any_form(needs_support, forms, c) for c in candidates)
            drafts.append(draft)
        return drafts

    # -- disambiguation -----------------------------------------------------
    def _resolve(self, drafts: list[_Draft], country_hint: str | None) -> None:
        # pass 1: containers and lone candidates are anchors
        order = sorted(range(len(drafts)), key=lambda i: drafts[i].container_idx is not None)
        for i in order:
            d = drafts[i]
            container = self._container_place(drafts, i)
            if len(d.candidates) == 1:
                d.chosen, d.reason = d.candidates[0], "only candidate"
            elif container is None and (d.relation == "rif" or d.descriptor == "governorate"):
                # "ريف X" / "محافظة X" name a governorate or a town's district: decide them first,
                # they locate the other places of the text
                d.chosen = _best_prior(d.candidates, d.descriptor)
                d.reason = f"feature {d.chosen.feature} (of {len(d.candidates)} candidates)"
            elif container is not None:
                inside = [c for c in d.candidates if _inside(c, container)]
                if inside:
                    d.chosen = _best_prior(inside, d.descriptor)
                    d.reason = f"inside {container.name_en or container.name} named nearby"
        anchors = [d.chosen for d in drafts if d.chosen is not None and d.chosen.lat is not None and not d.weak]
        inferred = country_hint or _majority_country(anchors)
        # governorates the text names ("... بريف إدلب", "محافظة حماة"): their towns are likelier
        regions: dict[tuple[str | None, str], str] = {}
        for d in drafts:
            if d.chosen is None or d.weak:
                continue
            gov = self._governorate_of(d.chosen) if d.relation == "rif" or d.descriptor == "governorate" else None
            gov = gov or (d.chosen if d.chosen.feature == "ADM1" else None)
            if gov is not None and gov.admin1:
                regions.setdefault((gov.country, gov.admin1), gov.name)
        # each place once (first mention): the nearest-anchor search stays linear in the
        # places a long text repeats
        distinct = _distinct(anchors)
        seen = {a.key for a in distinct}
        for d in drafts:
            if d.chosen is not None:
                continue
            d.chosen, d.reason = self._score(d, distinct, inferred, country_hint, regions)
            if d.chosen is not None and d.chosen.lat is not None and not d.weak and d.chosen.key not in seen:
                seen.add(d.chosen.key)
                distinct.append(d.chosen)
        for i, d in enumerate(drafts):
            if d.container_idx is not None:
                d.container = self._container_place(drafts, i)
        _unresolve_far_namesakes(drafts, inferred)

    def _container_place(self, drafts: list[_Draft], i: int) -> Place | None:
        j = drafts[i].container_idx
        seen = set()
        while j is not None and j not in seen:
            seen.add(j)
            c = drafts[j]
            if c.chosen is None:
                c.chosen = _best_prior(c.candidates, c.descriptor) if len(c.candidates) > 0 else None
                c.reason = c.reason or "container; feature and population"
            if c.chosen is None:
                return None
            if c.relation == "rif" or c.descriptor == "governorate":
                gov = self._governorate_of(c.chosen)
                return gov or c.chosen
            return c.chosen
        return None

    def _governorate_of(self, place: Place) -> Place | None:
        if place.feature == "ADM1":
            return place
        return self.admin1_place(place.country, place.admin1)

    def _score(
        self,
        d: _Draft,
        anchors: list[Place],
        inferred: str | None,
        hint: str | None,
        regions: dict[tuple[str | None, str], str] | None = None,
    ) -> tuple[Place | None, str]:
        """Sum of factor scores; the reason names the factor that separates the
        winner most from the runner-up."""
        own = {x.key for x in d.candidates}
        others = [a for a in anchors if a.key not in own]
        # the scores per factor; the reason's words are made only for the winner's factor
        scored: list[tuple[float, Place, dict[str, float], tuple[float, Place] | None]] = []
        for c in _towns_before_their_units(d.candidates, d.descriptor):
            parts = {"country": 0.0, "cluster": 0.0, "region": 0.0}
            if regions and c.admin1 and (c.country, c.admin1) in regions and c.feature != "ADM1":
                parts["region"] = 20.0
            if inferred and c.country == inferred:
                parts["country"] = 30.0
            near = _nearest(c, others)
            if near is not None and near[0] < CLUSTER_RADIUS_KM:
                parts["cluster"] = 25.0 * (1 - near[0] / CLUSTER_RADIUS_KM)
            parts["feature"] = _feature_score(c, d.descriptor)
            parts["population"] = math.log10(c.population + 1)
            scored.append((sum(parts.values()), c, parts, near))
        if not scored:
            return None, "no candidate"
        scored.sort(key=lambda x: -x[0])
        _total, best, parts, near = scored[0]
        if len(scored) == 1:
            return best, "only candidate"
        runner = scored[1][2]
        factor = max(parts, key=lambda k: parts[k] - runner[k])
        label = _factor_label(factor, best, near, inferred, hint, regions)
        return best, f"{label} (of {len(scored)} candidates)"

    # -- rules -> mention ---------------------------------------------------
    def _mention(self, text: str, nt: NormalizedText, d: _Draft) -> PlaceMention:
        place = d.chosen
        relation = d.relation
        reason = d.reason
        container = d.container
        precision = place.default_precision if place else 1
        if d.between_second and relation is None:
            relation = "between_other"
            precision = max(2, precision)
        if place is not None:
            if relation == "rif":
                gov = self._governorate_of(place)
                if place.feature == "ADM1" or (gov is not None and _same_name(place, gov)):
                    place, precision = gov, 3
                    reason += "; ريف of the governorate's seat = the governorate"
                else:
                    precision = 2
                    reason += "; ريف of a town = the district around it"
            elif relation in ("neighbourhood_of", "camp") and container is not None and not container.is_admin:
                place, precision = container, 1
                reason += f"; a {relation.replace('_of', '')} is coded at its town"
            elif relation == "neighbourhood_of":
                precision = 1
            elif relation in ("near", "direction", "between", "road") and not d.is_container:
                precision = max(2, place.default_precision)
            elif d.descriptor == "governorate":
                gov = self._governorate_of(place)
                if gov is not None:
                    place, precision = gov, 3
            elif d.descriptor == "district" and precision < 2:
                precision = 2  # "قضاء زاخو", "مديرية باقم": the district named after the town
                reason += "; a district named after its town"
        if d.is_container:
            if relation is not None:
                reason += f"; names the container of another mention (cue: {relation})"
            relation = "container"
        start_n = d.descriptor_start if d.descriptor_start is not None else d.hit.start
        start, end = nt.to_original(start_n, d.surface_end)
        name_start, name_end = nt.to_original(d.hit.start, d.hit.end)
        return PlaceMention(
            start=start,
            end=end,
            surface=text[start:end],
            place=place,
            precision=precision,
            relation=relation,
            reason=reason,
            candidates=tuple(d.candidates),
            container=container,
            name_start=name_start,
            name_end=name_end,
        )

    def _unknown_neighbourhoods(
        self, text: str, nt: NormalizedText, t: str, drafts: list[_Draft]
    ) -> list[PlaceMention]:
        """ "حي القصور في مدينة دير الزور" where the neighbourhood is not in the
        gazetteer: a mention named "حي القصور" coded at the town (precision 1)."""
        out: list[PlaceMention] = []
        taken = sorted(
            (d.descriptor_start if d.descriptor_start is not None else d.hit.word_start, d.surface_end) for d in drafts
        )
        taken_starts = [ts for ts, _ in taken]
        reach = list(accumulate((te for _, te in taken), max))  # furthest end of the spans so far

        def overlaps_taken(a: int, b: int) -> bool:
            """Some taken span overlaps [a, b): of those starting before b, the furthest end passes a."""
            k = bisect_left(taken_starts, b)
            return k > 0 and reach[k - 1] > a

        for d in drafts:
            if d.chosen is None or d.chosen.is_admin or d.relation == "rif":
                continue
            words = _words_before(t, d.hit.word_start)
            # the words before the town: [حي|مخيم] NAME{1,2} (في|ب|قرب ...)[مدينه|بلده]
            k = len(words) - 1
            link = "in" if t[d.hit.word_start : d.hit.start].startswith("ب") else None
            if d.descriptor_start is not None:
                if k < 0:
                    continue
                kind_d = _descriptor_kind(words[k][2])
                if kind_d is not None and kind_d[1] > 0 and words[k][2].startswith("ب"):
                    link = "in"
                k -= 1
            if link is None and k >= 0 and words[k][2] in _LINK_WORDS:
                link = "in"
                k -= 1
            near_words = 0
            while link is None and k >= 0 and near_words < 2 and words[k][2] in _NEAR_LINK_WORDS:
                near_words += 1
                k -= 1
            if link is None and near_words:
                link = "near"
            if link is None or k < 0:
                continue
            for width in (1, 2):
                h = k - width
                if h < 0:
                    break
                kind = _descriptor_kind(words[h][2])
                if kind is None or kind[0] not in ("neighbourhood", "camp"):
                    continue
                if link == "near" and kind[0] != "camp":
                    break  # "حي X قرب Y": a neighbourhood near a town is not coded at it
                a_n, b_n = words[h][0] + kind[1], words[k][1]
                if overlaps_taken(a_n, b_n):
                    break
                start, end = nt.to_original(a_n, b_n)
                name_start, name_end = nt.to_original(words[h + 1][0], b_n)
                relation = "neighbourhood_of" if kind[0] == "neighbourhood" else "camp"
                d.is_container = True
                out.append(
                    PlaceMention(
                        start=start,
                        end=end,
                        surface=text[start:end],
                        place=d.chosen,
                        precision=1,
                        relation=relation,
                        reason=f"{relation.replace('_of', '')} not in the gazetteer; coded at its town",
                        candidates=(),
                        container=d.chosen,
                        name_start=name_start,
                        name_end=name_end,
                    )
                )
                break
        return out


SUPPORT_RADIUS_KM: Final = 60.0
FAR_NAMESAKE_KM: Final = 300.0
FAR_NAMESAKE_MAX_POPULATION: Final = 30_000


def _unresolve_far_namesakes(drafts: list[_Draft], country: str | None) -> None:
    """A small place in another country, far from every other place of the text,
    is most likely an unknown local namesake (a Syrian village called like a
    Palestinian one): keep the mention, leave its place empty."""
    pool: list[Place] | None = None  # the text's places, each once; rebuilt after a change
    count = 0
    for d in drafts:
        c = d.chosen
        if (
            c is None
            or c.lat is None
            or c.is_admin
            or c.population >= FAR_NAMESAKE_MAX_POPULATION
            or d.container is not None
            or country is None
            or c.country == country
        ):
            continue
        if pool is None:
            qualified = [o.chosen for o in drafts if o.chosen is not None and not o.weak and o.chosen.feature != "PCLI"]
            count, pool = len(qualified), _distinct(qualified)
        # the others: every qualified draft but d itself (_nearest skips c's own key)
        others_count = count - (1 if not d.weak and c.feature != "PCLI" else 0)
        near = _nearest(c, pool)
        if others_count >= 2 and near is not None and near[0] > FAR_NAMESAKE_KM:
            where = f"{near[0]:.0f} km from {near[1].name}"
            d.reason = (
                f"namesake {c.name_en or c.name} ({c.country}) is far from the text's places ({where}) "
                f"in {country}: left unresolved"
            )
            d.chosen = None
            pool = None


def _drop_unsupported(drafts: list[_Draft]) -> list[_Draft]:
    """A frequent-word name stays only with a container, as a container of a kept
    mention, or with a kept place of the text within SUPPORT_RADIUS_KM."""
    strong = _distinct([d.chosen for d in drafts if not d.weak and d.chosen is not None and d.chosen.lat is not None])
    kept = []
    unsupported = []
    for d in drafts:
        if d.weak and d.container is not None and d.chosen is not None and _inside(d.chosen, d.container):
            d.reason += "; frequent word, inside the place named after it"
        elif d.weak:
            c = d.chosen
            near = _nearest(c, strong) if c is not None else None
            if near is None or near[0] > SUPPORT_RADIUS_KM:
                unsupported.append(d)
                continue
            d.reason += f"; frequent word, supported by {near[1].name} ({near[0]:.0f} km)"
        kept.append(d)
    # one sense per text: once a mention of the name is shown to be the place, its other
    # mentions are that place too ("قصفوا دوما" beside "في مدينة دوما", "في دوما بسوريا")
    shown = {(d.hit.key, d.chosen.key) for d in kept if d.chosen is not None}
    again = [d for d in unsupported if d.chosen is not None and (d.hit.key, d.chosen.key) in shown]
    for d in again:
        d.reason += "; frequent word, the place of another mention of the name"
    return sorted(kept + again, key=drafts.index) if again else kept


_WINDOW: Final = 48


def _any_form(test: Callable[[str, Place], bool], forms: set[str], place: Place) -> bool:
    """``any(test(f, place) for f in forms)`` without a generator: it runs for every
    candidate of every name found."""
    for form in forms:  # noqa: SIM110 (a generator costs more here)
        if test(form, place):
            return True
    return False


def _previous_word(t: str, pos: int) -> tuple[int, int, str] | None:
    """The word right before ``pos`` when only spaces separate them."""
    j = pos - 1
    while j >= 0 and t[j] == " ":
        j -= 1
    k = j
    while k >= 0 and isalnum_at(t, k):
        k -= 1
    return (k + 1, j + 1, t[k + 1 : j + 1]) if k < j else None


def _words_before(t: str, pos: int, n: int = 5) -> list[tuple[int, int, str]]:
    """Up to ``n`` whole words ending before ``pos`` (a word start), as (start, end, word):
    the last ``n`` of ``_WORD.finditer(t, pos - _WINDOW, pos)``, but a word cut by the
    window's start left out. Read backwards from ``pos``: it runs for every place found."""
    a = max(0, pos - _WINDOW)
    words: list[tuple[int, int, str]] = []
    j = pos
    while len(words) < n:
        while j > a and not (isalnum_at(t, j - 1) or t[j - 1] == "_"):
            j -= 1
        end = j
        while j > a and (isalnum_at(t, j - 1) or t[j - 1] == "_"):
            j -= 1
        if j == end or (j == a and a > 0 and t[a - 1].isalnum()):
            break  # no word left, or the first one is cut by the window
        words.append((j, end, t[j:end]))
    words.reverse()
    return words


def _words_after(t: str, pos: int, n: int = 3) -> list[tuple[int, int, str]]:
    """Up to ``n`` whole words starting at or after ``pos``."""
    b = min(len(t), pos + 60)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(t, pos, b)]
    if words and b < len(t) and words[-1][1] == b and t[b].isalnum():
        words = words[:-1]
    return words[:n]


@cache
def _descriptor_forms() -> dict[str, tuple[str, int]]:
    """Every descriptor with every proclitic combination -> (kind, offset of the descriptor)."""
    forms: dict[str, tuple[str, int]] = {}
    for word, kind in lexicon().descriptors.items():
        if kind == "centre":  # "مركز" also means a centre (مركز طبي): only stripped from names
            continue
        for prefix in _PROCLITIC_PREFIXES:
            forms.setdefault(prefix + word, (kind, len(prefix)))
    return forms


def _descriptor_kind(word: str) -> tuple[str, int] | None:
    """(kind, offset of the descriptor inside ``word``) when ``word`` is a descriptor
    with optional attached proclitics ("بمدينه" -> ("town", 1))."""
    return _descriptor_forms().get(word)


_PROCLITIC_LETTERS: Final = frozenset("وفبلك")


@cache
def _relation_cue_last_words() -> frozenset[str]:
    """The last word of every relation cue ("قرب", "من" of "بالقرب من")."""
    return frozenset(cue.split(" ")[-1] for cue in lexicon().relation_cues)


def _relation_before(words: list[str]) -> str | None:
    """A relation cue of up to four words at the end of ``words`` (its first word
    may carry one or two proclitics: "وقرب", "وبمحيط")."""
    if not words:
        return None
    # every phrase tried below ends with the last word, or is it without one or two
    # proclitics: when none of these ends a cue, no phrase is a cue
    last = words[-1]
    cue_ends = _relation_cue_last_words()
    if last not in cue_ends and last[1:] not in cue_ends and last[2:] not in cue_ends:
        return None
    cues = lexicon().relation_cues
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        first, rest = words[-n], words[len(words) - n + 1 :]
        for cut in (0, 1, 2):
            if cut and (len(first) <= cut + 1 or first[cut - 1] not in _PROCLITIC_LETTERS):
                break
            phrase = " ".join([first[cut:], *rest]) if rest else first[cut:]
            if phrase in cues:
                return cues[phrase]
    return None


def _gap_words(t: str, a: int, b: int) -> list[str]:
    return findall_split(_WORD, t[a:b], _ARABIC_LETTERS, GLUE_JOINS_WORD) if a < b else []


def _link(t: str, drafts: list[_Draft]) -> None:
    """Containers ("X في/ب[مدينة] Y", "X بريف Y", "X قرب Y"), lists ("X و Y") and "بين X و Y"."""
    for i in range(len(drafts) - 1):
        a, b = drafts[i], drafts[i + 1]
        gap = t[a.surface_end : b.hit.word_start]
        if len(gap) > 25:
            continue
        words = _gap_words(t, a.surface_end, b.hit.word_start)
        b_prefix = t[b.hit.word_start : b.hit.start]
        desc_prefix = t[b.hit.word_start : b.descriptor_start] if b.descriptor_start is not None else ""
        attached_in = b_prefix.startswith("ب") or desc_prefix.startswith("ب") or (words and words[-1].startswith("ب"))
        stripped_gap = gap.strip()
        if a.relation == "between" and (b_prefix.startswith("و") or desc_prefix.startswith("و") or words == ["و"]):
            b.between_second = True
            continue
        # list chain: "X و Y", "X، Y"
        if stripped_gap in ("", ",") and (
            b_prefix.startswith("و") or desc_prefix.startswith("و") or stripped_gap == ","
        ):
            a.list_next = i + 1
            continue
        container_words = [w for w in words if w not in _LINK_WORDS and _descriptor_kind(w) is None]
        is_in = (any(w in _LINK_WORDS for w in words) or attached_in) and not container_words
        is_near = bool(words) and all(w in _NEAR_LINK_WORDS or _descriptor_kind(w) is not None for w in words)
        a_is_quarter = a.relation in ("camp", "neighbourhood_of") or _descriptor_kind(a.hit.key.split(" ")[0]) in (
            ("camp", 0),
            ("neighbourhood", 0),
        )
        if (is_in or (is_near and a_is_quarter)) and (
            b.relation == "rif" or b.descriptor in ("governorate", "town", "district", None)
        ):
            a.container_idx = i + 1
            b.is_container = True
    # a list takes the container of its last member: "التح وحاس بريف ادلب"
    for i in range(len(drafts) - 1, -1, -1):
        d = drafts[i]
        if d.container_idx is None and d.list_next is not None:
            d.container_idx = drafts[d.list_next].container_idx


def _inside(candidate: Place, container: Place) -> bool:
    if container.feature == "PCLI":
        return candidate.country == container.country
    if container.feature == "ADM1":
        return candidate.country == container.country and candidate.admin1 == container.admin1
    if container.lat is None or container.lon is None or candidate.lat is None or candidate.lon is None:
        return False
    return approx_km(candidate.lat, candidate.lon, container.lat, container.lon) < 30.0


def _factor_label(
    factor: str,
    c: Place,
    near: tuple[float, Place] | None,
    inferred: str | None,
    hint: str | None,
    regions: dict[tuple[str | None, str], str] | None,
) -> str:
    """The words ``Geocoder._score`` gives a factor of candidate ``c`` ("" when it did not count)."""
    if factor == "region":
        if regions and c.admin1 and (c.country, c.admin1) in regions and c.feature != "ADM1":
            return f"in {c.admin1}, named in the text ({regions[(c.country, c.admin1)]})"
        return ""
    if factor == "country":
        if inferred and c.country == inferred:
            return f"country hint {hint}" if hint else f"same country ({inferred}) as the text's other places"
        return ""
    if factor == "cluster":
        if near is not None and near[0] < CLUSTER_RADIUS_KM:
            return f"nearest to {near[1].name} ({near[0]:.0f} km)"
        return ""
    if factor == "feature":
        return f"feature {c.feature}"
    return f"population {c.population}"


def _feature_score(c: Place, descriptor: str | None) -> float:
    base = _FEATURE_PRIOR.get(c.feature, 4.0)
    if descriptor == "governorate":
        return base + (50.0 if c.feature == "ADM1" else 0.0)
    if descriptor in ("town", "camp", "neighbourhood") and c.is_admin:
        return base - 10.0
    return base


TOWN_UNIT_KM: Final = 60.0


def _towns_before_their_units(candidates: list[Place], descriptor: str | None) -> list[Place]:
    """A bare name shared by a town and the unit named after it (إدلب city and
    governorate, عين العرب town and district) is the town: drop those units."""
    if descriptor in ("governorate", "district", "subdistrict", "area"):
        return candidates
    towns = [(c.lat, c.lon) for c in candidates if not c.is_admin and c.lat is not None and c.lon is not None]
    if not towns:
        return candidates
    return [
        c
        for c in candidates
        if not (
            c.is_admin
            and c.feature != "PCLI"
            and c.lat is not None
            and c.lon is not None
            and any(approx_km(c.lat, c.lon, lat, lon) < TOWN_UNIT_KM for lat, lon in towns)
        )
    ]


def _best_prior(candidates: list[Place], descriptor: str | None) -> Place:
    return max(candidates, key=lambda c: (_feature_score(c, descriptor), c.population))


def _nearest(c: Place, anchors: list[Place]) -> tuple[float, Place] | None:
    if c.lat is None or c.lon is None:
        return None
    best = None
    for a in anchors:
        if a is c or a.lat is None or a.lon is None or a.key == c.key:
            continue
        dist = approx_km(c.lat, c.lon, a.lat, a.lon)
        if best is None or dist < best[0]:
            best = (dist, a)
    return best


def _distinct(places: list[Place]) -> list[Place]:
    """Each place once, at its first position: ``_nearest`` gives the same answer
    (same distances, first of equals wins) in time linear in the distinct places."""
    seen: set[str] = set()
    out = []
    for p in places:
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out


def _majority_country(anchors: list[Place]) -> str | None:
    counts = Counter(a.country for a in anchors if a.country)
    return counts.most_common(1)[0][0] if counts else None


def _same_name(a: Place, b: Place) -> bool:
    names_a = {normalize_form(n) for n in a.names}
    return any(normalize_form(n) in names_a for n in b.names)


_MATCHERS: Final[dict[tuple[int, int, int], NameMatcher]] = {}


def _matcher_for(gazetteer: GazetteerLike) -> NameMatcher:
    """One automaton per gazetteer (and version) per process."""
    version = getattr(gazetteer, "version", 0)
    key = (id(gazetteer), version, sum(1 for _ in gazetteer.names()))
    if key not in _MATCHERS:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        lex = lexicon()
        # descriptor and cue words ("مدينه", "قرب") are never places by themselves
        # nor the bare heads of compound names ("تل", "عين", "وادي": "قرية تل ..." is not the village "تل")
        words = lex.descriptors.keys() | lex.relation_cues.keys() | lex.compound_heads
        skip = words | {"ال" + w for w in words}
        _MATCHERS[key] = NameMatcher(n for n in gazetteer.names() if n not in skip)
    return _MATCHERS[key]


__all__ = ["Gazetteer", "Geocoder"]


def candidate_scores(gazetteer: GazetteerLike, name: str, country_hint: str | None = None) -> list[tuple[float, Place]]:
    """Candidates of a name as a user types it, with the prior score the geocoder
    gives each when the text says nothing else (country hint, feature, population)."""
    from .lexicon import strip_descriptors

    norm = strip_descriptors(normalize_form(name))
    found = gazetteer.candidates(norm)
    if not found and norm.startswith("ال"):
        found = gazetteer.candidates(norm[2:])
    scored = []
    for c in found:
        score = _feature_score(c, None) + math.log10(c.population + 1)
        if country_hint and c.country == country_hint.upper():
            score += 30.0
        scored.append((score, c))
    scored.sort(key=lambda sc: -sc[0])
    return scored
