"""The extraction engine behind :class:`tawthiq.incidents.Extractor` (see ``assemble.py``)."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Final, TypeVar

from ..gazetteer.gazetteer import GazetteerLike, haversine_km
from ..gazetteer.model import PlaceMention
from ..mentions import Mention, default_finder
from ..models import Article, DateValue, Incident
from ..text import DateMention, NumberMention, clauses, find_dates, find_numbers, normalize, normalize_form, sentences
from ..text.normalize import NormalizedText, longest_expansion
from ..text.scan import Cue
from .assemble import (
    _AIR,
    _CHEM,
    _CIVILIAN_TARGETS,
    _EXCESSIVE,
    _GOV_TERR,
    _INTERVENTION,
    _NSA_TERR,
    _PEACEFUL,
    ACTOR_COUNTRY,
    STATE_ACTORS,
    WORD_ONLY_SHELLING,
    Assembler,
    Frame,
    decide_sub_event,
    has_arabic,
    headline_spans,
    inserted_title_spans,
    to_incident,
)
from .place_context import LOCATED, locate_unknown_places
from .spans import SpanIndex, bisect_left_int
from .unknown_places import find_unknown_places, is_cut_off

_T = TypeVar("_T")

log = logging.getLogger(__name__)



_CONTAINER_GAP: Final = re.compile(
    r"^\s*,?\s*(?:[\u0621-\u064a]+\s+)?(?:في|ب|داخل|وسط|التابعه ل|التابع ل|الواقعه في|الواقع في)\s*"
    r"(?:ال)?(?:مدينه|بلده|قريه|ناحيه|منطقه|محافظه|قضاء|ريف|حي|مدينة|بلدة|قرية|ناحية|منطقة|محافظة)?\s*$"
)
_DESTINATION: Final = re.compile(r"(?:^|\s)(?:الي|الى|نحو|باتجاه|من)\s*$")
_ADMIN_OF_BEFORE: Final = Cue(
    r"(?:التابعه|التابع|التابعين|التابعتين)\s+(?:اداريا\s+)?(?:ل|الي)\s*(?:ال)?(?:منطقه|ناحيه|محافظه|قضاء|مدينه)?\s*$",
    ("التابع",),
)
_LOCATED_IN_BEFORE: Final = Cue(
    r"(?:الواقعه|الواقع|الواقعين|الواقعتين|تقع|يقع)\s+(?:في|ب|الي|علي)\s*(?:ريف|اطراف|محيط)?\s*"
    r"(?:مدينه|محافظه|منطقه|ناحيه|قضاء|بلده|قريه)?\s*$",
    ("الواقع", "تقع", "يقع"),
)
_REPORTER_BEFORE: Final = Cue(
    r"(?:مراسل|مراسله|مراسلو|مراسلي|مكتب|مندوب|شهود|ناشطون|ناشطين|مصادر|مصدر)\S*(?:\s+\S+){0,3}\s+(?:في|ب)\s*(?:مدينه|محافظه|ريف)?\s*$",
    ("مراسل", "مكتب", "مندوب", "شهود", "ناشط", "مصدر", "مصادر"),
)
_RESIDENT_BEFORE: Final = Cue(
    # "من سكان بلدة X", "ينحدر من ريف X": where a person is from
    r"(?:من\s+(?:سكان|اهالي|ابناء)|(?:ينحدر|تنحدر|ينحدرون|المنحدر|المنحدره)\s+من)\s+"
    r"(?:(?:ال)?(?:مدينه|بلده|قريه|حي|ريف|مخيم|منطقه|محافظه|العاصمه)\s+)*$",
    ("سكان", "اهالي", "ابناء", "نحدر"),
)
_DESTINATION_PLACE: Final = re.compile(  # "إلى" but not "بالإضافة إلى" (in addition to)
    r"\s(?<!اضافه )(?:الي|الى)\s*(?:ال)?(?:مدينه|قضاء|مشفي|مستشفي|منطقه|بلده|قريه|مخيم)?\s*$"
)
_ORIGIN_BEFORE: Final = re.compile(r"\s(?:من|انطلاقا من)\s+(?:مدينه|منطقه|بلده|قطاع|مواقع\S*\s+\S+\s+في)?\s*$")
_NEAR_FROM: Final = re.compile(r"(?:قرب|مقربه)\s+من\s+(?:\S+\s+)?$")  # "بالقرب من": near, not from
# "وكان/وكانت ... قد فعل": the pluperfect recalls an event before the one reported
_PLUPERFECT_BEFORE: Final = re.compile(r"(?:^|[\s.,،؛])[وف]?(?:كان|كانت|كانوا)\s+(?:[^\s.,،؛]+\s+){0,6}قد\s+[^.؛]*$")
_OFFICE_OF_BEFORE: Final = Cue(
    r"\s[وفل]?(?:ال)?(?:مديريه|مجلس|بلديه|دائره|قياده|شرطه|محكمه)\s+(?:ال)?[\u0621-\u064a]+\s+(?:ب|ل)?\s*$",
    ("مديريه", "مجلس", "بلديه", "دائره", "قياده", "شرطه", "محكمه"),
)
_AIRSPACE_BEFORE: Final = Cue(
    r"\s(?:فوق|[وفب]?اجواء|[وفب]?سماء)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه|ريف|محافظه)\s+)?$",
    ("فوق", "اجواء", "سماء"),
)
_OPPOSITE_BEFORE: Final = Cue(
    r"\s[وب]?(?:قباله|مقابل)\s+(?:(?:ال)?(?:مدينه|بلده|قريه|منطقه)\s+)?$",
    ("قباله", "مقابل"),
)
_DISTANCE_BEFORE: Final = Cue(r"على\s+بعد\s+[^.،,؛]*$", ("بعد",))
_ORG_BEFORE: Final = Cue(
    r"(?:^|[\s\"'“«(])[وف]?(?:ال)?(?:مركز|مجلس|مديريه|مديرية|شبكه|شبكة|تنسيقيه|تنسيقية|تجمع|اتحاد|وكاله|وكالة|"
    r"اذاعه|إذاعة|تلفزيون|جامعه|جامعة|قايممقام|قايمقام|قائممقام|قائمقام|محافظ|بلديه|بلدية|مدير|صحيفه|صحيفة|مرصد|لواء|فرقه|فرقة|جيش|كتائب|حركه|حركة|رابطه|رابطة)"
    r"\s+$",
    (
        "مركز", "مجلس", "مدير", "شبك", "تنسيقي", "تجمع", "اتحاد", "وكال", "اذاع", "إذاع", "تلفزيون", "جامع",
        "مقام", "محافظ", "بلدي", "صحيف", "مرصد", "لواء", "فرق", "جيش", "كتائب", "حرك", "رابط",
    ),
)
_DATELINE_AFTER: Final = re.compile(r"^\s*(?:[-–/:(|]|\d|[\u0660-\u0669])")
_ANAPHOR_KINDS: Final = ("anaphor",)


def _cue_before(cue: Cue, text: str, lo: int, hi: int) -> bool:
    """Whether a ``cue`` whose pattern is led by ``\\s`` (not ``(?:^|\\s)``, which keeps the
    regex engine from skipping ahead to the spaces) is found in ``text[lo:hi]``: the start
    of ``text`` counts as a space, as ``^`` did (it never matches at ``lo > 0``)."""
    if lo > 0:
        return cue.search_in(text, lo, hi)
    return cue.search(" " + text[:hi])


def _span_filter(items: list[_T], starts: list[int], ends: list[int], s: int, e: int) -> list[_T]:
    """Items (sorted by start, with their ``starts`` and ``ends``) lying inside [s, e)."""
    i = bisect_left_int(starts, s)
    out = []
    n = len(items)
    while i < n and starts[i] < e:
        if ends[i] <= e:
            out.append(items[i])
        i += 1
    return out


class Engine:
    """Holds the per-process parts: mention automaton and geocoder."""

    def __init__(self, gazetteer: GazetteerLike | None = None) -> None:
        from ..gazetteer import Geocoder, load_gazetteer

        self.finder = default_finder()
        self.geocoder = Geocoder(gazetteer if gazetteer is not None else load_gazetteer())

    # -------------------------------------------------------------- helpers
    def _country_hint(self, mentions: list[Mention]) -> str | None:
        votes = Counter(
            ACTOR_COUNTRY[m.code]
            for m in mentions
            if m.kind == "actors" and m.extra == "name" and not m.scope and m.code in ACTOR_COUNTRY
        )
        return votes.most_common(1)[0][0] if votes else None

    def _find_places(self, text: str, hint: str | None) -> list[PlaceMention]:
        """Gazetteer places, in windows of whole lines for long texts so that the
        geocoder's article-wide disambiguation stays linear in the text length."""
        if len(text) <= _PLACE_WINDOW:
            return sorted(self.geocoder.find_places(text, country_hint=hint), key=lambda p: p.start)
        out = []
        start = 0
        while start < len(text):
            end = min(len(text), start + _PLACE_WINDOW)
            if end < len(text):
                cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
                end = cut + 1 if cut > start else end
            for p in self.geocoder.find_places(text[start:end], country_hint=hint):
                out.append(_shift(p, start))
            start = end
        return sorted(out, key=lambda p: p.start)

    def extract(self, article: Article, provenance: bool = True) -> list[Incident]:
        text = article.text
        if not text or not has_arabic(text):
            return []
        norm = normalize(text)
        mentions = _drop_unrealised(_drop_words_inside_names(self.finder.find(norm)), norm.text)
        mentions = _drop_aftermath_references(_drop_arrest_idiom_verbs(mentions, norm.text), norm.text)
        if not any(m.kind in ("triggers", "casualties") for m in mentions):
            return []
        sents = sentences(text)
        # the costly finders run only over sentences that tell of an event
        event_sents = _event_sentences(sents, mentions)
        hint = self._country_hint(mentions)
        places = self._find_places(text, hint)
        lexicon_index = SpanIndex((m.start, m.end) for m in mentions if m.kind in _LEXICON_NOT_PLACE)
        places = _not_lexicon_words(places, lexicon_index)
        countries = Counter(p.place.country for p in places if p.place is not None and p.place.country)
        country = countries.most_common(1)[0][0] if countries else hint
        places = _far_abroad_unknown([p for p in places if _fits_country(p, country) and not _is_country(p)], country)
        place_starts = [p.start for p in places]
        place_ends = [p.end for p in places]
        numbers: list[NumberMention] = []
        dates: list[DateMention] = []
        unknown: list[PlaceMention] = []
        # numbers and dates: one pass over the normalised article, kept inside event sentences
        all_numbers = find_numbers(text, normalized=norm) if event_sents else []
        all_dates = find_dates(text, article.published, normalized=norm) if event_sents else []
        all_number_starts = [n.start for n in all_numbers]
        all_number_ends = [n.end for n in all_numbers]
        all_date_starts = [d.start for d in all_dates]
        all_date_ends = [d.end for d in all_dates]
        cut_off = is_cut_off(text)
        for s, e in event_sents:
            piece = text[s:e]
            piece_numbers = _span_filter(all_numbers, all_number_starts, all_number_ends, s, e)
            numbers.extend(piece_numbers)
            dates.extend(_span_filter(all_dates, all_date_starts, all_date_ends, s, e))
            found = find_unknown_places(
                piece,
                [(q.start - s, q.end - s) for q in _span_filter(places, place_starts, place_ends, s, e)],
                [],
                country,
                cut_off=cut_off and e >= len(text.rstrip()),
            )
            if found:
                number_index = SpanIndex((n.start, n.end) for n in piece_numbers)
                unknown.extend(
                    _shift(p, s)
                    for p in found
                    if not lexicon_index.overlaps(p.start + s, p.end + s)
                    and not number_index.overlaps(p.start + s, p.end + s)
                )
        places = _between(sorted(places + unknown, key=lambda p: p.start), text)
        places = locate_unknown_places(places, text)
        numbers.sort(key=lambda n: n.start)
        dates.sort(key=lambda d: d.start)
        heads = headline_spans(text, sents)
        inserted_titles = inserted_title_spans(text, sents, heads)
        asm = Assembler(text, norm.text, article.published)

        m_starts = [m.start for m in mentions]
        m_ends = [m.end for m in mentions]
        p_starts = [p.start for p in places]
        p_ends = [p.end for p in places]
        d_starts = [d.start for d in dates]
        d_ends = [d.end for d in dates]
        n_starts = [n.start for n in numbers]
        n_ends = [n.end for n in numbers]
        place_index = SpanIndex((p.start, p.end) for p in places)
        target_contexts: dict[Mention, _TargetContext] = {}  # what the text says around each target word

        frames: list[Frame] = []
        last_actor: str | None = None
        last_actor_sent = -10
        last_date: DateValue | None = None
        last_frames: list[Frame] = []
        last_frames_sent = -10
        last_sub_event: str | None = None
        told_keys: set[str] = set()  # places of events reported so far (not headline, not region)
        contained: dict[str, Frame] = {}  # a container named with an event place -> that event

        for si, (s, e) in enumerate(sents):
            if si in inserted_titles:
                if si - last_frames_sent == 1:
                    last_frames_sent = si  # the event told before the title goes on after it
                continue
            sm = _span_filter(mentions, m_starts, m_ends, s, e)
            sp = _span_filter(places, p_starts, p_ends, s, e)
            sd = _span_filter(dates, d_starts, d_ends, s, e)
            event_dates = _dates_of_the_event(sd, sm, text, norm)
            if event_dates and article.published and (article.published - event_dates[0].date).days > _PAST_DAYS:
                continue  # a sentence about an event weeks before the report: background
            if event_dates:
                d = event_dates[0]
                last_date = DateValue(date=d.date, precision=d.precision)
            if si - last_frames_sent == 1 and len(last_frames) == 1:
                told = _name_key(last_frames[0].place)
                if any(_name_key(p) == told for p in sp):
                    last_frames_sent = si  # the next sentence still speaks of that place
            triggers = [m for m in sm if m.kind == "triggers"]
            casualty_words = [m for m in sm if m.kind == "casualties"]
            if si - last_frames_sent <= 1 and last_frames and _takes_the_places_told(triggers, sp, norm.text):
                # "تمكن الجيش من استعادة السيطرة على القرى الأربع": the fighting just told ended
                # in a change of control of its places; the sentence tells no new event
                actors = asm.actor_mentions(sm, country)
                for f in last_frames:
                    if f.sub_event == _CLASH_SUB or f.sub_event in _TERRITORY_SUBS:
                        taker = actors[0].code if actors else f.actor
                        f.sub_event = _GOV_TERR if taker in STATE_ACTORS else _NSA_TERR
                        f.actor = taker
                        f.why["type"] = "territory: the places told before are taken (anaphora)"
                        f.evidence.append((s, e))
                last_frames_sent = si
                continue
            if not triggers and not casualty_words:
                if si - last_frames_sent <= 1 and len(last_frames) == 1 and any(m.kind == "impacts" for m in sm):
                    # "وروى شهود أن المنزل دمر بالكامل": the damage of the event just told
                    follow_impacts = _impact_codes(sm, norm.text)
                    if follow_impacts:
                        last_frames[0].impacts |= follow_impacts
                        last_frames[0].targets |= _target_codes(sm, place_index, norm.text, contexts=target_contexts)
                        last_frames[0].evidence.append((s, e))
                continue
            clause_spans = clauses(text, s, e, normalized=norm)
            segments = self._segments(s, e, sm, sp, clause_spans)
            sentence_frames: list[Frame] = []
            previous_segment_frames: list[Frame] = []
            sent_actors: list[Mention] | None = None
            for seg_start, seg_end in segments:
                seg_m = [m for m in sm if seg_start <= m.start and m.end <= seg_end]
                seg_p = [p for p in sp if seg_start <= p.start and p.end <= seg_end]
                seg_trig = [m for m in seg_m if m.kind == "triggers"]
                named_places = seg_p
                seg_p = self._event_places(seg_p, seg_m, sm, clause_spans, si, text, dated=bool(sd), norm=norm)
                # places that locate the event place ("قرية X في محافظة Y"): Y, after X, not an event place
                containers: list[PlaceMention] = []
                for p in named_places:  # a chain: "قرية X في ناحية Y التابعة لقضاء Z في محافظة W"
                    if p not in seg_p and any(0 <= p.start - q.end <= 60 for q in seg_p + containers):
                        containers.append(p)
                weapons = {m.code for m in seg_m if m.kind == "weapons"}
                gunmen = any(m.kind == "actors" and "مسلح" in m.form for m in seg_m)
                if gunmen and not weapons:
                    weapons = {"small_arms"}  # "مسلحون مجهولون": gunmen carry guns
                targets = _target_codes(seg_m, place_index, norm.text, contexts=target_contexts)
                victims = [m for m in seg_m if m.kind == "victims" and m.code == "civilian"]
                said_targets = _target_codes(seg_m, place_index, norm.text, descriptors=False, contexts=target_contexts)
                civilian = bool(victims) or bool(said_targets & _CIVILIAN_TARGETS)
                seg_for_numbers = (seg_start, seg_end) if len(segments) > 1 else (s, e)
                nums_m = seg_m if len(segments) > 1 else sm
                seg_numbers = _span_filter(numbers, n_starts, n_ends, *seg_for_numbers)
                killed, injured, why_cas, cas_at = asm.casualties(nums_m, seg_numbers, seg_for_numbers)
                inner = {id(contained[k]): contained[k] for k in map(_name_key, seg_p) if k in contained}
                if (
                    seg_p
                    and len(inner) == 1
                    and all(_name_key(p) in contained for p in seg_p)
                    and (killed or injured)
                    and _updates_toll(seg_m, norm.text)
                ):
                    # "ارتفع عدد ضحايا القصف في دهوك إلى 9" after "قرية برخ في محافظة دهوك": the
                    # update names the container of the event told; its figure is that event's
                    [f] = inner.values()
                    f.killed = _max(f.killed, killed)
                    f.injured = _max(f.injured, injured)
                    if f.evidence[-1] != (s, e):
                        f.evidence.append((s, e))
                    continue
                actors = asm.actor_mentions(seg_m, country)
                if sent_actors is None:  # the sentence's actors: the same for each of its segments
                    sent_actors = asm.actor_mentions(sm, country)
                seg_forces = [m for m in seg_m if m.kind == "actors"]
                air_force = any(asm.is_air_force(m) for m in (seg_forces or sm) if m.kind == "actors")
                actor, why_actor = self._choose_actor(
                    actors, sent_actors, seg_trig, last_actor, si - last_actor_sent, sentence_frames
                )
                seg_weapons = {m.code for m in seg_m if m.kind == "weapons"}
                if seg_trig:
                    # the words that introduce the places decide the type, not a later
                    # aside ("... وتسبب القصف بأضرار")
                    last_place_end = max((p.end for p in seg_p), default=None)
                    type_trig = [
                        t for t in seg_trig if last_place_end is None or t.start <= last_place_end + 30
                    ] or seg_trig
                    sub_event, why_type = decide_sub_event(
                        type_trig,
                        weapons,
                        air_force,
                        civilian,
                        bool(killed or injured),
                        actor,
                        civilian_target=bool(targets & _CIVILIAN_TARGETS),
                        killed=bool(killed),
                    )
                elif seg_weapons and _tells_new_casualties(seg_m, killed, injured):
                    sub_event, why_type = decide_sub_event(
                        [], seg_weapons, air_force, civilian, True, actor, attack=True
                    )
                    why_type = "casualties+weapon: " + why_type
                elif (
                    last_sub_event
                    and si - last_frames_sent <= 1
                    and (_tells_new_casualties(seg_m, killed, injured) or _updates_toll(seg_m, norm.text))
                ):
                    sub_event, why_type = last_sub_event, "carried from previous sentence"
                else:
                    sub_event, why_type = "", ""
                if not sub_event:
                    continue
                if sub_event in (_PEACEFUL, _EXCESSIVE, _INTERVENTION):
                    actor, why_actor = "PROTESTERS", "protest"
                    civilian = civilian or sub_event == _EXCESSIVE  # force used on civilians
                weapons = self._weapon_codes(seg_m, sub_event, air_force) or (
                    {"small_arms"} if gunmen and sub_event in (_ATTACK_SUB, _CLASH_SUB) else set()
                )
                if sub_event in _TERRITORY_SUBS:
                    # "سيطر على بلدتي A وB اللتين تشكلان خط الدفاع عن المطار العسكري": what the
                    # relative clause says of the places taken is description, not what was taken
                    targets = targets - {
                        m.code
                        for m in seg_m
                        if m.kind == "targets"
                        and _cue_before(_RELATIVE_BEFORE, norm.text, max(0, m.nstart - 70), m.nstart)
                    }
                if sub_event in (_ATTACK_SUB, _CLASH_SUB) and weapons <= _GUNFIRE:
                    # a person shot "في حي X", "في سوق X": the place named is where, not what was hit
                    targets = targets & said_targets
                impacts = _impact_codes(seg_m, norm.text) if targets else set()
                if not seg_p:
                    # details of an event whose place was named just before: in an earlier
                    # segment of this sentence, or in the sentence before
                    if sentence_frames:
                        previous = previous_segment_frames
                    elif si - last_frames_sent <= 1:
                        previous = last_frames
                    else:
                        previous = []
                    if len(previous) == 1:
                        f = previous[0]
                        if f.sub_event == sub_event or not seg_trig or sentence_frames or _refers_back(seg_trig):
                            if f.evidence[-1] != (s, e):
                                f.evidence.append((s, e))
                            f.killed = _max(f.killed, killed)
                            f.injured = _max(f.injured, injured)
                            f.civilian = f.civilian or civilian
                            f.targets |= targets
                            f.weapons |= weapons
                            f.impacts |= impacts
                            if not sentence_frames and (killed or injured):
                                # a toll update keeps the event current: "ارتفعت الحصيلة إلى 9. وتسبب الهجوم بإصابة 4"
                                last_frames_sent = si
                    continue
                date_explicit = bool(sd)  # the sentence itself says the day
                date = last_date
                if date is None and article.published is not None:
                    date = DateValue(date=article.published, precision="day")
                if (
                    told_keys
                    and seg_trig
                    and all(t.form.startswith("ال") for t in seg_trig)
                    and killed is None
                    and injured is None
                ):
                    # "القصف"/"الغارات" refer back to events told before: they add details
                    # to places already reported, they do not report new places
                    known = told_keys | {_place_key(f.place) for f in sentence_frames}
                    seg_p = [p for p in seg_p if _place_key(p) in known]
                    if not seg_p:
                        continue
                counted = _nearest_place(seg_p, cas_at)
                for p in seg_p:
                    frame = Frame(
                        sub_event=sub_event,
                        actor=actor,
                        place=p,
                        sentence=(s, e),
                        sentence_index=si,
                        headline=si in heads,
                        date=date,
                        date_explicit=date_explicit,
                        killed=killed if counted is _ALL or p is counted else None,
                        injured=injured if counted is _ALL or p is counted else None,
                        civilian=civilian,
                        targets=set(targets),
                        weapons=set(weapons),
                        impacts=set(impacts),
                        evidence=[(s, e)],
                        why={"type": why_type, "actor": why_actor, "casualties": why_cas, "country": country},
                    )
                    sentence_frames.append(frame)
                previous_segment_frames = sentence_frames[-len(seg_p) :]
                if len(seg_p) == 1:
                    for c in containers:
                        contained[_name_key(c)] = sentence_frames[-1]
            if sentence_frames:
                frames.extend(sentence_frames)
                told_keys.update(
                    _place_key(f.place) for f in sentence_frames if not f.headline and not _is_region(f.place)
                )
                last_frames = sentence_frames
                last_frames_sent = si
                last_sub_event = sentence_frames[-1].sub_event
                named = [f.actor for f in sentence_frames if f.actor not in ("UNKNOWN", "PROTESTERS")]
                if named:
                    last_actor = named[-1]
                    last_actor_sent = si
        body = [f for f in frames if not f.headline]
        if body:
            frames = body
        frames = _drop_covered_regions(_same_side_same_arm(_the_city_of_a_governorate(frames, norm.text)))
        merged = _merge(_quarters_at_their_city(_short_names_of_unknown_places(frames)))
        return [to_incident(f, provenance) for f in merged]

    # ------------------------------------------------------------- segments
    @staticmethod
    def _segments(
        s: int, e: int, sm: list[Mention], sp: list[PlaceMention], clause_spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Cut the sentence at a trigger that follows a place already claimed by a trigger."""
        events = sorted(
            [(m.start, "t", m.start) for m in sm if m.kind == "triggers"] + [(p.start, "p", p.end) for p in sp]
        )
        cuts = [s]
        seen_trigger = seen_place = False
        last_place = max((p.start for p in sp), default=-1)
        place_end = s
        for pos, kind, end in events:
            if kind == "p":
                seen_place = seen_place or seen_trigger
                place_end = max(place_end, end)
                continue
            if seen_trigger and seen_place and pos < last_place:  # only before new places
                clause_start = max((a for a, _ in clause_spans if a <= pos), default=pos)
                # at the clause start; in a one-clause chain, after the places already claimed
                cut = clause_start if clause_start > cuts[-1] else max(place_end, cuts[-1] + 1)
                if cut < pos + 1:
                    cuts.append(cut)
                seen_place = False
            seen_trigger = True
        bounds = [*cuts, e]
        return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]

    @staticmethod
    def _event_places(
        seg_p: list[PlaceMention],
        seg_m: list[Mention],
        sm: list[Mention],
        clause_spans: list[tuple[int, int]],
        si: int,
        text: str,
        dated: bool = False,
        norm: NormalizedText | None = None,
    ) -> list[PlaceMention]:
        """Places where the event happened: not a container, background, statement or dateline.
        ``norm``: ``normalize(text)``, when the caller has it (it saves work, not results)."""
        out = []
        s_start = clause_spans[0][0] if clause_spans else 0
        # a background or statement cue earlier in a place's clause: not where the event was
        aside_cues = [m for m in sm if m.kind == "cues" and m.code in ("background", "statement")]
        for p in seg_p:
            if p.relation == "container":
                continue
            if si == 0 and p.start < 40 and _DATELINE_AFTER.match(text[p.end : p.end + 3]):
                continue
            # a space before too: the cue patterns below that may start the window begin
            # with \s, not (?:^|\s), so the regex engine skips ahead to the spaces
            before = " " + _norm(text[max(0, p.start - 40) : p.start]) + " "
            if _REPORTER_BEFORE.search(before):
                continue  # "وذكر مراسل سانا في حماة": where the reporter is
            if _RESIDENT_BEFORE.search(before):
                continue  # "أحد أبناء قرية X": where the victim is from, not where it happened
            if _ADMIN_OF_BEFORE.search(before):
                continue  # "القرى الأربع التابعة إداريا لمنطقة خان شيخون": an administrative reference
            if _LOCATED_IN_BEFORE.search(before):
                continue  # "منطقة الرمادي الواقعة بريف مدينة البوكمال": where the place lies
            if len(seg_p) > 1 and _DESTINATION_PLACE.search(before):
                continue  # "تم إخلاؤهم إلى قضاء زاخو": where the wounded were taken
            if _ORIGIN_BEFORE.search(before) and not _NEAR_FROM.search(before):
                continue  # "إطلاق صواريخ من غزة على موقع ...": where the fire came from
            if not dated and _recalls_earlier_event(text, norm, max(s_start, p.start - 160), p.start):
                continue  # "وكانت الفصائل قد سيطرت على X" with no day said: an earlier event recalled
            if _AIRSPACE_BEFORE.search(before):
                continue  # "حلقت طائرة فوق مدينة X", "في أجواء X": where aircraft flew
            if len(seg_p) > 1 and _OPPOSITE_BEFORE.search(before):
                continue  # "جنوب A قبالة بلدة X": X only locates the front
            if _DISTANCE_BEFORE.search(text[max(0, p.start - 45) : p.start]):
                continue  # "على بعد 400 كلم شمالي العاصمة بغداد": a reference point
            if _OFFICE_OF_BEFORE.search(before):
                continue  # "مديرية الصحة بحماة", "مجلس محافظة حلب": an office named after the place
            if _ORG_BEFORE.search(text[max(0, p.start - 25) : p.start]):
                continue  # part of an organisation's name: "مركز إدلب الإعلامي"
            clause = next(((a, b) for a, b in clause_spans if a <= p.start < b), None)
            if clause is not None and any(clause[0] <= m.start < clause[1] and m.start < p.start for m in aside_cues):
                continue
            out.append(p)
        out = _drop_locators(out, text)
        # the same place twice in one segment is one place
        seen: set[str] = set()
        unique = []
        for p in out:
            key = _place_key(p)
            if key not in seen:
                seen.add(key)
                unique.append(p)
        return unique

    @staticmethod
    def _choose_actor(
        actors: list[Mention],
        sent_actors: list[Mention],
        triggers: list[Mention],
        last_actor: str | None,
        sentences_since: int,
        sentence_frames: list[Frame],
    ) -> tuple[str, str]:
        first_trigger = triggers[0].start if triggers else None
        names = [
            m
            for m in actors
            if (m.extra in ("name", "demonym") and m.code != "UNKNOWN") or (m.extra == "name" and m.code == "UNKNOWN")
        ]
        if names:
            # "عدواناً إسرائيلياً", "قصف لقوات النظام": the side right after the event noun
            right_after = [m for m in names for t in triggers if 0 <= m.start - t.end <= 3]
            if right_after:
                pick = right_after[0]
                return pick.code, f"{pick.extra} after the event word:{pick.form}"
            if first_trigger is not None:
                before = [m for m in names if m.start <= first_trigger]
                pick = before[-1] if before else names[0]
            else:
                pick = names[0]
            return pick.code, f"{pick.extra}:{pick.form}"
        anaphors = [m for m in actors if m.extra == "anaphor"]
        sides = [m for m in actors if m.extra == "side"]
        if anaphors and last_actor:
            return last_actor, f"refers back:{anaphors[0].form}"
        weak = [m for m in actors if m.extra == "weak"]
        if weak:
            # "المجموعات الإرهابية" after a named group refers back to it
            if last_actor and sentences_since <= 2 and last_actor not in ("UNKNOWN", "PROTESTERS"):
                return last_actor, f"weak refers back:{weak[0].form}"
            return weak[0].code, f"weak:{weak[0].form}"
        if sides:
            return "UNKNOWN", f"side without a name:{sides[0].form}"
        if sentence_frames:
            return sentence_frames[-1].actor, "same sentence"
        sent_names = [m for m in sent_actors if m.extra in ("name", "demonym")]
        if sent_names:
            return sent_names[0].code, f"sentence:{sent_names[0].form}"
        if last_actor and sentences_since <= 1:
            return last_actor, "previous sentence"
        return "UNKNOWN", "no actor named"

    @staticmethod
    def _weapon_codes(seg_m: list[Mention], sub_event: str, air_force: bool) -> set[str]:
        """Weapon codes; a generic "صواريخ" gives way to the kind named right after it
        ("صواريخ بالستية", "صواريخ غراد") and is an air-launched missile from aircraft."""
        weapons = [m for m in seg_m if m.kind == "weapons"]
        out = set()
        for m in weapons:
            if m.extra and any(o is not m and 0 <= o.start - m.end <= 12 for o in weapons):
                continue
            air = sub_event == _AIR or (air_force and sub_event in (_CHEM, _AIR))
            out.add(m.extra if (air and m.extra) else m.code)
        if "car_bomb" in out:
            out.discard("ied")  # a car bomb is the IED's kind, named once
        return out


def _max(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _name_key(p: PlaceMention) -> str:
    """The name as written, normalised: "دهوك" the province and "دهوك" the city alike."""
    return normalize_form(p.name)


def _place_key(p: PlaceMention) -> str:
    place = p.place
    if place is not None and p.relation == LOCATED:
        return f"{place.key}/{normalize_form(p.name)}"  # its own place
    if place is not None:
        return place.key
    return normalize_form(p.name)


def _quarters_at_their_city(frames: list[Frame]) -> list[Frame]:
    """A city quarter the gazetteer lacks ("حي X", "أحياء A وB") is coded at its city
    (ANNOTATION.md): when the report tells of the same kind of event in exactly one
    city, the quarter frames are that city's incident; of another kind, in a report
    that names one city only, a quarter is its own incident at that city. A place
    named twice, once resolved and once only by name, is one place."""
    resolved = {normalize_form(f.place.name): f.place for f in frames if f.place.place is not None}
    cities: dict[str, dict[str, Frame]] = defaultdict(dict)
    for f in frames:
        q = f.place.place
        if q is not None and not _is_region(f.place) and q.feature and q.feature.startswith("PPL"):
            cities[f.sub_event].setdefault(_place_key(f.place), f)
    any_city = {key: f for by_key in cities.values() for key, f in by_key.items()}
    for f in frames:
        if f.place.place is not None:
            continue
        same_name = resolved.get(normalize_form(f.place.name))
        if same_name is not None:
            f.place = same_name
            continue
        city = list(cities.get(f.sub_event, {}).values())
        if len(city) == 1 and (
            f.place.relation in ("quarter", "neighbourhood_of")
            or (f.place.relation == "area" and _is_capital(city[0].place))
        ):
            f.part = normalize_form(f.place.name)
            f.place = city[0].place
        elif not city and f.place.relation in ("quarter", "neighbourhood_of") and len(any_city) == 1:
            # another kind of event, but the report names one city: the quarter is its own
            # incident at that city ("قنص على أهالي حي X" in a report on shelling in حلب)
            only = next(iter(any_city.values())).place
            assert only.place is not None  # any_city holds resolved places only
            where = only.place.name_en or only.place.name
            f.place = replace(
                f.place,
                place=only.place,
                precision=1,
                container=only.place,
                reason=f"{f.place.reason}; a quarter of the report's only city, {where}",
            )
    return frames


def _short_names_of_unknown_places(frames: list[Frame]) -> list[Frame]:
    """A place the gazetteer lacks, named in full once ("منطقة الهضبة البدري") and by its first
    words elsewhere ("منطقة الهضبة"), is one place: the short mention takes the full one."""
    unknown = {normalize_form(f.place.name): f.place for f in frames if f.place.place is None}
    for f in frames:
        if f.place.place is None:
            short = normalize_form(f.place.name)
            longer = [name for name in unknown if name.startswith(short + " ")]
            if len(longer) == 1:
                f.place = unknown[longer[0]]
    return frames


def _merge(frames: list[Frame]) -> list[Frame]:
    """ACLED rule: one incident per (place, sub-event type, actor[, day when said])."""
    groups: dict[tuple, Frame] = {}
    order: list[tuple] = []
    members: dict[tuple, list[tuple[Frame, int | None, int | None]]] = defaultdict(list)
    for f in frames:
        key: tuple = (_place_key(f.place), f.sub_event, f.actor)
        if key not in groups:
            # an UNKNOWN side merges into the one named side at that place and type, and back
            alt = [k for k in groups if k[0] == key[0] and k[1] == key[1]]
            if alt and (f.actor == "UNKNOWN" or all(k[2] == "UNKNOWN" for k in alt)):
                key = alt[0]
                if groups[key].actor == "UNKNOWN" and f.actor != "UNKNOWN":
                    groups[key].actor = f.actor
        if key in groups:
            g = groups[key]
            if f.date_explicit and g.date_explicit and f.date and g.date and f.date.date != g.date.date:
                key = (*key, f.date.date)  # the same place struck on another day said in the text
        members[key].append((f, f.killed, f.injured))  # the figures before merging
        if key not in groups:
            groups[key] = f
            order.append(key)
            continue
        g = groups[key]
        g.evidence.extend(f.evidence)
        g.killed = _max(g.killed, f.killed)
        g.injured = _max(g.injured, f.injured)
        g.civilian = g.civilian or f.civilian
        g.targets |= f.targets
        g.weapons |= f.weapons
        g.impacts |= f.impacts
        if f.date_explicit and not g.date_explicit:
            g.date, g.date_explicit = f.date, True  # the day the text says beats the default one
        if g.place.precision > f.place.precision:
            g.place = f.place
    merged = [groups[k] for k in order]
    for k in order:
        if len(members[k]) > 1:
            _add_up_quarters(groups[k], members[k], merged)
    return merged


def _part_name(f: Frame, city: str) -> str | None:
    """The quarter a frame of a city incident was told of ("حي X", "حي X بمدينة Y"); not
    the city itself ("أحياء المدينة Y")."""
    name = f.part or (normalize_form(f.place.name) if f.place.relation in ("quarter", "neighbourhood_of") else None)
    return name if name != city else None


def _add_up_quarters(g: Frame, frames: list[tuple[Frame, int | None, int | None]], incidents: list[Frame]) -> None:
    """Different quarters of one city, each with its own figure in its own sentence, count
    different victims: the city incident gets their sum when it is at least the report's
    summary figure for the city, or when the summary exceeds it by exactly what the
    report's other incidents count (a summary over several incidents, ANNOTATION.md)."""
    city = _name_key(g.place)
    for i, name in ((1, "killed"), (2, "injured")):
        per_sentence: dict[int, tuple[int, str]] = {}
        for member in frames:
            f, value, part = member[0], member[1] if i == 1 else member[2], _part_name(member[0], city)
            if value and part and value > per_sentence.get(f.sentence_index, (0, ""))[0]:
                per_sentence[f.sentence_index] = (value, part)
        parts = list(per_sentence.values())
        if len(parts) < 2 or len({part for _, part in parts}) < len(parts):
            continue  # one quarter told twice is the same victims told again
        total = sum(value for value, _ in parts)
        summary = max(((m[1] if i == 1 else m[2]) or 0 for m in frames if not _part_name(m[0], city)), default=0)
        others = sum(getattr(i, name) or 0 for i in incidents if i is not g)
        if total >= summary or summary - total == others:
            setattr(g, name, total)


_PLACE_WINDOW: Final = 20_000


def _shift(p: PlaceMention, offset: int) -> PlaceMention:
    """A mention found in a window of the text, with offsets into the whole text."""
    if not offset:
        return p
    return replace(
        p,
        start=p.start + offset,
        end=p.end + offset,
        name_start=p.name_start + offset if p.name_start >= 0 else -1,
        name_end=p.name_end + offset if p.name_end >= 0 else -1,
    )


# (dropped by its own context, road after "على", a military vehicle, a landmark "أمام X")
_TargetContext = tuple[bool, bool, bool, bool]


_BLAST_WEAPONS: Final = frozenset({"car_bomb", "ied", "suicide"})
# in front of, beside, behind, opposite, near: the word after names a landmark
_LANDMARK_BEFORE: Final = Cue(
    r"(?:^|\s)[وف]?(?:امام|بجانب|بجوار|جانب|خلف|مقابل|قباله|بالقرب من|قرب)\s+$",
    ("امام", "جانب", "جوار", "خلف", "مقابل", "قباله", "قرب"),
)


def _target_context(m: Mention, norm_text: str) -> _TargetContext:
    """What the text around a target word says of it, whatever the segment."""
    dropped = bool(
        # "نقلوا إلى المستشفى": where the wounded were taken (but "عدد من المنازل" is hit)
        (
            _DESTINATION.search(norm_text[max(0, m.nstart - 12) : m.nstart])
            and not _cue_before(_PARTITIVE_BEFORE, norm_text, max(0, m.nstart - 24), m.nstart)
        )
        # "أسعفوا للمشفى", "يتلقون العلاج في مستشفى": where the wounded were treated
        or _cue_before(_TREATED_AT, norm_text, max(0, m.nstart - 50), m.nstart)
        # "بعد تدميره المشافي": what was destroyed before is background
        or _cue_before(_PAST_DESTRUCTION, norm_text, max(0, m.nstart - 90), m.nstart)
        # "مسلحون كانوا يستقلون سيارة": the attackers' car, not what was hit
        or (m.code == "vehicle" and _GUNMEN_RIDE_BEFORE.search_in(norm_text, max(0, m.nstart - 70), m.nstart))
        # "فرق الدفاع المدني تعمل على نقل الجرحى": the rescuers, not what was hit
        or (m.code in ("civil_defense", "medical") and _RESPONDERS_AT_WORK.match(norm_text, m.nend))
        # "مواقع عديدة", "عدة مواقع": various spots, not military positions
        or (m.code == "military" and _SITES_NOT_POSITIONS.search(norm_text, max(0, m.nstart - 6), m.nend + 12))
    )
    road_on = m.code == "road" and bool(_ON_BEFORE.search(norm_text, max(0, m.nstart - 8), m.nstart))
    # "سيارة عسكرية", "حافلة تابعة للجيش": a military vehicle
    military_vehicle = m.code == "vehicle" and bool(_MILITARY_OWNER.match(norm_text, m.nend))
    # "سقطت قذيفة أمام المستشفى": a landmark that says where, not what was hit
    landmark = _LANDMARK_BEFORE.search_in(norm_text, max(0, m.nstart - 14), m.nstart)
    return dropped, road_on, military_vehicle, landmark


def _target_codes(
    seg_m: list[Mention],
    place_index: SpanIndex,
    norm_text: str,
    descriptors: bool = True,
    contexts: dict[Mention, _TargetContext] | None = None,
) -> set[str]:
    """What was hit: target words that are not part of a place name ("مخيم جنين") or of
    a weapon ("سيارة مفخخة"), nor where the wounded were taken ("نقلوا إلى المستشفى").
    ``contexts``: the article's ``_target_context`` of each word, filled on first use (the
    same words are asked about for every segment and both ``descriptors`` settings)."""
    target_words = [m for m in seg_m if m.kind == "targets"]
    if not target_words:
        return set()
    weapon_spans = SpanIndex((m.start, m.end) for m in seg_m if m.kind == "weapons")
    if contexts is None:
        contexts = {}
    out = set()
    for m in target_words:
        if weapon_spans.overlaps(m.start, m.end):
            continue
        opens_place = (
            descriptors
            and m.extra == "descriptor"
            and any(place_index.starts_at(x) for x in (m.start, m.end + 1, m.end + 2))
        )
        if m.extra == "descriptor" and not opens_place:
            continue  # "الحي" alone refers back; it is a target only as "حي X"
        if place_index.overlaps(m.start, m.end) and not opens_place:
            continue  # "مخيم جنين" is a town; but "حي الجورة", "مطار X" name what was hit
        context = contexts.get(m)
        if context is None:
            context = contexts[m] = _target_context(m, norm_text)
        dropped, road_on, military_vehicle, landmark = context
        if dropped:
            continue
        if landmark and not any(o.kind == "weapons" and o.code in _BLAST_WEAPONS for o in seg_m):
            continue  # a blast in front of a building hits it: "انفجرت سيارة مفخخة أمام جامع"
        if road_on and any(o.kind == "targets" and o.code != "road" and 0 <= m.nstart - o.nend <= 60 for o in seg_m):
            continue  # "قاعة على طريق X", "سيارة على الطريق": the road locates what was hit
        if any(o.kind == "targets" and o.code == "camp" and 0 <= m.nstart - o.nend <= 1 for o in seg_m):
            continue  # "مخيم محطة المياه": a camp named after a landmark
        out.add(m.code)
        if military_vehicle:
            out.add("military")
    return out


def _refers_back(seg_trig: list[Mention]) -> bool:
    """Only definite event nouns ("القصف", "الغارات"): the event told just before."""
    return all(t.form.startswith("ال") for t in seg_trig)


def _impact_codes(seg_m: list[Mention], norm_text: str) -> set[str]:
    """Damage said of a facility: an impact word with a target word next to it ("دمار في
    المنازل", "المنزل دمر", "تدميره"), not loss of property in general ("أضرار مادية"
    alone), nor what an earlier attack destroyed ("بعد تدميره المدارس")."""
    facilities = [m for m in seg_m if m.kind == "targets"]
    out = set()
    for m in seg_m:
        if m.kind != "impacts":
            continue
        if _PAST_BEFORE.search(norm_text, max(0, m.nstart - 6), m.nstart):
            continue
        said_of = bool(_MASDAR_WITH_PRONOUN.fullmatch(m.form)) or any(
            -40 <= o.nstart - m.nend <= 60 or 0 <= m.nstart - o.nend <= 40 for o in facilities
        )
        if said_of:
            out.add(m.code)
    return out


_MASDAR_WITH_PRONOUN: Final = re.compile(r"ت\S\Sي\S(?:ه|ها)")  # "تدميره": it refers to the target
_PARTITIVE_BEFORE: Final = Cue(  # "عدد من المنازل", "العشرات من الخيام": some of them, not a start point
    r"\s(?:عدد|العديد|عشرات|العشرات|مئات|المئات|بعض|كثير|الكثير|جزء|عدد كبير)\s+من\s+$",
    ("عدد", "عديد", "عشرات", "مئات", "بعض", "كثير", "جزء"),
)
_PAST_BEFORE: Final = re.compile(r"(?:^|\s)بعد\s+$")
_PAST_DESTRUCTION: Final = Cue(r"\sبعد\s+(?:تدمير|دمار|قصف|استهداف)\S*(?:\s+[^\s.,،;؛:]+){0,8}\s+[وف]?$", ("بعد",))
_TREATED_AT: Final = Cue(
    r"\s[وف]?(?:اسعف|اسعفوا|اسعفت|يسعف|اسعاف|ادخل|ادخلوا|يتلقي|يتلقون|تلقوا|يعالج|يعالجون)"
    r"(?:\s+[^\s.,،;؛:]+){0,4}\s+[بل]?$",
    ("سعف", "اسعاف", "ادخل", "يتلق", "تلقوا", "يعالج"),
)
_SITES_NOT_POSITIONS: Final = re.compile(
    r"(?:عده |بضعه )(?:ال)?مواقع(?![\u0621-\u064a])"
    r"|(?:ال)?مواقع (?:ال)?(?:عديده|متفرقه|مختلفه|متعدده)(?![\u0621-\u064a])"
)
_MILITARY_OWNER: Final = re.compile(
    r"\s+(?:(?:ال)?عسكري(?:ه|ين|تين|تان)?"
    r"|(?:(?:تابع(?:ه|تين|ين)?|تتبع|يتبع|مملوك(?:ه)?) )?"
    r"(?:لل|ل)(?:جيش|قوات|جنود|عسكريين|ميليشيا|مليشيا|ميليشيات|مليشيات))"
    r"(?![\u0621-\u064a])"
)
_ON_BEFORE: Final = re.compile(r"(?:^|\s)علي\s+$")


_ALL: Final = object()
_TERRITORY_SUBS: Final = ("Government regains territory", "Non-state actor overtakes territory")
# "على القرى الأربع", "على هذه البلدات", "على المناطق المذكورة": places named before
_PLACES_TOLD: Final = re.compile(
    r"\s(?:علي|في|الي)\s+(?:(?:هذه|تلك)\s+)?ال(?:قري|بلدات|مدن|مناطق|احياء|قريتين|بلدتين|نقاط|مواقع)"
    r"(?:\s+(?:ال)?(?:اربع|ثلاث|خمس|ست|سبع|ثماني|تسع|عشر|مذكوره|سابقه))?(?=[\s.,،؛:!?؟\"”»]|$)"
)


def _takes_the_places_told(triggers: list[Mention], places: list[PlaceMention], norm_text: str) -> bool:
    """A territory word whose object is a definite plural of places named before ("استعادة
    السيطرة على القرى الأربع"), with no place named right after it."""
    for m in triggers:
        if m.extra != "territory":
            continue
        found = _PLACES_TOLD.search(norm_text, m.nend, m.nend + 40)
        if found is None or re.search(r"[.,،؛:!?؟]", norm_text[m.nend : found.start()]):
            continue
        # "على القرى الأربع الحميرات وقيروطة": the places follow, it is no reference back
        if not any(0 <= p.start - found.end() <= 15 for p in places):
            return True
    return False
_RELATIVE_BEFORE: Final = Cue(
    r"\s(?:التي|الذي|اللتين|اللذين|اللتان|اللذان|اللواتي|الذين)(?:\s+[^\s.,،;؛:]+){1,8}\s+$",
    ("التي", "الذي", "اللت", "اللذ", "اللواتي"),
)
_GUNMEN_RIDE_BEFORE: Final = Cue(
    r"مسلح\S*(?:\s+[^\s.,،;؛:]+){0,3}\s+(?:كانوا\s+|كان\s+)?"
    r"(?:يستقلون|يستقل|يستقلان|يستقلوا|يركبون|يركب|علي متن)\s+$",
    ("مسلح",),
)
_RESPONDERS_AT_WORK: Final = re.compile(
    r"(?:\s+[^\s.,،;؛:]+){0,3}\s+(?:ما زالت\s+|لا تزال\s+)?"
    r"(?:تعمل|يعمل|عملت|تقوم|يقوم|قامت|تمكنت|هرعت|سارعت|انتشلت|تواصل|تحاول|باشرت)(?![\u0621-\u064a])"
)
_GUNFIRE: Final = frozenset({"small_arms", "sniper"})


def _nearest_place(places: list[PlaceMention], at: int | None) -> PlaceMention | object | None:
    """The place a casualty figure belongs to: the only one, else the nearest to it
    (``at`` None: a statement for all of them, returned as ``_ALL``)."""
    if len(places) == 1:
        return places[0]
    if at is None or not places:
        return _ALL
    return min(places, key=lambda p: min(abs(p.start - at), abs(p.end - at)))


def _tells_new_casualties(seg_m: list[Mention], killed: int | None, injured: int | None) -> bool:
    """A sentence without an event word still reports an event of the same kind when it
    counts victims with a verb or an indefinite noun ("قتل 3 مدنيين في X"), not when it
    refers back to known victims ("نقلت جثث القتلى إلى X")."""
    if killed is None and injured is None:
        return False
    words = [m for m in seg_m if m.kind == "casualties"]
    return any(not m.form.startswith("ال") for m in words)


def _updates_toll(seg_m: list[Mention], norm_text: str) -> bool:
    """A toll update ("ارتفعت حصيلة القتلى إلى 9", "ارتفاع عدد الضحايا إلى") gives the known
    victims a new figure: it belongs to the event just told, though its casualty word is definite."""
    return any(
        m.kind == "casualties" and _TOLL_UPDATE.search(norm_text, max(0, m.nstart - 40), m.nstart)
        for m in seg_m
    )


_TOLL_UPDATE: Final = re.compile(
    r"(?:ارتفع|ارتفعت|ارتفاع|وصلت|بلغت|تجاوزت|لترتفع|ليرتفع|ليصل|لتصل)\s+(?:[\u0621-\u064a]+\s+)?(?:حصيله|عدد|اعداد)\s+$"
)


def _event_sentences(sents: list[tuple[int, int]], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Sentences holding an event trigger or a casualty word."""
    starts = [m.start for m in mentions if m.kind in ("triggers", "casualties")]
    out = []
    i = 0
    for s, e in sents:
        while i < len(starts) and starts[i] < s:
            i += 1
        if i < len(starts) and starts[i] < e:
            out.append((s, e))
    return out


_BETWEEN_BEFORE: Final = re.compile(r"(?:^|\s)[وف]?بين\s+(?:[\u0621-\u064a]+\s+)?$")
# "محور قريتي A وB" (a front line joining two villages) is "بين A وB"; "محور بلدات A وB وC"
# lists the villages along it
_FRONT_BEFORE: Final = re.compile(r"(?:^|\s)[وف]?(?:محور|جبهه)\s+(?:[\u0621-\u064a]+\s+)?$")
_BETWEEN_GAP: Final = re.compile(r"^\s*و\s*(?:[\u0621-\u064a]+\s+)?$")


def _between(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """ "بين A وB" (a road or front between two towns) is located at the first town,
    precision 2 (ANNOTATION.md); the second town is not a place of its own."""
    out = []
    skip: set[int] = set()
    for i, p in enumerate(places):
        if i in skip:
            continue
        q = places[i + 1] if i + 1 < len(places) else None
        # only "A و[word] B" can be such a pair: the words before A are read only then
        if q is not None and _BETWEEN_GAP.match(text[p.end : q.start]):
            before = normalize_form_keep(text[max(0, p.start - 20) : p.start])
            r = places[i + 2] if i + 2 < len(places) else None
            front = _FRONT_BEFORE.search(before) and (r is None or not _BETWEEN_GAP.match(text[q.end : r.start]))
            if _BETWEEN_BEFORE.search(before) or front:
                out.append(replace(p, precision=2, relation="between"))
                skip.add(i + 1)
                continue
        out.append(p)
    return out


def normalize_form_keep(s: str) -> str:
    """``normalize_form`` that keeps a trailing space (the context before a word)."""
    return normalize_form(s) + (" " if s[-1:].isspace() else "")


# an aim, a prevention, an intention or a threat: the event word after it did not happen
# (an attempt, "محاولة اغتيال", is an event: the attack took place)
_UNREALISED_BEFORE: Final = Cue(
    r"\s[وف]?(?:بهدف|بغيه|لمنع|منع|دون|للحيلوله دون|تحسبا ل|تحسبا من|خشيه|تهدد ب|يهدد ب|تهديدات ب|"
    r"تسعي ل|يسعي ل|تعتزم|يعتزم|تنوي|ينوي)\s*(?:(?:خروج|وقوع|حدوث|تنفيذ|شن|اي)\s+)?$",
    (
        "بهدف", "بغيه", "منع", "دون", "تحسبا", "خشيه", "تهدد", "يهدد", "تهديدات",
        "يسعي", "تسعي", "تعتزم", "يعتزم", "تنوي", "ينوي",
    ),
)


# "حملة قصف", "الحملة الجوية": a campaign over days and places, not one event (a
# "حملة اعتقالات" in a town is one arrests event: ACLED codes it)
_CAMPAIGN_BEFORE: Final = Cue(r"\s[وبل]?(?:ال)?(?:حمله|حملات|للحمله)\s*$", ("حمل",))
_CAMPAIGN_KEEP: Final = frozenset({"Arrests", "Abduction/forced disappearance"})


def _drop_unrealised(mentions: list[Mention], norm_text: str) -> list[Mention]:
    """Event words right after "بهدف", "لمنع", "دون", "تعتزم" name what was aimed at,
    prevented or intended: "بهدف السيطرة على", "للحيلولة دون خروج مظاهرات"; after
    "حملة" they name a campaign, not an event."""
    out = []
    for m in mentions:
        if m.kind == "triggers":
            before = " " + norm_text[max(0, m.nstart - 20) : m.nstart]  # space-led: see _event_places
            if _UNREALISED_BEFORE.search(before):
                continue
            if m.code not in _CAMPAIGN_KEEP and _CAMPAIGN_BEFORE.search(before):
                continue
        out.append(m)
    return out


# "ألقت القوات القبض على": "ألقى" (dropped) with "القبض" a few words on is the verb of the
# arrest idiom, not an air drop (the idiom's own trigger is "قبض", in the lexicon)
_ARREST_IDIOM_VERBS: Final = frozenset({"القت", "القي", "القوا"})
_ARREST_IDIOM_AFTER: Final = re.compile(r"(?:\s+[^\s.,،؛:!?؟]+){0,4}?\s+القبض")


# "عقب القصف" (in the wake of the shelling): the event named with the article after "عقب" is
# one already told; the sentence tells what followed it, not a new event
_AFTERMATH_BEFORE: Final = Cue(r"(?:^|\s)[وف]?عقب\s+$", ("عقب",))


def _drop_aftermath_references(mentions: list[Mention], norm_text: str) -> list[Mention]:
    """A definite event word right after "عقب" refers back to an event told before."""
    return [
        m
        for m in mentions
        if not (
            m.kind == "triggers"
            and m.form.startswith("ال")
            and _AFTERMATH_BEFORE.search_in(norm_text, max(0, m.nstart - 12), m.nstart)
        )
    ]


# "وسط المدينة", "في المدينة", "بالمدينة": the city the report is about
_THE_CITY: Final = re.compile(r"(?:^|\s)(?:[وف]?(?:ب|ل)?|في\s+|وسط\s+|داخل\s+|اطراف\s+)المدينه(?=\s|[.,،؛:!?؟]|$)")


def _the_city_of_a_governorate(frames: list[Frame], norm_text: str) -> list[Frame]:
    """A governorate named with an event whose sentence places it in "المدينة" (the city):
    the event is in the governorate's seat of the same name ("في محافظة تعز ... قذيفة
    باتجاه ساحة الحرية وسط المدينة" = the city of Taiz, precision 1)."""
    for f in frames:
        pm = f.place
        place = pm.place
        if place is None or place.feature != "ADM1" or not _THE_CITY.search(norm_text, *f.sentence):
            continue
        seats = [
            c
            for c in pm.candidates
            if c.feature in ("PPLA", "PPLC") and c.admin1 == place.admin1 and c.country == place.country
        ]
        if len(seats) != 1:
            continue
        seat = seats[0]
        f.place = replace(
            pm,
            place=seat,
            precision=1,
            relation=None,
            reason=f"{pm.reason}; the sentence says 'المدينة': the seat, {seat.name_en or seat.name}",
        )
    return frames


def _drop_arrest_idiom_verbs(mentions: list[Mention], norm_text: str) -> list[Mention]:
    """The verb of "ألقى القبض على" (arrested) is not the "ألقى" of an air drop."""
    return [
        m
        for m in mentions
        if not (
            m.kind == "triggers"
            and m.form in _ARREST_IDIOM_VERBS
            and _ARREST_IDIOM_AFTER.match(norm_text, m.nend, m.nend + 60)
        )
    ]


def _drop_words_inside_names(mentions: list[Mention]) -> list[Mention]:
    """A trigger, casualty or victim word inside an actor's name is part of the name
    ("تحرير" in "هيئة تحرير الشام", "الشهداء" in "كتائب سيد الشهداء")."""
    names = SpanIndex((m.start, m.end) for m in mentions if m.kind == "actors" and m.extra != "side")
    out = []
    for m in mentions:
        if m.kind in ("triggers", "casualties", "victims", "weapons") and names.contains(m.start, m.end, strictly=True):
            continue
        out.append(m)
    return out


def _is_country(p: PlaceMention) -> bool:
    """A whole country is never an incident's location (ANNOTATION.md's finest is a governorate)."""
    place = p.place
    return place is not None and place.feature.startswith("PCL")


def _is_region(p: PlaceMention) -> bool:
    """A governorate, district or "ريف X" mention (not a town)."""
    place = p.place
    return (
        p.precision == 3
        or p.relation in ("direction", "rif")
        or (place is not None and place.is_admin)
    )


def _norm(s: str) -> str:
    return normalize_form(s)


_PLUPERFECT_WORDS: Final = ("كان", "قد")  # every match of _PLUPERFECT_BEFORE holds both


def _dates_of_the_event(
    dates: list[DateMention], mentions: list[Mention], text: str, norm: NormalizedText
) -> list[DateMention]:
    """The sentence's dates that date its event: not those of a pluperfect clause after its
    first event word ("قتل X ... وكان ابنه قد اغتيل في نوفمبر 2020": November is the son's)."""
    first = next((m for m in mentions if m.kind == "triggers"), None)
    if first is None or not dates:
        return dates
    return [d for d in dates if d.start < first.end or not _recalls_earlier_event(text, norm, first.end, d.start)]


def _recalls_earlier_event(text: str, norm: NormalizedText | None, a: int, b: int) -> bool:
    """``_PLUPERFECT_BEFORE`` in ``text[a:b]`` (normalised): "وكان ... قد" before a place.

    The normalised article ``norm`` shows the same letters of ``text[a:b]`` in the same
    order, with the same characters deleted between them, between ``from_original(a)``
    and ``from_original(b)`` (plus the longest expansion of one character): when "كان"
    or "قد" is missing there, the pattern cannot match and the slice is not normalised.
    """
    if norm is not None:
        na = norm.from_original(a)
        nb = min(len(norm.text), norm.from_original(b) + 1 + longest_expansion())
        region = norm.text[na:nb]
        if any(word not in region for word in _PLUPERFECT_WORDS):
            return False
    return bool(_PLUPERFECT_BEFORE.search(_norm(text[a:b])))


def _is_capital(p: PlaceMention) -> bool:
    place = p.place
    return place is not None and place.feature in ("PPLA", "PPLC")


def _drop_locators(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Places named to locate another place of the same clause-chain: a region or a
    governorate capital AFTER a town ("سرجة بريف إدلب", "دانا في إدلب"), and a
    direction phrase after a place ("سراقب، شرق مدينة إدلب")."""
    out = []
    for i, p in enumerate(places):
        before = places[:i]
        if before and (p.relation == "direction" or (p.relation == "near" and p.start - before[-1].end <= 12)):
            continue  # "العطاطرة قرب بيت لاهيا", "سراقب شرق إدلب": locates the place before
        if before and _CONTAINER_GAP.match(_norm(text[before[-1].end : p.start])):
            continue  # "قرية برخ في ناحية دركار": the second names where the first is
        if (
            before
            and (_is_region(p) or _is_capital(p))
            and any(not _is_region(q) and not _is_capital(q) for q in before)
        ):
            continue
        out.append(p)
    if any(not _is_region(p) for p in out):
        out = [p for p in out if not _is_region(p)]
    return out


def _same_side_same_arm(frames: list[Frame]) -> list[Frame]:
    """ "القصف الإسرائيلي" in a report whose other sentences tell of Israeli air strikes
    is an air strike too: a frame typed only by a bare attack word takes the air-strike
    type when the same side's other frames in the article are air strikes."""
    # "سلسلة تفجيرات" at a place where the report tells of a suicide bombing (or a
    # chemical attack) by the same side is that bombing told in general words
    specific = {(_place_key(f.place), f.actor): f.sub_event for f in frames if f.sub_event in (_SUICIDE_SUB, _CHEM)}
    for f in frames:
        if f.sub_event in (_IED_SUB, _SHELL_SUB, _AIR) and not f.weapons & {"ied", "car_bomb", "landmine"}:
            better = specific.get((_place_key(f.place), f.actor))
            if better:
                f.sub_event = better
                f.why["type"] = f"general words; the report tells of a {better} there"
    air_sides = {f.actor for f in frames if f.sub_event == _AIR and f.actor not in ("UNKNOWN", "PROTESTERS")}
    for f in frames:
        if f.why.get("type") == WORD_ONLY_SHELLING and f.actor in air_sides:
            f.sub_event = _AIR
            f.why["type"] = "attack word; the same side's strikes in this report are from the air"
            if "rocket" in f.weapons:  # a bare "صواريخ" dropped from aircraft
                f.weapons = (f.weapons - {"rocket"}) | {"airstrike_missile"}
    return frames


def _drop_covered_regions(frames: list[Frame]) -> list[Frame]:
    """A region-level frame duplicates the article's town-level frames in that region
    (or, for towns the gazetteer lacks, in the same sentence)."""

    def vague(p: PlaceMention) -> bool:
        # a region, or the outskirts of a city ("محيط دمشق")
        return _is_region(p) or (p.relation == "near" and _is_capital(p))

    town_sentences = {f.sentence for f in frames if not vague(f.place)}
    # a village the gazetteer lacks has no region: it covers a region frame of its kind
    unknown_towns = {(f.sub_event, f.actor) for f in frames if f.place.place is None and not vague(f.place)}
    towns_admin1 = {
        (f.place.place.country, f.place.place.admin1)
        for f in frames
        if f.place.place is not None and not vague(f.place)
    }
    # (sub-event, actor, lat, lon) of the frames at a town with coordinates
    towns = [
        (f.sub_event, f.actor, q.lat, q.lon)
        for f in frames
        if not vague(f.place) and (q := f.place.place) is not None and q.lat is not None and q.lon is not None
    ]

    def near_town(f: Frame) -> bool:
        q = f.place.place
        if q is None or q.lat is None or q.lon is None:
            return False
        return any(
            sub_event == f.sub_event and actor == f.actor and haversine_km(q.lat, q.lon, lat, lon) <= _COVER_KM
            for sub_event, actor, lat, lon in towns
        )

    out = []
    for f in frames:
        place = f.place.place
        if vague(f.place) and (
            near_town(f)
            or f.sentence in town_sentences
            or (f.sub_event, f.actor) in unknown_towns
            or (place is not None and (place.country, place.admin1) in towns_admin1)
        ):
            _hand_over_toll(f, [t for t in frames if not vague(t.place)])
            continue
        out.append(f)
    return out


def _hand_over_toll(region: Frame, towns: list[Frame]) -> None:
    """"اغتال مجهولون أحد العناصر في ريف درعا. ... في بلدة المزيريب": the figure told at the
    region belongs to the one town-level event of the same kind that the region frame gives way to."""
    if region.killed is None and region.injured is None:
        return
    q = region.place.place
    same = [
        t
        for t in towns
        if t.sub_event == region.sub_event
        and t.actor == region.actor
        and (
            q is None
            or t.place.place is None
            or (t.place.place.country, t.place.place.admin1) == (q.country, q.admin1)
        )
    ]
    if len(same) != 1 or (same[0].killed is not None or same[0].injured is not None):
        return
    town = same[0]
    town.killed, town.injured = region.killed, region.injured
    for span in region.evidence:
        if span not in town.evidence:
            town.evidence.append(span)
    town.evidence.sort()


_LEXICON_NOT_PLACE: Final = ("actors", "triggers", "weapons", "targets", "casualties", "cues", "victims", "impacts")


def _not_lexicon_words(places: list[PlaceMention], words: SpanIndex) -> list[PlaceMention]:
    """A place whose bare name is one of our lexicon words (a verb, a force, a
    weapon) is that word, not the place: "الفصائل", "الحربية", "المصدر".
    ``words``: the spans of the article's lexicon mentions (kinds ``_LEXICON_NOT_PLACE``)."""
    out = []
    for p in places:
        a, b = (p.start, p.end)
        name_a = p.name_start if p.name_start >= 0 else a
        name_b = p.name_end if p.name_end >= 0 else b
        if words.contains(name_a, name_b):
            continue
        out.append(p)
    return out


_FAR_KM: Final = 400.0
_PAST_DAYS: Final = 14
_ATTACK_SUB: Final = "Attack"
_SUICIDE_SUB: Final = "Suicide bomb"
_IED_SUB: Final = "Remote explosive/landmine/IED"
_SHELL_SUB: Final = "Shelling/artillery/missile attack"
_CLASH_SUB: Final = "Armed clash"
_COVER_KM: Final = 40.0


def _far_abroad_unknown(places: list[PlaceMention], country: str | None) -> list[PlaceMention]:
    """A named place resolved to an entry far from the article's country ("منطقة صلاح
    الدين" in a Tripoli report resolved to Iraq) is a homonym: keep the name, drop
    the entry (it then has no coordinates, like any place the gazetteer lacks)."""
    home: list[tuple[float, float]] = []
    for p in places:
        q = p.place
        if q is not None and q.country == country and q.lat and q.lon is not None:
            home.append((q.lat, q.lon))
    if not home or country is None:
        return places
    lat = sum(h[0] for h in home) / len(home)
    lon = sum(h[1] for h in home) / len(home)
    out = []
    for p in places:
        q = p.place
        if (
            q is not None
            and q.country != country
            and q.lat is not None
            and q.lon is not None
            and haversine_km(lat, lon, q.lat, q.lon) > _FAR_KM
        ):
            p = replace(p, place=None, reason=f"homonym abroad ({q.key}) dropped")
        out.append(p)
    return out


def _fits_country(p: PlaceMention, country: str | None) -> bool:
    """A bare name (no descriptor) resolved to another country than the article's is
    most likely a common word that happens to be a place name abroad."""
    place = p.place
    if place is None or country is None or place.country == country:
        return True
    return p.surface != p.name
