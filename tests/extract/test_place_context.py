"""Places the gazetteer lacks, located by the known place the text ties them to
(incidents/place_context.py). Phrases written for these tests (not taken from any
report); the village names are made up so that no gazetteer knows them."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident

PUBLISHED = dt.date(2024, 3, 12)
ABU_KAMAL = (34.45226, 40.91854)
SARAQIB = (35.86447, 36.80591)
ALEPPO = (36.20124, 37.16117)
DEIR_EZ_ZOR = (35.33588, 40.14084)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def incidents(extractor: Extractor, text: str) -> dict[str, Incident]:
    found = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    return {i.location.name: i for i in found}


def coords(incident: Incident) -> tuple[float | None, float | None]:
    loc = incident.location
    return (round(loc.lat, 5) if loc.lat is not None else None, round(loc.lon, 5) if loc.lon is not None else None)


def test_a_village_in_the_countryside_of_a_town_is_coded_near_the_town(extractor: Extractor) -> None:
    text = "أعدم مسلحو التنظيم شابين في منطقة الزهيرات الواقعة بريف مدينة البوكمال صباح اليوم."
    found = incidents(extractor, text)
    assert set(found) == {"الزهيرات"}
    inc = found["الزهيرات"]
    assert coords(inc) == ABU_KAMAL and inc.location.precision == 2
    assert "البوكمال" in inc.provenance["place"]["reason"]


def test_a_village_near_a_town_is_its_own_place_at_precision_2(extractor: Extractor) -> None:
    text = "قصفت طائرات حربية قرية الدويحلة قرب مدينة سراقب، ما أدى إلى مقتل مدنيين اثنين."
    inc = incidents(extractor, text)["الدويحلة"]
    assert coords(inc) == SARAQIB and inc.location.precision == 2
    assert inc.killed == 2


def test_a_quarter_is_coded_at_its_town_past_a_short_relative_clause(extractor: Extractor) -> None:
    text = "سقطت قذائف على حي الشويطات الذي تسيطر عليه القوات الحكومية في مدينة دير الزور، ما أدى إلى أضرار."
    inc = incidents(extractor, text)["الشويطات"]
    assert coords(inc) == DEIR_EZ_ZOR and inc.location.precision == 1


def test_a_list_of_villages_takes_the_place_of_its_last_member(extractor: Extractor) -> None:
    text = "سيطرت قوات النظام على قرى الزهيرات والدويحلة والشويطات جنوب مدينة حلب بعد اشتباكات مع الفصائل."
    found = incidents(extractor, text)
    assert {"الزهيرات", "الدويحلة", "الشويطات"} <= set(found)
    for name in ("الزهيرات", "الدويحلة", "الشويطات"):
        assert coords(found[name]) == ALEPPO and found[name].location.precision == 2, name


def test_a_governorate_is_too_coarse_the_village_keeps_no_coordinates(extractor: Extractor) -> None:
    text = "قصفت طائرات حربية بلدة الدويحلة بريف إدلب الجنوبي، ما أدى إلى مقتل مدني."
    inc = incidents(extractor, text)["الدويحلة"]
    assert coords(inc) == (None, None)
    assert (inc.location.admin1, inc.location.country) == ("Idlib", "SY")  # still found by governorate


def test_a_town_in_a_name_shared_by_a_town_and_its_governorate_is_not_inside_the_town(extractor: Extractor) -> None:
    """ "مدينة X في درعا": a town is not inside another town, so درعا is the governorate here."""
    text = "أطلقت قوات الأمن النار على متظاهرين في مدينة الدويحلة في درعا، ما أدى إلى إصابة خمسة أشخاص."
    inc = incidents(extractor, text)["الدويحلة"]
    assert coords(inc) == (None, None)
    assert inc.location.admin1 == "Dar'a"


def test_an_unrelated_next_place_does_not_locate_a_village(extractor: Extractor) -> None:
    text = "قصفت طائرات حربية قرية الدويحلة، وفي مدينة سراقب أصيب ثلاثة مدنيين بقصف مدفعي."
    inc = incidents(extractor, text)["الدويحلة"]
    assert coords(inc) == (None, None) and inc.location.admin1 is None


def test_a_quarter_told_of_another_event_takes_the_reports_only_city(extractor: Extractor) -> None:
    text = (
        "قصفت قوات النظام بالمدفعية أحياء مدينة حلب صباح اليوم، ما أدى إلى إصابة خمسة مدنيين. "
        "وأطلق قناص النار على أهالي حي الشويطات، ما أدى إلى مقتل شخصين."
    )
    found = incidents(extractor, text)
    quarter = found["الشويطات"]
    assert coords(quarter) == ALEPPO and quarter.location.precision == 1
    assert quarter.sub_event_type != found["حلب"].sub_event_type  # its own incident


def test_the_city_in_a_governorate_sentence_is_the_seat(extractor: Extractor) -> None:
    """ "في محافظة تعز ... وسط المدينة": the event is in the city of Taiz, not anywhere in
    the governorate; without "المدينة" the governorate stays."""
    city = "قصف الحوثيون بقذائف الهاون محافظة تعز، وسقطت إحدى القذائف وسط المدينة فقتلت امرأة."
    [inc] = incidents(extractor, city).values()
    assert coords(inc) == (13.57952, 44.02091) and inc.location.precision == 1
    region = "قصف الحوثيون بقذائف الهاون محافظة تعز فقتلت امرأة."
    [inc] = incidents(extractor, region).values()
    assert inc.location.precision == 3


def test_a_valley_or_river_name_keeps_its_second_word(extractor: Extractor) -> None:
    """ "مخيم وادي زيدون": "وادي" (valley), like "تل" or "عين", opens a two-word name."""
    text = "قصفت قوات النظام مخيم وادي زيدون للنازحين، ما أدى إلى مقتل طفلين."
    assert set(incidents(extractor, text)) == {"وادي زيدون"}
