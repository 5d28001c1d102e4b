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
