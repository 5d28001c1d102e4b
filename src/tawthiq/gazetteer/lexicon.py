"""Language data of the gazetteer (descriptors, stop-list, compound heads, relation
cues), loaded once per process from ``data/`` and normalised on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from tawthiq.text.normalize import normalize_form


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("tawthiq.gazetteer").joinpath("data", filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Lexicon:
    descriptors: dict[str, str]
    """normalised descriptor word -> kind (town, neighbourhood, camp, governorate, rif, ...)."""
    stoplist: frozenset[str]
    """normalised names that match only right after a descriptor."""
    compound_heads: frozenset[str]
    relation_cues: dict[str, str]
    """normalised cue (one or more words) -> relation (near, direction, between, road)."""
    prefix_forms: tuple[tuple[str, str], ...] = ()
    """(first word, other spelling): "ابو" is also written "البو", joined or spaced."""


@cache
def lexicon() -> Lexicon:
    descriptors = {normalize_form(r[0]): r[1].strip() for r in _rows("descriptors.tsv")}
    stoplist = frozenset(normalize_form(r[0]) for r in _rows("stoplist.tsv"))
    heads = frozenset(normalize_form(r[0]) for r in _rows("compound_heads.tsv"))
    cues = {normalize_form(r[0]): r[1].strip() for r in _rows("relations.tsv")}
    prefixes = tuple((normalize_form(r[0]), normalize_form(r[1].strip())) for r in _rows("name_prefix_forms.tsv"))
    return Lexicon(descriptors, stoplist, heads, cues, prefixes)


ARTICLE = "ال"
# Descriptors stripped from a gazetteer name before indexing ("ناحية مركز الحسكة"
# -> "الحسكة"); a camp or neighbourhood keeps its descriptor: "مخيم اليرموك" is the name.
_STRIPPED_KINDS = frozenset({"town", "subdistrict", "district", "governorate", "area"})


def strip_descriptors(norm_name: str) -> str:
    """Drop leading descriptor words that are not part of a name."""
    lex = lexicon()
    words = norm_name.split(" ")
    while len(words) > 1 and lex.descriptors.get(words[0]) in _STRIPPED_KINDS:
        words = words[1:]
    return " ".join(words)


def name_variants(norm_name: str) -> set[str]:
    """Index keys for one normalised name: the name without leading descriptors,
    plus its joined and split spellings (كفر نبل = كفرنبل, معره مصرين = معرتمصرين)
    and the other spellings of its first word (ابو كمال = البوكمال)."""
    lex = lexicon()
    base = strip_descriptors(norm_name.strip())
    if not base:
        return set()
    out = {base}
    words = base.split(" ")
    for word, other in lex.prefix_forms:
        if len(words) >= 2 and words[0] == word:
            rest = " ".join(words[1:])
            out |= {other + rest, other + " " + rest}
    if len(words) >= 2 and words[0] in lex.compound_heads:
        head, rest = words[0], " ".join(words[1:])
        out.add(head + rest)
        if head.endswith("ه"):
            out.add(head[:-1] + "ت" + rest)
    elif len(words) == 1:
        for head in lex.compound_heads:
            forms = [head]
            if head.endswith("ه"):
                forms.append(head[:-1] + "ت")
            for form in forms:
                if base.startswith(form) and len(base) - len(form) >= 3 and base[len(form)] != " ":
                    out.add(head + " " + base[len(form) :])
    return out
