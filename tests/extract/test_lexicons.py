"""Lexicon lint: the data files are what the matcher expects (STYLE.md 7)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tawthiq.mentions import LEXICONS, NOT_A_MENTION, load_lexicon
from tawthiq.text import normalize_form


@pytest.mark.parametrize("kind", sorted(LEXICONS))
def test_entries_are_normalised_and_clean(kind: str) -> None:
    entries = load_lexicon(kind)
    assert entries, f"{kind}.tsv is empty"
    for e in entries:
        assert normalize_form(e.form) == e.form, f"{kind}: {e.form!r} is not in normalize_form spelling"
        assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in e.form), f"{kind}: presentation form in {e.form!r}"
        assert e.form.strip() == e.form and e.form, f"{kind}: blank or padded form {e.form!r}"


@pytest.mark.parametrize("kind", sorted(LEXICONS))
def test_codes_are_in_annotation_lists(kind: str) -> None:
    allowed = set(LEXICONS[kind]) | {NOT_A_MENTION}
    for e in load_lexicon(kind):
        assert e.code in allowed, f"{kind}: {e.form!r} has unknown code {e.code!r}"


@pytest.mark.parametrize("kind", sorted(LEXICONS))
def test_no_form_with_two_codes(kind: str) -> None:
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in load_lexicon(kind):
        codes[(e.form, e.scope)].add(e.code)
    clashes = {k: v for k, v in codes.items() if len(v) > 1}
    assert not clashes, f"{kind}: forms with two codes in one scope: {clashes}"


def test_actor_kinds_and_scopes_are_known() -> None:
    for e in load_lexicon("actors"):
        assert e.extra in {"name", "demonym", "side", "anaphor", "weak"}, e
        for country in filter(None, e.scope.split(",")):
            assert len(country) == 2 and country.isupper(), e


def test_weapon_air_codes_are_weapons() -> None:
    for e in load_lexicon("weapons"):
        assert not e.extra or e.extra in LEXICONS["weapons"], e


def test_trigger_kinds_are_known() -> None:
    for e in load_lexicon("triggers"):
        assert e.extra in {"strong", "generic", "territory"} or (e.code == NOT_A_MENTION and not e.extra), e


def test_counts_are_small_integers() -> None:
    for kind in ("casualties", "victims"):
        for e in load_lexicon(kind):
            assert e.extra in {"", "1", "2"}, e


def test_a_blocking_entry_hides_the_shorter_weapon_inside_it() -> None:
    """ "قنابل صوتية" (stun grenades) and "قنابل مسيلة للدموع" hold "قنابل" (bombs) but are
    not air-dropped bombs; plain "قنابل" still is."""
    from tawthiq.mentions import MentionFinder
    from tawthiq.text import normalize

    finder = MentionFinder(("weapons",))
    crowd = "أطلقت قوات الأمن قنابل صوتية وقنابل مسيلة للدموع على المتظاهرين"
    assert [m.code for m in finder.find(normalize(crowd))] == []
    air = "ألقت الطائرات قنابل على الحي"
    assert [m.code for m in finder.find(normalize(air))] == ["airstrike_missile"]
