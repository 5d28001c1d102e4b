"""Cardinal numbers in Arabic news text, with offsets into the ORIGINAL text.

``find_numbers(text)`` works on ``normalize(text).text`` (so tatweel,
diacritics, hamza seats and Arabic-Indic/Persian digits do not matter) and
maps every span back with ``to_original``. It reports:

- digits, with thousands separators (``1,200``, ``١٬٢٠٠``) and decimals before
  a multiplier (``3.5 مليون``) - rule ``digits``;
- number words in all genders and cases (data/numbers.json), with the
  proclitics و ف ب ل (``وستة``، ``بثلاثة``) and the article on 3-10
  (``الخمسة``), composed the Arabic way: ``خمسة وعشرون`` = 25, ``ثلاثة عشر`` = 13,
  ``ثلاث مئة`` = 300, ``مئة وخمسون`` = 150, ``ثمانين ألف`` = 80000,
  ``ثلاثة آلاف وخمسمئة`` = 3500, ``ألفين`` = 2000, ``15 ألف`` = 15000,
  ``مليون و200 ألف`` = 1200000 - rule ``words`` or ``mixed``;
- approximations ``أكثر من / نحو / قرابة / حوالي / ما يزيد عن / ما لا يقل عن
  N`` and ``N تقريبا``: value N, ``approximate=True``, the span includes the
  cue, rule prefixed ``approx+``;
- ranges ``بين 5 و 7``, ``5 إلى 7``, ``5-7``, ``5 أو 6``: the lower number,
  rule ``range`` (the span covers the whole range);
- vague quantities (``عدد من``، ``عشرات``، ``مئات``، ``آلاف``، ``عشرات الآلاف``،
  ``العديد``، ``بعض``، ``عدة``): ``value=None``, ``vague=True``, rule ``vague``.

Not reported (they are not counts): times (``11:20``, ``الساعة 11``), numeric
dates (``7/3/2016``, ``12/3``), years (1900-2100 after ``عام/سنة/منذ`` or
before/after a month name, or any number before ``م``/``هـ``), a day number
before a month name (``7 آذار``), percentages (``20%``, ``20 بالمئة``),
labels (``الفرقة 25``, ``رقم 5``) and non-integral values.

``أحد``/``إحدى`` alone count 1 only before a definite noun (``أحد المدنيين``):
``لم يصب أحد`` means nobody. Duals of nouns (``طفلين`` = 2) need the caller's
noun list: see :func:`dual_value`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from tawthiq.text._data import json_data
from tawthiq.text.normalize import NormalizedText
from tawthiq.text.normalize import normalized_view as _normalized
from tawthiq.text.scan import GLUE_ALONE, digit_before, findall_split, isdigit_at, tiling_spans
from tawthiq.text.tokens import strip_proclitics
from tawthiq.text.value import Value

__all__ = ["NumberMention", "dual_value", "find_numbers", "month_names"]


class NumberMention(Value):
    """A count in the text: ``text[start:end]`` is the mention (cue words included).
    Immutable, equal and hashed by its fields (see ``text.value.Value``)."""

    __slots__ = ("approximate", "end", "rule", "start", "vague", "value")

    def __init__(self, start: int, end: int, value: int | None, approximate: bool, vague: bool, rule: str) -> None:
        self.start: Final = start
        self.end: Final = end
        self.value: Final = value
        self.approximate: Final = approximate
        self.vague: Final = vague
        self.rule: Final = rule

    def _fields(self) -> tuple[int, int, int | None, bool, bool, str]:
        return (self.start, self.end, self.value, self.approximate, self.vague, self.rule)



# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, tuple[str, float]]  # norm word -> (kind, value)
    ahad: frozenset[str]
    with_article: frozenset[str]
    proclitics: frozenset[str]
    no_proclitic: frozenset[str]
    vague: _Phrases  # token sequences, longest first
    vague_followers: frozenset[str]
    approx_before: _Phrases
    approx_after: frozenset[str]
    range_links: frozenset[str]
    range_between: _Phrases
    percent_after: _Phrases
    year_before: frozenset[str]
    era_after: frozenset[str]
    hour_before: frozenset[str]
    label_before: frozenset[str]
    months: _Phrases


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(p.split()) for p in items}, key=len, reverse=True))


@cache
def month_names() -> dict[str, tuple[str, int]]:
    """Normalised month name -> (calendar, month number); calendars gregorian/levantine/hijri."""
    d = json_data("months.json")
    out: dict[str, tuple[str, int]] = {}
    for calendar in ("gregorian", "levantine", "hijri"):
        for name, month in d[calendar].items():
            out[name] = (calendar, int(month))
    return out


@cache
def _lexicon() -> _Lexicon:
    d = json_data("numbers.json")
    words: dict[str, tuple[str, float]] = {}
    for kind in ("units", "ten", "tens", "hundreds", "multipliers", "plural_multipliers", "dual_values"):
        for w, v in d[kind].items():
            words[w] = (kind, float(v))
    return _Lexicon(
        words=words,
        ahad=frozenset(d["ahad_needs_definite"]),
        with_article=frozenset(d["units_with_article"]),
        proclitics=frozenset(d["proclitics"]),
        no_proclitic=frozenset(d["no_proclitic_reading"]),
        vague=_Phrases(_phrases(d["vague"])),
        vague_followers=frozenset(d["vague_followers"]),
        approx_before=_Phrases(_phrases(d["approx_before"])),
        approx_after=frozenset(d["approx_after"]),
        range_links=frozenset(d["range_links"]),
        range_between=_Phrases(_phrases(d["range_between"])),
        percent_after=_Phrases(_phrases(d["percent_after"])),
        year_before=frozenset(d["year_before"]),
        era_after=frozenset(d["era_after"]),
        hour_before=frozenset(d["hour_before"]),
        label_before=frozenset(d["label_before"]),
        months=_Phrases(_phrases(list(month_names()))),
    )


@cache
def _triggers() -> frozenset[str]:
    """Every token spelling that can be (part of) a number or start a vague quantity."""
    lex = _lexicon()
    bases = set(lex.words)
    bases.update("ال" + w for w in lex.with_article)
    out = set(bases)
    for p in lex.proclitics:
        out.update(p + w for w in bases)
    vague_first = {phrase[0] for phrases in lex.vague.by_first.values() for phrase in phrases}
    for w in vague_first:
        out.add(w)
        for p1 in "وفبل":
            out.add(p1 + w)
            for p2 in "وفبل":
                out.add(p1 + p2 + w)
    return frozenset(out)


# --------------------------------------------------------------------------- tokens

# Arabic words first: they are most tokens, and the branches start with disjoint
# characters, so the order changes no match (a failed [0-9]+ per word was costly).
_TOKEN_RE: Final = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+|[0-9]+(?:[.,][0-9]+)*|\S")
_TOKEN_LETTERS: Final = ((0x621, 0x64A), (0x66E, 0x6D3), (0x6FA, 0x6FF))  # the first branch's letters


_LATIN_OR_SLASH: Final = frozenset("abcdefghijklmnopqrstuvwxyz/_#@")
_THOUSANDS_RE: Final = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_DECIMAL_RE: Final = re.compile(r"[0-9]+\.[0-9]+")
# Numeric dates and times. No leading look-behind (it would make the engine try
# every position); a leftmost scan starts at the first digit of a run anyway.
# The common first digit is factored out so the regex engine can skip every
# position that is not a digit (same matches as "[0-9]{1,4}([/.-])...|[0-9]{1,2}/...").
_DATE_TIME_RE: Final = re.compile(
    r"[0-9](?:[0-9]{0,3}([/.\-])[0-9]{1,2}\1[0-9]{1,4}(?![0-9])"
    r"|[0-9]?/[0-9]{1,4}(?![0-9/])"
    r"|[0-9]?:[0-9]{2}(?::[0-9]{2})?(?![0-9]))"
)
# Every date/time match has a digit right before one of its separators "/.-:": a cheap
# test (text.scan.digit_before) lets most reports skip the scan above.


class _Atom:
    """One number word or digit string (written-out constructor: see ``text.value``)."""

    __slots__ = ("base", "conj", "kind", "value")

    def __init__(self, kind: str, value: float, conj: bool, base: str) -> None:
        # kind: digits, decimal, units, ten, tens, hundreds, multipliers, plural_multipliers, dual_values
        self.kind: Final = kind
        self.value: Final = value
        self.conj: Final = conj  # prefixed by و / ف (joins a compound)
        self.base: Final = base  # the number word without proclitics


def _classify(word: str, lex: _Lexicon) -> _Atom | None:
    if word[0].isdigit():
        if word.isdigit():
            return _Atom("digits", float(word), False, word)
        if _THOUSANDS_RE.fullmatch(word):
            return _Atom("digits", float(word.replace(",", "")), False, word)
        if _DECIMAL_RE.fullmatch(word):
            return _Atom("decimal", float(word), False, word)
        return None
    hit = lex.words.get(word)
    if hit:
        return _Atom(hit[0], hit[1], False, word)
    if word.startswith("ال") and word[2:] in lex.with_article:
        kind, value = lex.words[word[2:]]
        return _Atom(kind, value, False, word[2:])
    if word[0] in lex.proclitics and word not in lex.no_proclitic and len(word) > 2:
        rest = word[1:]
        conj = word[0] in "وف"
        hit = lex.words.get(rest)
        if hit:
            return _Atom(hit[0], hit[1], conj, rest)
        if rest.startswith("ال") and rest[2:] in lex.with_article:
            kind, value = lex.words[rest[2:]]
            return _Atom(kind, value, conj, rest[2:])
    return None


def _place(value: float) -> int:
    """The place value of the smallest component a compound may still add below."""
    v = int(value)
    place = 1
    while v >= 10 and v % 10 == 0:
        v //= 10
        place *= 10
    return place


# --------------------------------------------------------------------------- parsing


@dataclass
class _Found:
    i: int  # first token index
    j: int  # one past the last token index
    value: int | None
    approximate: bool
    vague: bool
    rule: str

    def __init__(self, i: int, j: int, value: int | None, approximate: bool, vague: bool, rule: str) -> None:
        # written out: the compiled build runs it natively (a dataclass's generated
        # __init__ stays interpreted Python)
        self.i = i
        self.j = j
        self.value = value
        self.approximate = approximate
        self.vague = vague
        self.rule = rule


def _parse_number(toks: list[str], atoms: list[_Atom | None], i: int) -> tuple[float, int, bool] | None:
    """Parse one compound number starting at token i: (value, end token index, had digits)."""
    total = 0.0
    current = 0.0
    last_place = 0  # place of the last component; a joined component must be below it
    prev_kind = ""
    started = False
    digits = False
    k = i
    end = i
    n = len(toks)
    while k < n:
        atom = atoms[k]
        step = 1
        conj = False
        if toks[k] == "و" and started and k + 1 < n and atoms[k + 1] is not None:
            atom = atoms[k + 1]
            step = 2
            conj = True
        if atom is None:
            break
        conj = conj or atom.conj
        kind, v = atom.kind, atom.value
        if not started:
            if kind == "plural_multipliers":
                return None
            if kind == "multipliers":
                total, current, last_place = v, 0.0, int(v)
            else:
                current = v
                last_place = 1 if kind in ("units", "ten") else _place(v)
            started = True
        elif kind in ("digits", "units", "hundreds", "dual_values", "tens", "decimal"):
            if not conj:
                if kind == "hundreds" and v == 100 and prev_kind == "units" and 3 <= current <= 9:
                    current *= 100  # ثلاث مئة
                    last_place = 100
                else:
                    break
            elif kind == "tens" and prev_kind == "units" and 1 <= current <= 9:
                current += v  # خمسة وعشرون
                last_place = 1
            elif last_place >= 100 and v < last_place and kind != "decimal":
                current += v
                last_place = _place(v) if kind != "units" else 1
            else:
                break
        elif kind == "ten":
            if not conj and prev_kind == "units" and 1 <= current <= 9:
                current += 10  # ثلاثة عشر
                last_place = 1
            else:
                break
        elif kind in ("multipliers", "plural_multipliers"):
            if conj:
                if current == 0 and kind == "multipliers" and last_place > v:
                    total += v  # مليون وألف
                    last_place = int(v)
                else:
                    break
            elif current > 0 and (not total or v < last_place or prev_kind not in ("multipliers",)):
                if kind == "plural_multipliers" and current < 3:
                    break
                total += current * v
                current = 0.0
                last_place = int(v)
            else:
                break
        else:
            break
        digits = digits or kind in ("digits", "decimal")
        prev_kind = kind
        k += step
        end = k
    if not started:
        return None
    value = total + current
    return value, end, digits


class _Phrases:
    """Word sequences indexed by first and last word, so a lookup costs a few dict hits."""

    def __init__(self, phrases: tuple[tuple[str, ...], ...]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:  # already longest first
            self.by_first.setdefault(p[0], []).append(p)
            self.by_last.setdefault(p[-1], []).append(p)

    def at(self, toks: list[str], i: int, proclitics: str = "") -> int:
        """Length (in tokens) of the longest phrase starting at token i, else 0."""
        if i >= len(toks):
            return 0
        tok = toks[i]
        for skip in range(3):
            if skip and not (len(tok) > skip and tok[skip - 1] in proclitics):
                break
            for p in self.by_first.get(tok[skip:], ()):
                if toks[i + 1 : i + len(p)] == list(p[1:]):
                    return len(p)
        return 0

    def before(self, toks: list[str], i: int, proclitics: str = "") -> int:
        """Length of the longest phrase ending right before token i, else 0."""
        if i <= 0:
            return 0
        tok = toks[i - 1]
        best = 0
        for skip in range(3):
            if skip and not (len(tok) > skip and tok[skip - 1] in proclitics):
                break
            for p in self.by_last.get(tok[skip:], ()):
                n = len(p)
                if (
                    n > best
                    and i - n >= 0
                    and (
                        n == 1
                        or (toks[i - n + 1 : i - 1] == list(p[1:-1]) and _first_ok(toks[i - n], p[0], proclitics))
                    )
                ):
                    best = n
        return best


def _first_ok(tok: str, word: str, proclitics: str) -> bool:
    extra = len(tok) - len(word)
    return tok == word or (1 <= extra <= 2 and tok.endswith(word) and all(c in proclitics for c in tok[:extra]))


def _not_a_count(toks: list[str], i: int, j: int, value: float, single_digits: bool, lex: _Lexicon) -> bool:
    """Dates, years, times, percentages and labels are not counts."""
    prev = toks[i - 1] if i > 0 else ""
    nxt = toks[j] if j < len(toks) else ""
    if lex.percent_after.at(toks, j, "ب"):
        return True
    if prev in lex.hour_before or prev in lex.label_before:
        return True
    skip = 1 if nxt in ("من", "شهر", "-", "/") else 0  # 9 من يناير, 26-أكتوبر
    month_after = lex.months.at(toks, j + skip, "ب")
    if month_after and 1 <= value <= 31:
        return True
    if single_digits and (1900 <= value <= 2100 or 1300 <= value <= 1500):
        bare_prev = prev[1:] if prev[:1] in "لوب" and prev[1:] in lex.year_before else prev
        if month_after or lex.months.before(toks, i):
            return True
        if 1900 <= value <= 2100 and bare_prev in lex.year_before:
            return True  # عام 2016, في 2016 (a Hijri year needs a month or هـ)
        if i >= 2 and prev in ("/", "-", ",") and lex.months.before(toks, i - 1):
            return True
        if i >= 2 and prev == "و" and toks[i - 2].isdigit() and len(toks[i - 2]) == 4:
            return True  # عامي 2023 و2024
    return nxt in lex.era_after and (single_digits or value >= 100)


def find_numbers(text: str, normalized: NormalizedText | None = None) -> list[NumberMention]:
    """Counts, approximate counts, ranges and vague quantities in ``text`` (offsets into it).

    Pass ``normalized=normalize(text)`` when the caller already has it (saves a pass).
    """
    lex = _lexicon()
    norm = _normalized(text, normalized)
    t = norm.text
    excluded = [m.span() for m in _DATE_TIME_RE.finditer(t)] if digit_before(t, "/.-:") else []
    toks = findall_split(_TOKEN_RE, t, _TOKEN_LETTERS, GLUE_ALONE)
    starts, ends = tiling_spans(t, toks)  # the tokens leave out only the single spaces
    n = len(toks)
    # Only tokens that can start or continue a number are classified (one set lookup each).
    triggers = _triggers()
    cand = [k for k, w in enumerate(toks) if w in triggers or isdigit_at(w, 0)]
    atoms: list[_Atom | None] = [None] * n
    for k in cand:
        atoms[k] = _classify(toks[k], lex)
        if toks[k][0].isdigit():  # digits glued to Latin letters: H100, suwayda24, +2GMT
            a, b = starts[k], ends[k]
            if (a > 0 and t[a - 1] in _LATIN_OR_SLASH) or (b < len(t) and t[b] in _LATIN_OR_SLASH):
                atoms[k] = None
    if excluded:
        ex_i = 0
        for k in cand:
            while ex_i < len(excluded) and excluded[ex_i][1] <= starts[k]:
                ex_i += 1
            if ex_i < len(excluded) and excluded[ex_i][0] < ends[k] and starts[k] < excluded[ex_i][1]:
                atoms[k] = None
                toks[k] = "\x00date"
    found: list[_Found] = []
    pos = 0
    for i in cand:
        if i < pos:
            continue
        pos = i + 1
        if atoms[i] is not None:
            parsed = _parse_number(toks, atoms, i)
            if parsed:
                value, j, digits = parsed
                pos = j
                single_digits = digits and j == i + 1
                if _not_a_count(toks, i, j, value, single_digits, lex) or value != int(value):
                    continue
                atom = atoms[i]
                ahad = j == i + 1 and atom is not None and atom.base in lex.ahad
                if ahad and not (j < n and toks[j].startswith("ال")):
                    continue
                if not digits:
                    rule = "words"
                elif any(a is not None and a.kind not in ("digits", "decimal") for a in atoms[i:j]):
                    rule = "mixed"
                else:
                    rule = "digits"
                found.append(_Found(i, j, int(value), False, False, rule))
                continue
        length = lex.vague.at(toks, i, "وفبل")
        if length:
            j = i + length
            if j < n and toks[j] in lex.vague_followers:
                j += 1
            found.append(_Found(i, j, None, False, True, "vague"))
            pos = j
    found = _merge_ranges(toks, found, lex)
    for f in found:
        if f.vague:
            continue
        cue = lex.approx_before.before(toks, f.i, "وفب")
        if cue:
            f.i -= cue
            f.approximate = True
            f.rule = "approx+" + f.rule
        if f.j < n and toks[f.j] in lex.approx_after:
            f.j += 1  # "30 تقريبا": the cue joins the span
        elif not (f.j + 1 < n and toks[f.j + 1] in lex.approx_after):
            continue  # "30 قتيلا تقريبا": approximate, the noun stays out of the span
        if not f.approximate:
            f.approximate = True
            f.rule = "approx+" + f.rule
    out = []
    for f in found:
        a, b = norm.to_original(starts[f.i], ends[f.j - 1])
        out.append(NumberMention(a, b, f.value, f.approximate, f.vague, f.rule))
    return out


def _merge_ranges(toks: list[str], found: list[_Found], lex: _Lexicon) -> list[_Found]:
    """``بين 5 و 7``, ``5 إلى 7``, ``5-7``, ``5 أو 6`` -> one mention with the lower number."""
    out: list[_Found] = []
    k = 0
    while k < len(found):
        f = found[k]
        if k + 1 < len(found) and not f.vague and not found[k + 1].vague:
            g = found[k + 1]
            between = toks[f.j : g.i]
            linked = len(between) == 1 and between[0] in lex.range_links
            between_cue = lex.range_between.before(toks, f.i, "و")
            wa = (between == ["و"] or (not between and toks[g.i].startswith("و"))) and between_cue
            if linked or wa:
                start = f.i - between_cue if wa else f.i
                low = min(v for v in (f.value, g.value) if v is not None)
                out.append(_Found(start, g.j, low, f.approximate or g.approximate, False, "range"))
                k += 2
                continue
        out.append(f)
        k += 1
    return out


# --------------------------------------------------------------------------- duals

_DUAL_ENDINGS: Final = (("تان", "ه"), ("تين", "ه"), ("ان", ""), ("ين", ""))


def dual_value(
    word_norm: str,
    singular_nouns: set[str] | frozenset[str],
    sound_plural_nouns: set[str] | frozenset[str] = frozenset(),
) -> int | None:
    """2 if ``word_norm`` is the dual of a noun in ``singular_nouns`` (طفلين، شهيدان، قتيلين), else None.

    Words are in ``normalize_form`` spelling; a proclitic (و ف ب ل ك, ال) may be
    attached. ``-ين`` is also the sound masculine plural (مدنيين، مسلحين): for
    nouns in ``sound_plural_nouns`` (and for nisba nouns ending in ي) only the
    unambiguous nominative ``-ان`` counts as a dual.
    """
    for form in strip_proclitics(word_norm):
        for ending, restore in _DUAL_ENDINGS:
            if not form.endswith(ending) or len(form) - len(ending) < 2:
                continue
            singular = form[: -len(ending)] + restore
            if singular not in singular_nouns:
                continue
            if ending == "ين" and (singular in sound_plural_nouns or singular.endswith("ي")):
                return None
            return 2
    return None
