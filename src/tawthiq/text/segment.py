"""Sentence and clause segmentation with offsets into the ORIGINAL text.

Sentences end at a run of ``. ! ? ؟ ۔ …`` (with any closing quotes or brackets
right after it) and at line breaks. A full stop does not end a sentence when
it sits between two digits (``3.5``), after a single-letter word or a listed
abbreviation (``د. محمد``, ``أ.ف.ب``, ``Dr.``), or when a Latin letter or a
digit follows it directly (``www.site.com``). Spans are trimmed of
whitespace; empty sentences are dropped.

Clauses split a sentence at ``، , ؛ ;`` (not a comma between digits,
``1,200``) and before a clause-opening connective from
``data/connectives.txt`` (``كما``, ``في حين``, ``بينما``, ``فيما`` ..., also
with a leading و / ف) that follows a space. Arabic news sentences chain many
events with commas and connectives; a clause is the unit in which a number,
a place and a verb most likely belong together.

Limits: no syntax; an abbreviation not listed, or a sentence that ends with a
single-letter word ("2016 م."), is not split (a following line break still
splits it).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

import ahocorasick

from tawthiq.text._data import word_list
from tawthiq.text.normalize import NormalizedText, normalize, normalize_form, normalized_view
from tawthiq.text.scan import finditer_from_chars, isalnum_at

__all__ = ["clauses", "sentences"]

_TERMINATORS: Final = ".!?؟۔…"
_CLOSERS: Final = "\"'»”’)]}"
# "[T]+[C]*|\n\s*" with the first character factored out, so the regex engine skips
# ahead to the next terminator or line break (same matches).
_BOUNDARY_RE: Final = re.compile(
    f"[{re.escape(_TERMINATORS)}\\n](?:(?<=\\n)\\s*|[{re.escape(_TERMINATORS)}]*[{re.escape(_CLOSERS)}]*)"
)
_WS: Final = " \t\r\n\f\v\u00a0\u200f\u200e\u200b\ufeff"


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(normalize_form(w) for w in word_list("abbreviations.txt"))


@cache
def _open_words() -> frozenset[str]:
    return frozenset(normalize_form(w) for w in word_list("open_words.txt"))


def _is_latin_or_digit(ch: str) -> bool:
    return ch.isdigit() or ("a" <= ch.lower() <= "z")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in _WS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _WS):
        end -= 1
    return (start, end) if start < end else None


def _last_word_before(text: str, a: int) -> str | None:
    """The last word in the 40 characters before ``a`` (only non-word characters after
    it), None when there is none: the group of ``(\\w+)\\W*$`` searched in that window,
    read backwards from ``a`` instead of trying every offset of the window."""
    lo = max(0, a - 40)
    j = a
    while j > lo and not (isalnum_at(text, j - 1) or text[j - 1] == "_"):
        j -= 1
    end = j
    while j > lo and (isalnum_at(text, j - 1) or text[j - 1] == "_"):
        j -= 1
    return text[j:end] if j < end else None


def _is_sentence_end(text: str, m: re.Match[str]) -> bool:
    a, b = m.span()
    if text[a] == "\n":
        # a single line break after a word that needs the next one ("في حي أبو\nسليم")
        # is a hard wrap, not the end of the sentence
        word = _last_word_before(text, a)
        return not (
            m.group().count("\n") == 1
            and word is not None
            and b < len(text)
            and text[b].isalpha()
            and normalize_form(word) in _open_words()
        )
    after = text[b] if b < len(text) else ""
    if after and _is_latin_or_digit(after):
        return False
    if m.group().rstrip(_CLOSERS) == ".":
        before = text[a - 1] if a > 0 else ""
        if before.isdigit() and after.isdigit():
            return False
        w = _last_word_before(text, a)
        if w is not None:
            if len(w) == 1 and not w.isdigit():
                return False
            if normalize_form(w) in _abbreviations():
                return False
    return True


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, trimmed, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in finditer_from_chars(_BOUNDARY_RE, text, _TERMINATORS + "\n"):
        if not _is_sentence_end(text, m):
            continue
        end = m.start() if text[m.start()] == "\n" else m.end()
        span = _trimmed(text, start, end)
        if span:
            out.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span:
        out.append(span)
    return out


def _connectives() -> list[str]:
    """The connectives' forms, longest first (the order the clause pattern tries them)."""
    return sorted({normalize_form(c) for c in word_list("connectives.txt")}, key=len, reverse=True)


