"""Cue patterns guarded by needle words: every match holds one, so the guard loses none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.incidents import assemble, engine
from tawthiq.text.scan import Cue

_CUES = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in (engine, assemble)
    for name, value in vars(module).items()
    if isinstance(value, Cue)
}


def test_the_place_filters_are_guarded() -> None:
    assert {"engine._REPORTER_BEFORE", "engine._ORG_BEFORE", "assemble._MEMBER_OF"} <= set(_CUES)


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
        ("engine._REPORTER_BEFORE", " وذكر مراسل سانا في ", True),
        ("engine._REPORTER_BEFORE", " قصفت الطائرات بلده ", False),
        ("engine._ORG_BEFORE", "وقال مركز ", True),
        ("engine._ORG_BEFORE", "في ريف ", False),
        ("engine._RESIDENT_BEFORE", " وهو من سكان بلده ", True),
    ],
)
def test_cues_on_windows(name: str, window: str, found: bool) -> None:
    assert _CUES[name].search(window) is found


@pytest.mark.parametrize("name", sorted(_CUES))
def test_needle_test_is_the_substring_test(name: str) -> None:
    """A cue with many needles looks for them with an automaton: the same answer as a
    substring test per needle."""
    import random

    cue = _CUES[name]
    rng = random.Random(name)
    pool = [*cue.needles, *(n[1:] for n in cue.needles), *(n[:-1] for n in cue.needles), " ", "و", "ال", "x"]
    for _ in range(300):
        window = "".join(rng.choice(pool) for _ in range(rng.randint(0, 6)))
        assert cue.holds_needle(window) == any(n in window for n in cue.needles), window
