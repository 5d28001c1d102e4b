"""Mention finders: lexicon words (actors, weapons, targets, event triggers,
victims, casualty words, negations, impacts, background cues) found in the
normalised text with one Aho-Corasick automaton built once per process.

The lexicons are TSV files in ``mentions/data/`` (``form<TAB>code[<TAB>extra...]``,
``#`` comments), every form already in :func:`tawthiq.text.normalize_form`
form, so analysts extend them without Python. The code ``-`` blocks: a longer
phrase that holds an entry but is not one of the lexicon's things. A hit counts only at Arabic-aware
word boundaries: the word may start with the proclitics و ف ب ل ك and the
article ال (also ل+ال written لل), and may end with a pronoun suffix (ها هم ه ...).

Public surface:

- ``Mention``: one hit (``kind``, ``code``, ``extra``, ``scope``, original
  ``start``/``end``, normalised ``nstart``/``nend``, ``form``).
- ``LexiconEntry`` and ``load_lexicon(kind) -> list[LexiconEntry]``.
- ``MentionFinder()``: ``find(normalized_text) -> list[Mention]`` sorted by start.
- ``LEXICONS``: the lexicon kinds and their code lists (for the lint test).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from ..models import ACTORS, IMPACTS, SUB_EVENT_TO_EVENT, TARGETS, WEAPONS
from ..text import NormalizedText
from ..text.scan import SPACE_FIRST_KEY, isalpha_at, trie_order
from ..text.value import Value

log = logging.getLogger(__name__)

# kind -> the codes allowed in its second column (None = free).
LEXICONS: Final[dict[str, tuple[str, ...]]] = {
    "actors": ACTORS,
    "weapons": WEAPONS,
    "targets": TARGETS,
    "triggers": tuple(SUB_EVENT_TO_EVENT),
    "casualties": ("killed", "injured"),
    "victims": ("civilian", "person"),
    "negations": ("none",),
    "impacts": IMPACTS,
    "cues": ("background", "statement", "source"),
}

NOT_A_MENTION: Final = "-"
"""The code of a blocking entry: a phrase that contains a shorter entry of the lexicon
but is not one of its things ("قنابل صوتية", stun grenades, holds "قنابل", bombs).
It wins the longest match within its lexicon and is then left out."""

_PROCLITIC_FIRST: Final = ("", "و", "ف")
_PROCLITIC_SECOND: Final = ("", "ب", "ل", "ك")
_ENCLITICS: Final = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا"})


def _is_letter(ch: str) -> bool:
    """Arabic or Latin letter (a digit or punctuation is a word boundary)."""
    return ch.isalpha()


def _allowed_prefixes(form_has_article: bool) -> frozenset[str]:
    out = set()
    for a in _PROCLITIC_FIRST:
        for b in _PROCLITIC_SECOND:
            out.add(a + b)
            if not form_has_article:
                out.add(a + b + "ال")
    return frozenset(out)


_PREFIXES_WITH_ARTICLE: Final = _allowed_prefixes(True)
_PREFIXES_BARE: Final = _allowed_prefixes(False)
_PREFIXES_AFTER_LL: Final = frozenset({"", "و", "ف"})


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    kind: str
    form: str
    code: str
    extra: str = ""
    scope: str = ""

    def __reduce__(self) -> tuple[type[LexiconEntry], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        return (LexiconEntry, (self.kind, self.form, self.code, self.extra, self.scope))


class Mention(Value):
    """One lexicon hit. ``start``/``end`` index the ORIGINAL text. Immutable, equal and
    hashed by its fields (see ``text.value.Value``: why not a dataclass)."""

    __slots__ = ("code", "end", "extra", "form", "kind", "nend", "nstart", "scope", "start")

    def __init__(
        self,
        kind: str,
        code: str,
        start: int,
        end: int,
        nstart: int,
        nend: int,
        form: str,
        extra: str = "",
        scope: str = "",
    ) -> None:
        self.kind: Final = kind
        self.code: Final = code
        self.start: Final = start
        self.end: Final = end
        self.nstart: Final = nstart
        self.nend: Final = nend
        self.form: Final = form
        self.extra: Final = extra
        self.scope: Final = scope

    def _fields(self) -> tuple[str, str, int, int, int, int, str, str, str]:
        return (self.kind, self.code, self.start, self.end, self.nstart, self.nend, self.form, self.extra, self.scope)

    def applies_to(self, country: str | None) -> bool:
        """True when the entry has no country scope or ``country`` is in it."""
        return not self.scope or (country is not None and country in self.scope.split(","))


@cache
def load_lexicon(kind: str) -> tuple[LexiconEntry, ...]:
    """Entries of ``mentions/data/<kind>.tsv`` (cached per process)."""
    text = resources.files(__package__).joinpath("data", f"{kind}.tsv").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        cols += [""] * (4 - len(cols))
        entries.append(LexiconEntry(kind, cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()))
    return tuple(entries)


class MentionFinder:
    """All lexicons in one automaton; ``find`` is linear in the text length."""

    def __init__(self, kinds: tuple[str, ...] = tuple(LEXICONS)) -> None:
        import ahocorasick

        self.kinds = kinds
        table: dict[str, list[tuple[LexiconEntry, bool]]] = {}
        for kind in kinds:
            for entry in load_lexicon(kind):
                table.setdefault(entry.form, []).append((entry, False))
                if entry.form.startswith("ال") and len(entry.form) > 3:
                    # ل + ال is written لل: "للمدنيين".
                    table.setdefault("لل" + entry.form[2:], []).append((entry, True))
        # hits are sorted by kind: an int (in the names' order) compares faster than a str
        ranks = {kind: i for i, kind in enumerate(sorted(set(LEXICONS) | set(kinds)))}
        self._kind_count = len(ranks)
        automaton = ahocorasick.Automaton()
        automaton.add_word(SPACE_FIRST_KEY, (len(SPACE_FIRST_KEY), ()))  # no entry: never a mention
        for key in trie_order(table):
            values = table[key]
            # per entry, the proclitic strings allowed before it (decided once here, not per hit)
            checks = tuple(
                (
                    entry,
                    _PREFIXES_AFTER_LL
                    if via_ll
                    else (_PREFIXES_WITH_ARTICLE if entry.form.startswith("ال") else _PREFIXES_BARE),
                    entry.extra == "territory",
                    ranks[entry.kind],
                )
                for entry, via_ll in values
            )
            automaton.add_word(key, (len(key), checks))
        automaton.make_automaton()
        self._automaton = automaton

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...]]]:
        # The automaton pickles, but rebuilding it is cheap and keeps workers' payload small.
        return (MentionFinder, (self.kinds,))

    def find(self, norm: NormalizedText) -> list[Mention]:
        """Mentions in ``norm.text`` at word boundaries, longest per kind, sorted by start."""
        text = norm.text
        n = len(text)
        hits: list[_Hit] = []
        # declared, so that the compiled build unpacks the automaton's hits natively (a
        # tuple unpacked as it comes goes through the iterator protocol)
        item: tuple[int, tuple[int, tuple[_Check, ...]]]
        for item in self._automaton.iter(text):
            end_index = item[0]
            length, checks = item[1]
            nend = end_index + 1
            nstart = nend - length
            # right boundary: end of word, or a pronoun suffix then end of word
            suffixed = False
            if nend < n and isalpha_at(text, nend):
                suffixed = True
                j = nend
                while j < n and isalpha_at(text, j) and j - nend < 3:
                    j += 1
                if (j < n and isalpha_at(text, j)) or text[nend:j] not in _ENCLITICS:
                    continue
            # left boundary: start of word, or allowed proclitics
            i = nstart
            while i > 0 and isalpha_at(text, i - 1) and nstart - i < 5:
                i -= 1
            if i > 0 and isalpha_at(text, i - 1):
                continue
            prefix = text[i:nstart]
            for entry, allowed, territory, rank in checks:
                if suffixed and territory:
                    continue  # "سيطر" + ه is the noun "سيطرة" (ة is normalised to ه), not a verb
                if prefix not in allowed:
                    continue
                hits.append((rank, nstart, nstart - nend, len(hits), nend, entry))
        # Mention objects (and their original offsets) only for the hits that survive
        found = []
        for _rank, nstart, _neg_length, _seq, nend, entry in _longest_per_kind(hits, self._kind_count):
            if entry.code == NOT_A_MENTION:
                continue
            start, end = norm.to_original(nstart, nend)
            mention = Mention(entry.kind, entry.code, start, end, nstart, nend, entry.form, entry.extra, entry.scope)
            found.append(mention)
        found.sort(key=lambda m: (m.start, m.end))
        return found


_Hit = tuple[int, int, int, int, int, LexiconEntry]  # kind rank, nstart, -length, order found, nend, entry
# entry, proclitics allowed before it, territory verb, the rank of its kind
_Check = tuple[LexiconEntry, frozenset[str], bool, int]


def _longest_per_kind(hits: list[_Hit], kind_count: int) -> list[_Hit]:
    """Within one lexicon, keep the leftmost-longest of overlapping hits (in kind, start order)."""
    hits.sort()  # kind, start, longest first, then the order found (unique: entries never compared)
    kept: list[_Hit] = []
    last_end = [-1] * kind_count
    for hit in hits:
        kind, nstart, _neg_length, _seq, nend, _entry = hit
        if nstart < last_end[kind]:
            # overlapping a longer, earlier hit of the same kind; keep same-span alternatives
            if not kept:
                continue
            prev = kept[-1]
            if not (prev[0] == kind and prev[1] == nstart and prev[4] == nend):
                continue
        kept.append(hit)
        last_end[kind] = max(last_end[kind], nend)
    return kept


@cache
def default_finder() -> MentionFinder:
    """One finder per process (the automaton is built on first use)."""
    return MentionFinder()


__all__ = ["LEXICONS", "NOT_A_MENTION", "LexiconEntry", "Mention", "MentionFinder", "default_finder", "load_lexicon"]
