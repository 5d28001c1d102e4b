"""The characters a regular expression's match can begin with, read from its parse tree.

A rule tried at many positions (the date rules at each word start near an anchor) is
only worth a call of the regex engine where the character there can begin a match:
a set lookup rejects the other positions. The set is a superset, never a guess: any
construct this does not understand (a class such as ``\\w``, a negated set, a back
reference, case-insensitive matching) gives ``None``, meaning "try everywhere".
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind ``re`` (``sre_parse`` before Python 3.11 named it so)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without it: no filter, same results
    _c = _p = None

_LARGEST_RANGE = 4096  # a wider character range is treated as "anything"


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a non-empty match of ``pattern`` can start with, or ``None``
    if that cannot be told (or the pattern can match the empty string)."""
    if _p is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        chars, nullable = _first(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unknown parser shape: no filter, not an error
        return None
    if chars is None or nullable:
        return None
    return frozenset(chars)


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match empty) of a parsed sequence."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _charset(av), False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _first(alternative)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or empty
        return out, nullable
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None, False  # (?i:...)
        return _first(av[-1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, item = av
        chars, empty = _first(item)
        return chars, empty or low == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: what follows starts the match
    return None, False  # ANY, CATEGORY, NOT_LITERAL, GROUPREF...: anything


def _charset(items: Any) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] <= _LARGEST_RANGE:
            out.update(chr(cp) for cp in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY, a huge range
    return out
