"""Words that are events only outside an idiom or a name. Phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article

PUBLISHED = dt.date(2023, 10, 1)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def kinds(extractor: Extractor, text: str) -> set[str]:
    return {i.sub_event_type for i in extractor.extract(Article(id="t", text=text, published=PUBLISHED))}


def test_the_verb_of_the_arrest_idiom_is_not_an_air_drop(extractor: Extractor) -> None:
    """ "ألقت القوات القبض على" = arrested; "ألقت الطائرات قنابل" = dropped bombs."""
    assert kinds(extractor, "ألقت قوات الأمن القبض على ثلاثة مطلوبين في مدينة الموصل اليوم.") == {"Arrests"}
    assert kinds(extractor, "ألقت الطائرات الحربية قنابل على مدينة سراقب فقتل ثلاثة مدنيين.") == {"Air/drone strike"}


def test_a_square_named_for_liberation_is_no_change_of_control(extractor: Extractor) -> None:
    assert kinds(extractor, "انتشرت قوات الأمن في ساحة التحرير وسط بغداد وأصيب ثلاثة أشخاص.") == set()
    assert kinds(extractor, "قتل شخصان في ساحة التحرير وسط بغداد.") == set()


def test_crowd_control_munitions_are_no_weapons_of_the_list(extractor: Extractor) -> None:
    text = "أطلقت قوات الأمن قنابل صوتية وقنابل مسيلة للدموع على المتظاهرين في بغداد فأصيب خمسة."
    incidents = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    assert incidents and all(i.weapons == [] for i in incidents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خرجت مظاهرة في مدينة البصرة للمطالبة بالخدمات.", "Peaceful protest"),
        ("فرقت قوات الأمن مظاهرة في مدينة البصرة بالقنابل المسيلة للدموع، ما أدى إلى إصابة سبعة متظاهرين.",
         "Protest with intervention"),
        ("اعتقلت قوات الأمن عشرة متظاهرين خلال مظاهرة في مدينة البصرة.", "Protest with intervention"),
        ("استخدمت الشرطة خراطيم المياه لتفريق المتظاهرين في مدينة البصرة.", "Protest with intervention"),
        ("أطلقت قوات الأمن الرصاص الحي على مظاهرة في مدينة البصرة، ما أدى إلى مقتل متظاهرين اثنين.",
         "Excessive force against protesters"),
    ],
)
def test_protests_by_the_force_used_on_them(extractor: Extractor, text: str, expected: str) -> None:
    """ACLED: deaths or live fire = excessive force; arrests or people hurt otherwise =
    intervention; the protesters are actor1 either way."""
    incidents = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    assert [(i.sub_event_type, i.actor1) for i in incidents] == [(expected, "PROTESTERS")]


def test_what_followed_an_event_told_before_is_no_new_event() -> None:
    """ "عقب القصف" (in the wake of the shelling) refers back to a strike already told: its
    event word starts no new event; the same word elsewhere does."""
    from tawthiq.incidents.engine import _drop_aftermath_references
    from tawthiq.mentions import default_finder
    from tawthiq.text import normalize

    def triggers(text: str) -> list[str]:
        norm = normalize(text)
        kept = _drop_aftermath_references(default_finder().find(norm), norm.text)
        return [m.form for m in kept if m.kind == "triggers"]

    assert triggers("واستنفرت الميليشيات في المنطقة عقب القصف وأخلت مقارها في مدينة الميادين.") == []
    assert triggers("وتواصل القصف على مدينة الميادين.") == ["القصف"]
    assert triggers("قصفت الطائرات مدينة الميادين عقب انسحاب القوات منها.") == ["قصفت"]


def test_taking_the_places_just_told_makes_the_fighting_a_change_of_control(extractor: Extractor) -> None:
    """ "… معارك على محور بلدات A وB. وتمكن الجيش من استعادة السيطرة على القريتين": the
    second sentence refers back to A and B: the fighting ended in their capture."""
    text = (
        "خاض الجيش السوري معارك عنيفة مع الفصائل على محور بلدات الحميرات وقيروطة والحردانة بريف إدلب الجنوبي. "
        "وتمكن الجيش من استعادة السيطرة على البلدات الثلاث بعد ساعات."
    )
    found = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    assert {(i.location.name, i.sub_event_type) for i in found} == {
        ("الحميرات", "Government regains territory"),
        ("قيروطة", "Government regains territory"),
        ("الحردانة", "Government regains territory"),
    }
    told = "خاض الجيش السوري معارك عنيفة مع الفصائل على محور بلدات الحميرات وقيروطة والحردانة بريف إدلب الجنوبي."
    found = extractor.extract(Article(id="t", text=told, published=PUBLISHED))
    assert {i.sub_event_type for i in found} == {"Armed clash"}


def test_random_shelling_is_shelling_even_from_a_side_that_also_flies(extractor: Extractor) -> None:
    """ "القصف العشوائي" (indiscriminate shelling) names ground fire; an air strike says "جوي"."""
    text = (
        "شن طيران قوات حفتر غارة جوية على منطقة عين زارة في طرابلس. "
        "وأصيب طفل في منطقة الهضبة نتيجة القصف العشوائي من قبل قوات حفتر."
    )
    found = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    assert "Shelling/artillery/missile attack" in {i.sub_event_type for i in found}


@pytest.mark.parametrize("published", [dt.date(2020, 11, 20), dt.date(2021, 3, 1)])
def test_the_date_of_an_earlier_event_recalled_does_not_date_the_new_one(
    extractor: Extractor, published: dt.date
) -> None:
    """ "قتل X ... وكان ابنه قد اغتيل في نوفمبر 2020": November is the son's death, the
    killing told takes the report's day (and is not dropped as an old event)."""
    text = (
        "قتل القيادي أبو خالد جراء استهدافه بإطلاق نار من قبل مجهولين في بلدة الدويحلة، "
        "وكان ابنه قد اغتيل في نوفمبر تشرين الثاني 2020 بإطلاق نار مماثل."
    )
    found = extractor.extract(Article(id="t", text=text, published=published))
    assert found and all(i.date is not None and (i.date.date, i.date.precision) == (published, "day") for i in found)


def test_a_former_fighter_shot_by_gunmen_is_an_attack_on_a_civilian(extractor: Extractor) -> None:
    text = "قتل القيادي السابق في الفصائل أبو خالد برصاص مجهولين في بلدة الدويحلة."
    assert kinds(extractor, text) == {"Attack"}
