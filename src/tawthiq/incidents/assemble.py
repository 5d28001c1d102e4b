"""Incident assembly: mentions, places, numbers and dates -> event frames -> incidents.

Order of the stages (each reads what the one before assigned):

1. sentences (text layer), headline lines, mentions (lexicons), places
   (gazetteer), numbers and dates (text layer) over the whole article;
2. per sentence, *segments*: a new segment starts at an event trigger that
   follows a place already claimed by the segment before ("غارات على A،
   وقصف مدفعي على B"); each segment is one event frame with its trigger,
   places, actor, weapons, targets, casualty numbers and date;
3. frame -> one candidate incident per event place (background places, the
   dateline, containers of another place and places named only as the
   source of a statement are dropped);
4. the ACLED merge: same place, sub-event type, actor (and day when the text
   says two days) = one incident; targets, weapons, casualties and evidence
   merge.

Everything is rule- and lexicon-driven: the rules are general Arabic news
syntax (who-did-what-where order, casualty phrases, referring back), the
words live in ``mentions/data/*.tsv``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final, Literal, cast

from ..gazetteer.model import PlaceMention
from ..mentions import Mention, load_lexicon
from ..models import SUB_EVENT_TO_EVENT, DateValue, Incident, Location
from ..text import dual_value, normalize_form
from ..text.numbers import NumberMention, find_numbers
from ..text.scan import Cue

log = logging.getLogger(__name__)

# Sub-event types in the order a frame's evidence decides between them.
_AIR: Final = "Air/drone strike"
_SHELL: Final = "Shelling/artillery/missile attack"
_IED: Final = "Remote explosive/landmine/IED"
_SUICIDE: Final = "Suicide bomb"
_CHEM: Final = "Chemical weapon"
_CLASH: Final = "Armed clash"
_GOV_TERR: Final = "Government regains territory"
_NSA_TERR: Final = "Non-state actor overtakes territory"
_ATTACK: Final = "Attack"
_ABDUCT: Final = "Abduction/forced disappearance"
_ARREST: Final = "Arrests"
_PEACEFUL: Final = "Peaceful protest"
_EXCESSIVE: Final = "Excessive force against protesters"
_INTERVENTION: Final = "Protest with intervention"

# Actors that count as a state for the territory rule.
STATE_ACTORS: Final = frozenset(
    {"SYR_GOV", "RUS_MIL", "IRN_MIL", "IRQ_GOV", "YEM_GOV", "SDN_SAF", "ISR_MIL", "TUR_MIL", "LBY_GNA",
     "SAUDI_COAL", "USA_COAL"}
)  # fmt: skip
# The country an actor's own lexicon entry implies (country hint when no place decides).
ACTOR_COUNTRY: Final = {
    "SYR_GOV": "SY", "SYR_OPP": "SY", "HTS": "SY", "SDF": "SY", "HOUTHI": "YE", "YEM_GOV": "YE",
    "SAUDI_COAL": "YE", "LBY_LNA": "LY", "LBY_GNA": "LY", "SDN_SAF": "SD", "SDN_RSF": "SD",
    "IRQ_GOV": "IQ", "HAMAS": "PS",
}  # fmt: skip

_AIR_WEAPONS: Final = frozenset({"barrel_bomb", "airstrike_missile", "vacuum", "bunker_buster", "drone"})
_SHELL_WEAPONS: Final = frozenset({"mortar", "artillery", "rocket", "missile"})
_IED_WEAPONS: Final = frozenset({"ied", "car_bomb", "landmine"})
_CIVILIAN_TARGETS: Final = frozenset(
    {"hospital", "medical", "school", "market", "mosque", "residential", "bakery", "camp", "civil_defense"}
)
# Words in the actor lexicon's forms that make a force an air force.
_AIR_FORCE_WORDS: Final = ("طيران", "طاير", "مروحي", "مقاتلات", "مقاتلاته", "سلاح الجو")
# A force word right after these is the target, not the attacker.
_TARGET_ROLE: Final = re.compile(
    r"\s(?:[وف]?(?:على|ضد|مواقع|موقع|عناصر|صفوف|مقاتلي|مقرات|مقار|مقر|حواجز|حاجز|نقاط|نقطه|معاقل|"
    r"مستودعات|قياديا|قيادي|ضباط|ضابط|سيطره|مناطق|تجمعات|ارتال|رتل|دوريه|مع|بين|الي|لدي|"
    r"المواليه|مواليه|موالين|المعارضه|بحق|تحت سيطره|لسيطره|اعلام|تلفزيون|وكاله|صحيفه|مصادر|مصدر))\s*(?:ال)?"
    r"(?:\s*(?:ميليشيا|ميليشيات|مليشيا|مليشيات|قوات|قوي|تنظيم|جماعه|حركه|فصايل|عناصر)\s+)?[لب]?$"
)
# "X التابع لـ Y": Y is the attacker when X is a force ("طائرات تابعة للنظام"), the
# target when X is a position ("حاجز تابع للهيئة").
_AFFILIATION: Final = Cue(r"\s[وف]?(?:التابعه|التابع|تابعه|تابع|يتبع|تتبع)\s*[لب]?$", ("تابع", "يتبع", "تتبع"))
# "القيادي السابق في الجيش الحر": the victim's group, not the attacker.
_MEMBER_OF: Final = Cue(
    r"\s(?:ال)?(?:قيادي|عنصر|عناصر|مقاتل|مقاتلي|قائد|ضابط|ضباط|مسؤول|عضو|اعضاء|منتسب|منتسبي)"
    r"(?:\s+(?:ال)?(?:سابق|بارز|السابق|البارز))?\s+في\s*$",
    ("قيادي", "عنصر", "عناصر", "مقاتل", "قائد", "ضابط", "ضباط", "مسؤول", "عضو", "اعضاء", "منتسب"),
)
# "حي الجورة الذي تسيطر عليه القوات": a relative clause describes the place.
_RELATIVE: Final = Cue(r"\s(?:الذي|التي|الذين|الخاضعه|الخاضع)\s+(?:\S+\s+){0,2}$", ("الذي", "التي", "الذين", "الخاضع"))
_NUMBER_GAP: Final = re.compile(
    r"^[\s\"'«»“”()\-–]*(?:(?:نحو|حوالي|قرابه|اكثر من|ما لا يقل عن|ما يزيد عن|"
    r"ما يقارب|زهاء|الي|الى|عن|الـ|ال)\s*)*$"
)
_HEADLINE_MAX: Final = 90
WORD_ONLY_SHELLING: Final = "attack word, no shelling weapon"


@dataclass
class Frame:
    """One event frame: a trigger with its place, actor and details, in one segment."""

    sub_event: str
    actor: str
    place: PlaceMention
    sentence: tuple[int, int]
    sentence_index: int
    headline: bool
    date: DateValue | None
    date_explicit: bool
    killed: int | None = None
    injured: int | None = None
    civilian: bool = False
    targets: set[str] = field(default_factory=set)
    weapons: set[str] = field(default_factory=set)
    impacts: set[str] = field(default_factory=set)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    why: dict[str, object] = field(default_factory=dict)
    part: str | None = None  # the quarter named, when the frame was moved to its city

    def __init__(
        self,
        sub_event: str,
        actor: str,
        place: PlaceMention,
        sentence: tuple[int, int],
        sentence_index: int,
        headline: bool,
        date: DateValue | None,
        date_explicit: bool,
        killed: int | None = None,
        injured: int | None = None,
        civilian: bool = False,
        targets: set[str] | None = None,
        weapons: set[str] | None = None,
        impacts: set[str] | None = None,
        evidence: list[tuple[int, int]] | None = None,
        why: dict[str, object] | None = None,
        part: str | None = None,
    ) -> None:
        # written out: the compiled build runs it natively (a dataclass's generated
        # __init__ stays interpreted Python); None stands for a new empty collection
        self.sub_event = sub_event
        self.actor = actor
        self.place = place
        self.sentence = sentence
        self.sentence_index = sentence_index
        self.headline = headline
        self.date = date
        self.date_explicit = date_explicit
        self.killed = killed
        self.injured = injured
        self.civilian = civilian
        self.targets = set() if targets is None else targets
        self.weapons = set() if weapons is None else weapons
        self.impacts = set() if impacts is None else impacts
        self.evidence = [] if evidence is None else evidence
        self.why = {} if why is None else why
        self.part = part


def has_arabic(text: str, minimum: int = 20) -> bool:
    """At least ``minimum`` Arabic letters in the first 5,000 characters."""
    count = 0
    for ch in text[:5000]:
        if "\u0621" <= ch <= "\u064a":
            count += 1
            if count >= minimum:
                return True
    return False


def headline_spans(text: str, sents: list[tuple[int, int]]) -> set[int]:
    """Indexes of leading sentences that are headlines: short lines without a final full stop."""
    out: set[int] = set()
    for i, (s, e) in enumerate(sents[:4]):
        line_break_after = "\n" in text[e : e + 3] or e == len(text)
        if e - s <= _HEADLINE_MAX and line_break_after and text[e - 1] not in ".!؟?:":
            out.add(i)
        else:
            break
    return out


def inserted_title_spans(text: str, sents: list[tuple[int, int]], heads: set[int]) -> set[int]:
    """Indexes of title lines inside the body (a linked report's headline, "انفجار سيارة
    مفخخة في مدينة X", a caption): a short line of its own without a final stop, between two
    lines of prose that end with one, and right under the line before it (a sub-heading is
    set off from the paragraph before by a blank line: it heads what follows). It tells no
    event of the report and does not interrupt one."""
    out: set[int] = set()
    for i in range(1, len(sents) - 1):
        s, e = sents[i]
        if i in heads or e - s > _HEADLINE_MAX or text[e - 1] in _STOPS or not text[s].isalpha():
            continue
        gap_before = text[sents[i - 1][1] : s]
        if "\n" not in text[e : e + 3] or gap_before.count("\n") != 1:
            continue
        before, after = sents[i - 1], sents[i + 1]
        # a line after a colon is what the colon announces ("الأحداث التالية:")
        if all(text[a:b].rstrip(_CLOSE_QUOTES)[-1:] in _STOPS[:-1] for a, b in (before, after)):
            out.add(i)
    return out


_STOPS: Final = ".!؟?:"
_CLOSE_QUOTES: Final = "\"'»”’)"


def _preceding_norm(norm_text: str, nstart: int, width: int = 24) -> str:
    return norm_text[max(0, nstart - width) : nstart]


class Assembler:
    """Builds incidents for one article from the stage outputs (pure; no I/O)."""

    def __init__(self, text: str, norm_text: str, published: dt.date | None) -> None:
        self.text = text
        self.norm_text = norm_text
        self.published = published
        # the words before an actor mention decide the same way for every segment and
        # sentence that asks: one decision per mention start
        self._role_before: dict[int, bool] = {}
        self._affiliation_before: dict[int, bool] = {}

    # ------------------------------------------------------------------ actors
    def actor_mentions(self, mentions: list[Mention], country: str | None) -> list[Mention]:
        """Actor mentions that can name a perpetrator: scope fits, not in a target role,
        demonyms only after a force word, an attack word or a weapon."""
        out = []
        others = [m for m in mentions if m.kind in ("actors", "triggers", "weapons")]
        for m in mentions:
            if m.kind != "actors" or not m.applies_to(country):
                continue
            if m.extra == "demonym":
                ok = any(o is not m and o.end <= m.start and m.start - o.end <= 12 for o in others)
                if not ok:
                    continue
            if self._in_role_before(m.nstart):
                continue
            if self._affiliated_before(m.nstart) and any(
                t.end <= m.start and m.start - t.end <= 25 for t in mentions if t.kind == "targets"
            ):
                continue
            out.append(m)
        return out

    def _in_role_before(self, nstart: int) -> bool:
        """The words before an actor make it a target, a relative clause or a member."""
        found = self._role_before.get(nstart)
        if found is None:
            # the patterns are led by \s, not (?:^|\s), on space-led windows: the regex
            # engine skips ahead to the spaces
            before = _preceding_norm(self.norm_text, nstart, 30)
            found = bool(
                _TARGET_ROLE.search(" " + before[-24:])
                or _RELATIVE.search(" " + before)
                or _MEMBER_OF.search(" " + before)
            )
            self._role_before[nstart] = found
        return found

    def _affiliated_before(self, nstart: int) -> bool:
        """The words before an actor tie it to a facility ("التابع ل"): checked with the targets near it."""
        found = self._affiliation_before.get(nstart)
        if found is None:
            found = bool(_AFFILIATION.search(" " + _preceding_norm(self.norm_text, nstart, 30)))
            self._affiliation_before[nstart] = found
        return found

    @staticmethod
    def is_air_force(m: Mention) -> bool:
        return any(w in m.form for w in _AIR_FORCE_WORDS)

    # --------------------------------------------------------------- numbers
    def casualties(
        self, segment_mentions: list[Mention], numbers: list[NumberMention], seg: tuple[int, int]
    ) -> tuple[int | None, int | None, list[str], int | None]:
        """Killed and injured figures of a segment (the number nearest each casualty
        word; an update's final figure), why, and where the casualty phrase is."""
        found: dict[str, int] = {}
        why: list[str] = []
        where: int | None = None
        for m in segment_mentions:
            if m.kind == "negations":
                found.setdefault("killed", 0)
                found.setdefault("injured", 0)
                why.append(f"negation:{m.form}")
                where = m.start if where is None else where
        for m in segment_mentions:
            if m.kind != "casualties":
                continue
            value = self._number_for(m, numbers, seg)
            if value is None:
                continue
            key = m.code
            if found.get(key) in (None, 0) or value > found[key]:
                found[key] = value
                why.append(f"{key}:{m.form}={value}")
                where = m.start
        if why and all(w.startswith("negation:") for w in why):
            where = None  # "دون تسجيل إصابات" holds for every place of the segment
        return found.get("killed"), found.get("injured"), why, where

    def _number_for(self, m: Mention, numbers: list[NumberMention], seg: tuple[int, int]) -> int | None:
        """The number right before the casualty word ("10 قتلى") or right after it
        ("مقتل 8 مدنيين", "ارتفع عدد القتلى إلى 14": the last figure of the update)."""
        best: tuple[int, int] | None = None
        for num in numbers:
            value = num.value
            if value is None or num.vague:
                continue
            if not (seg[0] <= num.start and num.end <= seg[1]):
                continue
            if 1900 <= value <= 2100 and num.end - num.start == 4:
                continue  # a year
            if num.end <= m.start:
                gap = self.text[num.end : m.start]
                if len(gap) <= 24 and _gap_before_ok(gap):
                    dist = m.start - num.end
                    if best is None or dist < best[0]:
                        best = (dist, int(value))
            elif num.start >= m.end:
                gap = self.text[m.end : num.start]
                if len(gap) <= 30 and _gap_ok(gap):
                    dist = num.start - m.end
                    if best is None or dist < best[0]:
                        best = (dist, int(value))
            elif num.start <= m.start and m.end <= num.end:
                # the number word is the casualty word itself (a dual: "شهيدين")
                best = (0, int(value))
        if best is not None:
            return best[1]
        if _VAGUE_PAIR.search(self.norm_text, max(0, m.nstart - 12), m.nend + 12):
            return None  # "العشرات بين شهيد وجريح": a vague count
        return self._count_from_words(m)

    def _count_from_words(self, m: Mention) -> int | None:
        """No figure: a dual ("استشهد مدنيان", "قتلتا") says 2, a singular person noun
        next to the casualty word ("قتل طفل", "شهيد") says 1."""
        if m.extra == "2":
            return 2  # a dual verb or noun: "قتلتا", "شهيدين"
        suffix = _SUFFIX.match(self.norm_text, m.nend)
        if suffix and m.form in ("مقتل", "استشهاد", "اصابه", "وفاه", "مصرع"):
            return 1  # "أدى لمقتله": his death, one person
        nxt = _WORD_AFTER.match(self.norm_text, m.nend)
        for _ in range(5):  # the subject stands between verb and object: "اغتال مسلحون مجهولون ضابطا"
            # and a time adverb too: "اغتال مسلحون ليل السبت امرأة"
            if not nxt or (nxt.group(1) not in _actor_words() and nxt.group(1) not in _TIME_ADVERBS):
                break
            nxt = _WORD_AFTER.match(self.norm_text, nxt.end(1))
        prev = _WORD_BEFORE.search(self.norm_text, max(0, m.nstart - 30), m.nstart)
        for after, word in ((True, nxt.group(1) if nxt else None), (False, prev.group(1) if prev else None)):
            if not word:
                continue
            if _dual_of_person(word):
                return 2
            bare = _strip_clitic(word)
            if after and bare in ("احد", "احدي"):
                return 1  # "اغتالوا أحد عناصر الفصيل": one of them
            if bare in _ONE_OF_THEM:
                # "أحدهم أصيب", "أصيب أحدهما": one of the persons just named; not when "the
                # others" follow ("أعدم أحدهم ... والآخران"): the group is split, its count holds
                rest = self.norm_text[m.nend : m.nend + 120].split(".")[0]
                return None if _THE_OTHERS.search(rest) else 1
            kin = after and m.form in _DEATH_NOUNS and word in _KIN_AFTER_DEATH
            if kin or bare in _singular_persons() or (bare.startswith("ال") and bare[2:] in _singular_persons()):
                if after and nxt is not None:  # "مقتل امرأة وابنتها", "مقتل رجل وزوجته وطفلين": the persons add up
                    return 1 + self._coordinated_persons(nxt.end(1))
                return 1
            if after and m.form in _DEATH_NOUNS and _NISBA.match(word):
                return 1  # "مقتل فلسطينية": one person named by an indefinite nisba
        if m.extra.isdigit():
            return int(m.extra)
        return None


    def _coordinated_persons(self, at: int) -> int:
        """Persons joined by "و" after a counted one: a singular noun (with or without a
        pronoun: "وابنتها", "وزوجته") adds 1, a dual ("وطفلين") 2; anything else ends the list."""
        total = 0
        for _ in range(6):
            nxt = _COORDINATED.match(self.norm_text, at)
            if not nxt:
                break
            word = nxt.group(1)
            bare = _POSSESSED.sub(lambda x: "ه" if x.group(1) else "", word)
            if bare in _singular_persons() or word in _singular_persons():
                total += 1
            elif _dual_of_person(word):
                total += 2
            elif bare != word and bare in _person_nouns() and (count := self._count_word_at(nxt.end(1))):
                # "وأطفالها الستة": her children, then their number
                total += count[0]
                at = count[1]
                continue
            else:
                break
            at = nxt.end(1)
        return total

    def _count_word_at(self, at: int) -> tuple[int, int] | None:
        """A number word right after ``at`` ("الستة"): its value and end."""
        nxt = _WORD_AFTER.match(self.norm_text, at)
        if not nxt:
            return None
        found = find_numbers(nxt.group(1))
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(nxt.group(1)):
            value = found[0].value
            if value is not None and value == int(value) and 2 <= value <= 20:
                return int(value), nxt.end(1)
        return None


_TIME_ADVERBS: Final = frozenset(
    {"ليل", "ليله", "مساء", "صباح", "فجر", "ظهر", "عصر", "يوم", "اليوم", "امس"}
    | {"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"}
)
# short kinship nouns that are also function words once normalised ("أم" or, "آب" August): a
# person only as the object of a death noun ("مقتل أم وأطفالها", "استشهاد أب وابنه")
_KIN_AFTER_DEATH: Final = frozenset({"ام", "اب", "اخ", "اخت"})
_ONE_OF_THEM: Final = frozenset({"احدهم", "احدهما", "احداهن", "احداهما", "احدهن"})
_THE_OTHERS: Final = re.compile(
    r"(?<![\u0621-\u064a])[وف]?(?:الاخر|الاخران|الاخرين|الاخرون|الاخري|الباقون|الباقين|البقيه)(?![\u0621-\u064a])"
)
_COORDINATED: Final = re.compile(r"\s+و([\u0621-\u064a]+)")
_POSSESSED: Final = re.compile(r"(ت)?(?:ها|هما|هم|ه)$")  # "ابنتها" -> "ابنه", "زوجته" -> "زوجه"
_SUFFIX: Final = re.compile(r"(?:ه|ها)(?![\u0621-\u064a])")
_DEATH_NOUNS: Final = frozenset({"مقتل", "استشهاد", "وفاه", "مصرع", "اصابه"})
_NISBA: Final = re.compile(r"^(?!ال)[\u0621-\u064a]{3,}(?:يه|ي)$")
_WORD_AFTER: Final = re.compile(r"\s+([^\s.,;:!?\"'()]+)")
# possessive: a start inside an earlier word fails at once (the same matches as "+")
_WORD_BEFORE: Final = re.compile(r"([^\s.,;:!?\"'()]++)\s+$")


@cache
def _person_nouns() -> frozenset[str]:
    # person nouns only: victims, and the casualty NOUNS (those that count by themselves)
    words = {e.form for e in load_lexicon("victims")} | {e.form for e in load_lexicon("casualties") if e.extra}
    return frozenset(words)


@lru_cache(maxsize=1 << 14)
def _dual_of_person(word: str) -> bool:
    """Whether ``word`` is the dual of a person noun ("طفلين", "شهيدان"): the same
    words come back in article after article."""
    return bool(dual_value(word, _person_nouns()))


@cache
def _singular_persons() -> frozenset[str]:
    return frozenset(e.form for e in load_lexicon("victims") if e.extra == "1")


def _strip_clitic(word: str) -> str:
    return word[1:] if word[:1] in ("و", "ف", "ب", "ل") and len(word) > 3 else word


_VAGUE_PAIR: Final = re.compile(r"بين (?:شهيد|قتيل|جريح|مصاب|قتلي|جرحي) و ?(?:شهيد|قتيل|جريح|مصاب|اسير|قتلي|جرحي)")


def _gap_before_ok(gap: str) -> bool:
    """Between a number and the casualty word after it: fillers and at most one person
    noun ("3 أطفال قتلوا", "ثلاثة مدنيين قتلوا", "10 قتلى")."""
    if any(ch in gap for ch in ".،,;؛:\n"):
        return False
    norm = _norm_gap(gap)
    if _NUMBER_GAP.match(norm):
        return True
    words = norm.split()
    nouns = [w for w in words if _strip_clitic(w) in _person_nouns() or w in _person_nouns()]
    return len(nouns) == 1 and all(w in _GAP_WORDS or w in nouns for w in words)


def _norm_gap(gap: str) -> str:
    return normalize_form(gap) if gap.strip() else ""


_GAP_WORDS: Final = frozenset(
    {"نحو", "حوالي", "قرابه", "اكثر", "من", "ما", "لا", "يقل", "عن", "يزيد", "يقارب", "زهاء", "الي", "عدد",
     "القتلى", "الضحايا", "الشهداء", "الجرحى", "المصابين", "حصيله", "ليصل", "لتصل", "وصل", "ارتفع",
     "ارتفعت", "الـ", "ال", "حتي", "الان", "ضحايا", "اعداد", "جراء", "القصف", "على", "الاقل", "بحق"}
)  # fmt: skip


def _gap_ok(gap: str) -> bool:
    """Between a casualty word and the number after it only filler words may stand."""
    if any(ch in gap for ch in ".،,;؛:\n"):
        return False
    words = _norm_gap(gap).split()
    nouns = [w for w in words if _strip_clitic(w) in _person_nouns()]
    return (
        len(words) <= 5
        and len(nouns) <= 1
        and all(
            w in _GAP_WORDS or w in nouns or w in _actor_words() or (w.startswith("ال") and w[2:] in _GAP_WORDS)
            for w in words
        )
    )


@cache
def _actor_words() -> frozenset[str]:
    """Words of the actor names: the subject may stand between verb and number
    ("قتل مسلحون مجهولون 3 مدنيين")."""
    return frozenset(w for e in load_lexicon("actors") for w in e.form.split()) | {"مسلحون"}


def decide_sub_event(
    triggers: list[Mention],
    weapons: set[str],
    air_force: bool,
    civilian: bool,
    killed_or_hurt: bool,
    actor: str,
    attack: bool = False,
    civilian_target: bool = False,
    killed: bool | None = None,
) -> tuple[str, str]:
    """The sub-event type of a frame from its triggers, weapons and force; with the reason.

    Strong triggers name the type; generic ones ("قصف", "استهدف", "هجوم") take it
    from the weapon or the force: aircraft or air weapons -> air strike, shells
    or rockets -> shelling, guns on civilians -> attack, guns otherwise -> clash.
    ``killed`` (when known) tells deaths apart from injuries for protests.
    """
    strong = {t.code for t in triggers if t.extra == "strong"}
    generic = {t.code for t in triggers if t.extra == "generic"}
    if attack:  # people killed by a named weapon, no event word: an attack with that weapon
        generic.add(_CLASH)
    territory = any(t.extra == "territory" for t in triggers)
    if _PEACEFUL in strong or _INTERVENTION in strong:
        # ACLED: lethal force (live fire, deaths) is excessive force; a protest broken up
        # otherwise (arrests, people hurt by tear gas or batons) is a protest with intervention
        if "small_arms" in weapons or (killed_or_hurt if killed is None else killed):
            return _EXCESSIVE, "protest+force"
        if killed_or_hurt or _ARREST in strong or _INTERVENTION in strong:
            return _INTERVENTION, "protest+intervention"
        return _PEACEFUL, "protest"
    if "chemical" in weapons or _CHEM in strong:
        return _CHEM, "weapon:chemical"
    if _SUICIDE in strong or "suicide" in weapons:
        return _SUICIDE, "suicide"
    if _AIR in strong:
        return _AIR, "trigger:air"
    if _IED in strong or weapons & _IED_WEAPONS:
        return _IED, "trigger/weapon:ied"
    attack_word = bool(generic) or _SHELL in strong
    if attack_word or weapons & (_AIR_WEAPONS | _SHELL_WEAPONS):
        if air_force or weapons & _AIR_WEAPONS or _AIR in generic:
            return _AIR, "attack+air force/weapon"
        if _SHELL in strong or weapons & (_SHELL_WEAPONS - {"rocket"}):
            return _SHELL, "attack+shells"
        if _SHELL in generic or weapons & _SHELL_WEAPONS:
            # only "قصف"/"عدوان" or generic rockets: shelling unless the article says aircraft
            return _SHELL, WORD_ONLY_SHELLING
    if _ATTACK in strong:
        return _ATTACK, "trigger:attack"
    if _ABDUCT in strong:
        return _ABDUCT, "trigger:abduction"
    if _ARREST in strong:
        return _ARREST, "trigger:arrest"
    if territory:  # "سيطرت ... بعد اشتباكات": the clash ends in a change of control
        return (_GOV_TERR if actor in STATE_ACTORS else _NSA_TERR), "territory+actor"
    if _CLASH in strong:
        return _CLASH, "trigger:clash"
    if "Looting/property destruction" in strong:
        return "Looting/property destruction", "trigger:looting"
    if generic:
        guns = {"sniper", "small_arms"} & weapons
        if civilian and (guns or _ATTACK in generic or killed_or_hurt):
            return _ATTACK, "attack on civilians"
        if civilian_target and not guns:
            return _SHELL, "attack on buildings, no guns"
        return _CLASH, "attack"
    return "", ""


def to_incident(frame: Frame, provenance: bool) -> Incident:
    """A merged frame as an ``Incident`` (evidence sorted and de-duplicated)."""
    pm = frame.place
    place = pm.place
    name = pm.name or pm.surface
    unit = pm.container if place is None else None  # "بلدة X بريف إدلب": X unknown, in Idlib
    told_country = frame.why.get("country")  # the report's country, for a place the gazetteer lacks
    loc = Location(
        name=name,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geonameid=place.geonameid if place else None,
        admin1=place.admin1 if place else (unit.admin1 if unit else None),
        country=place.country if place else (unit.country if unit else cast("str | None", told_country)),
        precision=cast(Literal[1, 2, 3], pm.precision if pm.precision in (1, 2, 3) else 1),
    )
    prov = None
    if provenance:
        prov = {k: v for k, v in frame.why.items() if k != "country"}
        prov["place"] = {"key": place.key if place else None, "reason": pm.reason, "relation": pm.relation}
    return Incident(
        event_type=SUB_EVENT_TO_EVENT[frame.sub_event],
        sub_event_type=frame.sub_event,
        actor1=frame.actor,
        location=loc,
        date=frame.date,
        killed=frame.killed,
        injured=frame.injured,
        civilian_victims=frame.civilian,
        targets=sorted(frame.targets),
        weapons=sorted(frame.weapons),
        impacts=sorted(frame.impacts),
        evidence=sorted(set(frame.evidence)),
        provenance=prov,
    )
