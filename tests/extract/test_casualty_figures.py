"""Casualty figures said without a number, on short phrases written for these tests."""

from __future__ import annotations

from tests.extract.support import run

from tawthiq.incidents import Extractor


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


def test_details_after_a_toll_update_still_belong_to_the_event(extractor: Extractor) -> None:
    text = (
        "هاجم مسلحون حاجزا للجيش قرب مدينة سراقب مساء أمس. وارتفعت حصيلة القتلى إلى 9 جنود. "
        "وتسبب الهجوم أيضا بإصابة 4 آخرين بجروح."
    )
    [inc] = run(extractor, text)
    assert (inc.killed, inc.injured) == (9, 4)


def test_a_toll_update_with_a_definite_casualty_noun_updates_the_event(extractor: Extractor) -> None:
    text = "قصفت قوات النظام مدينة سراقب بالمدفعية مساء أمس. وارتفع عدد القتلى إلى 7 مدنيين."
    [inc] = run(extractor, text)
    assert inc.killed == 7


def test_details_two_sentences_after_the_event_without_a_toll_are_not_attached(extractor: Extractor) -> None:
    text = (
        "قصفت طائرات حربية مدينة سراقب مساء أمس. وتواصل الفصائل تحصين مواقعها في المنطقة منذ أسابيع. "
        "وتسبب القصف أيضا بإصابة 4 آخرين بجروح."
    )
    [inc] = run(extractor, text)
    assert inc.injured is None


def test_an_execution_counts_its_victims_as_killed(extractor: Extractor) -> None:
    [inc] = run(extractor, "أعدم التنظيم 4 أسرى في مدينة سراقب.")
    assert inc.killed == 4


def test_executions_against_a_counted_group(extractor: Extractor) -> None:
    [inc] = run(extractor, "نفذ التنظيم عمليات إعدام بحق 3 شبان في مدينة سراقب.")
    assert inc.killed == 3


def test_assassination_verb_reports_the_event_and_its_one_victim(extractor: Extractor) -> None:
    [inc] = run(extractor, "اغتال مسلحون مجهولون ضابطا في مدينة سراقب.")
    assert inc.sub_event_type == "Armed clash" and inc.killed == 1


def test_assassinated_person_after_subject_and_time_counts_one(extractor: Extractor) -> None:
    [inc] = run(extractor, "اغتال مسلحون مجهولون ليل السبت امرأة في حي الزهور بمدينة سراقب.")
    assert inc.killed == 1


def test_one_of_the_members_counts_one(extractor: Extractor) -> None:
    [inc] = run(extractor, "اغتال مجهولون اليوم أحد عناصر الفصائل في مدينة درعا.")
    assert inc.killed == 1


def test_her_children_then_their_number_add_up(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت طائرات حربية مدينة مارع ما أدى إلى مقتل امرأة وأطفالها الستة.")
    assert inc.killed == 7


def test_dual_of_the_injury_noun_counts_two(extractor: Extractor) -> None:
    [inc] = run(extractor, "قصفت المدفعية مدينة سراقب وتم تسجيل إصابتين.")
    assert inc.injured == 2
