"""``first_chars``: the characters a regex match can start with, a superset or nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.text._first_chars import first_chars
from tawthiq.text.dates import _compiled


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"قصف|غارة", {"ق", "غ"}),
        (r"(?:[وفب]{1,2})?اليوم", {"و", "ف", "ب", "ا"}),
        (r"(?<!x)(?:مساء )?[0-9]+(?!\w)", {"م", *"0123456789"}),
        (r"(?P<d>[0-3]?[0-9])/", set("0123456789")),
        (r"a*b?c", {"a", "b", "c"}),
    ],
)
def test_first_characters_of_simple_patterns(pattern: str, expected: set[str]) -> None:
    assert first_chars(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"\w+", r"[^ ]x", r".a", r"(?i)a", r"(?i:a)b", r"a?", r"(a)?\1c", r"[\u0000-\uffff]"],
)
def test_unknowable_or_empty_matches_give_no_filter(pattern: str) -> None:
    assert first_chars(re.compile(pattern)) is None


def test_every_date_rule_has_a_filter() -> None:
    """The date rules start with words and digits: each gets a character filter."""
    assert all(c.first for c in _compiled())


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_matches_of_each_date_rule_start_with_a_listed_character(data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from(_compiled()))
    text = data.draw(st.from_regex(rule.rx, fullmatch=True))
    assert rule.first is not None
    assert text[0] in rule.first


@pytest.mark.parametrize(
    "pattern",
    [
        r"ab|cd",
        r"(?:[وفبل]{1,2})?(?:الاحد|السبت)(?!\w)",
        r"a{2,5}b",
        r"x?yz",
        r"(?:ab)*cde",
        r"[0-3]?[0-9] (?:من )?شهر",
    ],
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_match_begins_with_one_of_the_prefixes(pattern: str, data: st.DataObject) -> None:
    from tawthiq.text._first_chars import prefixes

    rx = re.compile(pattern)
    text = data.draw(st.from_regex(rx, fullmatch=True))
    for k in (1, 2, 3):
        lead = prefixes(rx, k)
        if lead is not None:
            assert text[:k] in lead, (pattern, text, k)


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_matches_of_each_date_rule_start_with_a_listed_prefix(data: st.DataObject) -> None:
    """The date scan tries a rule only where the text begins with one of its prefixes."""
    rule = data.draw(st.sampled_from([c for c in _compiled() if c.lead is not None]))
    text = data.draw(st.from_regex(rule.rx, fullmatch=True))
    assert rule.lead is not None and text[: rule.lead_len] in rule.lead


def test_most_date_rules_have_a_prefix_filter() -> None:
    assert sum(c.lead is not None for c in _compiled()) >= len(_compiled()) - 2


def test_prefixes_unknown_and_short_matches_give_no_filter() -> None:
    from tawthiq.text._first_chars import prefixes

    assert prefixes(re.compile(r"\w+"), 2) is None
    assert prefixes(re.compile(r"ab?"), 2) is None  # "a" alone is a match
    assert prefixes(re.compile(r"ab"), 2) == frozenset({"ab"})
