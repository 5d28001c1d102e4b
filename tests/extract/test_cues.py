"""Cue patterns guarded by needle words: every match holds one, so the guard loses none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.incidents import engine

_CUES = {name: value for name, value in vars(engine).items() if isinstance(value, engine._Cue)}


def test_the_place_filters_are_guarded() -> None:
    assert {"_REPORTER_BEFORE", "_ORG_BEFORE", "_OFFICE_OF_BEFORE", "_RESIDENT_BEFORE"} <= set(_CUES)


@pytest.mark.parametrize("name", sorted(_CUES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_match_holds_a_needle(name: str, data: st.DataObject) -> None:
    cue = _CUES[name]
    text = data.draw(st.from_regex(cue.pattern))
    assert cue.pattern.search(text)
    assert any(needle in text for needle in cue.needles), text
    assert cue.search(text)


@pytest.mark.parametrize(
    ("name", "window", "found"),
    [
        ("_REPORTER_BEFORE", " وذكر مراسل سانا في ", True),
        ("_REPORTER_BEFORE", " قصفت الطائرات بلده ", False),
        ("_ORG_BEFORE", "وقال مركز ", True),
        ("_ORG_BEFORE", "في ريف ", False),
        ("_RESIDENT_BEFORE", " وهو من سكان بلده ", True),
    ],
)
def test_cues_on_windows(name: str, window: str, found: bool) -> None:
    assert _CUES[name].search(window) is found
