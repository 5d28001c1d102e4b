"""Overlap and containment queries over many short spans in O(log n) each."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable


def bisect_right_int(seq: list[int], x: int) -> int:
    """``bisect.bisect_right(seq, x)`` written out: compiled, a loop over a list of
    native ints costs less than a call into ``bisect`` with boxed arguments."""
    lo = 0
    hi = len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < seq[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def bisect_left_int(seq: list[int], x: int) -> int:
    """``bisect.bisect_left(seq, x)`` written out (see ``bisect_right_int``)."""
    lo = 0
    hi = len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if seq[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


class SpanIndex:
    """Half-open spans sorted by start; queries look back only as far as the longest span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        listed = list(spans)
        # most indexes hold none or one span: no set, no sort
        self.spans = sorted(set(listed)) if len(listed) > 1 else listed
        self.starts = [s for s, _ in self.spans]
        self.longest = max([e - s for s, e in self.spans], default=0)  # a list: cheaper than a generator

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end)."""
        # walk back from the last span starting before ``end``; stop once no span can reach
        # ``start`` (plain loops: these run for every mention and place)
        spans = self.spans
        floor = start - self.longest
        i = bisect_right_int(self.starts, end)
        while i > 0:
            i -= 1
            s, e = spans[i]
            if s < floor:
                return False
            if s < end and start < e:
                return True
        return False

    def contains(self, start: int, end: int, strictly: bool = False) -> bool:
        """Some span covers [start, end) (``strictly``: and is not that same span)."""
        spans = self.spans
        floor = start - self.longest
        i = bisect_right_int(self.starts, end)
        while i > 0:
            i -= 1
            s, e = spans[i]
            if s < floor:
                return False
            if s <= start and end <= e and not (strictly and s == start and e == end):
                return True
        return False

    def starts_at(self, start: int) -> bool:
        """Some span starts exactly at ``start``."""
        i = bisect_right_int(self.starts, start)
        return i > 0 and self.starts[i - 1] == start

    def add(self, start: int, end: int) -> None:
        """Insert one span, keeping the order."""
        i = bisect_right(self.spans, (start, end))
        self.spans.insert(i, (start, end))
        insort(self.starts, start)
        self.longest = max(self.longest, end - start)
