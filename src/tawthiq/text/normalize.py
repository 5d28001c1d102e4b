"""Arabic normalisation for matching, with an offset map back to the original.

Every lexicon entry and gazetteer name in tawthiq is stored in the form given by
:func:`normalize_form`; article text is matched in the form given by
:func:`normalize` (``NormalizedText.text``). Both apply the SAME character
transformation, so a normalised entry is a substring of a normalised text
wherever the raw entry (in any spelling variant the steps fold) occurs.

The transformation is the composition, in this declared order, of small named
steps (see :data:`NORMALIZATION_STEPS`):

1. ``normalize_presentation_forms``  U+FB50–U+FDFF, U+FE70–U+FEFF → NFKC base
   letters (ﻻ → لا, ﺇ → إ, ﷲ → الله); isolated-diacritic forms → the diacritic.
2. ``strip_format_chars``  zero-width and bidi controls (ZWNJ, ZWJ, LRM, RLM,
   ALM, BOM, soft hyphen, variation selectors) are deleted.
3. ``strip_diacritics``  harakat, tanween, shadda, sukun (U+064B–U+065F),
   superscript alef (U+0670) and Quranic annotation marks are deleted.
4. ``strip_tatweel``  U+0640 (ـ) is deleted.
5. ``normalize_alef``  أ إ آ ٱ ٲ ٳ → ا.
6. ``normalize_hamza_seats``  ؤ → و, ئ → ي (the bare hamza ء is kept). Writers
   drop or move the hamza seat freely (الطائرات / الطايرات, هيئة / هيئه), so
   matching ignores the seat. Consequence: مئة → ميه, رئيس → ريس.
7. ``normalize_alef_maqsura``  ى → ي.
8. ``normalize_teh_marbuta``  ة → ه.
9. ``normalize_persian_letters``  ک → ك, ی → ي (Persian/Urdu keyboards).
10. ``normalize_digits``  Arabic-Indic ٠–٩ and Persian ۰–۹ → 0–9; Arabic
    decimal ٫ → ".", thousands ٬ → ",", percent ٪ → "%".
11. ``normalize_punctuation``  ، → ","  ؛ → ";"  ؟ → "?"  ۔ → ".";
    « » “ ” „ ‟ → '"'; ‘ ’ ‚ ‛ → "'"; en/em dash and minus → "-".
12. ``lowercase_latin``  Latin (and Greek/Cyrillic) capitals → lower case.
13. ``collapse_whitespace``  every whitespace character becomes a space and a
    run of them becomes one space (a run with deleted characters inside, such
    as "space RLM space", is one run).

``normalize_form`` additionally strips leading and trailing spaces (an entry
never starts or ends with a space); ``normalize`` keeps them so that the text
is one-to-one with the original up to the documented deletions.

Offset policy (``NormalizedText.to_original``), like spaCy's
``alignment_mode="expand"``: a normalised span maps to the smallest original
span that covers every original character that produced it, where a deleted
character (diacritic, tatweel, format char) belongs to the kept character
BEFORE it (deleted characters at the very start of the text belong to the first
kept character), a collapsed whitespace run belongs to its one space, and an
expanded character (ﻻ → لا) is covered whole by any span touching one of its
outputs. So a span ending on a letter also covers that letter's harakat.

Speed: ``str.replace`` for the frequent one-to-one mappings (``str.translate``
when a rare character occurs), then a scan for the few places where characters
are deleted, expanded or collapsed (double spaces by ``str.find``, deleted and
expanded characters by one character-class search, skipped when it finds none);
the map is stored piecewise (one entry per such place), not
per character. Recent ``normalize`` results and short ``normalize_form``
results are memoised (bounded).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

__all__ = [
    "NORMALIZATION_STEPS",
    "NormalizedText",
    "collapse_whitespace",
    "longest_expansion",
    "lowercase_latin",
    "normalize",
    "normalize_alef",
    "normalize_alef_maqsura",
    "normalize_digits",
    "normalize_form",
    "normalize_hamza_seats",
    "normalize_letters",
    "normalize_persian_letters",
    "normalize_presentation_forms",
    "normalize_punctuation",
    "normalize_teh_marbuta",
    "normalize_word",
    "normalized_view",
    "strip_diacritics",
    "strip_format_chars",
    "strip_tatweel",
]

# ---------------------------------------------------------------------------
# Character classes (code points, documented in the module docstring)

_PRESENTATION_RANGES: Final = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

_FORMAT_CHARS: Final = [
    0x00AD,
    0x061C,
    0x180E,
    0xFEFF,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    *range(0xFE00, 0xFE10),
]

_DIACRITICS: Final = [
    *range(0x0610, 0x061B),
    *range(0x064B, 0x0660),
    0x0670,
    *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E5),
    0x06E7,
    0x06E8,
    *range(0x06EA, 0x06EE),
]

_TATWEEL: Final = 0x0640

_ALEF_MAP: Final = {c: "ا" for c in "أإآٱٲٳ"}
_HAMZA_SEAT_MAP: Final = {"ؤ": "و", "ئ": "ي"}
_ALEF_MAQSURA_MAP: Final = {"ى": "ي"}
_TEH_MARBUTA_MAP: Final = {"ة": "ه"}
_PERSIAN_LETTER_MAP: Final = {"ک": "ك", "ی": "ي"}
_DIGIT_MAP: Final = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".",
    "٬": ",",
    "٪": "%",
}
_PUNCT_MAP: Final = {
    "،": ",",
    "؛": ";",
    "؟": "?",
    "۔": ".",
    **{c: '"' for c in "«»“”„‟"},
    **{c: "'" for c in "‘’‚‛"},
    **{c: "-" for c in "‐‑‒–—―−"},
}


def _is_space(ch: str) -> bool:
    return ch.isspace()


# ---------------------------------------------------------------------------
# The named steps (plain str -> str; the fused fast path below must agree)


def _table(mapping: dict[str, str]) -> dict[int, str]:
    return {ord(k): v for k, v in mapping.items()}


@cache
def _presentation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if cp in _FORMAT_SET:
                continue
            nfkc = unicodedata.normalize("NFKC", ch)
            if nfkc != ch:
                table[cp] = nfkc.strip(" ")
    return table


_FORMAT_SET: Final = frozenset(_FORMAT_CHARS)


def normalize_presentation_forms(s: str) -> str:
    """Map Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to base letters."""
    return s.translate(_presentation_table())


def strip_format_chars(s: str) -> str:
    """Delete zero-width, bidi-control and BOM characters (invisible, break matching)."""
    return s.translate(dict.fromkeys(_FORMAT_CHARS))


def strip_diacritics(s: str) -> str:
    """Delete harakat, tanween, shadda, sukun, superscript alef and Quranic marks."""
    return s.translate(dict.fromkeys(_DIACRITICS))


def strip_tatweel(s: str) -> str:
    """Delete tatweel (kashida, U+0640), a purely visual stretch."""
    return s.replace("\u0640", "")


def normalize_alef(s: str) -> str:
    """أ إ آ ٱ (and wavy-hamza alefs) → bare alef ا."""
    return s.translate(_table(_ALEF_MAP))


def normalize_hamza_seats(s: str) -> str:
    """ؤ → و and ئ → ي: matching ignores the seat of the hamza."""
    return s.translate(_table(_HAMZA_SEAT_MAP))


def normalize_alef_maqsura(s: str) -> str:
    """ى → ي (the two are confused in writing, especially in Egypt)."""
    return s.translate(_table(_ALEF_MAQSURA_MAP))


def normalize_teh_marbuta(s: str) -> str:
    """ة → ه (final teh marbuta is often written as heh)."""
    return s.translate(_table(_TEH_MARBUTA_MAP))


def normalize_persian_letters(s: str) -> str:
    """Persian keheh ک → ك and Farsi yeh ی → ي."""
    return s.translate(_table(_PERSIAN_LETTER_MAP))


def normalize_digits(s: str) -> str:
    """Arabic-Indic and Persian digits → ASCII; ٫ ٬ ٪ → . , %."""
    return s.translate(_table(_DIGIT_MAP))


def normalize_punctuation(s: str) -> str:
    """Arabic comma/semicolon/question mark, guillemets, curly quotes, dashes → ASCII."""
    return s.translate(_table(_PUNCT_MAP))


@cache
def _lower_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x41, 0x530):
        ch = chr(cp)
        low = ch.lower()
        if low != ch and len(low) == 1:
            table[cp] = low
    return table


def lowercase_latin(s: str) -> str:
    """Lower-case Latin, Greek and Cyrillic capitals (one-to-one only; İ is kept)."""
    return s.translate(_lower_table())


_WS_RUN_RE: Final = re.compile(r"\s+")


def collapse_whitespace(s: str) -> str:
    """Every run of whitespace becomes one space."""
    return _WS_RUN_RE.sub(" ", s)


NORMALIZATION_STEPS: Final[tuple[Callable[[str], str], ...]] = (
    normalize_presentation_forms,
    strip_format_chars,
    strip_diacritics,
    strip_tatweel,
    normalize_alef,
    normalize_hamza_seats,
    normalize_alef_maqsura,
    normalize_teh_marbuta,
    normalize_persian_letters,
    normalize_digits,
    normalize_punctuation,
    lowercase_latin,
    collapse_whitespace,
)
"""The declared order. ``normalize`` is the fused, offset-tracking equivalent."""


def _apply_charwise_steps(ch: str) -> str:
    """All steps but whitespace collapsing, applied to one character."""
    out = ch
    for step in NORMALIZATION_STEPS[:-1]:
        out = step(out)
    return "".join(" " if _is_space(c) else c for c in out)


# ---------------------------------------------------------------------------
# Fused fast path


@dataclass(frozen=True)
class _Fused:
    one_to_one: dict[int, int | str]
    expansions: dict[str, str]
    deleted: tuple[str, ...]
    deleted_set: frozenset[str]
    irregular: re.Pattern[str]
    common: tuple[tuple[str, str], ...]  # frequent one-to-one pairs, applied with str.replace
    rare: re.Pattern[str]  # any other one-to-one source char: fall back to str.translate
    rare_or_upper: re.Pattern[str]  # a rare char or an ASCII capital: either needs a look
    deleted_or_expanded: re.Pattern[str]  # where an ``irregular`` match can begin (with "  ")


# Characters frequent in Arabic news whose mapping is applied with str.replace
# (memchr-fast) instead of str.translate (a dict lookup per character).
_COMMON_SOURCES: Final = "أإآٱؤئىة٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،؛؟«»“”„‘’–—\n\t\r\u00a0"
_UPPER_ASCII_RE: Final = re.compile("[A-Z]+")
# The test for one: a pattern led by a character class lets the regex engine skip
# ahead in C; one led by a repeat ([A-Z]+) is tried at every offset (3x slower).
_AN_UPPER_ASCII_RE: Final = re.compile("[A-Z]")


def _one_to_one(s: str) -> str:
    """``s.translate(one_to_one)``, fast for ordinary text."""
    fused = _fused()
    odd = fused.rare_or_upper.search(s)  # one scan finds both kinds, most texts have neither
    if odd is not None and fused.rare.search(s, odd.start()):
        return s.translate(fused.one_to_one)
    for src, dst in fused.common:
        if src in s:
            s = s.replace(src, dst)
    if odd is not None and _AN_UPPER_ASCII_RE.search(s, odd.start()):
        s = _UPPER_ASCII_RE.sub(lambda m: m.group().lower(), s)
    return s


@cache
def _fused() -> _Fused:
    candidates: set[int] = set(_presentation_table())
    candidates.update(_FORMAT_CHARS, _DIACRITICS, [_TATWEEL])
    for mapping in (
        _ALEF_MAP,
        _HAMZA_SEAT_MAP,
        _ALEF_MAQSURA_MAP,
        _TEH_MARBUTA_MAP,
        _PERSIAN_LETTER_MAP,
        _DIGIT_MAP,
        _PUNCT_MAP,
    ):
        candidates.update(ord(k) for k in mapping)
    candidates.update(_lower_table())
    candidates.update(cp for cp in range(0x3001) if chr(cp).isspace())
    one_to_one: dict[int, int | str] = {}
    deleted: list[str] = []
    expansions: dict[str, str] = {}
    for cp in sorted(candidates):
        ch = chr(cp)
        out = _apply_charwise_steps(ch)
        if out == ch:
            continue
        if out == "":
            deleted.append(ch)
        elif len(out) == 1:
            one_to_one[cp] = out
        else:
            expansions[ch] = out
    del_class = "".join(re.escape(c) for c in deleted)
    exp_class = "".join(re.escape(c) for c in expansions)
    # A space followed by spaces/deleted chars is one block; a run of deleted
    # chars is absorbed by the preceding kept char; an expansion is a block.
    irregular = re.compile(f"(?P<ws> [ {del_class}]+)|(?P<del>[{del_class}]+)|(?P<exp>[{exp_class}])")
    common = tuple((c, str(one_to_one[ord(c)])) for c in _COMMON_SOURCES if ord(c) in one_to_one)
    common_set = {ord(c) for c, _ in common} | set(range(ord("A"), ord("Z") + 1))
    rare_class = "".join(re.escape(chr(cp)) for cp in sorted(one_to_one) if cp not in common_set)
    rare = re.compile(f"[{rare_class}]")
    rare_or_upper = re.compile(f"[{rare_class}A-Z]")
    deleted_or_expanded = re.compile(f"[{del_class}{exp_class}]")
    return _Fused(
        one_to_one,
        expansions,
        tuple(deleted),
        frozenset(deleted),
        irregular,
        common,
        rare,
        rare_or_upper,
        deleted_or_expanded,
    )


def _irregular_matches(fused: _Fused, t: str, pos: int, any_deleted_or_expanded: bool = True) -> list[_Irregular]:
    """The spans and group names of ``fused.irregular.finditer(t, pos)``, each found where
    one begins: at a double space (``str.find``), at a deleted or expanded character, or
    at the space right before a deleted one; its end read character by character, as the
    pattern's groups take them (no regex: a report has dozens of these places).
    ``any_deleted_or_expanded=False``: the caller knows ``t`` has no such character."""
    matches: list[_Irregular] = []
    expansions = fused.expansions
    deleted = fused.deleted_set
    found = fused.deleted_or_expanded.finditer(t, pos) if any_deleted_or_expanded else None
    n = len(t)
    next_de = -1  # the next deleted or expanded character at or after pos (n: none)
    next_double = -1  # the next double space at or after pos (n: none)
    while True:
        while next_de < pos:
            hit = next(found, None) if found is not None else None
            next_de = hit.start() if hit is not None else n
        if next_double < pos:
            next_double = t.find("  ", pos)
            if next_double < 0:
                next_double = n
        start = next_de
        if pos < next_de < n and t[next_de - 1] == " " and t[next_de] not in expansions:
            start = next_de - 1  # the space before a deleted character begins its block
        start = min(start, next_double)
        if start >= n:
            return matches
        end = start + 1
        if t[start] == " ":  # (?P<ws> [ del]+)
            while end < n and (t[end] == " " or (any_deleted_or_expanded and t[end] in deleted)):
                end += 1
            kind = "ws"
        elif t[start] in expansions:  # (?P<exp>[exp])
            kind = "exp"
        else:  # (?P<del>[del]+)
            while end < n and t[end] in deleted:
                end += 1
            kind = "del"
        matches.append((start, end, kind))
        pos = end


_Irregular = tuple[int, int, str]  # start, end, the irregular pattern's group: ws, del or exp


def _bisect_right(seq: tuple[int, ...], x: int, lo: int = 0) -> int:
    """``bisect.bisect_right(seq, x, lo)`` written out: compiled, a loop over a tuple of
    native ints costs less than the call into ``bisect`` with boxed arguments, and
    ``to_original`` runs for every mention."""
    hi = len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < seq[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


# Segment kinds of the piecewise offset map.
_LINEAR: Final = 0
_BLOCK: Final = 1


@dataclass(frozen=True)
class NormalizedText:
    """A normalised view of ``original`` with a map back to original offsets.

    ``seg_out[j]`` is where segment j starts in ``text``; a LINEAR segment maps
    output char i to original char ``seg_a[j] + (i - seg_out[j])``; a BLOCK
    segment maps all its output chars to the original span
    ``[seg_a[j], seg_b[j])``. Empty tuples mean the identity map.
    """

    original: str
    text: str
    seg_out: tuple[int, ...] = field(default=(), repr=False)
    seg_kind: tuple[int, ...] = field(default=(), repr=False)
    seg_a: tuple[int, ...] = field(default=(), repr=False)
    seg_b: tuple[int, ...] = field(default=(), repr=False)

    def __reduce__(self) -> tuple[type[NormalizedText], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        return (NormalizedText, (self.original, self.text, self.seg_out, self.seg_kind, self.seg_a, self.seg_b))

    def _start_of(self, i: int) -> int:
        if not self.seg_out:
            return i
        if i >= len(self.text):
            return len(self.original)
        j = _bisect_right(self.seg_out, i) - 1
        if self.seg_kind[j] == _LINEAR:
            return self.seg_a[j] + (i - self.seg_out[j])
        return self.seg_a[j]

    def _end_of(self, i: int) -> int:
        """Original end (exclusive) of normalised char i."""
        if not self.seg_out:
            return i + 1
        j = _bisect_right(self.seg_out, i) - 1
        if self.seg_kind[j] == _LINEAR:
            return self.seg_a[j] + (i - self.seg_out[j]) + 1
        return self.seg_b[j]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to ``original`` (policy "expand")."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of length {len(self.text)}")
        seg_out = self.seg_out
        if not seg_out:  # identity map
            return start, end
        if start == end:
            pos = self._start_of(start)
            return pos, pos
        # _start_of(start) and _end_of(end - 1), inlined: this runs for every mention.
        j = _bisect_right(seg_out, start) - 1
        a = self.seg_a[j] + (start - seg_out[j]) if self.seg_kind[j] == _LINEAR else self.seg_a[j]
        last = end - 1
        if j + 1 < len(seg_out) and seg_out[j + 1] <= last:
            j = _bisect_right(seg_out, last, j + 1) - 1
        b = self.seg_a[j] + (last - seg_out[j]) + 1 if self.seg_kind[j] == _LINEAR else self.seg_b[j]
        return a, b

    def from_original(self, pos: int) -> int:
        """The first normalised offset whose character ends after original ``pos``.

        For ``pos`` at a character kept by normalisation this is that character's
        normalised offset; inside a block (a collapsed whitespace run, a letter with
        its harakat) it is the block's first character. ``len(original)`` maps to
        ``len(text)``.
        """
        if not 0 <= pos <= len(self.original):
            raise ValueError(f"offset {pos} outside original text of length {len(self.original)}")
        if not self.seg_out:
            return pos
        if pos >= len(self.original):
            return len(self.text)
        j = _bisect_right(self.seg_a, pos) - 1
        if j < 0:
            return 0
        next_out = self.seg_out[j + 1] if j + 1 < len(self.seg_out) else len(self.text)
        if self.seg_kind[j] == _LINEAR:
            out = self.seg_out[j] + (pos - self.seg_a[j])
            return out if out < next_out else next_out
        return self.seg_out[j] if pos < self.seg_b[j] else next_out


# Callers normalise the same slice several times (find_numbers, find_dates and
# clauses on one sentence); a NormalizedText is immutable, so recent results are
# shared. Only texts up to this length are kept, so the cache stays small.
_CACHED_TEXT_CHARS: Final = 20_000


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching, keeping an offset map back to it."""
    if len(text) <= _CACHED_TEXT_CHARS:
        return _normalize_cached(text)
    return _normalize(text)


