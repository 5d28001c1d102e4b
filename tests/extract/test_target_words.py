"""Target words (ANNOTATION.md "Targets") on short phrases written for these tests."""

from __future__ import annotations

import pytest
from tests.extract.support import run

from tawthiq.incidents import Extractor


def test_military_vehicle_is_both_vehicle_and_military(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت عبوة ناسفة بسيارة عسكرية قرب مدينة سراقب.")
    assert set(inc.targets) == {"vehicle", "military"}


def test_vehicle_belonging_to_the_army_is_military(extractor: Extractor) -> None:
    [inc] = run(extractor, "استهدف مسلحون حافلة تابعة للجيش قرب مدينة سراقب.")
    assert set(inc.targets) == {"vehicle", "military"}


def test_civilian_vehicle_is_only_a_vehicle(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت عبوة ناسفة بسيارة مدنية قرب مدينة سراقب.")
    assert set(inc.targets) == {"vehicle"}


def test_dual_vehicle_word_is_a_vehicle(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجر لغم أرضي بسيارتين قرب مدينة سراقب.")
    assert "vehicle" in inc.targets


def test_various_sites_are_not_military_positions(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مواقع متفرقة في مدينة سراقب.")
    assert "military" not in inc.targets


def test_positions_of_a_force_stay_military(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مواقع للفصائل في مدينة سراقب.")
    assert "military" in inc.targets


def test_plural_buildings_are_residential(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية المباني في مدينة سراقب.")
    assert "residential" in inc.targets


def test_water_network_is_infrastructure(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام شبكة المياه في مدينة سراقب.")
    assert "infrastructure" in inc.targets


def test_hospital_where_the_wounded_were_treated_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى لإصابة 5 مدنيين أسعفوا للمشفى الوطني.")
    assert "hospital" not in inc.targets


def test_hospital_struck_stays_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية المشفى الوطني في مدينة سراقب ما أدى لإصابة 5 مدنيين.")
    assert "hospital" in inc.targets


def test_wounded_treated_in_a_hospital_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب وأصيب 5 مدنيين يتلقون العلاج في مستشفى المدينة.")
    assert "hospital" not in inc.targets


def test_road_that_locates_the_target_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت عبوة ناسفة بسيارة مدنية على الطريق العام قرب مدينة سراقب.")
    assert set(inc.targets) == {"vehicle"}


def test_road_struck_alone_is_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام الطريق العام قرب مدينة سراقب.")
    assert "road" in inc.targets


def test_vehicle_of_a_militia_is_military(extractor: Extractor) -> None:
    [inc] = run(extractor, "استهدف مجهولون بعبوة ناسفة سيارة تتبع لميليشيا محلية قرب مدينة سراقب.")
    assert {"vehicle", "military"} <= set(inc.targets)


def test_wedding_hall_is_other(extractor: Extractor) -> None:
    [inc] = run(extractor, "فجر انتحاري نفسه داخل صالة أفراح في مدينة سراقب.")
    assert "other" in inc.targets


def test_quarter_where_a_person_was_shot_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "اغتال مسلحون مجهولون شابا في حي الزهور بمدينة سراقب.")
    assert inc.targets == []


def test_quarter_that_was_shelled_is_residential(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت المدفعية حي الزهور في مدينة سراقب فقتل شاب.")
    assert inc.targets == ["residential"]


def test_rescuers_at_work_are_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت سيارة مفخخة في مدينة سراقب، وفرق الدفاع المدني تعمل على نقل الجرحى.")
    assert "civil_defense" not in inc.targets


def test_rescuers_struck_are_civil_defense(extractor: Extractor) -> None:
    [inc] = run(extractor, "استهدفت غارة جوية فرق الدفاع المدني في مدينة سراقب.")
    assert "civil_defense" in inc.targets


def test_private_hospital_word_is_a_hospital(extractor: Extractor) -> None:
    [inc] = run(extractor, "سقطت قذائف على مصحة خاصة في مدينة مصراتة.")
    assert inc.targets == ["hospital"]


def test_hospital_where_the_wounded_was_given_first_aid_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(
        extractor, "أصيب مواطن بشظايا قذيفة سقطت في مدينة مصراتة، وأكد المركز إسعاف المصاب بمستشفى المدينة."
    )
    assert "hospital" not in inc.targets


def test_camp_named_after_a_landmark_is_only_a_camp(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام مخيم محطة المياه للنازحين قرب بلدة سرمدا.")
    assert inc.targets == ["camp"]


def test_car_the_gunmen_rode_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "اغتال مسلحون مجهولون يستقلون سيارة شابا في حي الزهور بمدينة سراقب.")
    assert "vehicle" not in inc.targets


def test_what_a_relative_clause_says_of_towns_taken_is_no_target(extractor: Extractor) -> None:
    incidents = run(
        extractor,
        "سيطرت الفصائل اليوم على بلدتي كفرنبودة والهبيط اللتين تشكلان خط الدفاع الأول عن المطار العسكري.",
    )
    assert incidents and all(inc.targets == [] for inc in incidents)


def test_checkpoint_taken_is_military(extractor: Extractor) -> None:
    [inc] = run(extractor, "سيطرت الفصائل اليوم على حاجز عسكري في بلدة كفرنبودة.")
    assert inc.targets == ["military"]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # a landmark that says where the shell fell is not what it hit
        ("سقطت قذيفة هاون أمام مستشفى الصفوة في مدينة تعز فأصيب ثلاثة مدنيين.", set()),
        ("سقطت قذيفة هاون بجانب مدرسة في مدينة تعز فأصيب ثلاثة مدنيين.", set()),
        ("سقطت قذيفة هاون على مستشفى الصفوة في مدينة تعز فأصيب ثلاثة مدنيين.", {"hospital"}),
        # a blast in front of a building hits it
        ("انفجرت سيارة مفخخة أمام جامع في مدينة أعزاز فقتل خمسة مدنيين.", {"mosque"}),
    ],
)
def test_a_landmark_is_not_a_target_unless_a_blast_hits_it(extractor: Extractor, text: str, targets: set) -> None:
    [inc] = run(extractor, text)
    assert set(inc.targets) == targets
