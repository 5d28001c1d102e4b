"""Every function of the text layer, on random Arabic-ish text and on every dev
article: offsets are valid half-open spans of the ORIGINAL text, and nothing crashes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.text import clauses, find_dates, find_numbers, normalize_form, sentences, tokenize

_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة\u064b\u064e\u0650\u0651\u0640\u200f٠١٢٣٤٥٦٧٨٩0123456789 \n.,،؛؟:/-%«»"
_WORDS = [
    "قتل",
    "ستة",
    "وعشرون",
    "ألف",
    "آلاف",
    "أكثر",
    "من",
    "بين",
    "و",
    "إلى",
    "عشرات",
    "أمس",
    "اليوم",
    "الإثنين",
    "الماضي",
    "ليلة",
    "فجر",
    "قبل",
    "يومين",
    "أيام",
    "آذار",
    "مارس",
    "كانون",
    "الثاني",
    "رمضان",
    "هـ",
    "عام",
    "2016",
    "7/3/2016",
    "11:20",
    "٢٣",
    "كما",
    "في",
    "حين",
    "بإدلب",
    "د.",
    "3.5",
]
texts = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=120),
    st.lists(st.sampled_from([*_WORDS, " ", "، ", ". ", "\n"]), max_size=40).map(" ".join),
)


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    last_end = 0
    for a, b in spans:
        assert 0 <= a < b <= len(text)
        assert a >= last_end  # in order, not overlapping
        last_end = b


def _check_all(text: str, published: dt.date | None) -> None:
    sents = sentences(text)
    _check_spans(text, sents)
    for a, b in sents:
        assert text[a:b] == text[a:b].strip()
        _check_spans(text, clauses(text, a, b))
    toks = tokenize(text)
    _check_spans(text, [(t.start, t.end) for t in toks])
    for t in toks:
        assert text[t.start : t.end] == t.surface
        assert t.candidates[0] == t.norm == normalize_form(t.surface)
    nums = find_numbers(text)
    _check_spans(text, [(m.start, m.end) for m in nums])
    for m in nums:
        assert (m.value is None) == m.vague
        assert m.value is None or m.value >= 0
    dates = find_dates(text, published)
    _check_spans(text, [(m.start, m.end) for m in dates])
    for m in dates:
        assert m.precision in ("day", "week", "month")


@settings(max_examples=300, deadline=None)
@given(texts, st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_random_text_offsets_are_valid(text: str, published: dt.date | None) -> None:
    _check_all(text, published)


def test_every_dev_article(dev_articles: list[dict]) -> None:
    assert dev_articles
    for art in dev_articles:
        published = dt.date.fromisoformat(art["published"]) if art.get("published") else None
        _check_all(art["text"], published)


def test_relative_dates_of_dev_articles_never_after_publication(dev_articles: list[dict]) -> None:
    for art in dev_articles:
        if not art.get("published"):
            continue
        published = dt.date.fromisoformat(art["published"])
        for m in find_dates(art["text"], published):
            if m.rule not in (
                "weekday_next",
                "tomorrow",
                "ordinal_day_month",
                "numeric_ymd",
                "numeric_dmy",
                "day_month_year",
                "month_year",
            ):
                assert m.date <= published, (art["id"], art["text"][m.start : m.end], m)


def test_shared_normalisation_gives_the_same_results(dev_articles: list[dict]) -> None:
    from tawthiq.text import normalize

    for art in dev_articles[:20]:
        text = art["text"]
        published = dt.date.fromisoformat(art["published"]) if art.get("published") else None
        n = normalize(text)
        assert find_numbers(text, normalized=n) == find_numbers(text)
        assert find_dates(text, published, normalized=n) == find_dates(text, published)
        for a, b in sentences(text):
            assert clauses(text, a, b, normalized=n) == clauses(text, a, b)


def test_normalized_of_another_text_is_refused() -> None:
    import pytest

    from tawthiq.text import normalize

    with pytest.raises(ValueError):
        find_numbers("قتل ستة", normalized=normalize("قتل سبعة"))


def test_results_and_normalized_text_pickle() -> None:
    """Results go to worker processes and Spark executors."""
    import pickle

    from tawthiq.text import normalize

    text = "قُتل ستة مدنيين أمس في بإدلب"
    objs = [
        normalize(text),
        tokenize(text),
        find_numbers(text),
        find_dates(text, dt.date(2016, 3, 9)),
    ]
    for obj in objs:
        assert pickle.loads(pickle.dumps(obj)) == obj