@cache
def _clause_automaton() -> ahocorasick.Automaton:
    """Where a clause ends: "," ";" or a connective after a space (``[وف]?`` + a
    connective, ending its word), each with the rank a regex of these alternatives in
    this order would prefer it by at the same offset (punctuation, then a connective
    with و/ف taken as a proclitic, longest first, then one without)."""
    ranks: dict[str, tuple[int, int, int]] = {",": (0, 0, 0), ";": (1, 0, 0)}
    for i, c in enumerate(_connectives()):
        for key, rank in ((" و" + c, (2, 0, i)), (" ف" + c, (2, 0, i)), (" " + c, (2, 1, i))):
            if key not in ranks or rank < ranks[key]:
                ranks[key] = rank
    automaton = ahocorasick.Automaton()
    for key, rank in ranks.items():
        automaton.add_word(key, (len(key), rank))
    automaton.make_automaton()
    return automaton


def _clause_cuts(t: str, ns: int, ne: int) -> list[tuple[int, int]]:
    """The leftmost, non-overlapping clause ends in ``t[ns:ne]`` (commas between digits
    are rejected in clauses()), from one automaton pass: a regex would try the
    connectives at every space of the sentence."""
    best: dict[int, tuple[tuple[int, int, int], int]] = {}  # start -> (rank, end)
    item: tuple[int, tuple[int, tuple[int, int, int]]]  # declared: unpacked natively when compiled
    for item in _clause_automaton().iter(t, ns, ne):
        end_index = item[0]
        length, rank = item[1]
        end = end_index + 1
        if rank[0] == 2 and end < ne and (isalnum_at(t, end) or t[end] == "_"):
            continue  # (?!\w): the connective must end the word
        start = end - length
        found = best.get(start)
        if found is None or rank < found[0]:
            best[start] = (rank, end)
    cuts: list[tuple[int, int]] = []
    last_end = ns
    for start in sorted(best):
        if start >= last_end:
            end = best[start][1]
            cuts.append((start, end))
            last_end = end
    return cuts


def clauses(
    text: str, start: int = 0, end: int | None = None, normalized: NormalizedText | None = None
) -> list[tuple[int, int]]:
    """Clause spans of ``text[start:end]`` (usually one sentence), offsets into ``text``.

    Pass ``normalized=normalize(text)`` when splitting many sentences of one text.
    """
    if end is None:
        end = len(text)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) outside text of length {len(text)}")
    if normalized is None:
        n, base = normalize(text[start:end]), start
        ns, ne = 0, len(n.text)
    else:
        n, base = normalized_view(text, normalized), 0
        ns, ne = n.from_original(start), n.from_original(end)
    cuts: list[tuple[int, int]] = []  # (end of previous clause, start of next) in original
    t = n.text
    for i, m_end in _clause_cuts(t, ns, ne):
        if t[i] in ",;":
            if t[i] == "," and 0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit():
                continue  # 1,200
            a, b = n.to_original(i, i + 1)
            cuts.append((base + a, base + b))
        else:
            a, _ = n.to_original(i + 1, m_end)  # after the space
            cuts.append((base + a, base + a))
    out: list[tuple[int, int]] = []
    pos = start
    for cut_end, next_start in cuts:
        span = _trimmed(text, pos, min(cut_end, end))
        if span:
            out.append(span)
        pos = max(next_start, pos)
    span = _trimmed(text, pos, end)
    if span:
        out.append(span)
    return out
