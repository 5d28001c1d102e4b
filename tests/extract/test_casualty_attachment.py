"""A casualty figure goes to the incident it belongs to, not to a place named beside it;
short phrases written for these tests."""

from __future__ import annotations

from tests.extract.support import run

from tawthiq.incidents import Extractor


def test_concurrent_campaign_place_does_not_take_the_toll(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قصفت طائرات حربية بلدة سراقب اليوم. وقال ناشطون إن خمسة مدنيين قتلوا جراء القصف الجوي، "
        "وتزامناً مع الحملة الجوية التي تستهدف مدينة أريحا وريفها.",
    )
    assert inc.location.name == "سراقب"
    assert inc.killed == 5


def test_toll_update_naming_the_containing_province_goes_to_the_event(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قصفت المدفعية قرية برخ في محافظة دهوك ما أدى إلى مقتل 8 مدنيين. "
        "وفي آخر حصيلة ارتفع عدد ضحايا القصف في دهوك إلى 9 قتلى.",
    )
    assert inc.location.name == "برخ"
    assert inc.killed == 9
    assert len(inc.evidence) == 2


def test_a_sentence_naming_the_same_place_keeps_the_event_current(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "قتل مدنيان برصاص قوات الأمن في قرية البصيرة اليوم. "
        "وتحدث شهود من أهالي قرية البصيرة عن حالة من الذعر. "
        "وأدى إطلاق الرصاص إلى إصابة 3 آخرين.",
    )
    assert (inc.killed, inc.injured) == (2, 3)


def test_toll_told_at_the_region_goes_to_the_town_named_next(extractor: Extractor) -> None:
    [inc] = run(
        extractor,
        "اغتال مجهولون اليوم أحد عناصر الفصائل في ريف درعا الغربي. "
        "وقال ناشطون إن مجهولين أطلقوا النار عليه في بلدة المزيريب بريف درعا.",
    )
    assert inc.location.name == "المزيريب"
    assert inc.killed == 1
    assert len(inc.evidence) == 2


def test_town_a_place_lies_in_is_no_second_event(extractor: Extractor) -> None:
    [inc] = run(extractor, "أعدم عناصر التنظيم 3 شبان في منطقة الرمادي الواقعة بريف مدينة البوكمال.")
    assert inc.location.name == "الرمادي"
    assert inc.killed == 3
