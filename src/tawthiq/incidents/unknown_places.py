"""Places the gazetteer does not know, named after a settlement word.

Arabic reports introduce most villages with a descriptor: "بلدة سرجة", "قرية
X", and lists after a plural one: "قرى A وB وC", "بلدتي A وB". The name is the
one or two words that follow, up to punctuation, a preposition, a direction,
a relative word or another lexicon word. Such a place has no coordinates: the
incident keeps the name as written (a reviewer or a bigger gazetteer index
resolves it later). Only spans the gazetteer did not claim are returned.
"""

from __future__ import annotations

import re
from typing import Final

from ..gazetteer.model import PlaceMention
from ..text.normalize import normalize_letters
from ..text.scan import GLUE_DROPPED, findall_split, piece_spans
from .spans import SpanIndex

_SINGULAR: Final = frozenset(
    {"مدينه", "بلده", "قريه", "حي", "مخيم", "ناحيه", "بلدات", "مزرعه", "منطقه", "حاره", "تجمع"}
)
_PLURAL: Final = frozenset(
    {"قري", "بلدات", "مدن", "قريتي", "بلدتي", "مدينتي", "احياء", "حيي", "مخيمي", "قريتين", "بلدتين"}
)
_DESCRIPTOR_WORDS: Final = _SINGULAR | _PLURAL  # built once: the word loop tests every word against it
_STOP = frozenset(
    {
        "في",
        "من",
        "على",
        "الى",
        "الي",
        "عن",
        "مع",
        "قرب",
        "بين",
        "حيث",
        "التي",
        "الذي",
        "الذين",
        "اللتين",
        "اللذين",
        "اللتان",
        "اللذان",
        "اللواتي",
        "اللاتي",
        "التابعه",
        "التابع",
        "الواقعه",
        "الواقع",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "شرقي",
        "غربي",
        "شمالي",
        "جنوبي",
        "وسط",
        "محيط",
        "اطراف",
        "بعد",
        "قبل",
        "خلال",
        "منذ",
        "ما",
        "او",
        "ثم",
        "كما",
        "اليوم",
        "امس",
        "صباح",
        "مساء",
        "فجر",
        "ليله",
        "يوم",
        "الشرقي",
        "الغربي",
        "الشمالي",
        "الجنوبي",
        "الشرقيه",
        "الغربيه",
        "الشماليه",
        "الجنوبيه",
        "المحاصره",
        "الاستراتيجيه",
        "المجاوره",
        "القريبه",
        "نفسها",
        "ذاتها",
        "ايضا",
        "وذلك",
        "بريف",
        "ريف",
        "حتي",
        "اثر",
        "جراء",
        "نتيجه",
        "ادي",
        "ادت",
        "اسفر",
        "اسفرت",
        "تسبب",
        "داخل",
        "عند",
        "لدي",
        "بالقرب",
        "ضمن",
        "المدينه",
        "البلده",
        "القريه",
        "المنطقه",
        "الحي",
        "عدد",
        "عده",
        "عشرات",
        "بعض",
        "خفض",
        "عسكريه",
        "سكنيه",
        "الاشتباكات",
        "الاشتباك",
        "العمليات",
        "الحدوديه",
    }
)
# more words that end a name or cannot start one (dual relative adjectives, directions)
_STOP = _STOP | frozenset(
    {
        "الواقعتين",
        "الواقعين",
        "التابعتين",
        "التابعين",
        "المجاورتين",
        "الشمال",
        "الجنوب",
        "الشرق",
        "الغرب",
        "الوسط",
    }
)
_OPENERS: Final = frozenset({"(", "«", '"', "“", "'"})
_SIDE_ADJECTIVES: Final = frozenset(
    {
        "الشرقي",
        "الغربي",
        "الشمالي",
        "الجنوبي",
        "الشرقيه",
        "الغربيه",
        "الشماليه",
        "الجنوبيه",
        "الكبير",
        "الصغير",
        "الكبري",
        "الصغري",
        "الفوقاني",
        "التحتاني",
        "الجديد",
        "الجديده",
        "القديم",
        "القديمه",
    }
)
_VERB_OBJECTS: Final = frozenset({"عليه", "عليها", "فيه", "فيها", "منه", "منها", "اليه", "اليها", "بها", "به"})
# After these descriptors a proper name has the article ("منطقة الرمادي", "حي الكاشف").
_NEEDS_ARTICLE: Final = frozenset({"منطقه", "حي", "مناطق", "احياء"})
# a city quarter: ACLED codes it at its city (ANNOTATION.md "Location")
_QUARTER: Final = frozenset({"حي", "حيي", "احياء", "حاره"})
_WORD: Final = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_WORD_LETTERS: Final = ((0x621, 0x64A), (0x671, 0x6D3))
_PUNCT_BETWEEN: Final = re.compile(r"[.,،;؛:!?؟()\"“”«»\n\-–]")
_NAME_PREFIXES: Final = (
    "ابو",
    "ام",
    "تل",
    "عين",
    "كفر",
    "دير",
    "خربه",
    "بيت",
    "بئر",
    "بير",
    "جسر",
    "رأس",
    "راس",
    "مزارع",
    "سوق",
    "باب",
    "بني",
    "بنى",
    "عرب",
    "جبل",
    "وادي",
    "نهر",
    "ضهر",
)


