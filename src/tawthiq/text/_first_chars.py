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


_MAX_PREFIXES = 20_000  # more distinct prefixes than this: no filter


def prefixes(pattern: re.Pattern[str], k: int) -> frozenset[str] | None:
    """Every string of ``k`` characters a match of ``pattern`` can start with, or ``None``
    if that cannot be told, a match can be shorter than ``k`` characters, or there are
    too many. Assertions are read as matching anything (a superset, as with
    :func:`first_chars`)."""
    if _p is None or pattern.flags & re.IGNORECASE or k < 1:
        return None
    try:
        found = _prefixes(_p.parse(pattern.pattern, pattern.flags), k)
    except Exception:  # an unknown parser shape: no filter, not an error
        return None
    if found is None or any(complete for _, complete in found):
        return None  # unknown, or a match shorter than k
    return frozenset(s for s, _ in found)


_Prefixes = set[tuple[str, bool]]  # (prefix, the whole match: shorter than k, nothing cut)


def _prefixes(items: Any, k: int) -> _Prefixes | None:
    """The prefixes of at most ``k`` characters of a parsed sequence's matches."""
    current: _Prefixes = {("", True)}
    for op, av in items:
        current_or_none = _then(current, lambda room, op=op, av=av: _prefixes_of(op, av, room), k)
        if current_or_none is None:
            return None
        current = current_or_none
    return current


def _then(current: _Prefixes, item: Any, k: int) -> _Prefixes | None:
    """``current`` followed by what ``item(room)`` gives for the room left to ``k``."""
    out: _Prefixes = set()
    cache: dict[int, _Prefixes | None] = {}
    for s, complete in current:
        if not complete:
            out.add((s, False))
            continue
        room = k - len(s)
        if room not in cache:
            cache[room] = item(room)
        tails = cache[room]
        if tails is None:
            return None
        for t, t_complete in tails:
            joined = s + t
            out.add((joined, t_complete and len(joined) < k))
        if len(out) > _MAX_PREFIXES:
            return None
    return out


def _prefixes_of(op: Any, av: Any, room: int) -> _Prefixes | None:
    """The prefixes of at most ``room`` characters (``room`` > 0) of one parsed item."""
    if op is _c.LITERAL:
        return {(chr(av), room > 1)}
    if op is _c.IN:
        chars = _charset(av)
        return None if chars is None else {(ch, room > 1) for ch in chars}
    if op is _c.BRANCH:
        out: _Prefixes = set()
        for alternative in av[1]:
            found = _prefixes(alternative, room)
            if found is None:
                return None
            out |= found
        return out
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _prefixes(av[-1], room)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, item = av
        result: _Prefixes = set()
        current: _Prefixes = {("", True)}
        for count in range(min(high, room) + 1):
            if count >= low:
                result |= current
            else:
                result |= {(s, c) for s, c in current if not c}  # already cut at room
            if count == min(high, room):
                break
            step = _then(current, lambda r, item=item: _prefixes(item, r), room)
            if step is None:
                return None
            current = step
        return result
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _prefixes(av, room)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", True)}  # zero width: what follows starts there
    return None  # ANY, CATEGORY, NOT_LITERAL, GROUPREF...: anything
