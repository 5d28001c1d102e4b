"""Score predicted incidents against gold incidents, as ANNOTATION.md defines it.

The same figures as the reference scorer: incidents are paired per article
(as many pairs as possible, then the pairs that agree most; a pair needs the
same event type and places within 15 km, the same GeoNames id, or the same
normalised name when coordinates are missing); then precision/recall/F1,
field accuracy over matched required pairs and micro set-F1 for targets,
weapons and impacts. Plain Python, no I/O.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MATCH_KM = 15.0
GEOCODE_KM = 10.0
FIELDS = ("sub_event_type", "actor1", "date", "killed", "injured", "civilian_victims", "geocode", "evidence")
SET_FIELDS = ("targets", "weapons", "impacts")

_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_NAME_FILLERS = frozenset(
    {"مدينة", "بلدة", "قرية", "حي", "ناحية", "منطقة", "مخيم", "محافظة", "ريف", "مدينه", "بلده", "قريه",
     "منطقه", "محافظه"}
)  # fmt: skip
_NAME_SPLIT = re.compile(r"[\s\-–_,،]+")

Record = Mapping[str, Any]


def place_name_key(name: str | None) -> str:
    """A place name without marks, letter variants, descriptor words and article."""
    if not name:
        return ""
    s = _MARKS.sub("", unicodedata.normalize("NFKC", name))
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    words = [w for w in _NAME_SPLIT.split(s) if w and w not in _NAME_FILLERS]
    return "".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words).lower()


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _point(loc: Record | None) -> tuple[float, float] | None:
    if not loc:
        return None
    lat, lon = loc.get("lat"), loc.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return (float(lat), float(lon))
    return None


def same_place(gold: Record | None, pred: Record | None, limit_km: float) -> bool:
    g, p = gold or {}, pred or {}
    if g.get("geonameid") and p.get("geonameid") and g["geonameid"] == p["geonameid"]:
        return True
    pg, pp = _point(g), _point(p)
    if pg and pp:
        return distance_km(pg, pp) <= limit_km
    key = place_name_key(g.get("name"))
    return bool(key) and key == place_name_key(p.get("name"))


def _day(value: Record | None) -> str | None:
    return (value or {}).get("date")


def pair_weight(gold: Record, pred: Record) -> float | None:
    """None when the two cannot be the same incident, else how much they agree."""
    if gold.get("event_type") != pred.get("event_type"):
        return None
    if not same_place(gold.get("location"), pred.get("location"), MATCH_KM):
        return None
    weight = 1.0
    weight += 0.5 * (gold.get("sub_event_type") == pred.get("sub_event_type"))
    weight += 0.3 * (gold.get("actor1") == pred.get("actor1"))
    gd = _day(gold.get("date"))
    weight += 0.2 * (gd is not None and gd == _day(pred.get("date")))
    weight += 0.2 * (gold.get("killed") is not None and gold.get("killed") == pred.get("killed"))
    if gold.get("optional"):
        weight *= 0.4
    return weight


def best_pairs(weights: list[list[float | None]]) -> list[tuple[int, int]]:
    """Maximum-cardinality, then maximum-weight pairing (Hungarian method on costs;
    a forbidden pair costs more than any weight can gain)."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    n = max(rows, cols)
    forbidden = 1e6

    def cost(i: int, j: int) -> float:
        w = weights[i][j] if i < rows and j < cols else None
        return forbidden if w is None else -w

    row_pot = [0.0] * (n + 1)
    col_pot = [0.0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j] = row matched to column j (1-based), 0 = free
    back = [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        slack = [math.inf] * (n + 1)
        done = [False] * (n + 1)
        while True:
            done[j0] = True
            i0, delta, j1 = owner[j0], math.inf, 0
            for j in range(1, n + 1):
                if done[j]:
                    continue
                reduced = cost(i0 - 1, j - 1) - row_pot[i0] - col_pot[j]
                if reduced < slack[j]:
                    slack[j], back[j] = reduced, j0
                if slack[j] < delta:
                    delta, j1 = slack[j], j
            for j in range(n + 1):
                if done[j]:
                    row_pot[owner[j]] += delta
                    col_pot[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = back[j0]
            owner[j0] = owner[j1]
            j0 = j1
    out = []
    for j in range(1, n + 1):
        i = owner[j] - 1
        if i < rows and j - 1 < cols and weights[i][j - 1] is not None:
            out.append((i, j - 1))
    return out


@dataclass
class _Ratio:
    good: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.good += bool(ok)

    @property
    def value(self) -> float | None:
        return self.good / self.total if self.total else None


@dataclass
class _SetCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[str] | None, pred: Iterable[str] | None) -> None:
        g, p = set(gold or ()), set(pred or ())
        self.tp += len(g & p)
        self.fp += len(p - g)
        self.fn += len(g - p)

    @property
    def value(self) -> float | None:
        if not (self.tp + self.fp + self.fn):
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def _spans_overlap(a: Iterable[Iterable[int]] | None, b: Iterable[Iterable[int]] | None) -> bool:
    b_list = [tuple(x) for x in (b or [])]
    return any(a0 < b1 and b0 < a1 for a0, a1 in (tuple(x) for x in (a or [])) for b0, b1 in b_list)


@dataclass
class ArticleErrors:
    """What went wrong in one article: missed gold and spurious predicted incidents."""

    article_id: str
    tp: int
    missed: list[Record] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)