def _is_preposition_phrase(word: str) -> bool:
    """ "بريف", "بمدينة", "بالقرب": ب + a descriptor, a stop word or the article."""
    rest = word[1:]
    return rest.startswith("ال") or rest in _STOP or rest in _SINGULAR or rest in _PLURAL


# a descriptor word as the scan sees it: bare, or after one attached و ب ف ل
_DESCRIPTOR_OR_PREFIXED: Final = _DESCRIPTOR_WORDS | {p + w for p in "وبفل" for w in _DESCRIPTOR_WORDS}


# word -> normalize_letters(word): news reuses its words, and str.translate costs a
# mapping lookup per character; emptied when full so memory stays bounded
_LETTER_FORMS: Final[dict[str, str]] = {}
_LETTER_FORMS_SIZE: Final = 16_384


def _word_forms(text: str, words: list[str] | None = None) -> list[str]:
    """``normalize_form`` of each ``_WORD`` of ``text`` (``normalize_letters`` is the same
    for words of these letters), memoised per word; ``words``: those words, when known."""
    forms = []
    for word in findall_split(_WORD, text, _WORD_LETTERS, GLUE_DROPPED) if words is None else words:
        form = _LETTER_FORMS.get(word)
        if form is None:
            form = normalize_letters(word)
            if len(_LETTER_FORMS) >= _LETTER_FORMS_SIZE:
                _LETTER_FORMS.clear()
            _LETTER_FORMS[word] = form
        forms.append(form)
    return forms


def has_descriptor_word(forms: list[str]) -> bool:
    """Whether one of the word ``forms`` is a descriptor ("قرية", "بمدينة", "وأحياء"): the
    scan finds names only after one, and most event sentences have none."""
    return not _DESCRIPTOR_OR_PREFIXED.isdisjoint(forms)


_CLEAN_ENDINGS: Final = frozenset(".!?؟\"'”»)]")


def is_cut_off(text: str) -> bool:
    """A report that stops without final punctuation was truncated (snippets, feeds).
    (The last character read after ``rstrip``: a regex ending in ``\\s*$`` is tried at every
    offset of the report.)"""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _CLEAN_ENDINGS


def _two_word_head(span: tuple[int, int], words: list[tuple[int, int, str]], text: str) -> tuple[int, int]:
    """ "قريتي نبعة سليم والياسمينة": in a list, a word between the first name and the "و" of
    the next belongs to the first name."""
    i, j = span
    if j - i != 1 or j + 1 >= len(words):
        return span
    word, after = words[j][2], words[j + 1][2]
    if word.startswith("و") or word in _STOP or not after.startswith("و") or len(after) < 3:
        return span
    if _PUNCT_BETWEEN.search(text[words[i][1] : words[j + 1][0]]):
        return span
    return (i, j + 1)


