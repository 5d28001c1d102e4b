"""Evidence highlighting that never turns article text into markup.

An article is untrusted text. Instead of inserting ``<mark>`` tags into it,
the text is cut at every evidence boundary into segments; the template
escapes each segment and wraps the marked ones. Overlapping spans of several
incidents give one segment per distinct overlap, labelled with all of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Segment:
    text: str
    start: int
    end: int
    incident_ids: list[int] = field(default_factory=list)
    primary: bool = False  # evidence of an incident of the event on display

    @property
    def marked(self) -> bool:
        return bool(self.incident_ids)


def segments(
    text: str, spans: Iterable[tuple[int, int, int]], primary_ids: frozenset[int] = frozenset()
) -> list[Segment]:
    """Cut ``text`` at the boundaries of ``(start, end, incident_id)`` spans (half-open).

    Spans outside the text are clipped; empty ones are ignored. Concatenating
    the segments' texts gives back ``text`` exactly.
    """
    clean: list[tuple[int, int, int]] = []
    for start, end, incident_id in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        if start < end:
            clean.append((start, end, incident_id))
    cuts = sorted({0, len(text), *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    out: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        if left == right:
            continue
        ids = sorted({i for s, e, i in clean if s <= left and right <= e})
        out.append(
            Segment(
                text=text[left:right],
                start=left,
                end=right,
                incident_ids=ids,
                primary=any(i in primary_ids for i in ids),
            )
        )
    return out