@lru_cache(maxsize=64)
def _normalize_cached(text: str) -> NormalizedText:
    return _normalize(text)


def _normalize(text: str) -> NormalizedText:
    fused = _fused()
    t = _one_to_one(text)
    # Most texts have no deleted or expanded character and no double space: then the
    # map is the identity and the (slower) irregular scan is skipped. Otherwise the
    # scan starts one character before the first such place (a space before a
    # deleted character starts a whitespace block); no match can begin earlier.
    first = fused.deleted_or_expanded.search(t)
    double_space = t.find("  ")
    if first is None:
        if double_space < 0:
            return NormalizedText(text, t)
        scan_from = double_space
    else:
        scan_from = first.start() if double_space < 0 else min(first.start(), double_space)
    matches = _irregular_matches(fused, t, max(0, scan_from - 1), first is not None)
    if not matches:
        return NormalizedText(text, t)
    pieces: list[str] = []
    seg_out: list[int] = []
    seg_kind: list[int] = []
    seg_a: list[int] = []
    seg_b: list[int] = []
    opos = 0  # length of output so far
    pos = 0  # original offset consumed so far
    lead = False  # deleted chars at the very start, waiting for a first kept char

    def add(piece: str, kind: int, a: int, b: int) -> None:
        nonlocal opos, lead
        if not piece:
            return
        if lead:  # absorb leading deletions into the first output char
            lead = False
            if kind == _BLOCK:
                add_raw(piece, _BLOCK, 0, b)
            else:
                add_raw(piece[0], _BLOCK, 0, a + 1)
                if len(piece) > 1:
                    add_raw(piece[1:], _LINEAR, a + 1, -1)
            return
        add_raw(piece, kind, a, b)

    def add_raw(piece: str, kind: int, a: int, b: int) -> None:
        nonlocal opos
        pieces.append(piece)
        seg_out.append(opos)
        seg_kind.append(kind)
        seg_a.append(a)
        seg_b.append(b)
        opos += len(piece)

    for a, b, kind in matches:
        if kind == "del":
            if a > pos:
                if a - 1 > pos:
                    add(t[pos : a - 1], _LINEAR, pos, -1)
                add(t[a - 1], _BLOCK, a - 1, b)
            elif seg_out and not lead:  # right after a block: extend it
                seg_b[-1] = b
            else:
                lead = True
        else:
            if a > pos:
                add(t[pos:a], _LINEAR, pos, -1)
            if kind == "ws":
                add(" ", _BLOCK, a, b)
            else:
                add(fused.expansions[t[a]], _BLOCK, a, b)
        pos = b
    if pos < len(t):
        add(t[pos:], _LINEAR, pos, -1)
    if lead:  # the whole text was deleted characters
        return NormalizedText(text, "", (0,), (_BLOCK,), (0,), (len(text),))
    return NormalizedText(text, "".join(pieces), tuple(seg_out), tuple(seg_kind), tuple(seg_a), tuple(seg_b))


