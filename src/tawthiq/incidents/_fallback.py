"""Stand-ins used only while the text layer lacks ``find_numbers``/``find_dates``.

Digits only (ASCII and Arabic-Indic); no dates. Remove once the text layer
provides both (the engine prefers the text layer's functions when present).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DIGITS = re.compile(r"[0-9\u0660-\u0669]+")


@dataclass(frozen=True)
class SimpleNumber:
    start: int
    end: int
    value: int | None
    approximate: bool = False
    vague: bool = False
    rule: str = "digits"


def find_numbers(text: str) -> list[SimpleNumber]:
    out = []
    for m in _DIGITS.finditer(text):
        digits = m.group().translate({0x0660 + i: str(i) for i in range(10)})
        out.append(SimpleNumber(m.start(), m.end(), int(digits)))
    return out


def find_dates(text: str, published: dt.date | None) -> list:
    return []
