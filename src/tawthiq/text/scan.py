"""Scans shared by the finders, cheaper than the regex engine where it is costly.

The regex engine costs about a thousand instructions for each match it returns; most
words of a report are plain runs of Arabic letters between spaces, which ``str.split``
finds in C and a range check per character confirms; a word with punctuation glued
to it is split by a scan of its code points. Only other chunks (digits, several
words glued together) go through the regex. Also here: character tests read from
the code point; matches found from their first characters with ``str.find``
(``finditer_from_chars``, ``digit_before``); counted token spans
(``tiling_spans``); the order to add automaton keys in (``trie_order``); and
``Cue``, a cue pattern searched only in windows that hold one of its words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Final

import ahocorasick

GLUE_DROPPED: Final = 0
"""``pattern`` finds only runs of the ``whole`` letters: a character glued to a word is in no match."""
GLUE_ALONE: Final = 1
"""Every punctuation character is a match by itself."""
GLUE_JOINS_WORD: Final = 2
"""``\\w+``: punctuation is in no match (a letter, digit or ``_`` outside ``whole`` would join the word)."""


def findall_split(
    pattern: re.Pattern[str], text: str, whole: tuple[tuple[int, int], ...], glue: int = -1
) -> list[str]:
    """``pattern.findall(text)``, for a ``pattern`` none of whose matches holds whitespace
    and which takes a chunk made only of characters in the code point ranges ``whole``
    (inclusive) as one match, e.g. ``[\\u0621-\\u064a]+|\\S``. ``glue`` (one of the
    ``GLUE_`` constants) says what the pattern does with other characters: then a chunk
    that is one run of letters with punctuation before or after it ("الطائرات،",
    "(حلب)") is split here too; any other chunk goes through the regex."""
    out: list[str] = []
    for chunk in text.split():  # str.split and the regex's \s agree on what whitespace is
        if _only_in(chunk, whole):
            out.append(chunk)
        elif glue < 0 or not _split_glued(chunk, whole, glue, out):
            out.extend(pattern.findall(chunk))
    return out


# Punctuation that glues to words: in no pattern's letter ranges, not a digit, not a word
# character of \w, not whitespace.
_GLUE_PUNCTUATION: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~،؛؟«»“”‘’„…–—"


def _split_glued(chunk: str, whole: tuple[tuple[int, int], ...], glue: int, out: list[str]) -> bool:
    """Append the matches of a chunk that is a run of letters with punctuation before or
    after it (or punctuation only); False, appending nothing, for any other chunk."""
    left = chunk.lstrip(_GLUE_PUNCTUATION)
    core = left.rstrip(_GLUE_PUNCTUATION)
    if core and not _only_in(core, whole):
        return False
    if glue == GLUE_ALONE:
        for k in range(len(chunk) - len(left)):
            out.append(chunk[k])
    if core:
        out.append(core)
    if glue == GLUE_ALONE:
        for k in range(len(core), len(left)):
            out.append(left[k])
    return True


def finditer_from_chars(pattern: re.Pattern[str], text: str, chars: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a ``pattern`` whose every match begins with
    one of ``chars`` (so none is empty): the places to try are found with ``str.find``
    per character, which skips ahead far faster than the regex engine's test of each
    character against a class."""
    out: list[re.Match[str]] = []
    nexts = [text.find(c) for c in chars]
    pos = 0
    while True:
        best = -1
        for k in range(len(nexts)):
            at = nexts[k]
            if 0 <= at < pos:
                at = text.find(chars[k], pos)
                nexts[k] = at
            if at >= 0 and (best < 0 or at < best):
                best = at
        if best < 0:
            return out
        m = pattern.match(text, best)
        if m is None:
            pos = best + 1
        else:
            out.append(m)
            pos = m.end()


def digit_before(text: str, separators: str, digit_after: bool = False) -> bool:
    """Whether an ASCII digit stands right before one of ``separators`` (and, with
    ``digit_after``, another right after it): ``[0-9][/.]`` searched from the
    separators, which ``str.find`` skips to, not from the digits, which the regex
    engine would test character by character."""
    n = len(text)
    for sep in separators:
        at = text.find(sep, 1)
        while at >= 0:
            if 0x30 <= ord(text[at - 1]) <= 0x39 and (
                not digit_after or (at + 1 < n and 0x30 <= ord(text[at + 1]) <= 0x39)
            ):
                return True
            at = text.find(sep, at + 1)
    return False


SPACE_FIRST_KEY: Final = " \uffff"
"""A key no word contains, added to an automaton before all others so that the space
(about a sixth of the characters of a report) is the first child its root tries; its
value must make it a no-op for the automaton's reader."""


