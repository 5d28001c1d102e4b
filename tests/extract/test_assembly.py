"""Incident assembly rules on short phrases written for the tests (not taken from any report)."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident

PUBLISHED = dt.date(2024, 3, 12)  # a Tuesday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: dt.date | None = PUBLISHED) -> list[Incident]:
    article = Article(id="t", text=text, published=published)
    incidents = extractor.extract(article)
    for inc in incidents:
        inc.check_evidence(text)
    return incidents


def by_place(incidents: list[Incident]) -> dict[str, Incident]:
    return {i.location.name: i for i in incidents}


def test_air_strike_with_named_side_place_and_casualties(extractor: Extractor) -> None:
    text = "شنت طائرات حربية روسية غارات جوية على مدينة سراقب، ما أدى إلى مقتل 5 مدنيين وإصابة 12 آخرين."
    [inc] = run(extractor, text)
    assert inc.sub_event_type == "Air/drone strike"
    assert inc.actor1 == "RUS_MIL"
    assert inc.location.name == "سراقب" and inc.location.country == "SY"
    assert (inc.killed, inc.injured) == (5, 12)
    assert inc.civilian_victims
    assert inc.date is not None and inc.date.date == PUBLISHED and inc.date.precision == "day"


def test_referring_back_to_the_named_air_force(extractor: Extractor) -> None:
    text = "قصفت الطائرات الروسية مدينة سراقب بعدة غارات. كما شن ذات الطيران غارات على مدينة أريحا."
    places = by_place(run(extractor, text))
    assert places["أريحا"].actor1 == "RUS_MIL"


def test_warplanes_without_a_side_are_unknown(extractor: Extractor) -> None:
    text = "شنت طائرات حربية مجهولة غارات على مدينة سراقب."
    [inc] = run(extractor, text)
    assert inc.actor1 == "UNKNOWN"


def test_explicit_no_casualties_gives_zero(extractor: Extractor) -> None:
    text = "سقطت قذائف هاون أطلقتها قوات النظام على مدينة أريحا دون وقوع إصابات."
    [inc] = run(extractor, text)
    assert (inc.killed, inc.injured) == (0, 0)
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    assert "mortar" in inc.weapons


def test_silence_on_casualties_gives_null(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام بالمدفعية مدينة أريحا.")
    assert inc.killed is None and inc.injured is None


def test_casualty_update_takes_the_final_figure(extractor: Extractor) -> None:
    text = "ارتفع عدد القتلى جراء القصف الجوي على مدينة دوما إلى 14 قتيلا."
    [inc] = run(extractor, text)
    assert inc.killed == 14


def test_dual_counts_two(extractor: Extractor) -> None:
    [inc] = run(extractor, "استشهد طفلان بقصف مدفعي لقوات النظام على مدينة أريحا.")
    assert inc.killed == 2 and inc.civilian_victims


def test_background_place_is_not_an_incident(extractor: Extractor) -> None:
    text = "قصفت قوات النظام مدينة أريحا، وحذر ناشطون من تكرار سيناريو داريا في المدينة."
    places = by_place(run(extractor, text))
    assert "أريحا" in places
    assert "داريا" not in places


def test_place_of_a_statement_is_not_an_incident(extractor: Extractor) -> None:
    text = "قصفت قوات النظام مدينة أريحا. وأصدرت الهيئة بيانا في دمشق تدين فيه الهجمات."
    assert "دمشق" not in by_place(run(extractor, text))


def test_same_day_place_type_actor_merge_into_one(extractor: Extractor) -> None:
    text = (
        "شن الطيران الروسي غارة على مدينة سراقب صباح اليوم. "
        "وعاد الطيران الروسي ليشن غارة ثانية على مدينة سراقب، ما أدى إلى مقتل 3 مدنيين."
    )
    incidents = run(extractor, text)
    assert len(incidents) == 1
    assert incidents[0].killed == 3
    assert len(incidents[0].evidence) == 2


def test_governorate_named_only_to_locate_a_town_is_dropped(extractor: Extractor) -> None:
    text = "قصفت قوات النظام بلدة الأتارب في ريف حلب الغربي."
    names = [i.location.name for i in run(extractor, text)]
    assert names == ["الأتارب"]


def test_between_two_towns_is_the_first_at_precision_two(extractor: Extractor) -> None:
    text = "انفجرت عبوة ناسفة على الطريق الواصل بين مدينتي درعا وطفس."
    [inc] = run(extractor, text)
    assert inc.location.name == "درعا" and inc.location.precision == 2
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert "ied" in inc.weapons


def test_no_date_and_no_published_gives_null_date(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام مدينة أريحا.", published=None)
    assert inc.date is None


def test_yesterday_is_published_minus_one(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام أمس مدينة أريحا.")
    assert inc.date is not None and inc.date.date == PUBLISHED - dt.timedelta(days=1)


def test_territory_change_side_decides_the_sub_event(extractor: Extractor) -> None:
    gov = run(extractor, "سيطرت قوات النظام على مدينة سراقب.")
    assert [i.sub_event_type for i in gov] == ["Government regains territory"]
    nsa = run(extractor, "سيطر تنظيم داعش على مدينة تدمر.")
    assert [i.sub_event_type for i in nsa] == ["Non-state actor overtakes territory"]
    assert nsa[0].actor1 == "ISIS"


def test_protest_is_by_protesters(extractor: Extractor) -> None:
    [inc] = run(extractor, "خرجت مظاهرة في مدينة إدلب تطالب بالإفراج عن المعتقلين.")
    assert inc.event_type == "Protests" and inc.actor1 == "PROTESTERS"


def test_headline_duplicating_the_body_is_not_counted_twice(extractor: Extractor) -> None:
    text = "غارات روسية على سراقب\nشن الطيران الروسي صباح اليوم غارات على مدينة سراقب ومدينة أريحا."
    names = sorted(i.location.name for i in run(extractor, text))
    assert names == ["أريحا", "سراقب"]


def test_non_arabic_text_has_no_incident(extractor: Extractor) -> None:
    assert run(extractor, "Airstrikes hit Saraqib on Monday, killing five people.") == []


def test_provenance_says_why(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات النظام مدينة أريحا.")
    assert inc.provenance is not None
    assert "actor" in inc.provenance and "place" in inc.provenance


# ---- regressions: each names a phenomenon fixed while reading dev-set misses ----


def test_place_in_an_organisation_name_is_not_an_incident(extractor: Extractor) -> None:
    text = "وقال مركز حماة الإعلامي إن قوات النظام قصفت بالمدفعية مدينة أريحا."
    assert [i.location.name for i in run(extractor, text)] == ["أريحا"]


def test_unknown_village_in_a_named_subdistrict(extractor: Extractor) -> None:
    text = "قصفت قوات النظام بالمدفعية قرية عرشونة في ناحية بردوة، ما أدى إلى مقتل مدنيين اثنين."
    incidents = run(extractor, text)
    assert [i.location.name for i in incidents] == ["عرشونة"]
    assert incidents[0].location.lat is None  # not in the gazetteer: kept by name
    assert incidents[0].killed == 2


def test_list_of_villages_after_a_plural_descriptor(extractor: Extractor) -> None:
    text = "سيطرت قوات النظام على قرى عرشونة وتل بردوة وكفر شلايا بعد اشتباكات مع الفصائل."
    incidents = run(extractor, text)
    assert sorted(i.location.name for i in incidents) == ["تل بردوة", "عرشونة", "كفر شلايا"]
    assert {i.sub_event_type for i in incidents} == {"Government regains territory"}


def test_area_word_followed_by_an_adjective_is_not_a_place(extractor: Extractor) -> None:
    text = "قصفت قوات النظام منطقة جبلية قرب مدينة أريحا."
    assert "جبلية" not in [i.location.name for i in run(extractor, text)]


def test_definite_shelling_noun_refers_back(extractor: Extractor) -> None:
    text = (
        "قصفت قوات النظام بالمدفعية مدينة أريحا صباح اليوم. "
        "وقال ناشطون إن القصف تزامن مع تحليق طائرات الاستطلاع فوق مدينة إدلب."
    )
    assert [i.location.name for i in run(extractor, text)] == ["أريحا"]


def test_number_then_victims_then_verb(extractor: Extractor) -> None:
    [inc] = run(extractor, "قال ناشطون إن 3 أطفال قتلوا بغارة جوية على مدينة أريحا.")
    assert inc.killed == 3


def test_vague_dead_and_wounded_pair_is_null(extractor: Extractor) -> None:
    [inc] = run(extractor, "سقط العشرات بين قتيل وجريح بغارات جوية على مدينة أريحا.")
    assert inc.killed is None and inc.injured is None


def test_car_bomb_is_a_weapon_not_a_vehicle_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت سيارة مفخخة في سوق مدينة أعزاز.")
    assert inc.weapons == ["car_bomb"]
    assert "vehicle" not in inc.targets and "market" in inc.targets


def test_named_rocket_kind_replaces_the_generic_word(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت قوات حفتر بصواريخ غراد أحياء مدينة طرابلس الليبية.")
    assert inc.weapons == ["rocket"]


def test_side_of_a_relative_clause_is_not_the_attacker(extractor: Extractor) -> None:
    text = "قصف تنظيم داعش بالقذائف حي الجورة في مدينة دير الزور الذي تسيطر عليه قوات النظام."
    assert {i.actor1 for i in run(extractor, text)} == {"ISIS"}


def test_owner_of_a_targeted_position_is_not_the_attacker(extractor: Extractor) -> None:
    text = "انفجرت عبوة ناسفة بحاجز تابع لهيئة تحرير الشام في مدينة سرمدا."
    [inc] = run(extractor, text)
    assert inc.actor1 == "UNKNOWN"
    assert "military" in inc.targets


def test_destination_of_the_wounded_is_not_a_target(extractor: Extractor) -> None:
    [inc] = run(extractor, "أصيب 4 مدنيين بقصف مدفعي على مدينة أريحا ونقلوا إلى المستشفى.")
    assert "hospital" not in inc.targets


def test_guns_against_civilians_is_an_attack(extractor: Extractor) -> None:
    [inc] = run(extractor, "قتل مسلحون مجهولون 3 مدنيين بإطلاق نار في بلدة تسيل.")
    assert inc.event_type == "Violence against civilians" and inc.sub_event_type == "Attack"
    assert inc.actor1 == "UNKNOWN"


def test_no_casualties_holds_for_every_town_of_the_list(extractor: Extractor) -> None:
    text = "تعرضت مدن أريحا وسراقب لقصف جوي من طائرات روسية دون تسجيل إصابات."
    incidents = run(extractor, text)
    assert sorted(i.location.name for i in incidents) == ["أريحا", "سراقب"]
    assert all((i.killed, i.injured) == (0, 0) for i in incidents)


def test_dual_verb_counts_two_despite_singular_nouns(extractor: Extractor) -> None:
    [inc] = run(extractor, "قالت مصادر إن امرأة وطفلة قتلتا جراء قصف جوي روسي على مدينة أريحا.")
    assert inc.killed == 2


def test_death_of_the_child_counts_one(extractor: Extractor) -> None:
    [inc] = run(extractor, "أعلنت مصادر طبية وفاة الطفل متأثرا بجراحه إثر سقوط قذيفة على مدينة أريحا.")
    assert inc.killed == 1


def test_injured_verb_is_not_a_person_noun_between_number_and_verb(extractor: Extractor) -> None:
    text = "قالت مصادر إن 4 مدنيين قتلوا وأصيب أكثر من 20 آخرين بغارات على مدينة أريحا."
    [inc] = run(extractor, text)
    assert (inc.killed, inc.injured) == (4, 20)


def test_fighters_of_a_group_hit_by_a_strike_are_not_its_attackers(extractor: Extractor) -> None:
    text = "قتل عدد من عناصر ميليشيا حزب الله إثر غارة لطائرة حربية مجهولة على مدينة البوكمال."
    assert {i.actor1 for i in run(extractor, text)} == {"UNKNOWN"}


def test_single_unknown_gunman_is_unknown(extractor: Extractor) -> None:
    text = "أطلق مسلح مجهول النار على مواطن في سوق مدينة الباب الواقعة تحت سيطرة الجيش الوطني."
    incidents = run(extractor, text)
    assert incidents and {i.actor1 for i in incidents} == {"UNKNOWN"}


def test_sentence_about_an_event_weeks_before_is_background(extractor: Extractor) -> None:
    text = (
        "قصفت قوات النظام بالمدفعية مدينة أريحا اليوم. "
        "وكانت طائرات حربية قد شنت في 3 كانون الثاني 2024 غارات على مدينة سراقب."
    )
    assert [i.location.name for i in run(extractor, text)] == ["أريحا"]


def test_region_is_covered_by_a_village_the_gazetteer_lacks(extractor: Extractor) -> None:
    text = "قصفت قوات النظام ريف إدلب الجنوبي. وطال القصف بالمدفعية قرية عرشونة."
    assert [i.location.name for i in run(extractor, text)] == ["عرشونة"]


def test_side_right_after_the_event_noun_beats_the_media_that_reports_it(extractor: Extractor) -> None:
    text = "ذكرت وسائل إعلام النظام السوري أن عدوانا إسرائيليا استهدف مواقع قرب بلدة الصبورة."
    assert {i.actor1 for i in run(extractor, text)} == {"ISR_MIL"}


def test_outskirts_of_a_city_are_covered_by_a_town_there(extractor: Extractor) -> None:
    text = (
        "استهدفت غارات إسرائيلية محيط دمشق فجر اليوم. "
        "وقالت مصادر إن الغارات الإسرائيلية استهدفت مواقع قرب مدينة داريا غربي دمشق."
    )
    names = [i.location.name for i in run(extractor, text)]
    assert "داريا" in names and "دمشق" not in names


def test_gunmen_carry_guns(extractor: Extractor) -> None:
    [inc] = run(extractor, "هاجم مسلحون مجهولون سوق مدينة الباب وقتلوا مدنيا.")
    assert inc.sub_event_type == "Attack" and inc.weapons == ["small_arms"]


def test_name_ends_before_a_relative_adjective(extractor: Extractor) -> None:
    text = "سيطرت القوات العراقية على قريتي خربردان وكديلة الواقعتين جنوب الموصل."
    assert sorted(i.location.name for i in run(extractor, text)) == ["خربردان", "كديلة"]


def test_village_name_in_brackets(extractor: Extractor) -> None:
    [inc] = run(extractor, "قتل ثلاثة مقاتلين بإطلاق نار من قبل مجهولين قرب بلدة (عرشونة) في ريف إدلب.")
    assert inc.location.name == "عرشونة" and inc.killed == 3


def test_bare_attack_word_takes_the_sides_air_strike_type(extractor: Extractor) -> None:
    text = (
        "شنت طائرات إسرائيلية غارات على مواقع قرب مدينة مصياف. "
        "كما طال قصف إسرائيلي مدينة القدموس وأدى إلى أضرار في المنازل."
    )
    types = {i.location.name: i.sub_event_type for i in run(extractor, text)}
    assert types == {"مصياف": "Air/drone strike", "القدموس": "Air/drone strike"}


def test_his_death_counts_one(extractor: Extractor) -> None:
    [inc] = run(extractor, "انفجرت عبوة ناسفة بسيارة ضابط في مدينة درعا ما أدى لمقتله على الفور.")
    assert inc.killed == 1


def test_one_person_named_by_a_nisba(extractor: Extractor) -> None:
    [inc] = run(extractor, "أسفرت غارة إسرائيلية عن مقتل فلسطينية في مدينة خان يونس.")
    assert inc.killed == 1


def test_neighbourhood_and_airport_name_what_was_hit(extractor: Extractor) -> None:
    [inc] = run(extractor, "استهدف تنظيم داعش بقذائف الهاون حي الجورة في مدينة دير الزور.")
    assert "residential" in inc.targets
    assert not inc.civilian_victims  # a target named by the place is not a civilian victim by itself


def test_the_neighbourhood_alone_refers_back_and_is_no_target(extractor: Extractor) -> None:
    text = "قصفت قوات النظام بالمدفعية مدينة أريحا، وتعرض الحي الشمالي فيها لقصف عنيف."
    assert all("residential" not in i.targets for i in run(extractor, text))


def test_victims_group_is_not_the_attacker(extractor: Extractor) -> None:
    text = "قتل القيادي السابق في الجيش الحر بإطلاق نار من قبل مجهولين في بلدة تسيل."
    [inc] = run(extractor, text)
    assert inc.actor1 == "UNKNOWN" and inc.killed == 1


def test_administrative_reference_is_not_an_event_place(extractor: Extractor) -> None:
    text = "سيطرت قوات النظام على قرية عرشونة. وتتبع القرى التابعة إداريا لمنطقة معرة النعمان للمحافظة."
    assert [i.location.name for i in run(extractor, text)] == ["عرشونة"]


def test_general_bombing_words_join_the_suicide_bombing_there(extractor: Extractor) -> None:
    text = (
        "قتل 20 شخصا في سلسلة تفجيرات لتنظيم داعش في مدينة السويداء. "
        "ووقع التفجير الأول في سوق مدينة السويداء عندما فجر انتحاري نفسه."
    )
    [inc] = run(extractor, text)
    assert inc.sub_event_type == "Suicide bomb" and inc.killed == 20 and inc.actor1 == "ISIS"


def test_second_event_of_a_sentence_gets_its_own_figure(extractor: Extractor) -> None:
    text = "أصيب 6 مدنيين بقصف صاروخي على قرية عرشونة وأصيبت امرأة بجروح في اعتداء مماثل على مدينة محردة."
    injured = {i.location.name: i.injured for i in run(extractor, text)}
    assert injured == {"عرشونة": 6, "محردة": 1}


def test_where_the_wounded_were_taken_is_not_an_event_place(extractor: Extractor) -> None:
    text = "أصيب 5 مدنيين بقصف مدفعي على قرية عرشونة وتم إخلاؤهم إلى مدينة إدلب."
    assert [i.location.name for i in run(extractor, text)] == ["عرشونة"]


def test_in_addition_to_a_town_is_an_event_place(extractor: Extractor) -> None:
    text = "تعرضت بلدة عرشونة بالإضافة إلى مدينة أريحا لقصف مماثل بالمدفعية."
    assert sorted(i.location.name for i in run(extractor, text)) == ["أريحا", "عرشونة"]


def test_town_named_to_locate_an_area_right_before_it(extractor: Extractor) -> None:
    text = "أسفرت غارة إسرائيلية عن مقتل مدني في منطقة العطاطرة قرب بيت لاهيا."
    assert [i.location.name for i in run(extractor, text)] == ["العطاطرة"]
