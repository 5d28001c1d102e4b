"""Fast multi-pattern name matching over normalised Arabic text.

One Aho-Corasick automaton (pyahocorasick) holds every indexed name variant in
its *core* form (a leading article "ال" removed). A hit counts only at
Arabic-aware word boundaries: it must end at a word end, and between the
word start and the hit there may only be attached proclitics (و ف, then ب ل ك,
then the article ال; or "لل" = ل + ال). A name stored with the article needs
the article in the text ("الرقه" matches "بالرقه", "للرقه", not "برقه"); a
name stored without it matches with or without it ("سراقب", "السراقب").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Final

import ahocorasick

from ..text.scan import SPACE_FIRST_KEY, isalnum_at, trie_order
from ..text.value import Value
from .lexicon import ARTICLE

_PROCLITICS: Final = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال)?$")
_LAM_ARTICLE: Final = re.compile(r"^(?:[وف])?لل$")
_MAX_PREFIX: Final = 4  # "وبال", the longest proclitic run


def _prefix_kinds() -> dict[str, tuple[bool, bool]]:
    """Every proclitic run the two patterns accept -> (ends in the article, licenses article keys):
    one dict lookup per automaton hit instead of two regex matches."""
    runs = {f + p + a for f in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", ARTICLE)}
    runs |= {f + "لل" for f in ("", "و", "ف")}
    kinds = {}
    for run in runs:
        assert not run or _PROCLITICS.match(run) or _LAM_ARTICLE.match(run)
        article = run.endswith(ARTICLE)
        kinds[run] = (article, bool(article or _LAM_ARTICLE.match(run)))
    return kinds


_PREFIX_KINDS: Final = _prefix_kinds()


class NameHit(Value):
    """A gazetteer name found in normalised text: ``[start, end)`` covers the name
    (with its article when the text has one); ``word_start`` is where the word
    begins (before any proclitic); ``keys``: every indexed name this hit stands for
    ("الخرطوم" and "خرطوم"), ``key`` the first; ``article_missing``: the names need the
    article and the text has none ("بلدة دانا" for "الدانا"), which the geocoder accepts
    only after a descriptor.

    One is made per boundary-valid automaton hit; immutable, equal and hashed by its
    fields (see ``text.value.Value``)."""

    __slots__ = ("article_missing", "end", "key", "keys", "start", "word_start")

    def __init__(
        self,
        start: int,
        end: int,
        word_start: int,
        key: str,
        keys: tuple[str, ...] = (),
        article_missing: bool = False,
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.word_start: Final = word_start
        self.key: Final = key
        self.keys: Final = keys
        self.article_missing: Final = article_missing

    def _fields(self) -> tuple[int, int, int, str, tuple[str, ...], bool]:
        return (self.start, self.end, self.word_start, self.key, self.keys, self.article_missing)



class NameMatcher:
    """Built once per gazetteer; picklable (the automaton is rebuilt lazily)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._keys = tuple(dict.fromkeys(keys))
        self._automaton: ahocorasick.Automaton | None = None
        # per automaton value: (core length, all keys, keys that need no article)
        self._entries: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []

    def __getstate__(self) -> dict:
        return {"_keys": self._keys}

    def __setstate__(self, state: dict) -> None:
        self._keys = state["_keys"]
        self._automaton = None
        self._entries = []

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            self._automaton = self._build()
        return self._automaton

    def _build(self) -> ahocorasick.Automaton:
        cores: dict[str, list[tuple[str, bool]]] = {}
        min_len = len(ARTICLE) + 2
        for key in self._keys:
            if len(key) >= min_len and key.startswith(ARTICLE):
                core = key[2:]
                entry = (key, True)
            else:
                core = key
                entry = (key, False)
            bucket = cores.get(core)
            if bucket is None:
                cores[core] = [entry]
            else:
                bucket.append(entry)
        entries: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []
        index: dict[str, int] = {}
        for core, bucket in cores.items():
            all_keys = tuple(key for key, _ in bucket)
            plain_keys = tuple(key for key, needs_article in bucket if not needs_article)
            index[core] = len(entries)
            entries.append((len(core), all_keys, plain_keys))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        automaton.add_word(SPACE_FIRST_KEY, len(entries))
        entries.append((len(SPACE_FIRST_KEY), (), ()))  # no keys: find() skips it
        for core in trie_order(cores):
            automaton.add_word(core, index[core])
        automaton.make_automaton()
        self._entries = entries
        return automaton

    def find(self, text: str) -> list[NameHit]:
        """All boundary-valid hits, longest first where they overlap (leftmost-longest)."""
        if not self._keys:
            return []
        hits: list[NameHit] = []
        n = len(text)
        automaton = self.automaton
        table = self._entries
        # declared, so that the compiled build unpacks the automaton's hits natively (a
        # tuple unpacked as it comes goes through the iterator protocol)
        item: tuple[int, int]
        for item in automaton.iter(text):
            end_idx = item[0]
            length, all_keys, plain_keys = table[item[1]]
            if not all_keys:
                continue  # SPACE_FIRST_KEY
            end = end_idx + 1
            if end < n and isalnum_at(text, end):
                continue
            start = end - length
            word_start = start
            while word_start > 0 and isalnum_at(text, word_start - 1):
                word_start -= 1
                if start - word_start > _MAX_PREFIX:
                    break
            if start - word_start > _MAX_PREFIX:
                continue
            kind = _PREFIX_KINDS.get(text[word_start:start])
            if kind is None:
                continue
            article, article_keys = kind
            keys = all_keys if article_keys else plain_keys
            name_start = start - 2 if article else start
            if keys:
                hits.append(NameHit(name_start, end, word_start, keys[0], keys, False))
            else:
                hits.append(NameHit(name_start, end, word_start, all_keys[0], all_keys, True))
        return _leftmost_longest(hits)


def _leftmost_longest(hits: list[NameHit]) -> list[NameHit]:
    """Keep the longest hits (proclitics included); drop any hit overlapping a kept one."""
    # The kept spans never overlap, so sorted by start they are sorted by end too, and
    # only the kept span starting last before a hit's end can overlap it: one bisect
    # per hit instead of a scan of all kept hits (linear-log in the text length).
    chosen: list[NameHit] = []
    starts: list[int] = []
    ends: list[int] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.word_start), h.word_start)):
        k = bisect_left(starts, hit.end)
        if k and ends[k - 1] > hit.word_start:
            continue
        starts.insert(k, hit.word_start)
        ends.insert(k, hit.end)
        chosen.append(hit)
    chosen.sort(key=lambda h: h.start)
    return chosen
