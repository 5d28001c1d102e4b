"""Table-driven tests of the Arabic matching and Location rules on short phrases
written for these tests (embedded default gazetteer)."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from tawthiq.gazetteer import Geocoder, Place, PlaceMention, default_gazetteer, load_gazetteer
from tawthiq.gazetteer.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(default_gazetteer())


def _find(geocoder: Geocoder, text: str, surface: str) -> PlaceMention:
    mentions = geocoder.find_places(text)
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        if m.surface == surface:
            return m
    raise AssertionError(f"{surface!r} not among {[m.surface for m in mentions]}")


# (text, expected surface, English name of the place, precision, relation)
RULES = [
    # plain names, normalised spellings, proclitics and the article
    ("قصفت الطائرات مدينة سراقب", "مدينة سراقب", "Saraqib", 1, None),
    ("سقطت قذائف على سراقب", "سراقب", "Saraqib", 1, None),
    ("غارة على وسراقب", "سراقب", "Saraqib", 1, None),
    ("اشتباكات بالرقة", "الرقة", "Ar Raqqah", 1, None),
    ("قصف مدفعي على حماه", "حماه", "Ḩamāh", 1, None),
    ("قصفٌ على مدينةِ إِدْلِب", "مدينةِ إِدْلِب", "Idlib", 1, None),
    # a name stored with the article matches without it only after a descriptor
    ("تفجير في بلدة دانا التابعة لمحافظة إدلب", "بلدة دانا", "Ad Dānā", 1, None),
    # a city and its governorate share the name: bare = the city
    ("قتلى بالخرطوم إثر غارات", "الخرطوم", "Khartoum", 1, None),
    # joined and split spellings
    ("قصف بلدة كفرنبل", "بلدة كفرنبل", "Kafranbel", 1, None),
    ("قصف بلدة كفر نبل", "بلدة كفر نبل", "Kafranbel", 1, None),
    ("غارة على معرتمصرين", "معرتمصرين", "Ma‘arratmişrīn", 1, None),
    ("غارة على معرة مصرين", "معرة مصرين", "Ma‘arratmişrīn", 1, None),
    # "أبو X" names written with the article and joined or spaced (data/name_prefix_forms.tsv)
    ("قصف على مدينة البوكمال", "مدينة البوكمال", "Ālbū Kamāl", 1, None),
    ("غارات على البو كمال", "البو كمال", "Ālbū Kamāl", 1, None),
    # names that contain descriptor-like words
    ("سقطت قذائف على جسر الشغور", "جسر الشغور", "Jisr ash Shughūr", 1, None),
    ("قصف على مدينة دير الزور", "مدينة دير الزور", "Deir ez-Zor", 1, None),
    ("قصف مخيم اليرموك", "مخيم اليرموك", "al-Yarmūk", 1, None),
    # governorate
    ("سقط قتلى في محافظة إدلب", "محافظة إدلب", "Idlib", 3, None),
    # ريف X
    ("غارات على ريف إدلب", "ريف إدلب", "Idlib", 3, "rif"),
    ("غارات بريف حماة الشمالي", "ريف حماة الشمالي", "Hama", 3, "rif"),
    ("غارات بريف إدلب الجنوبي الغربي", "ريف إدلب الجنوبي الغربي", "Idlib", 3, "rif"),
    ("قصف في ريف جسر الشغور", "ريف جسر الشغور", "Jisr ash Shughūr", 2, "rif"),
    # neighbourhoods and camps are coded at their town
    ("قصف حي الوعر في حمص", "حي الوعر", "Homs", 1, "neighbourhood_of"),
    ("قصف على حي الكاشف بمدينة درعا", "حي الكاشف", "Dar‘ā", 1, "neighbourhood_of"),
    ("غارة على حي الشيخ مقصود في مدينة حلب", "حي الشيخ مقصود", "Aleppo", 1, "neighbourhood_of"),
    ("قصف على حي الإذاعة بحلب", "حي الإذاعة", "Aleppo", 1, "neighbourhood_of"),
    ("قصف مخيم النور قرب بلدة بنش", "مخيم النور", "Binnish", 1, "camp"),
    ("قصف مخيم النور بالقرب من بنش", "مخيم النور", "Binnish", 1, "camp"),
    ("سقطت قذيفة على مخيم الركبان قرب مدينة سراقب", "مخيم الركبان", "Saraqib", 1, "camp"),
    # between, near, direction
    ("على الطريق الواصل بين أرمناز وكفر تخاريم", "أرمناز", "Armanāz", 2, "between"),
    ("قصف بين سراقب وسرمين", "سراقب", "Saraqib", 2, "between"),
    ("انفجار قرب مدينة سراقب", "مدينة سراقب", "Saraqib", 2, "near"),
    ("اشتباكات في محيط بلدة بنش", "بلدة بنش", "Binnish", 2, "near"),
    ("اشتباكات على أطراف مدينة منبج", "مدينة منبج", "Manbij", 2, "near"),
    ("قصف شرق خان شيخون", "خان شيخون", "Khān Shaykhūn", 2, "direction"),
    ("اشتباكات بالقرب من جرابلس", "جرابلس", "Jarābulus", 2, "near"),
    # other names of a place (data/aliases.tsv) and frequent multi-word names of towns
    ("تظاهرات في مدينة كوبانى", "مدينة كوبانى", "‘Ayn al ‘Arab", 1, None),
    ("تظاهرات في عين العرب", "عين العرب", "‘Ayn al ‘Arab", 1, None),
    # other countries of the region
    ("قصف على صنعاء", "صنعاء", "Sanaa", 1, None),
    ("انفجار في الموصل", "الموصل", "Mosul", 1, None),
    ("اشتباكات في ولاية الخرطوم", "ولاية الخرطوم", "Khartoum", 3, None),
    ("اشتباكات في قضاء زاخو", "قضاء زاخو", "Zaxo", 2, None),
]


@pytest.mark.parametrize(("text", "surface", "name_en", "precision", "relation"), RULES)
def test_location_rules(
    geocoder: Geocoder, text: str, surface: str, name_en: str, precision: int, relation: str | None
) -> None:
    m = _find(geocoder, text, surface)
    assert m.place is not None, m
    assert m.place.name_en == name_en, (m.place, m.reason)
    assert m.precision == precision, m
    assert m.relation == relation, m
    assert m.reason


def test_neighbourhood_keeps_its_name_and_the_town_is_its_container(geocoder: Geocoder) -> None:
    text = "قصف حي الوعر في حمص"
    mentions = geocoder.find_places(text)
    quarter = next(m for m in mentions if m.relation == "neighbourhood_of")
    assert quarter.name == "الوعر"
    assert quarter.container is not None and quarter.container.name_en == "Homs"
    town = next(m for m in mentions if m.surface == "حمص")
    assert town.relation == "container"


def test_a_rif_container_is_the_governorate(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("قصف مدينة مصياف في ريف حماة")
    rif = next(m for m in mentions if m.surface == "ريف حماة")
    assert rif.relation == "container" and rif.precision == 3 and rif.place.feature == "ADM1"
    town = next(m for m in mentions if m.surface == "مدينة مصياف")
    assert town.container == rif.place and town.precision == 1


def test_article_is_needed_without_a_descriptor(geocoder: Geocoder) -> None:
    assert geocoder.find_places("قصف على دانا") == []
    m = geocoder.find_places("تفجير في بلدة دانا التابعة لمحافظة إدلب")[0]
    assert m.container is not None and m.container.feature == "ADM1" and m.container.admin1 == "Idlib"


def test_between_second_town_is_marked(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("الطريق الواصل بين أرمناز وكفر تخاريم")
    assert [m.relation for m in mentions] == ["between", "between_other"]


# common words that are also place names must not match bare
NOT_PLACES = [
    "قتل عنصر من الجيش السوري في الاشتباكات",  # السوري ~ Surrey
    "أدى القصف إلى دمار كبير",  # أدى ~ Edd (Eritrea)
    "أعلنت الدولة الحداد",  # الدولة ~ Dhule
    "وقال المصدر إن الحرب مستمرة",  # المصدر, الحرب
    "وأن الوضع صعب في البلاد",  # وأن ~ Van, البلاد
    "أصيب في عين طفل",  # عين
    "وصلت إلى الحي الجديد",  # الحي, الجديد
    "قال مدير المعبر",  # المعبر
    "وقالت الفصائل المسلحة",  # الفصائل (ئ folds to ي: the village الفصايل)
    "تتصاعد الغارات بوتيرة متسارعة",  # و + تيرة (a Turkish town), but وتيرة = pace
    "ألحق القصف دمارا كبيرا بالمنازل",  # ك + بيرا (Beira)
    "وصلت فرقة الدفاع المدني إلى المكان",  # ف + رقة (Raqqa, a governorate seat): فرقة = a team
    "كسرت القوات الحصار عن الأحياء",  # ك + سرت (Sirte): كسرت = broke
    "وأظهرت بطاقات الهوية أنهم مدنيون",  # الهوية ~ Huế
    "قالت الحكومة السورية",  # السورية = Syrian, not the country سورية
    "انشق قائد في لواء الشمال",  # لواء = brigade here; الشمال = the north
]


def test_generic_heads_and_directions_are_not_places(geocoder: Geocoder) -> None:
    # "بلدة شمال حلب": شمال is a direction; "قرية تل ..." an unknown village, not a place "تل"
    assert [m.surface for m in geocoder.find_places("قصف بلدة شمال حلب")] == ["حلب"]
    assert geocoder.find_places("قصف قرية تل مجهولة") == []


def test_a_small_far_namesake_is_left_unresolved(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("قصفت الطائرات سراقب وبنش ثم قرية الحصين")
    m = next(m for m in mentions if m.name == "الحصين")
    assert m.place is None and m.candidates and "namesake" in m.reason
    assert all(x.place is not None for x in mentions if x is not m)


@pytest.mark.parametrize("text", NOT_PLACES)
def test_common_words_are_not_places(geocoder: Geocoder, text: str) -> None:
    assert geocoder.find_places(text) == []


def test_descriptor_licenses_a_common_word_name(geocoder: Geocoder) -> None:
    # "صور" (Tyre) is also "pictures": bare it is not read, "مدينة صور" is
    assert geocoder.find_places("نشر صور الدمار") == []
    m = _find(geocoder, "غارة على مدينة صور", "مدينة صور")
    assert m.place is not None and m.place.country == "LB"


def test_a_city_with_a_preposition_attached_is_still_the_city(geocoder: Geocoder) -> None:
    """ "بحلب" is frequent because Aleppo is: less frequent than "حلب", so it is ب + the city."""
    found = [(m.surface, m.place.name_en) for m in geocoder.find_places("قصف بحلب وبالرقة ودمشق") if m.place]
    assert found == [("حلب", "Aleppo"), ("الرقة", "Ar Raqqah"), ("دمشق", "Damascus")]


def test_the_shown_name_is_an_arabic_spelling() -> None:
    """GeoNames lists Persian and Kurdish spellings and spaced-out copies in Arabic script too."""
    from tawthiq.gazetteer.gazetteer import display_name

    assert display_name(("د مشق", "دمشق", "دیمەشق")) == "دمشق"
    assert display_name(("رأس الخیمه", "راس الخيمة")) == "راس الخيمة"
    assert display_name(("دير الزور", "ديرالزور")) == "دير الزور"  # a name with a space of its own stays
    assert next(p for p in default_gazetteer().places if p.geonameid == 170654).name == "دمشق"


def test_word_boundaries(geocoder: Geocoder) -> None:
    # حلب inside حلبجة, a name inside a longer word, a country read whole
    assert [m.surface for m in geocoder.find_places("انفجار في حلبجة")] == ["حلبجة"]
    assert all(m.place.name_en != "Banān" for m in geocoder.find_places("جنوب لبنان") if m.place)
    assert geocoder.find_places("حلبي") == []


def test_offsets_map_to_original_text_with_diacritics_and_tatweel(geocoder: Geocoder) -> None:
    text = "قُتِلَ ثلاثة في مدينـــة سَراقِب أمس"
    m = _find(geocoder, text, "مدينـــة سَراقِب")
    assert text[m.start : m.end] == "مدينـــة سَراقِب"
    assert m.name == "سَراقِب"


# disambiguation: names in two places, decided by the container, country hint or other places
def test_container_governorate_decides_between_namesakes() -> None:
    a = Place("t:1", "الصفصافة", 35.9, 36.6, "SY", "Idlib", population=100)
    b = Place("t:2", "الصفصافة", 34.8, 36.1, "SY", "Tartous", population=900)
    idlib = Place("t:3", "إدلب", 35.78, 36.62, "SY", "Idlib", feature="ADM1", name_en="Idlib", names=("إدلب",))
    tartous = Place("t:4", "طرطوس", 34.9, 36.05, "SY", "Tartous", feature="ADM1", name_en="Tartous", names=("طرطوس",))
    gaz = Gazetteer(
        [
            replace(a, names=("الصفصافة",)),
            replace(b, names=("الصفصافة",)),
            idlib,
            tartous,
        ]
    )
    geo = Geocoder(gaz)
    m = geo.find_places("قصف بلدة الصفصافة بريف إدلب الجنوبي")[0]
    assert m.place.key == "t:1" and "Idlib" in m.reason and m.container == idlib
    m = geo.find_places("قصف قرية الصفصافة في ريف طرطوس")[0]
    assert m.place.key == "t:2" and m.container == tartous
    # no container: the other place of the text wins over population
    ms = geo.find_places("قصف الصفصافة ثم إدلب")
    assert ms[0].place.key == "t:1" and ("nearest" in ms[0].reason or "Idlib" in ms[0].reason)
    # a list shares the container named after its last member
    ms = geo.find_places(
        "قصف الصفصافة ومعرة حرمة بريف إدلب",
    )
    assert ms[0].place.key == "t:1"


# صوران is a town in Aleppo governorate (near Azaz) and another in Hama governorate
SURAN = [
    ("قصفت الطائرات بلدة صوران بريف حلب الشمالي", "Aleppo", "inside"),
    ("قصفت الطائرات بلدة صوران بريف حماة الشمالي", "Hama", "inside"),
    ("قصف على صوران في ريف حلب", "Aleppo", "inside"),
    ("اشتباكات في صوران وسط اشتباكات متواصلة في ريف حلب الشمالي منذ أيام", "Aleppo", "named in the text"),
    ("قصف على صوران ومورك", "Hama", ""),
    ("قصف على صوران بعد أيام من قصف اعزاز", "Aleppo", "nearest to"),
    ("قصف على صوران", "Hama", "population"),
]


@pytest.mark.parametrize(("text", "admin1", "reason"), SURAN)
def test_a_name_in_two_governorates(geocoder: Geocoder, text: str, admin1: str, reason: str) -> None:
    m = next(m for m in geocoder.find_places(text) if m.name == "صوران")
    assert len(m.candidates) == 2
    assert m.place.admin1 == admin1, m.reason
    assert reason in m.reason


def test_country_hint_and_article_cluster() -> None:
    sy = Place("t:sy", "عرشين", 35.0, 38.0, "SY", "Homs", population=1000, names=("عرشين",))
    jo = Place("t:jo", "عرشين", 32.0, 35.7, "JO", None, population=5000, names=("عرشين",))
    palmyra = Place("t:p", "تدمر", 34.55, 38.27, "SY", "Homs", population=500_000, names=("تدمر",))
    geo = Geocoder(Gazetteer([sy, jo, palmyra]))
    assert geo.find_places("قصف على عرشين")[0].place.key == "t:jo"  # population alone
    m = geo.find_places("قصف على عرشين", country_hint="SY")[0]
    assert m.place.key == "t:sy" and "country hint" in m.reason
    m = geo.find_places("قصف على عرشين بعد معارك تدمر")[0]
    assert m.place.key == "t:sy" and ("تدمر" in m.reason or "same country" in m.reason)


def test_geocoder_pickles_and_gives_the_same_answer(geocoder: Geocoder) -> None:
    text = "غارات على بلدة كفرنبل بريف إدلب الجنوبي"
    before = geocoder.find_places(text)
    clone = pickle.loads(pickle.dumps(geocoder))
    assert clone.find_places(text) == before
    assert len(pickle.dumps(geocoder)) < 10_000  # the default gazetteer travels by reference


def test_load_gazetteer_falls_back_to_the_embedded_default() -> None:
    gaz = load_gazetteer()
    assert gaz is default_gazetteer()
    assert any(p.name_en == "Idlib" and p.feature == "ADM1" for p in gaz.candidates("ادلب"))
    sources = {s.key: s for s in gaz.sources}
    assert "CC BY 4.0" in sources["geonames-cities500"].licence
