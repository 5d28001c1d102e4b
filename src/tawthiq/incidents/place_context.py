"""Locate places the gazetteer lacks by the known place the text ties them to.

Arabic reports place a small village or a quarter by naming the larger place
it lies in or near: "منطقة X الواقعة بريف مدينة Y", "قرية X قرب Y", "حي X
الذي تسيطر عليه القوات في مدينة Y". When X has no gazetteer entry and Y has
one, the incident can still be put on the map: at Y, with the precision
ANNOTATION.md gives that relation (1 for a quarter of a town, 2 near a town or
in its countryside, 3 only the governorate). The name stays X as written and
the reason says which words placed it, so a reviewer sees what was inferred.

The cue words live in ``data/place_context.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Final

from ..gazetteer.model import PlaceMention
from ..text import normalize_form

_WORD: Final = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_PUNCT: Final = re.compile(r"[.!?؟;؛:()\"“”«»\n]")
_MAX_GAP_CHARS: Final = 40
_MAX_CLAUSE_WORDS: Final = 8
LOCATED: Final = "located"
"""The relation of a place coded at the known place the text ties it to (it keeps its own name)."""
_TOO_COARSE: Final = frozenset({"ADM1", "PCLI"})
_QUARTERS: Final = frozenset({"quarter", "area", "neighbourhood_of"})


@cache
def _cues() -> dict[str, frozenset[str]]:
    """kind -> normalised cue words (relative adjectives, "in" and "near" links, relative pronouns,
    quarter and village descriptors)."""
    text = resources.files("tawthiq.incidents").joinpath("data", "place_context.tsv").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, kind = line.split("\t")[:2]
        table.setdefault(kind.strip(), set()).add(normalize_form(word.strip()))
    return {kind: frozenset(words) for kind, words in table.items()}


def _link(gap_words: list[str], container_surface: str, rif: bool) -> str | None:
    """How the words between an unknown place and a known one relate them: "in",
    "near", or None (no relation this module trusts)."""
    cues = _cues()
    words = gap_words
    if words and words[0] in cues["relative_pronoun"]:
        # "حي X الذي تسيطر عليه القوات في مدينة Y": a short relative clause, then "في مدينة Y"
        if rif or len(words) > _MAX_CLAUSE_WORDS or words[-1] not in cues["in"]:
            return None
        head = normalize_form(container_surface.split(" ")[0]) if container_surface else ""
        return "in" if head in cues["town_descriptor"] else None
    if words and words[0] in cues["relative_adjective"]:
        words = words[1:]
    if words and words[-1] in cues["rif"] and not rif:
        # "X الواقعة بريف مدينة Y": the countryside of the town Y
        rif, words = True, words[:-1]
        if all(w in cues["in"] for w in words) and len(words) <= 1:
            return "rif"
        return None
    if rif:
        # "X بريف Y", "X الواقعة في ريف Y": at most a preposition before "ريف"
        return "in" if all(w in cues["in"] for w in words) and len(words) <= 1 else None
    if len(words) == 1 and words[0] in cues["in"]:
        return "in"
    if words and all(w in cues["near"] for w in words):
        return "near"
    return None


def locate_unknown_places(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """``places`` (PlaceMentions in text order) with each unresolved one that the
    text ties to the next, resolved place coded at that place; tied to a governorate,
    it stays without coordinates but keeps the governorate as its ``container``
    (the incident's admin1 and country)."""
    out = list(places)
    cues = _cues()
    located: set[int] = set()
    for i in range(len(out) - 2, -1, -1):
        p, q = out[i], out[i + 1]
        if p.place is not None or q.place is None or q.place.lat is None or q.start < p.end:
            continue
        if q.place.feature == "PCLI":
            continue
        gap = text[p.end : q.start]
        gap_words = [normalize_form(w) for w in _WORD.findall(gap)]
        relative = bool(gap_words) and gap_words[0] in cues["relative_pronoun"]
        if _PUNCT.search(gap) or len(gap) > _MAX_GAP_CHARS * (2 if relative else 1):
            continue
        if q.relation in ("near", "direction"):
            link = "near" if not gap_words or _link(gap_words, q.surface, rif=False) is not None else None
        elif q.relation in ("rif", None, "container"):
            link = _link(gap_words, q.surface, rif=q.relation == "rif")
        else:
            link = None
        if link is None:
            continue
        too_coarse = q.precision >= 3 or q.place.feature in _TOO_COARSE
        # "مدينة X في درعا": a town is not inside a town, so Y is the governorate
        town_in_town = (
            link == "in" and q.relation != "rif" and p.relation not in _QUARTERS and not _names_a_unit(q, cues)
        )
        if too_coarse or town_in_town:
            # no coordinates (a governorate says too little), but the governorate is known
            where = q.place.admin1 or q.place.name_en or q.place.name
            out[i] = replace(p, container=q.place, reason=f"{p.reason}; in {where} ('{q.surface}'), no coordinates")
        else:
            out[i] = _coded_at(p, q, link)
            out[i + 1] = replace(q, relation="container")  # it names where p is, not an event place
        located.add(i)
    # a list of unknown places takes the place of its last member: "قريتي A وB بريف Y"
    for i in range(len(out) - 2, -1, -1):
        p, q = out[i], out[i + 1]
        if p.place is not None or i + 1 not in located or p.relation != places[i + 1].relation:
            continue
        gap = text[p.end : q.start]
        if gap.strip() in ("و", "،", ",") or (not gap.strip() and text[q.start : q.start + 1] == "و"):
            reason = f"{p.reason}; listed with '{q.surface}', {q.reason.split('; ', 1)[-1]}"
            out[i] = replace(
                p, place=q.place, precision=q.precision, container=q.container, reason=reason, relation=q.relation
            )
            located.add(i)
    return out


def _names_a_unit(q: PlaceMention, cues: dict[str, frozenset[str]]) -> bool:
    """``q`` is written as an administrative unit named after its town ("ناحية الزربة")."""
    head = normalize_form(q.surface.split(" ")[0]) if q.surface else ""
    return (q.place is not None and q.place.is_admin) or head in cues["unit_descriptor"]


def _coded_at(p: PlaceMention, q: PlaceMention, link: str) -> PlaceMention:
    """``p`` coded at ``q``'s place with the precision of the relation. A quarter or
    an area of a town is the town's (ANNOTATION.md: precision 1, the same place as the
    town, also "بمنطقة X جنوب Y"); a village in or near it, or an area "قرب Y", is a place of
    its own at precision 2."""
    container = q.place
    assert container is not None  # q is a resolved place
    reason = f"{p.reason}; coded at {container.name_en or container.name}, named after it ('{q.surface}')"
    if p.relation in _QUARTERS and not container.is_admin and q.relation not in ("rif", "near") and link != "rif":
        return replace(p, place=container, precision=1, container=container, reason=reason)
    precision = max(2, q.precision)
    return replace(p, place=container, precision=precision, container=container, reason=reason, relation=LOCATED)
