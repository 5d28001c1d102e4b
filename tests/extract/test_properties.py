"""Properties that hold for any text: evidence lies in the text, extraction never fails."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawthiq.incidents import Extractor
from tawthiq.models import Article

_EXTRACTOR = Extractor()

# Arabic letters, harakat, tatweel, digits, punctuation and some cue words, mixed.
arabic_chars = st.sampled_from(
    [chr(c) for c in range(0x0621, 0x064B)] + ["\u064e", "\u0651", "\u0640", "٣", "5", "،", ".", " ", "\n", "ﻻ"]
)
cue_words = st.sampled_from(
    ["غارة", "قصف", "قوات النظام", "مدينة سراقب", "بلدة", "قرى", "مقتل", "3", "مدنيين", "دون وقوع إصابات",
     "الطيران الروسي", "بين", "و", "أمس", "عبوة ناسفة", "ريف إدلب", "،", ".", "\n", "سيناريو"]
)  # fmt: skip
texts = st.one_of(
    st.text(arabic_chars, max_size=300),
    st.lists(cue_words, max_size=40).map(" ".join),
    st.text(max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_evidence_spans_lie_in_the_text(text: str) -> None:
    incidents = _EXTRACTOR.extract(Article(id="p", text=text, published="2024-01-02"))
    for inc in incidents:
        assert inc.evidence, "an incident without evidence"
        for start, end in inc.evidence:
            assert 0 <= start < end <= len(text)
        assert inc.location.name
