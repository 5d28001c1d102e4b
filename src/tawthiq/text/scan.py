"""Scans shared by the finders, cheaper than the regex engine where it is costly.

The regex engine costs about a thousand instructions for each match it returns; most
words of a report are plain runs of Arabic letters between spaces, which ``str.split``
finds in C and a range check per character confirms. Only chunks with something else
in them (digits, punctuation glued to a word) go through the regex. Also here: character
tests read from the code point, and ``Cue``, a cue pattern searched only in windows
that hold one of its words.
"""

from __future__ import annotations

import re


def findall_split(pattern: re.Pattern[str], text: str, whole: tuple[tuple[int, int], ...]) -> list[str]:
    """``pattern.findall(text)``, for a ``pattern`` none of whose matches holds whitespace
    and which takes a chunk made only of characters in the code point ranges ``whole``
    (inclusive) as one match, e.g. ``[\\u0621-\\u064a]+|\\S``."""
    out: list[str] = []
    for chunk in text.split():  # str.split and the regex's \\s agree on what whitespace is
        if _only_in(chunk, whole):
            out.append(chunk)
        else:
            out.extend(pattern.findall(chunk))
    return out


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


class Cue:
    """A cue pattern and words one of which each of its matches holds: the regex runs
    only on windows with one of them (a substring test is far cheaper than a search
    that tries the pattern's alternatives at every space). Tests check the words
    against strings generated from the pattern."""

    def __init__(self, pattern: str, needles: tuple[str, ...]) -> None:
        self.pattern = re.compile(pattern)
        self.needles = needles

    def search(self, window: str) -> bool:
        for needle in self.needles:
            if needle in window:
                return self.pattern.search(window) is not None
        return False
