"""A 10 MB article is processed in one pass (no quadratic step). Timing is measured in
bench/bench_extract.py, not asserted here."""

from __future__ import annotations

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article

PARAGRAPH = (
    "شنت طائرات حربية روسية غارات على مدينة سراقب، ما أدى إلى مقتل 3 مدنيين. "
    "وقصفت قوات النظام بالمدفعية بلدة الأتارب دون وقوع إصابات. "
    "وتحدث الأهالي عن الأوضاع المعيشية الصعبة في المنطقة وارتفاع الأسعار.\n"
)


@pytest.mark.slow
def test_ten_megabyte_article_finishes() -> None:
    text = PARAGRAPH * (10_000_000 // len(PARAGRAPH) + 1)
    assert len(text.encode("utf-8")) > 10_000_000 or len(text) > 5_000_000
    incidents = Extractor(provenance=False).extract(Article(id="big", text=text, published="2024-03-12"))
    # one place, type and actor each: the repetitions merge by the ACLED rule
    places = {(i.location.name, i.sub_event_type) for i in incidents}
    assert ("سراقب", "Air/drone strike") in places
    assert ("الأتارب", "Shelling/artillery/missile attack") in places
    for inc in incidents:
        inc.check_evidence(text)