def normalized_view(text: str, normalized: NormalizedText | None) -> NormalizedText:
    """``normalized`` if it was made from ``text``, else ``normalize(text)``."""
    if normalized is None:
        return normalize(text)
    if normalized.original is not text and normalized.original != text:
        raise ValueError("normalized was not made from this text (pass normalize(text))")
    return normalized


@cache
def _word_table() -> dict[int, int | str | None]:
    """One translate table for all character-wise steps (deletions map to None)."""
    fused = _fused()
    table: dict[int, int | str | None] = dict(fused.one_to_one)
    table.update({ord(c): v for c, v in fused.expansions.items()})
    table.update(dict.fromkeys(ord(c) for c in fused.deleted))
    return table


def normalize_word(word: str) -> str:
    """Character-wise normalisation of one token (no whitespace handling): fast path for tokens."""
    return word.translate(_word_table())


_LAST_ARABIC_LETTER: Final = 0x6D3  # the end of the Arabic letters (ے); harakat and tatweel lie below it


@cache
def _letter_list() -> list[int | str | None]:
    """``_word_table`` as a list indexed by code point, up to the last Arabic letter."""
    table = _word_table()
    return [table.get(i, i) for i in range(_LAST_ARABIC_LETTER + 1)]


@cache
def longest_expansion() -> int:
    """The most characters one character normalises to (a ligature such as "ﷺ")."""
    return max((len(v) for v in _fused().expansions.values()), default=1)


def normalize_letters(s: str) -> str:
    """``normalize_word(s)`` for a string with no code point above U+06D3 (Arabic letters
    and marks, ASCII): ``str.translate`` reads a list about twice as fast as a dict."""
    return s.translate(_letter_list())


# normalize_form is called with the same lexicon words and article words over and
# over; short strings are memoised in a plain dict (a dict hit is cheaper than an
# lru_cache call), emptied when full so memory stays bounded.
_CACHED_FORM_CHARS: Final = 64
_FORM_CACHE_SIZE: Final = 16_384
_form_cache: Final[dict[str, str]] = {}


def normalize_form(s: str) -> str:
    """The canonical matching form of a word or name (``normalize(s).text`` without edge spaces)."""
    form = _form_cache.get(s)
    if form is None:
        form = _normalize_form(s)
        if len(s) <= _CACHED_FORM_CHARS:
            if len(_form_cache) >= _FORM_CACHE_SIZE:
                _form_cache.clear()
            _form_cache[s] = form
    return form


def _normalize_form(s: str) -> str:
    return _WS_RUN_RE.sub(" ", s.translate(_word_table())).strip(" ")
