"""Casualty figures said without a number, on short phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str) -> list[Incident]:
    incidents = extractor.extract(Article(id="t", text=text, published=dt.date(2024, 3, 12)))
    for inc in incidents:
        inc.check_evidence(text)
    return incidents


def test_coordinated_persons_add_up(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى إلى مقتل امرأة وابنتها.")
    assert inc.killed == 2


def test_coordinated_singular_and_dual_add_up(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى إلى مقتل رجل وزوجته وطفلين.")
    assert inc.killed == 4


def test_coordination_stops_at_a_non_person(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى إلى مقتل رجل ودمار منزل.")
    assert inc.killed == 1


def test_a_relative_mentioned_elsewhere_is_not_a_civilian_cue(extractor: Extractor) -> None:
    [inc] = run(extractor, "قتل مقاتل برصاص قناص في مدينة سراقب، وكان ابنه قد أصيب سابقا.")
    assert not inc.civilian_victims
