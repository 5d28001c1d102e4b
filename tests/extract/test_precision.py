"""Precision rules: places the text names that are not where a reported event happened.
Phrases written for these tests (not taken from any report)."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident

PUBLISHED = dt.date(2024, 3, 12)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def places(extractor: Extractor, text: str) -> set[str]:
    incidents: list[Incident] = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    return {i.location.name for i in incidents}


def test_background_aside_introduced_by_it_is_noted_that(extractor: Extractor) -> None:
    """"يذكر أن" / "يشار إلى أن" / "تجدر الإشارة" open a background aside, not a new event."""
    text = (
        "قصفت طائرات حربية روسية مدينة سراقب صباح اليوم. "
        "يذكر أن مدينة أريحا شهدت قصفا مماثلا. "
        "ويشار إلى أن بلدة كفرنبل تعرضت لغارات."
    )
    assert places(extractor, text) == {"سراقب"}


def test_habitual_present_tense_exposure_is_not_an_event(extractor: Extractor) -> None:
    """"تتعرض المدينة لقصف" (is regularly shelled) describes a situation, not a new strike."""
    text = "قصفت قوات النظام بلدة كفرنبل بالمدفعية. وتتعرض مدينة أريحا لقصف مستمر."
    assert places(extractor, text) == {"كفرنبل"}


def test_where_a_victim_is_from_is_not_the_event_place(extractor: Extractor) -> None:
    """"من سكان بلدة X", "ينحدر من X" say where a person lives or comes from."""
    text = "اعتقلت قوات النظام شابا من سكان بلدة كفرنبل عند حاجز في مدينة أريحا."
    assert places(extractor, text) == {"أريحا"}
    text = "قتل مدني ينحدر من مدينة سراقب برصاص مجهولين في بلدة سرمين."
    assert places(extractor, text) == {"سرمين"}


def test_city_quarters_are_coded_at_their_city(extractor: Extractor) -> None:
    """Quarters the gazetteer lacks ("حيي A وB") are one incident at the city the report names."""
    text = (
        "قصفت فصائل المعارضة مدينة حلب بقذائف الهاون. "
        "وسقطت قذائف هاون أطلقتها فصائل المعارضة على حيي الزيزفون والسنديان ما أدى إلى مقتل 4 مدنيين."
    )
    assert places(extractor, text) == {"حلب"}


def test_quarters_stay_apart_when_no_single_city_is_named(extractor: Extractor) -> None:
    text = "سقطت قذائف هاون أطلقتها فصائل المعارضة على حيي الزيزفون والسنديان."
    assert places(extractor, text) == {"الزيزفون", "السنديان"}


def test_unknown_area_of_the_capital_is_coded_at_the_capital(extractor: Extractor) -> None:
    """"منطقة X" the gazetteer lacks, in a report of strikes on one capital city, is a part
    of that city; beside a mere town it stays a place of its own."""
    text = (
        "شنت طائرات حربية روسية غارات على مدينة إدلب. "
        "واستهدفت غارة جوية روسية منطقة الياسمينة ما أدى إلى مقتل مدنيين."
    )
    assert places(extractor, text) == {"إدلب"}
    text = (
        "شنت طائرات حربية روسية غارات على مدينة سراقب. "
        "واستهدفت غارة جوية روسية منطقة الياسمينة ما أدى إلى مقتل مدنيين."
    )
    assert places(extractor, text) == {"سراقب", "الياسمينة"}


def test_prevented_or_aimed_at_events_are_not_events(extractor: Extractor) -> None:
    """"لمنع خروج مظاهرات", "بهدف السيطرة على" name what did not (yet) happen."""
    text = "انتشرت قوات الأمن بكثافة في مدينة حمص وبلدة تلكلخ لمنع خروج مظاهرات."
    assert places(extractor, text) == set()
    text = "حشدت قوات النظام تعزيزات قرب مدينة سراقب بهدف السيطرة على بلدة سرمين."
    assert places(extractor, text) == set()


def test_attempted_attack_is_still_an_event(extractor: Extractor) -> None:
    text = "نجا قيادي في المعارضة من محاولة اغتيال بعبوة ناسفة في مدينة الباب."
    assert places(extractor, text) == {"الباب"}


def test_where_the_fire_came_from_is_not_the_event_place(extractor: Extractor) -> None:
    """"أطلقت صواريخ من X على Y": X is the launch site even when Y is not a known place."""
    text = "أطلقت فصائل المعارضة صواريخ من مدينة سراقب على مواقع عسكرية."
    assert "سراقب" not in places(extractor, text)


def test_near_a_town_is_not_from_the_town(extractor: Extractor) -> None:
    text = (
        "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام داخل بلدة سرمين "
        "وعلى جبهات بالقرب من مدينة سراقب."
    )
    assert places(extractor, text) == {"سرمين", "سراقب"}


def test_where_witnesses_or_sources_are_is_not_the_event_place(extractor: Extractor) -> None:
    """"أكد شهود في X أن ...": X is where the witnesses are."""
    text = "وأكد شهود عيان في مدينة حماة أن طائرات حربية روسية قصفت قرية الياسمينة."
    assert "حماة" not in places(extractor, text)


def test_undated_pluperfect_recalls_an_earlier_event(extractor: Extractor) -> None:
    """"وكانت قوات النظام قد سيطرت على X" with no day said recalls an earlier event;
    with "أمس" it reports a recent one."""
    text = (
        "سيطرت قوات النظام على بلدة سرمين. "
        "وكانت فصائل المعارضة قد سيطرت في وقت سابق على بلدة كفرنبل."
    )
    assert places(extractor, text) == {"سرمين"}
    text = "سيطرت قوات النظام على بلدة سرمين. وكانت قوات النظام قد سيطرت أمس على بلدة كفرنبل."
    assert places(extractor, text) == {"سرمين", "كفرنبل"}


def test_campaign_is_not_one_event(extractor: Extractor) -> None:
    """"في إطار حملة قصف على X": a campaign over days, not an incident at X."""
    text = "قصفت قوات النظام بلدة سرمين بالمدفعية. ويأتي ذلك في إطار حملة قصف على مدينة أريحا."
    assert places(extractor, text) == {"سرمين"}


def test_campaign_of_arrests_in_a_town_is_an_arrests_event(extractor: Extractor) -> None:
    text = "شنت قوات النظام حملة اعتقالات في بلدة سرمين طالت عشرة شبان."
    assert places(extractor, text) == {"سرمين"}


def test_concessive_clause_is_background(extractor: Extractor) -> None:
    """"رغم تعرض X لقصف، فإن ...": the concession recalls a known situation."""
    text = "قصفت قوات النظام بلدة سرمين بالمدفعية. ورغم تعرض مدينة أريحا لقصف عنيف فإن الأهالي عادوا إليها."
    assert places(extractor, text) == {"سرمين"}


def test_named_quarter_joins_its_citys_incident(extractor: Extractor) -> None:
    """A quarter whose name the gazetteer places abroad ("حي المشهد") is still a quarter
    of the city the report names: one incident at the city."""
    text = (
        "ألقى الطيران المروحي التابع للنظام براميل متفجرة على مدينة حلب. "
        "وقتل 3 مدنيين في قصف جوي بالبراميل على حي المشهد."
    )
    assert places(extractor, text) == {"حلب"}


def test_front_between_two_villages_is_located_at_the_first(extractor: Extractor) -> None:
    """"محور قريتي A وB" is a front line between A and B; "محور بلدات A وB وC" lists them."""
    text = "قصفت فصائل المعارضة بالقذائف مواقع قوات النظام على محور قريتي سرمين وآفس."
    assert places(extractor, text) == {"سرمين"}
    text = "سيطرت قوات النظام على محور بلدات سرمين وآفس وداديخ."
    assert places(extractor, text) == {"سرمين", "آفس", "داديخ"}


def test_listed_villages_keep_two_word_names_and_stop_at_a_relative(extractor: Extractor) -> None:
    """"قريتي نبعة سليم والياسمينة اللتين ...": two villages, the first named in two words;
    the relative pronoun after the last is not part of its name."""
    text = "سيطرت قوات النظام اليوم على قريتي نبعة سليم والياسمينة اللتين تقعان على طريق حلب."
    assert places(extractor, text) == {"نبعة سليم", "الياسمينة"}


def test_airspace_is_not_where_a_strike_hit(extractor: Extractor) -> None:
    """"حلقت طائرة فوق مدينة X" / "في أجواء X": where aircraft flew, not where they struck."""
    text = "شنت طائرات حربية روسية غارات على بلدة سرمين بعد تحليق مكثف فوق مدينة أريحا."
    assert places(extractor, text) == {"سرمين"}


def test_opposite_a_town_only_locates_the_front(extractor: Extractor) -> None:
    text = "تواصلت المعارك بين فصائل المعارضة وقوات النظام جنوب بلدة سرمين قبالة مدينة أريحا."
    assert "أريحا" not in places(extractor, text)


def test_word_cut_off_at_the_end_of_a_truncated_report_is_not_a_place(extractor: Extractor) -> None:
    """A report that stops mid-word ("... على قرية الياسم") names no place there."""
    text = "قصفت قوات النظام بلدة سرمين بالمدفعية، كما قصفت قرية الياسم"
    assert places(extractor, text) == {"سرمين"}
    text = "قصفت قوات النظام بلدة سرمين بالمدفعية، كما قصفت قرية الياسمينة."
    assert places(extractor, text) == {"سرمين", "الياسمينة"}


def test_office_named_after_a_place_is_not_the_event_place(extractor: Extractor) -> None:
    """"مديرية الصحة بحماة", "مجلس محافظة حلب": an office, not where the attack was."""
    text = "أصيب رئيس قسم في مديرية الزراعة بحماة بجروح إثر إطلاق نار استهدف سيارته صباح اليوم."
    assert "حماة" not in places(extractor, text)
