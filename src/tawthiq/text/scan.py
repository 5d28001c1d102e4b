"""Word scans shared by the finders, cheaper than a regex match per word.

The regex engine costs about a thousand instructions for each match it returns; most
words of a report are plain runs of Arabic letters between spaces, which ``str.split``
finds in C and a range check per character confirms. Only chunks with something else
in them (digits, punctuation glued to a word) go through the regex.
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


def _only_in(chunk: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    lo0, hi0 = ranges[0]  # the common case first: one comparison per letter
    for ch in chunk:
        cp = ord(ch)
        if lo0 <= cp <= hi0:
            continue
        for lo, hi in ranges:
            if lo <= cp <= hi:
                break
        else:
            return False
    return True
