"""Arabic text layer: normalisation with offset maps, segmentation, tokens,
numbers and dates. Every function takes the ORIGINAL text (or a normalised
view of it) and returns offsets into the ORIGINAL text, half-open [start, end).

Public surface (contract used by the mentions and incidents stages):

- ``normalize_form(s) -> str``: the canonical matching form of every lexicon
  entry and gazetteer name (diacritics, tatweel, alef/hamza-seat/ya/ta-marbuta
  variants, digits, punctuation and whitespace folded; see ``normalize.py``).
- ``normalize(text) -> NormalizedText`` with ``.text`` (normalised, for
  matching; ``normalize_form(entry)`` is a substring of it where the entry
  occurs) and ``.to_original(start, end) -> (start, end)`` (policy "expand":
  deleted diacritics belong to the letter before them).
- The named steps ``strip_diacritics``, ``strip_tatweel``, ``normalize_alef``,
  ``normalize_hamza_seats``, ``normalize_alef_maqsura``,
  ``normalize_teh_marbuta``, ``normalize_digits``, ``normalize_punctuation``
  ... composed in the order ``NORMALIZATION_STEPS``.
- ``sentences(text) -> list[tuple[int, int]]`` and
  ``clauses(text, start, end) -> list[tuple[int, int]]`` (segment.py).
- ``tokenize(text) -> list[Token]`` (``start, end, surface, norm,
  candidates``; candidates = unstripped norm first, then clitic-stripped stem
  hypotheses), ``strip_proclitics(norm_word) -> list[str]``,
  ``strip_enclitics``, ``stem_candidates`` (tokens.py).
- ``find_numbers(text) -> list[NumberMention]`` (``start, end, value,
  approximate, vague, rule``); vague quantities give ``value=None``; times,
  dates, years and percentages are not reported. ``dual_value(word_norm,
  singular_nouns, sound_plural_nouns=frozenset()) -> 2 | None`` (numbers.py).
- ``find_dates(text, published) -> list[DateMention]`` (``start, end, date,
  precision, rule``), the ordered rules in ``DATE_RULES`` (dates.py).

``clauses``, ``find_numbers`` and ``find_dates`` take an optional
``normalized=normalize(text)`` so that one normalisation serves every step.
Rules and limits of each piece: docs/text.md.
"""

from tawthiq.text.dates import DATE_RULES, DateMention, DateRule, find_dates
from tawthiq.text.normalize import (
    NORMALIZATION_STEPS,
    NormalizedText,
    collapse_whitespace,
    lowercase_latin,
    normalize,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_form,
    normalize_hamza_seats,
    normalize_persian_letters,
    normalize_presentation_forms,
    normalize_punctuation,
    normalize_teh_marbuta,
    normalize_word,
    strip_diacritics,
    strip_format_chars,
    strip_tatweel,
)
from tawthiq.text.numbers import NumberMention, dual_value, find_numbers
from tawthiq.text.segment import clauses, sentences
from tawthiq.text.tokens import Token, stem_candidates, strip_enclitics, strip_proclitics, tokenize

__all__ = [
    "DATE_RULES",
    "NORMALIZATION_STEPS",
    "DateMention",
    "DateRule",
    "NormalizedText",
    "NumberMention",
    "Token",
    "clauses",
    "collapse_whitespace",
    "dual_value",
    "find_dates",
    "find_numbers",
    "lowercase_latin",
    "normalize",
    "normalize_alef",
    "normalize_alef_maqsura",
    "normalize_digits",
    "normalize_form",
    "normalize_hamza_seats",
    "normalize_persian_letters",
    "normalize_presentation_forms",
    "normalize_punctuation",
    "normalize_teh_marbuta",
    "normalize_word",
    "sentences",
    "stem_candidates",
    "strip_diacritics",
    "strip_enclitics",
    "strip_format_chars",
    "strip_proclitics",
    "strip_tatweel",
    "tokenize",
]
