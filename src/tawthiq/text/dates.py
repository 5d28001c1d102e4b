"""Date mentions resolved against the publication date, as ORDERED DATA.

``find_dates(text, published)`` normalises ``text`` (tatweel, diacritics,
Arabic-Indic digits do not matter), runs the rules of :data:`DATE_RULES` in
order, each a small named regex + resolver (like dateparser's ``PARSERS``),
keeps a match only if it does not overlap a match of an earlier rule, and maps
spans back to the original text. A weekday right before an explicit date
("الإثنين 7 آذار") is folded into the explicit date's span.

Resolution follows ANNOTATION.md:

- ``اليوم`` (also ``صباح/فجر/مساء اليوم``) = published; but when the text
  names the weekday of its today (``اليوم الأحد`` in a Monday paper), a bare
  ``اليوم``/``أمس`` of that text counts from that day (the writer's today);
- ``أمس``, ``ليلة/فجر/صباح/مساء أمس``, ``الليلة الماضية``, ``منتصف الليلة
  الماضية``, ``البارحة`` = published - 1; ``أمس الأول`` = published - 2;
- ``ليلة/فجر/صباح/مساء/ظهر/يوم/منتصف ليلة`` + weekday, or a bare weekday =
  the latest such weekday ON OR BEFORE published; weekday + ``الماضي`` = the
  latest STRICTLY BEFORE; weekday + ``المقبل`` = the next strictly after;
- ``قبل يومين``, ``قبل ثلاثة أيام``, ``منذ 4 أيام`` = published - n (day);
- ``قبل أيام``, ``هذا الأسبوع`` = published, precision week; ``الأسبوع
  الماضي`` / ``قبل أسبوع`` = published - 7, precision week;
- ``الشهر الجاري/الحالي`` = published, precision month; ``الشهر الماضي`` =
  first day of the previous month, precision month;
- explicit dates with Gregorian (يناير...) or Levantine (كانون الثاني...) month
  names, also combined (``أكتوبر/تشرين الأول``), with or without a year (no
  year: the latest such date on or before published; ``الجاري`` after the
  month: published's year); month + year = the first of the month, precision
  month; ``شهر آذار`` / ``آذار الماضي`` = the latest such month, precision
  month;
- numeric dates ``2016/03/07``, ``7-3-2016``, ``7/3/2016`` (day first), and
  ``7/3`` (no year, as above);
- Hijri dates ``5 رمضان 1437 هـ`` via ``hijridate`` (1343-1500 AH); without a
  year, the latest such Hijri date on or before published.

A rule that needs ``published`` and has none, or a date that does not exist
(31/2/2016), gives no mention: nothing is invented. Limits: ordinal day words
(``الخامس من آذار``), two-digit years and "next week" phrases are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final, Literal

import ahocorasick

from tawthiq.text._data import json_data
from tawthiq.text._first_chars import first_chars, prefixes
from tawthiq.text.normalize import NormalizedText
from tawthiq.text.normalize import normalized_view as _normalized
from tawthiq.text.numbers import month_names
from tawthiq.text.scan import SPACE_FIRST_KEY, digit_before, isalnum_at, trie_order

__all__ = ["DATE_RULES", "DateMention", "DateRule", "find_dates"]

Precision = Literal["day", "week", "month"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date: ``text[start:end]`` is the phrase, ``rule`` the rule that read it."""

    start: int
    end: int
    date: dt.date
    precision: Precision
    rule: str

    def __reduce__(self) -> tuple[type[DateMention], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        return (DateMention, (self.start, self.end, self.date, self.precision, self.rule))


Resolved = tuple[dt.date, Precision] | None
Resolver = Callable[[re.Match[str], "dt.date | None"], Resolved]


@dataclass(frozen=True)
class DateRule:
    """One named rule: ``pattern`` (a template over normalised text) and its resolver."""

    name: str
    pattern: str
    resolve: Resolver
    anchor: str = ""
    """A short required part of the phrase (a template too, e.g. ``{WD}``): the rule is
    tried only at word starts up to 40 characters before an anchor hit, so the regex
    engine never tries the full pattern at every position."""
    needs: tuple[str, ...] = ()
    """Substrings of the normalised text, one of which must occur at a word start
    (after at most 4 proclitic/article letters) for the rule to run: a cheap filter,
    one Aho-Corasick pass for all rules (``@solar``, ``@hijri``, ``@weekday``,
    ``@numeric`` stand for the month names, weekday names and digit-separator-digit).
    It is exact only if every anchor hit starts with a need word: keep it so."""


# --------------------------------------------------------------------------- data


@cache
def _cues() -> dict:
    return json_data("dates.json")


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@cache
def _months(calendar: str) -> dict[str, int]:
    return {name: m for name, (cal, m) in month_names().items() if cal == calendar}


@cache
def _day_numbers() -> dict[str, int]:
    d = json_data("numbers.json")
    out = {w: int(v) for w, v in d["units"].items() if v >= 3}
    out.update({w: int(v) for w, v in d["ten"].items()})
    return out


@cache
def _placeholders() -> dict[str, str]:
    c = _cues()
    solar = {**_months("gregorian"), **_months("levantine")}
    month = _alt(list(solar))
    return {
        "WD": "(?P<wd>" + _alt(list(c["weekdays"])) + ")",
        "TOD": _alt(c["times_of_day"]),
        "PAST": _alt(c["past"]),
        "NEXT": _alt(c["next"]),
        "CURRENT": _alt(c["current"]),
        "NOT_TODAY": _alt(c["not_today"]),
        "YEARW": _alt(c["year_words"]),
        "MONTHS": f"(?P<mn>{month})(?:(?: ?[/(\\-] ?| )(?P<mn2>{month})\\)?)?",
        "ORD": "(?P<od>" + _alt(list(c["ordinal_days"])) + ")",
        "TOMORROW": _alt(c["tomorrow"]),
        "HMONTH": "(?P<hm>" + _alt(list(_months("hijri"))) + ")",
        "NUMW": "(?P<nw>" + _alt(list(_day_numbers())) + ")",
    }


# --------------------------------------------------------------------------- helpers


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _latest_on_or_before(month: int, day: int, published: dt.date) -> dt.date | None:
    for year in (published.year, published.year - 1):
        cand = _safe_date(year, month, day)
        if cand and cand <= published:
            return cand
    return None


def _weekday(m: re.Match[str]) -> int:
    return _cues()["weekdays"][m.group("wd")]


def _solar_month(m: re.Match[str]) -> int:
    solar = {**_months("gregorian"), **_months("levantine")}
    return solar[m.group("mn")]


def _year(m: re.Match[str]) -> int | None:
    y = m.groupdict().get("y")
    return int(y) if y else None


def _hijri_to_date(y: int, m: int, d: int) -> dt.date | None:
    from hijridate import Hijri

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


# --------------------------------------------------------------------------- resolvers


def _r_ymd(m: re.Match[str], published: dt.date | None) -> Resolved:
    d = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return (d, "day") if d else None


def _r_dm(m: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None
    d = _latest_on_or_before(int(m.group("mo")), int(m.group("d")), published)
    return (d, "day") if d else None


def _r_hijri(m: re.Match[str], published: dt.date | None) -> Resolved:
    month = _months("hijri")[m.group("hm")]
    day = int(m.group("d"))
    year = _year(m)
    if year is not None:
        d = _hijri_to_date(year, month, day)
        return (d, "day") if d else None
    if published is None:
        return None
    from hijridate import Gregorian

    try:
        hy = Gregorian(published.year, published.month, published.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
    for y in (hy, hy - 1):
        d = _hijri_to_date(y, month, day)
        if d and d <= published:
            return d, "day"
    return None


def _r_day_month(m: re.Match[str], published: dt.date | None) -> Resolved:
    day = int(m.group("d")) if m.groupdict().get("d") else _cues()["ordinal_days"][m.group("od")]
    month, year = _solar_month(m), _year(m)
    if year is not None:
        d = _safe_date(year, month, day)
        return (d, "day") if d else None
    if published is None:
        return None
    current = m.group("cur")  # "20 آذار الجاري": this year, even if after published
    d = _safe_date(published.year, month, day) if current else _latest_on_or_before(month, day, published)
    return (d, "day") if d else None


def _r_month_year(m: re.Match[str], published: dt.date | None) -> Resolved:
    return dt.date(int(m.group("y")), _solar_month(m), 1), "month"


def _r_month_only(m: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None or not (m.group("shahr") or m.group("rel")):
        return None  # a bare month name (مارس is also a verb) is not a date
    month = _solar_month(m)
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1), "month"


def _shift(days: int, precision: Precision = "day") -> Resolver:
    def resolve(m: re.Match[str], published: dt.date | None) -> Resolved:
        if published is None:
            return None
        return published - dt.timedelta(days=days), precision

    return resolve


def _relative(days: int) -> Resolver:
    """published - days; when a weekday is named too (أمس الأربعاء), the weekday wins.

    Reports are often published a day after they were written, so "أمس الأربعاء"
    in a Friday paper means Wednesday: the named weekday is the more reliable cue.
    """
    shift = _shift(days)
    on_or_before = _r_weekday(strict=False)

    def resolve(m: re.Match[str], published: dt.date | None) -> Resolved:
        if m.groupdict().get("wd"):
            return (_r_weekday_next if days < 0 else on_or_before)(m, published)
        return shift(m, published)

    return resolve


def _r_days_ago(m: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None
    if m.group("n"):
        n = int(m.group("n"))
    elif m.group("nw"):
        n = _day_numbers()[m.group("nw")]
    elif m.group("two"):
        n = 2
    else:
        n = 1
    return published - dt.timedelta(days=n), "day"


def _r_weekday(strict: bool) -> Resolver:
    def resolve(m: re.Match[str], published: dt.date | None) -> Resolved:
        if published is None:
            return None
        back = (published.weekday() - _weekday(m)) % 7
        if strict and back == 0:
            back = 7
        return published - dt.timedelta(days=back), "day"

    return resolve


def _r_weekday_next(m: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None
    ahead = (_weekday(m) - published.weekday()) % 7 or 7
    return published + dt.timedelta(days=ahead), "day"


def _r_last_month(m: re.Match[str], published: dt.date | None) -> Resolved:
    if published is None:
        return None
    first = published.replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=1), "month"


# --------------------------------------------------------------------------- the ordered rules

_Y: Final = r"(?P<y>(?:19|20)[0-9]{2})"
_D: Final = r"(?P<d>[0-3]?[0-9])"

DATE_RULES: Final[tuple[DateRule, ...]] = (
    DateRule(
        "numeric_ymd",
        rf"{_Y}(?P<s>[/.\-])(?P<mo>[01]?[0-9])(?P=s){_D}(?![0-9])",
        _r_ymd,
        needs=("@numeric",),
        anchor=r"[0-9]{4}[/.\-]",
    ),
    DateRule(
        "numeric_dmy",
        rf"{_D}(?P<s>[/.\-])(?P<mo>[01]?[0-9])(?P=s){_Y}(?![0-9])",
        _r_ymd,
        needs=("@numeric",),
        anchor=r"[0-9]{1,2}[/.\-][0-9]",
    ),
    DateRule(
        "hijri_date",
        rf"{_D} (?:من )?(?:شهر )?{{HMONTH}}(?: (?:{{YEARW}} )?(?P<y>1[345][0-9]{{2}}))?(?: ?ه(?!\w))?",
        _r_hijri,
        needs=("@hijri",),
        anchor=r"{HMONTH}",
    ),
    DateRule(
        "day_month_year",
        rf"{_D} (?:من )?(?:شهر )?{{MONTHS}}(?: (?P<cur>{{CURRENT}})| {{PAST}})?"
        rf"(?:,? (?:{{YEARW}} )?{_Y}(?: ?م(?!\w))?)?",
        _r_day_month,
        needs=("@solar",),
        anchor=r"{MONTHS}",
    ),
    DateRule(
        "ordinal_day_month",
        rf"(?:يوم )?{{ORD}} من (?:شهر )?{{MONTHS}}(?: (?P<cur>{{CURRENT}})| {{PAST}})?"
        rf"(?:,? (?:{{YEARW}} )?{_Y})?",
        _r_day_month,
        needs=("@solar",),
        anchor=r"{ORD} من",
    ),
    DateRule(
        "month_year",
        rf"(?:شهر )?{{MONTHS}},? (?:{{YEARW}} )?{_Y}",
        _r_month_year,
        needs=("@solar",),
        anchor=r"{MONTHS}",
    ),
    DateRule(
        "numeric_dm",
        rf"{_D}/(?P<mo>[01]?[0-9])(?![0-9/])",
        _r_dm,
        needs=("@numeric",),
        anchor=r"[0-9]{1,2}/[0-9]",
    ),
    DateRule(
        "day_before_yesterday",
        r"(?:يوم )?(?:امس الاول|اول امس|اول من امس)",
        _shift(2),
        needs=("امس",),
        anchor=r"امس",
    ),
    DateRule(
        "yesterday",
        r"(?:(?:{TOD}) )?(?:ال)?امس(?:,? \(?{WD}\)?)?"
        r"|البارحه|(?:منتصف )?الليله الماضيه|(?:منتصف )?ليله البارحه",
        _relative(1),
        needs=("امس", "البارحه", "الليله الماضيه"),
        anchor=r"امس|البارحه|الليله الماضيه",
    ),
    DateRule(
        "today",
        r"(?<!مثل هذا )(?:(?:{TOD}) )?اليوم(?! {NOT_TODAY})(?:,? \(?{WD}\)?)?",
        _relative(0),
        needs=("اليوم",),
        anchor=r"اليوم",
    ),
    DateRule("tomorrow", r"(?:{TOMORROW})(?:,? \(?{WD}\)?)?", _relative(-1), needs=("غد",), anchor=r"غد"),
    DateRule(
        "weekday_past",
        r"(?:(?:{TOD}) )?{WD} {PAST}",
        _r_weekday(strict=True),
        needs=("@weekday",),
        anchor=r"{WD}",
    ),
    DateRule("weekday_next", r"(?:(?:{TOD}) )?{WD} {NEXT}", _r_weekday_next, needs=("@weekday",), anchor=r"{WD}"),
    DateRule("weekday", r"(?:(?:{TOD}) )?{WD}", _r_weekday(strict=False), needs=("@weekday",), anchor=r"{WD}"),
    DateRule(
        "days_ago",
        r"(?:قبل|منذ) (?:(?P<n>[0-9]{1,2}) (?:ايام|يوما|يوم)|{NUMW} (?:ايام|يوما)"
        r"|(?P<two>يومين)|يوم(?: واحد)?)",
        _r_days_ago,
        needs=("قبل", "منذ"),
        anchor=r"قبل|منذ",
    ),
    DateRule("weeks_ago", r"(?:قبل|منذ) اسبوعين", _shift(14, "week"), needs=("اسبوعين",), anchor=r"اسبوعين"),
    DateRule(
        "last_week",
        r"(?:الاسبوع {PAST}|(?:قبل|منذ) اسبوع(?: واحد)?)",
        _shift(7, "week"),
        needs=("اسبوع",),
        anchor=r"اسبوع",
    ),
    DateRule(
        "this_week",
        r"(?:هذا الاسبوع|الاسبوع {CURRENT}|(?:قبل|منذ) (?:بضعه |عده )?ايام"
        r"|(?:خلال )?الايام (?:القليله )?الماضيه)",
        _shift(0, "week"),
        needs=("اسبوع", "ايام"),
        anchor=r"اسبوع|ايام",
    ),
    DateRule("this_month", r"(?:الشهر {CURRENT}|هذا الشهر)", _shift(0, "month"), needs=("الشهر",), anchor=r"الشهر"),
    DateRule("last_month", r"الشهر {PAST}", _r_last_month, needs=("الشهر",), anchor=r"الشهر"),
    DateRule(
        "month_only",
        r"(?P<shahr>شهر )?{MONTHS}(?P<rel> (?:{PAST}|{CURRENT}))?",
        _r_month_only,
        needs=("@solar",),
        anchor=r"{MONTHS}",
    ),
)
"""Tried in this order; a later rule's match overlapping an earlier one's is dropped."""


@dataclass(frozen=True)
class _CompiledRule:
    rule: DateRule
    rx: re.Pattern[str]
    anchor: re.Pattern[str]
    first: frozenset[str] | None  # the characters a match can start with (None: any)
    lead: frozenset[str] | None  # the strings of lead_len characters a match can start with
    lead_len: int
    anchor_needs: tuple[str, ...]  # every anchor match begins with a word of these needs


_WORD_LIST_ANCHORS: Final = {"{MONTHS}": "@solar", "{HMONTH}": "@hijri", "{WD}": "@weekday"}


def _anchor_needs(rule: DateRule) -> tuple[str, ...]:
    """The needs whose words begin every match of the rule's anchor: a month or weekday
    list, or words that are themselves needs (``امس|البارحه``); else none (the anchor
    is then found by a regex scan of the text)."""
    if rule.anchor in _WORD_LIST_ANCHORS:
        need = _WORD_LIST_ANCHORS[rule.anchor]
        return (need,) if need in rule.needs else ()
    words = tuple(rule.anchor.split("|"))
    if all(_PLAIN_WORDS_RE.fullmatch(w) for w in words) and set(words) <= set(rule.needs):
        return words
    return ()


_PLAIN_WORDS_RE: Final = re.compile(r"[\u0621-\u064a]+(?: [\u0621-\u064a]+)*")


def _fill(template: str, ph: dict[str, str]) -> str:
    for key, value in ph.items():
        template = template.replace("{" + key + "}", value)
    return template


@cache
def _compiled() -> tuple[_CompiledRule, ...]:
    ph = _placeholders()
    out = []
    for rule in DATE_RULES:
        rx = re.compile(rf"(?:[وفبل]{{1,2}})?(?P<core>{_fill(rule.pattern, ph)})(?!\w)")
        anchor = re.compile(_fill(rule.anchor, ph))
        lead_len = 3
        lead = prefixes(rx, lead_len)
        if lead is None:
            lead_len = 2
            lead = prefixes(rx, lead_len)
        out.append(_CompiledRule(rule, rx, anchor, first_chars(rx), lead, lead_len, _anchor_needs(rule)))
    return tuple(out)


_WINDOW: Final = 40


_PREFIX_LETTERS: Final = frozenset("وفبلا")


def _at_word_start(t: str, a: int) -> bool:
    """Whether offset ``a`` starts a word, possibly after proclitics or the article
    (بالامس), not inside a word (الخامس)."""
    k = a
    while k > 0 and t[k - 1] in _PREFIX_LETTERS and a - k < 4:
        k -= 1
    return not (k > 0 and (isalnum_at(t, k - 1) or t[k - 1] == "_"))


def _anchor_hits(c: _CompiledRule, t: str) -> list[int]:
    """Offsets where the anchor occurs at a word start (see :func:`_at_word_start`)."""
    return [hit.start() for hit in c.anchor.finditer(t) if _at_word_start(t, hit.start())]


def _anchor_hits_at(c: _CompiledRule, t: str, starts: list[int]) -> list[int]:
    """The anchor's hits for an anchor whose every match begins with a need word of its
    rule, tried only at ``starts`` (where those words begin at a word start): leftmost
    first and not overlapping, as a scan of the whole text would find them, except that
    a match inside a word (never a hit) no longer hides a hit it overlaps."""
    hits: list[int] = []
    end = 0
    for a in starts:
        if a < end:
            continue
        m = c.anchor.match(t, a)
        if m is not None:
            hits.append(a)
            end = m.end()
    return hits


def _matches(c: _CompiledRule, t: str, hits: list[int]) -> Iterator[re.Match[str]]:
    """Matches of a rule that start at a word start and cover one of its anchor hits.

    The rule is tried at the word starts (a letter or digit after none) up to
    ``_WINDOW`` characters before a hit, leftmost first, but only where the first
    characters there can begin one of its matches (the three or two characters its
    matches can start with, read from the regex; else the first character)."""
    end = 0
    first = c.first
    lead = c.lead
    lead_len = c.lead_len
    for a in hits:
        if a < end:
            continue
        lo = max(0, a - _WINDOW, end)
        before_word = lo > 0 and isalnum_at(t, lo - 1)
        for ws in range(lo, a + 1):
            in_word = isalnum_at(t, ws)
            if not in_word or before_word:
                before_word = in_word
                continue
            if lead is not None:
                if t[ws : ws + lead_len] not in lead:
                    before_word = in_word
                    continue
            elif first is not None and t[ws] not in first:
                before_word = in_word
                continue
            before_word = in_word
            m = c.rx.match(t, ws)
            if m and m.start("core") <= a < m.end("core"):
                yield m
                end = m.end()
                break


_WEEKDAY_RULES: Final = frozenset({"weekday", "weekday_past", "weekday_next", "today", "yesterday"})
_EXPLICIT_RULES: Final = frozenset(
    {"numeric_ymd", "numeric_dmy", "hijri_date", "day_month_year", "ordinal_day_month", "numeric_dm"}
)
_JOINER_RE: Final = re.compile(r"[ ,]*(?:(?:الموافق|الموافقه|المصادف)[ ,]*)?")


@cache
def _need_words(need: str) -> tuple[str, ...]:
    if need == "@solar":
        return tuple(n for n, (cal, _) in month_names().items() if cal != "hijri")
    if need == "@hijri":
        return tuple(_months("hijri"))
    if need == "@weekday":
        return tuple(_cues()["weekdays"])
    return (need,)


@cache
def _need_automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every ``needs`` word; a hit's value is
    (word length, the needs it satisfies)."""
    word_needs: dict[str, set[str]] = {}
    for rule in DATE_RULES:
        for need in rule.needs:
            if need != "@numeric":
                for w in _need_words(need):
                    word_needs.setdefault(w, set()).add(need)
    automaton = ahocorasick.Automaton()
    automaton.add_word(SPACE_FIRST_KEY, (len(SPACE_FIRST_KEY), frozenset()))  # satisfies no need
    for w in trie_order(word_needs):
        automaton.add_word(w, (len(w), frozenset(word_needs[w])))
    automaton.make_automaton()
    return automaton


@cache
def _rules_for_needs() -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """need key -> indices of the rules it lets run; the rules that need nothing."""
    by_need: dict[str, set[int]] = {}
    for i, rule in enumerate(DATE_RULES):
        for need in rule.needs:
            by_need.setdefault(need, set()).add(i)
    always = frozenset(i for i, rule in enumerate(DATE_RULES) if not rule.needs)
    return {k: frozenset(v) for k, v in by_need.items()}, always


def _find_needs(t: str) -> tuple[set[str], dict[str, list[int]]]:
    """The ``needs`` keys whose words occur in ``t`` at a word start, and where they
    begin (sorted): one automaton pass for all rules.

    Only word-start occurrences count because a rule matches only where its anchor
    hit is at a word start, and every anchor starts with one of its rule's need
    words (ordinal_day_month's month name follows a space). So "اب" (آب) inside
    الارهاب lets no month rule run, and nothing they would find is lost.
    """
    starts: dict[str, list[int]] = {}
    item: tuple[int, tuple[int, frozenset[str]]]  # declared: unpacked natively when compiled
    for item in _need_automaton().iter(t):
        end = item[0]
        length, needs = item[1]
        start = end - length + 1
        if _at_word_start(t, start):
            for need in needs:
                starts.setdefault(need, []).append(start)
    present = set(starts)
    for found in starts.values():
        found.sort()  # the automaton reports by end: a longer word ending later may start earlier
    if digit_before(t, "/.-", digit_after=True):  # [0-9][/.\-][0-9]
        present.add("@numeric")
    return present, starts


def _in_name(t: str, start: int) -> bool:
    """A weekday right after سوق/جامع (سوق الجمعة) is part of a place name."""
    before = t[max(0, start - 8) : start].rstrip(" ")
    return any(before.endswith(w) for w in _cues()["weekday_not_after"])


def find_dates(text: str, published: dt.date | None, normalized: NormalizedText | None = None) -> list[DateMention]:
    """Date mentions in ``text`` resolved against ``published`` (offsets into ``text``).

    Pass ``normalized=normalize(text)`` when the caller already has it (saves a pass).
    """
    norm = _normalized(text, normalized)
    t = norm.text
    taken: list[tuple[int, int, str, dt.date, Precision]] = []  # sorted, non-overlapping
    taken_starts: list[int] = []
    by_need, active = _rules_for_needs()
    present, need_starts = _find_needs(t)
    for need in present:
        active = active | by_need[need]
    if not active:
        return []
    compiled = _compiled()
    anchor_hits: dict[str, list[int]] = {}  # rules sharing an anchor scan once
    for i in sorted(active):  # only the rules whose cue words occur, in their order
        c = compiled[i]
        rule = c.rule
        hits = anchor_hits.get(c.anchor.pattern)
        if hits is None:
            if c.anchor_needs:
                starts = sorted({a for need in c.anchor_needs for a in need_starts.get(need, ())})
                hits = _anchor_hits_at(c, t, starts)
            else:
                hits = _anchor_hits(c, t)
            anchor_hits[c.anchor.pattern] = hits
        for m in _matches(c, t, hits):
            a, b = m.span("core")
            k = bisect_right(taken_starts, a)
            if (k and taken[k - 1][1] > a) or (k < len(taken) and taken[k][0] < b):
                continue  # overlaps a match of an earlier rule
            if m.groupdict().get("wd") and rule.name.startswith("weekday") and _in_name(t, a):
                continue
            resolved = rule.resolve(m, published)
            if resolved is None:
                continue
            taken.insert(k, (a, b, rule.name, resolved[0], resolved[1]))
            taken_starts.insert(k, a)
    merged: list[tuple[int, int, str, dt.date, Precision]] = []
    for item in taken:
        if merged:
            prev = merged[-1]
            gap = t[prev[1] : item[0]]
            if prev[2] in _WEEKDAY_RULES and item[2] in _EXPLICIT_RULES and _JOINER_RE.fullmatch(gap):
                merged[-1] = (prev[0], item[1], item[2], item[3], item[4])
                continue
        merged.append(item)
    # the writer's today: "اليوم الأحد" in a Monday paper says the report was written on
    # Sunday, so a bare "اليوم" / "أمس" of the same report counts from Sunday too
    weekdays = _cues()["weekdays"]
    bare = {a for a, b, name, _, _ in merged if not any(w in weekdays for w in t[a:b].split())}
    named_today = {date for a, _, name, date, _ in merged if name == "today" and a not in bare}
    lag = published - min(named_today) if published and len(named_today) == 1 else None
    out = []
    for a, b, name, date, precision in merged:
        if lag and name in ("today", "yesterday") and a in bare:
            date = date - lag
        oa, ob = norm.to_original(a, b)
        out.append(DateMention(oa, ob, date, precision, name))
    return out