def score(
    article_ids: Iterable[str], gold: Mapping[str, list[Record]], pred: Mapping[str, list[Record]]
) -> tuple[dict[str, Any], list[ArticleErrors]]:
    """The summary figures (keys as the reference scorer prints) and per-article errors."""
    tp = fp = fn = 0
    ratios = {k: _Ratio() for k in FIELDS}
    sets = {k: _SetCounts() for k in SET_FIELDS}
    errors: list[ArticleErrors] = []
    count = 0
    for aid in article_ids:
        count += 1
        g_list, p_list = gold.get(aid, []), pred.get(aid, [])
        pairs = best_pairs([[pair_weight(g, p) for p in p_list] for g in g_list])
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        a_tp = 0
        for i, j in pairs:
            g, p = g_list[i], p_list[j]
            if g.get("optional"):
                continue
            a_tp += 1
            ratios["sub_event_type"].add(g.get("sub_event_type") == p.get("sub_event_type"))
            ratios["actor1"].add(g.get("actor1") == p.get("actor1"))
            ratios["civilian_victims"].add(bool(g.get("civilian_victims")) == bool(p.get("civilian_victims")))
            if (g.get("date") or {}).get("precision") == "day":
                ratios["date"].add(_day(g["date"]) == _day(p.get("date")))
            for k in ("killed", "injured"):
                if g.get(k) is not None:
                    ratios[k].add(g[k] == p.get(k))
            if _point(g.get("location")) or (g.get("location") or {}).get("geonameid"):
                ratios["geocode"].add(same_place(g["location"], p.get("location"), GEOCODE_KM))
            if g.get("evidence"):
                ratios["evidence"].add(_spans_overlap(g["evidence"], p.get("evidence")))
            for k, counts in sets.items():
                counts.add(g.get(k), p.get(k))
        spurious = [p for j, p in enumerate(p_list) if j not in matched_p]
        missed = [g for i, g in enumerate(g_list) if i not in matched_g and not g.get("optional")]
        tp, fp, fn = tp + a_tp, fp + len(spurious), fn + len(missed)
        if missed or spurious:
            errors.append(ArticleErrors(aid, a_tp, missed, spurious))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    out: dict[str, Any] = {
        "articles": count, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
    }  # fmt: skip
    out.update({k: r.value for k, r in ratios.items()})
    out.update({f"{k}_f1": s.value for k, s in sets.items()})
    return out, errors


def located_share(
    article_ids: Iterable[str], gold: Mapping[str, list[Record]], pred: Mapping[str, list[Record]]
) -> tuple[int, int]:
    """(located, required): of the required gold incidents, how many are paired with a
    predicted incident that has coordinates (it can be shown on a map). Not a figure of
    the reference scorer: issue #3 measures the geocoder's reach with it."""
    located = required = 0
    for aid in article_ids:
        g_list, p_list = gold.get(aid, []), pred.get(aid, [])
        pairs = dict(best_pairs([[pair_weight(g, p) for p in p_list] for g in g_list]))
        for i, g in enumerate(g_list):
            if g.get("optional"):
                continue
            required += 1
            located += i in pairs and _point(p_list[pairs[i]].get("location")) is not None
    return located, required


def format_table(result: Mapping[str, Any]) -> str:
    """The summary as the reference scorer prints it (one ``name value`` line each)."""
    lines = []
    for k, v in result.items():
        lines.append(f"{k:18} {v:.3f}" if isinstance(v, float) else f"{k:18} {v}")
    return "\n".join(lines)
