"""A 10 MB article is processed in one pass (no quadratic step). Timing is measured in
bench/bench_extract.py, not asserted here."""

from __future__ import annotations

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article

# A long page: two events, then forty sentences of everyday news, repeated.
EVENTS = (
    "شنت طائرات حربية روسية غارات على مدينة سراقب، ما أدى إلى مقتل 3 مدنيين. "
    "وقصفت قوات النظام بالمدفعية بلدة الأتارب دون وقوع إصابات.\n"
)
CALM = (
    "وتحدث الأهالي عن الأوضاع المعيشية الصعبة في المنطقة وارتفاع أسعار الخبز والوقود مع اقتراب فصل الشتاء. "
    "وقال تجار في السوق إن حركة البيع تراجعت خلال الأسابيع الأخيرة بسبب انخفاض قيمة العملة.\n"
)
BLOCK = EVENTS + CALM * 40


@pytest.mark.slow
def test_ten_megabyte_article_finishes() -> None:
    blocks = 10_000_000 // len(BLOCK.encode("utf-8")) + 1
    text = BLOCK * blocks
    assert len(text.encode("utf-8")) > 10_000_000
    incidents = Extractor(provenance=False).extract(Article(id="big", text=text, published="2024-03-12"))
    # one place, type and actor each: the repetitions merge by the ACLED rule
    places = {(i.location.name, i.sub_event_type) for i in incidents}
    assert places == {("سراقب", "Air/drone strike"), ("الأتارب", "Shelling/artillery/missile attack")}
    for inc in incidents:
        inc.check_evidence(text)
    saraqib = next(i for i in incidents if i.location.name == "سراقب")
    assert saraqib.killed == 3 and len(saraqib.evidence) == blocks  # every repetition is evidence
