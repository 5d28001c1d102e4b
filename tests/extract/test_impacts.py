"""Impacts (ANNOTATION.md: damage said of a facility) and background destruction, on
short phrases written for these tests."""

from __future__ import annotations

from tests.extract.support import run

from tawthiq.incidents import Extractor


def test_general_devastation_of_buildings_is_damage(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى إلى دمار كبير في المنازل.")
    assert inc.impacts == ["damaged"]


def test_destroying_it_is_destroyed(extractor: Extractor) -> None:
    [inc] = run(extractor, "استهدفت غارة جوية مسجدا في مدينة سراقب مما أدى إلى تدميره.")
    assert inc.impacts == ["destroyed"]


def test_loss_of_property_without_a_facility_is_no_impact(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قصفت قوات النظام بالمدفعية الأحياء السكنية في مدينة سراقب التي تسيطر عليها الفصائل منذ سنوات، "
        "ما تسبب بأضرار مادية.",
    )
    assert inc.impacts == []


def test_damage_told_in_the_next_sentence_joins_the_event(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قتل مدنيان بغارة جوية على مدينة سراقب. وقال شهود إن منزلا دمر بالكامل.",
    )
    assert inc.impacts == ["destroyed"]
    assert "residential" in inc.targets


def test_facilities_destroyed_before_are_not_targets(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قصفت طائرات حربية فرن مدينة سراقب بعد تدميرها العديد من المدارس والمشافي في المنطقة.",
    )
    assert inc.targets == ["bakery"]
    assert inc.impacts == []


def test_the_definite_event_noun_refers_back_to_the_event_told(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قتل مدنيان بغارة جوية على مدينة سراقب. وتسبب القصف بدمار في عدد من المنازل.",
    )
    assert inc.impacts == ["damaged"]
    assert "residential" in inc.targets  # "عدد من المنازل": partitive, not a start point
    assert len(inc.evidence) == 2


def test_human_and_material_losses_at_a_facility_are_damage(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصف التنظيم المطار العسكري في مدينة تدمر مما أدى إلى وقوع خسائر بشرية ومادية.")
    assert inc.impacts == ["damaged"]


def test_evacuating_the_patients_puts_the_hospital_out_of_service(extractor: Extractor) -> None:
    [inc] = run(extractor, "سقطت قذائف على مستشفى مدينة مصراتة ما دفع إدارته إلى إخلاء المرضى.")
    assert inc.impacts == ["out_of_service"]