def trie_order(keys: Iterable[str]) -> list[str]:
    """``keys`` in the order to add them to a pyahocorasick automaton. Its trie nodes try
    their children one by one, in the order they were added; sorted by the rank of each
    letter's frequency over the keys themselves, every node lists its most frequent
    letters first. The keys, the matches and their order are unchanged."""
    ordered = list(keys)
    counts = Counter(ch for key in ordered for ch in key)
    rank = {ch: i for i, (ch, _count) in enumerate(counts.most_common())}
    return sorted(ordered, key=lambda key: [rank[ch] for ch in key])


def piece_spans(text: str, pieces: list[str]) -> tuple[list[int], list[int]]:
    """Starts and ends of ``pieces`` found in ``text`` one after another (the words or
    tokens ``findall_split`` gave, cheaper than match objects): nothing a piece could
    start with lies between two of them, so each is found first after the one before."""
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for piece in pieces:
        pos = text.find(piece, pos)
        starts.append(pos)
        pos += len(piece)
        ends.append(pos)
    return starts, ends


def tiling_spans(text: str, pieces: list[str]) -> tuple[list[int], list[int]]:
    """``piece_spans(text, pieces)`` for pieces that tile the words of a text whose words
    are separated by single spaces (a normalised text, split by a pattern that leaves no
    character out, like the number tokens): each piece begins where the one before it
    ends, or one space later. Counted, not searched; should a piece not begin where
    counted, the search of ``piece_spans`` answers instead."""
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    pos = 0
    for piece in pieces:
        if pos < n and ord(text[pos]) == 0x20:
            pos += 1
        if pos >= n or ord(text[pos]) != ord(piece[0]):
            return piece_spans(text, pieces)
        starts.append(pos)
        pos += len(piece)
        ends.append(pos)
    return starts, ends


def _only_in(chunk: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    lo0, hi0 = ranges[0]  # the common case first: one comparison per letter
    for i in range(len(chunk)):
        cp = ord(chunk[i])  # compiled, ord(s[i]) reads the code point without making a string
        if lo0 <= cp <= hi0:
            continue
        for lo, hi in ranges:
            if lo <= cp <= hi:
                break
        else:
            return False
    return True


def isalnum_at(text: str, i: int) -> bool:
    """``text[i].isalnum()``; Arabic and ASCII letters and digits are told from the code
    point, without the one-character string ``text[i]`` (the compiled build's cost)."""
    cp = ord(text[i])
    if 0x621 <= cp <= 0x64A or 0x61 <= cp <= 0x7A or 0x41 <= cp <= 0x5A or 0x30 <= cp <= 0x39:
        return True
    if cp < 0x30:  # space, controls and the ASCII punctuation before the digits
        return False
    return text[i].isalnum()


def isalpha_at(text: str, i: int) -> bool:
    """``text[i].isalpha()``, told from the code point for Arabic and ASCII characters."""
    cp = ord(text[i])
    if 0x621 <= cp <= 0x64A or 0x61 <= cp <= 0x7A or 0x41 <= cp <= 0x5A:
        return True
    if cp < 0x41:  # space, controls, ASCII digits and punctuation
        return False
    return text[i].isalpha()


def isdigit_at(text: str, i: int) -> bool:
    """``text[i].isdigit()``, told from the code point for Arabic letters and ASCII."""
    cp = ord(text[i])
    if 0x30 <= cp <= 0x39:
        return True
    if cp < 0x80 or 0x621 <= cp <= 0x64A:
        return False
    return text[i].isdigit()


_AUTOMATON_NEEDLES: Final = 8  # from this many needles on, one automaton pass beats a test per needle


class Cue:
    """A cue pattern and words one of which each of its matches holds: the regex runs
    only on windows with one of them (a substring test is far cheaper than a search
    that tries the pattern's alternatives at every space). Tests check the words
    against strings generated from the pattern. Many words are looked for with one
    automaton pass over the window rather than one substring test each."""

    def __init__(self, pattern: str, needles: tuple[str, ...]) -> None:
        self.pattern = re.compile(pattern)
        self.needles = needles
        self._automaton: ahocorasick.Automaton | None = None
        if len(needles) >= _AUTOMATON_NEEDLES:
            automaton = ahocorasick.Automaton()
            for needle in trie_order(needles):
                automaton.add_word(needle, len(needle))
            automaton.make_automaton()
            self._automaton = automaton

    def holds_needle(self, window: str) -> bool:
        """Whether one of the needles occurs in ``window``."""
        if self._automaton is not None:
            return next(self._automaton.iter(window), None) is not None
        return any(needle in window for needle in self.needles)

    def search(self, window: str) -> bool:
        return self.holds_needle(window) and self.pattern.search(window) is not None

    def search_in(self, text: str, lo: int, hi: int) -> bool:
        """``pattern.search(text, lo, hi)``: a match lies in ``text[lo:hi]``, so that
        window must hold a needle (lookbehinds may still read before ``lo``)."""
        return self.holds_needle(text[lo:hi]) and self.pattern.search(text, lo, hi) is not None
