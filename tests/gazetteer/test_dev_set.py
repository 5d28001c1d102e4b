"""Dev-set check: for each gold non-optional incident with coordinates, does
``find_places`` on its article find a place within 10 km of the gold location?
Measured with the embedded default alone and with the OpenSyria import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.gazetteer import Geocoder, default_gazetteer, load_gazetteer
from tawthiq.gazetteer.gazetteer import haversine_km
from tawthiq.gazetteer.index import import_places

# floors we reach (measured 2026-11-26: 82/90 with the default, 82/90 with OpenSyria too)
DEFAULT_FLOOR = 0.9
OPENSYRIA_FLOOR = 0.9


def _share_found(geocoder: Geocoder, dev_articles: list[dict], dev_gold: list[dict]) -> tuple[float, int]:
    texts = {a["id"]: a["text"] for a in dev_articles}
    found = total = 0
    for gold in dev_gold:
        incidents = [i for i in gold["incidents"] if not i["optional"] and i["location"]["lat"] is not None]
        if not incidents:
            continue
        places = [m.place for m in geocoder.find_places(texts[gold["article_id"]]) if m.place is not None]
        for inc in incidents:
            loc = inc["location"]
            total += 1
            found += any(
                p.lat is not None and haversine_km(p.lat, p.lon, loc["lat"], loc["lon"]) <= 10.0 for p in places
            )
    return found / total, total


def test_dev_gold_locations_found_with_the_embedded_default(dev_articles: list[dict], dev_gold: list[dict]) -> None:
    share, total = _share_found(Geocoder(default_gazetteer()), dev_articles, dev_gold)
    print(f"embedded default: {share:.3f} of {total} gold locations within 10 km")
    assert total >= 50
    assert share >= DEFAULT_FLOOR


def test_dev_gold_locations_found_with_opensyria(dev_articles: list[dict], dev_gold: list[dict], shared: Path) -> None:
    import_places(shared / "data" / "gazetteer" / "open-syria")
    share, total = _share_found(Geocoder(load_gazetteer()), dev_articles, dev_gold)
    print(f"default + OpenSyria: {share:.3f} of {total} gold locations within 10 km")
    assert share >= OPENSYRIA_FLOOR


@pytest.mark.parametrize("article_index", range(0, 73, 9))
def test_mentions_are_spans_of_the_original_text(dev_articles: list[dict], article_index: int) -> None:
    text = dev_articles[article_index]["text"]
    for m in Geocoder(default_gazetteer()).find_places(text):
        assert text[m.start : m.end] == m.surface
        assert m.start <= m.name_start < m.name_end <= m.end
        assert m.precision in (1, 2, 3)


# measured 2026-11-26: 83/133 = 0.624 with the embedded default (issue #3's measure; its bar 0.85
# needs village-level coordinates: 43 of the 133 gold places have none even in gold)
LOCATED_FLOOR = 0.60


def test_share_of_required_gold_incidents_the_extractor_locates(dev_articles: list[dict], dev_gold: list[dict]) -> None:
    from tawthiq.incidents import Extractor
    from tawthiq.incidents.evaluate import located_share
    from tawthiq.models import Article

    extractor = Extractor(provenance=False)
    pred = {
        raw["id"]: [i.model_dump(mode="json") for i in extractor.extract(Article.model_validate(raw))]
        for raw in dev_articles
    }
    gold = {g["article_id"]: g["incidents"] for g in dev_gold}
    located, required = located_share([a["id"] for a in dev_articles], gold, pred)
    print(f"located {located}/{required}")
    assert required >= 100
    assert located / required >= LOCATED_FLOOR
