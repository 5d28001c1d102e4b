"""The gazetteer's language data: normalised, no presentation forms, no duplicates,
and the hand-made admin units agree with OpenSyria's centroids."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tawthiq.gazetteer.gazetteer import admin_places, country_places, default_places, haversine_km
from tawthiq.gazetteer.importers import parse
from tawthiq.gazetteer.lexicon import lexicon
from tawthiq.text.normalize import normalize_form

DATA_FILES = ["admin1.tsv", "countries.tsv", "aliases.tsv", "descriptors.tsv", "stoplist.tsv",
              "compound_heads.tsv", "relations.tsv", "common_names.tsv", "name_prefix_forms.tsv"]  # fmt: skip


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_presentation_forms_and_no_duplicate_entries(name: str) -> None:
    text = resources.files("tawthiq.gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    assert not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text)
    entries = [line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]
    keys = [normalize_form(e) for e in entries] if name != "admin1.tsv" else entries
    if name == "admin1.tsv":
        keys = ["\t".join(line.split("\t")[:5]) for line in text.splitlines() if line and line[0] != "#"]
    assert len(keys) == len(set(keys)), name


def test_aliases_point_at_places_of_the_default() -> None:
    ids = {p.geonameid for p in default_places()}
    text = resources.files("tawthiq.gazetteer").joinpath("data", "aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert int(line.split("\t")[1]) in ids, line


def test_common_names_are_normalised() -> None:
    text = resources.files("tawthiq.gazetteer").joinpath("data", "common_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name = line.split("\t")[0]
            assert normalize_form(name) == name


def test_lexicon_kinds_are_known() -> None:
    lex = lexicon()
    assert set(lex.descriptors.values()) <= {"town", "neighbourhood", "camp", "subdistrict", "district",
                                             "governorate", "rif", "area", "centre"}  # fmt: skip
    assert set(lex.relation_cues.values()) <= {"near", "direction", "between", "road"}


def test_admin_units_and_default_places_are_sane() -> None:
    admins = [p for p, _ in admin_places()]
    assert {p.country for p in admins} >= {"SY", "IQ", "YE", "LY", "LB", "PS", "SD", "IL", "JO", "SA", "EG"}
    assert sum(1 for p in admins if p.country == "SY" and p.feature == "ADM1") == 14
    for p in admins + country_places():
        assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180 and p.names
    places = default_places()
    assert len(places) > 3500
    assert all(p.geonameid and p.names and p.source.startswith("geonames-cities500") for p in places)
    syria = [p for p in places if p.country == "SY"]
    assert len(syria) > 300 and all(p.admin1 for p in syria)


def test_syrian_governorate_centroids_agree_with_opensyria(shared: Path) -> None:
    ours = {p.pcode: p for p, _ in admin_places() if p.country == "SY"}
    theirs = {p.pcode: p for p in parse(shared / "data/gazetteer/open-syria/governorates.json").places}
    assert set(ours) == set(theirs)
    for pcode, p in ours.items():
        q = theirs[pcode]
        assert normalize_form(p.name) == normalize_form(q.name), pcode
        assert haversine_km(p.lat, p.lon, q.lat, q.lon) < 60, (pcode, p.name_en)
