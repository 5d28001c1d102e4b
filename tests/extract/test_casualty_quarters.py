"""Figures of one city's quarters told sentence by sentence, beside a summary for the city
(ANNOTATION.md: a total spanning several incidents gives each only what the text assigns it).
Phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article

_SUMMARY = "قتل 9 أشخاص وأصيب 20 آخرون اليوم جراء سقوط قذائف هاون أطلقها مسلحو المعارضة على أحياء في مدينة حمص.\n"
_FIRST_QUARTER = "وقالت مصادر إن قذائف هاون سقطت على حي الزهراء ما أدى إلى مقتل 4 أشخاص وإصابة 12 آخرين.\n"
_SECOND_QUARTER = "كما سقطت قذائف هاون على حي عكرمة بمدينة حمص ما تسبب بمقتل 3 أشخاص وإصابة 10 آخرين.\n"
_SNIPER = "وفي حي النزهة أطلق قناص من جبهة النصرة النار على المارة ما أدى إلى مقتل شخصين."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def figures(extractor: Extractor, text: str) -> dict[tuple[str, str], tuple[int | None, int | None]]:
    incidents = extractor.extract(Article(id="t", text=text, published=dt.date(2024, 3, 12)))
    for inc in incidents:
        inc.check_evidence(text)
    return {(inc.location.name, inc.event_type): (inc.killed, inc.injured) for inc in incidents}


def test_a_summary_over_two_incidents_leaves_each_its_own_figures(extractor: Extractor) -> None:
    # 9 killed in the city = 4 + 3 in the shelled quarters + 2 by the sniper elsewhere
    got = figures(extractor, _SUMMARY + _FIRST_QUARTER + _SECOND_QUARTER + _SNIPER)
    assert got[("حمص", "Explosions/Remote violence")] == (7, 22)
    assert (2, None) in got.values()


def test_quarters_adding_up_to_more_than_the_rounded_summary_give_their_sum(extractor: Extractor) -> None:
    got = figures(extractor, _SUMMARY + _FIRST_QUARTER + _SECOND_QUARTER)
    # the killed summary (9) is more than the quarters tell (7) and no other event explains it: kept
    assert got == {("حمص", "Explosions/Remote violence"): (9, 22)}


def test_one_quarter_told_twice_is_not_added_up(extractor: Extractor) -> None:
    again = "وأضافت أن قذائف هاون أخرى سقطت على حي الزهراء ما تسبب بمقتل 3 أشخاص وإصابة 10 آخرين."
    got = figures(extractor, _SUMMARY + _FIRST_QUARTER + again)
    assert got == {("حمص", "Explosions/Remote violence"): (9, 20)}
