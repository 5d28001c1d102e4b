"""Casualty figures of kinship phrases and of hard-wrapped lines, on phrases written for these tests."""

from __future__ import annotations

from tests.extract.support import run

from tawthiq.incidents import Extractor
from tawthiq.text import sentences


def test_a_mother_and_her_counted_children_add_up(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب ما أدى إلى مقتل أم وأطفالها الثلاثة.")
    assert inc.killed == 4


def test_a_father_and_his_son_add_up(extractor: Extractor) -> None:
    [inc] = run(extractor, "سقطت قذائف هاون على مدينة سراقب، ما أسفر عن استشهاد أب وابنه.")
    assert inc.killed == 2


def test_or_after_a_casualty_noun_is_not_a_mother(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة سراقب، ولم يعرف إن كان القصف أوقع قتلى أم لا.")
    assert inc.killed is None


def test_a_line_wrapped_after_a_preposition_keeps_its_figures(extractor: Extractor) -> None:
    text = (
        "قصفت طائرات حربية روسية مدينتي سراقب وأريحا مساء أمس.\n"
        "وأدت الغارات إلى مقتل خمسة مدنيين وإصابة ثمانية آخرين في\n"
        "مدينة سراقب، بحسب الدفاع المدني."
    )
    figures = {inc.location.name: (inc.killed, inc.injured) for inc in run(extractor, text)}
    assert figures == {"سراقب": (5, 8), "أريحا": (None, None)}


def test_a_name_wrapped_after_its_first_element_is_one_sentence() -> None:
    text = "قتل ثلاثة مدنيين في حي أبو\nعلي، وأصيب آخرون."
    assert [text[s:e] for s, e in sentences(text)] == [text]


def test_a_headline_line_without_a_full_stop_still_ends() -> None:
    text = "غارات على مدينة سراقب\nقصفت طائرات حربية المدينة صباح اليوم."
    assert len(sentences(text)) == 2


def test_a_blank_line_after_a_preposition_still_ends_the_sentence() -> None:
    text = "اقرأ أيضا في\n\nقصفت طائرات حربية المدينة صباح اليوم."
    assert len(sentences(text)) == 2


def test_a_place_named_by_a_common_word_is_that_place_throughout_the_report(extractor: Extractor) -> None:
    # "دوما" is also a frequent word: the mention with its country, or after "مدينة",
    # shows that the bare one with the figure is the town too
    for where in ("في دوما بسوريا", "في مدينة دوما"):
        text = (
            "قصفت قوات النظام دوما بغاز الكلور فجر اليوم، ما أدى إلى مقتل 12 مدنيا.\n"
            f"وقالت مصادر طبية {where} إن المشافي امتلأت بالمصابين."
        )
        [inc] = run(extractor, text)
        assert (inc.location.name, inc.killed, inc.actor1) == ("دوما", 12, "SYR_GOV")


def test_a_common_word_place_never_confirmed_stays_unnamed(extractor: Extractor) -> None:
    text = "قصفت قوات النظام دوما بغاز الكلور فجر اليوم، ما أدى إلى مقتل 12 مدنيا."
    assert all(inc.location.name != "دوما" for inc in run(extractor, text))


def test_one_of_them_wounded_counts_one(extractor: Extractor) -> None:
    text = "نجا قياديان في فصيل معارض من محاولة اغتيال بعبوة ناسفة قرب مدينة سراقب، أحدهما أصيب بجروح خطيرة."
    [inc] = run(extractor, text)
    assert inc.injured == 1


def test_one_of_them_beside_the_others_does_not_cut_the_group(extractor: Extractor) -> None:
    text = "أعدم مسلحو التنظيم 4 رجال في مدينة سراقب، حيث أعدم أحدهم رميا بالرصاص فيما أعدم الثلاثة الآخرون ذبحا."
    [inc] = run(extractor, text)
    assert inc.killed != 1
