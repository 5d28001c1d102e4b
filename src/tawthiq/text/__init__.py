"""Arabic text layer: normalisation with offset maps, segmentation, tokens,
numbers and dates. Every function takes the ORIGINAL text (or a normalised
view of it) and returns offsets into the ORIGINAL text, half-open [start, end).

Public surface (contract used by the mentions and incidents stages):

- ``normalize(text) -> NormalizedText`` with ``.text`` (normalised, for
  matching) and ``.to_original(start, end) -> (start, end)``.
- ``sentences(text) -> list[tuple[int, int]]`` and
  ``clauses(text, start, end) -> list[tuple[int, int]]``.
- ``tokenize(text) -> list[Token]`` (``start, end, surface, norm, stem,
  proclitics, enclitics``).
- ``find_numbers(text) -> list[NumberMention]`` (``start, end, value,
  approximate``); vague quantities give ``value=None``.
- ``find_dates(text, published) -> list[DateMention]`` (``start, end, date,
  precision, rule``).
"""