def find_unknown_places(
    text: str,
    claimed: list[tuple[int, int]],
    lexicon_spans: list[tuple[int, int]],
    country: str | None,
    cut_off: bool = False,
) -> list[PlaceMention]:
    """PlaceMention objects (``place=None``) for descriptor-introduced names.
    ``cut_off``: ``text`` ends where a truncated report stops, so its last word may be
    cut in the middle ("على مدن وبلدا") and is not a name."""
    raw = findall_split(_WORD, text, _WORD_LETTERS, GLUE_DROPPED)
    forms = _word_forms(text, raw)
    if not has_descriptor_word(forms):
        return []  # the scan below would find nothing
    starts, ends = piece_spans(text, raw)
    words = list(zip(starts, ends, forms, strict=True))
    out: list[PlaceMention] = []
    cut_end = len(text.rstrip()) if cut_off else len(text) + 1

    claimed_index = SpanIndex(claimed)
    lexicon_index = SpanIndex(lexicon_spans)

    def taken(a: int, b: int) -> bool:
        return claimed_index.overlaps(a, b) or lexicon_index.contains(a, b)

    def bare(word: str) -> str:
        for _ in range(2):
            if word[:1] in ("و", "ف", "ب", "ل") and len(word) > 3 and word[1:] != word:
                rest = word[1:]
                if rest in _SINGULAR or rest in _PLURAL or word[:1] in ("و", "ف"):
                    word = rest
        return word

    def name_at(i: int, in_list: bool) -> tuple[int, int] | None:
        """Word indexes [i, j) of a name starting at word i."""
        if i >= len(words):
            return None
        first = words[i][2]
        if in_list and first.startswith("و") and len(first) > 2:
            first = first[1:]
        if first in _STOP or bare(first) in _SINGULAR or bare(first) in _PLURAL or len(first) < 2:
            return None
        j = i + 1
        while j < len(words) and j - i < 3:
            gap = text[words[j - 1][1] : words[j][0]]
            prev, nxt = (first if j - 1 == i else words[j - 1][2]), words[j][2]
            if _PUNCT_BETWEEN.search(gap) and not (gap.strip() == "" and prev in _NAME_PREFIXES):
                break  # a line break may split "أبو\nسليم", nothing else
            if nxt.startswith("و") or (nxt.startswith("ب") and _is_preposition_phrase(nxt)):
                break
            if prev in _NAME_PREFIXES or nxt in _NAME_PREFIXES:
                j += 1
                continue
            if j - i == 1 and prev.startswith("ال") and nxt in _SIDE_ADJECTIVES:
                j += 1
                break
            if j - i == 1 and nxt.startswith("ال") and nxt not in _STOP:
                j += 1
            break
        if words[j - 1][2] in _NAME_PREFIXES or (j - 1 == i and first in _NAME_PREFIXES):
            return None
        if j < len(words) and words[j][2] in _VERB_OBJECTS:
            return None  # "قرية يسيطر عليها": a verb and its object pronoun, not a name
        return (i, j)

    for k, (ws, we, w) in enumerate(words):
        base = w[1:] if w[:1] in ("و", "ب", "ف", "ل") and w[1:] in _DESCRIPTOR_WORDS else w
        if base not in _DESCRIPTOR_WORDS:
            continue
        if k + 1 >= len(words):
            continue
        gap = text[we : words[k + 1][0]]
        if _PUNCT_BETWEEN.search(gap) and gap.strip() not in _OPENERS:  # "بلدة (ملس)" is fine
            continue
        spans = []
        first = name_at(k + 1, in_list=False)
        if first and base in _NEEDS_ARTICLE and not words[k + 1][2].startswith("ال"):
            first = None  # "منطقة جبلية", "حي سكني": an adjective, not a name
        if first:
            if base in _PLURAL:
                first = _two_word_head(first, words, text)
            spans.append(first)
            if base in _PLURAL:
                nxt = first[1]
                while nxt < len(words) and words[nxt][2].startswith("و"):
                    if _PUNCT_BETWEEN.search(text[words[nxt - 1][1] : words[nxt][0]]):
                        break
                    more = name_at(nxt, in_list=True)
                    if not more:
                        break
                    spans.append(more)
                    nxt = more[1]
        for i, j in spans:
            a, b = words[i][0], words[j - 1][1]
            if text[a] == "و" and i != k + 1:
                a += 1
            if taken(a, b) or b >= cut_end:
                continue  # claimed, or a word cut off where a truncated text stops
            surface = text[a:b]
            out.append(
                PlaceMention(
                    start=a,
                    end=b,
                    surface=surface,
                    place=None,
                    precision=1,
                    relation="quarter" if base in _QUARTER else ("area" if base == "منطقه" else None),
                    reason=f"not in the gazetteer; named after '{text[ws:we]}'",
                    name_start=a,
                    name_end=b,
                )
            )
            claimed_index.add(a, b)
    return out
