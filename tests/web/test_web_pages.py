"""The browser pages as HTML: language and direction, filters in the URL, evidence highlighting,
untrusted text escaped, review forms and the audit log, no CDN."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.web.web_support import HOSPITAL_A, HOSPITAL_B, HOSTILE, Web

from tawthiq.web.highlight import segments


class _Marks(HTMLParser):
    """Collects the text inside each <mark>, the <script> sources and inline scripts of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[str] = []
        self.script_srcs: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_mark = False
        self._in_script: str | None = None
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")
        if tag == "script":
            a = dict(attrs)
            if a.get("src"):
                self.script_srcs.append(a["src"] or "")
            else:
                self._in_script = a.get("type") or "text/javascript"
                self.inline_scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data
        if self._in_script is not None and self._in_script != "application/json":
            self.inline_scripts[-1] += data


def parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def test_dashboard_is_arabic_rtl_by_default_and_switches_to_english(web: Web) -> None:
    client = web.login("view")
    page = client.get("/", params={"target": "hospital"})
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "الهجمات على الرعاية الصحية" in page.text
    switch = re.search(r'id="lang-switch"|href="\?([^"]*)"[^>]*id="lang-switch"', page.text)
    assert switch is not None
    link = re.search(r'<a class="lang" href="\?([^"]*)"', page.text)
    assert link is not None and "target=hospital" in link.group(1) and "lang=en" in link.group(1)
    english = client.get("/?" + link.group(1).replace("&amp;", "&"))
    assert '<html lang="en" dir="ltr">' in english.text and "Attacks on health care" in english.text
    # the choice is remembered
    assert '<html lang="en" dir="ltr">' in client.get("/").text


def test_filters_are_bound_to_the_url(web: Web) -> None:
    client = web.login("view")
    page = client.get("/", params={"event_type": "Battles", "admin1": "Idlib", "limit": 1})
    assert '<option value="Battles" selected>' in page.text
    assert 'name="admin1" value="Idlib"' in page.text
    assert 'id="event-total">1<' in page.text  # stats and list use the same filters
    # the map fetches with the same filters
    assert "event_type=Battles" in page.text.split('id="map-config">')[1].split("</script>")[0]


def test_pagination_links_keep_the_filters(web: Web) -> None:
    client = web.login("view")
    page = client.get("/", params={"country": "SY", "limit": 2})
    nxt = re.search(r'<a href="\?([^"]*)" rel="next">', page.text)
    assert nxt is not None
    query = nxt.group(1).replace("&amp;", "&")
    assert "country=SY" in query and "offset=2" in query and "limit=2" in query
    second = client.get("/?" + query)
    assert second.status_code == 200 and 'rel="prev"' in second.text


def test_health_view(web: Web) -> None:
    page = web.login("view").get("/health")
    assert page.status_code == 200
    assert 'id="event-total">1<' in page.text
    assert "معرة النعمان" in page.text and "حلب" not in page.text.split('id="event-list"')[1]
    assert 'id="by-impact"' in page.text and "خارج الخدمة" in page.text  # out_of_service, in Arabic
    assert page.text.count('<rect class="bar"') == 1


def test_timeline_and_counts_on_dashboard(web: Web) -> None:
    page = web.login("view").get("/")
    assert page.text.count('<rect class="bar"') == 4  # four event days, one type each
    for block in ("by-actor", "by-admin1", "by-target"):
        assert f'id="{block}"' in page.text
    assert "<meter" in page.text


def test_event_page_shows_sources_side_by_side_with_every_evidence_span(web: Web) -> None:
    client = web.login("view")
    event_id = web.event_id(location_name="معرة النعمان")
    page = client.get(f"/events/{event_id}")
    assert page.status_code == 200
    html = parse(page.text)
    marked = "".join(html.marks)
    detail = client.get(f"/api/events/{event_id}").json()
    texts = {a["id"]: a["text"] for a in detail["articles"]}
    assert set(texts.values()) == {HOSPITAL_A, HOSPITAL_B}
    for incident in detail["incidents"]:
        for start, end in incident["evidence"]:
            assert texts[incident["article_id"]][start:end] in marked
    assert page.text.count('class="source"') == 2
    assert 'dir="rtl" lang="ar"' in page.text
    assert 'id="killed-range"><bdi dir="ltr">5–7</bdi><' in page.text
    assert "مؤكد" in page.text  # grade "confirmed" in Arabic


def test_untrusted_article_text_is_escaped(web: Web) -> None:
    client = web.login("view")
    event_id = web.event_id(location_name="كفرنبل")
    page = client.get(f"/events/{event_id}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(" in page.text
    html = parse(page.text)
    assert not any(tag == "b" or tag == "img" for tag, _ in html.tags)
    assert not any("onmouseover" in attrs or "onerror" in attrs for _, attrs in html.tags)
    # the whole hostile text is evidence, so it is all inside <mark>, as text
    assert "".join(html.marks) == HOSTILE
    assert html.inline_scripts == []  # no executable inline script anywhere
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_no_cdn_and_leaflet_served_by_the_app(web: Web) -> None:
    client = web.login("view")
    page = client.get("/")
    html = parse(page.text)
    assert html.script_srcs == ["/vendor/leaflet/leaflet.js", "/static/app.js"]
    assert not re.search(r'(src|href)="https?://', page.text)
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/leaflet/leaflet.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert '"tiles": null' in page.text  # default: offline grid background


def test_tile_server_is_configurable(web: Web, make_web, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TAWTHIQ_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    tiled = make_web(web.url)
    page = tiled.login("view").get("/")
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in page.text
    assert "img-src 'self' data: https://tiles.example.org" in page.headers["content-security-policy"]


def test_review_through_the_page_and_audit_shown(web: Web) -> None:
    client = web.login("rev")
    event_id = web.event_id(location_name="حلب")
    page = client.get(f"/events/{event_id}")
    assert 'id="accept"' in page.text and 'id="edit-form"' in page.text
    token = client.csrf
    done = client.post(
        f"/events/{event_id}/review", data={"action": "accept", "note": "ملاحظة المراجع", "csrf_token": token}
    )
    assert done.status_code == 200 and 'id="review-msg"' in done.text
    assert 'data-action="accept"' in done.text and ">rev<" in done.text
    edited = client.post(
        f"/events/{event_id}/review",
        data={
            "action": "edit",
            "csrf_token": token,
            "killed_min": "1",
            "killed_max": "1",
            "targets__present": "1",
            "targets": ["market", "residential"],
        },
    )
    assert 'data-action="edit"' in edited.text
    assert client.get(f"/api/events/{event_id}").json()["targets"] == ["market", "residential"]
    locked = client.get(f"/events/{event_id}").text
    assert 'id="locked-fields"' in locked and "killed_max, killed_min, targets" in locked
    bad = client.post(f"/events/{event_id}/review", data={"action": "edit", "csrf_token": token, "lat": "999"})
    assert 'id="review-error"' in bad.text and "lat" in bad.text


def test_merge_and_split_through_the_page(web: Web) -> None:
    client = web.login("rev")
    hospital = web.event_id(location_name="معرة النعمان")
    clash = web.event_id(location_name="كفرنبل")
    merged = client.post(
        f"/events/{hospital}/review",
        data={"action": "merge", "other_id": str(clash), "csrf_token": client.csrf},
    )
    assert merged.status_code == 200 and merged.text.count('id="incident-') == 3
    # the merged event's address leads to the event it went into
    moved = client.get(f"/events/{clash}", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == f"/events/{hospital}"
    incident = client.get(f"/api/events/{hospital}").json()["incidents"][0]["id"]
    split = client.post(
        f"/events/{hospital}/review",
        data={"action": "split", "incident_id": str(incident), "csrf_token": client.csrf},
    )
    assert split.status_code == 200 and 'data-action="split_from"' in split.text


def test_viewer_sees_no_review_controls_and_is_refused(web: Web) -> None:
    client = web.login("view")
    event_id = web.event_id(location_name="حلب")
    page = client.get(f"/events/{event_id}")
    assert 'id="review"' not in page.text and 'id="accept"' not in page.text
    refused = client.post(f"/events/{event_id}/review", data={"action": "accept", "csrf_token": client.csrf})
    assert refused.status_code == 403
    assert client.get(f"/api/events/{event_id}").json()["review_status"] == "unreviewed"


def test_missing_event_page_is_404(web: Web) -> None:
    assert web.login("view").get("/events/987654").status_code == 404


# ---------------------------------------------------------------- highlighting


def test_segments_rebuild_the_text_exactly() -> None:
    text = "ضربة جوية على المستشفى، ثم قصف مدفعي على السوق."
    spans = [(0, 22, 1), (10, 30, 2), (40, 200, 3), (5, 5, 4)]
    segs = segments(text, spans, frozenset({1}))
    assert "".join(s.text for s in segs) == text
    by_range = {(s.start, s.end): s for s in segs}
    assert by_range[(10, 22)].incident_ids == [1, 2] and by_range[(10, 22)].primary
    assert by_range[(22, 30)].incident_ids == [2] and not by_range[(22, 30)].primary
    assert by_range[(40, len(text))].incident_ids == [3]  # clipped to the text
    assert not any(4 in s.incident_ids for s in segs)  # empty span ignored
    assert [s.marked for s in segs] == [True, True, True, False, True]


def test_code_lists_have_arabic_labels() -> None:
    """Every code of ANNOTATION.md's lists has an Arabic name, written in Arabic letters only."""
    import re

    from tawthiq.models import ACTORS, EVENT_TYPES, IMPACTS, SUB_EVENT_TO_EVENT, TARGETS, WEAPONS
    from tawthiq.web.app import arabic_labels

    labels = arabic_labels()
    expected = {
        "event_type": set(EVENT_TYPES),
        "sub_event_type": set(SUB_EVENT_TO_EVENT),
        "actor": set(ACTORS),
        "target": set(TARGETS),
        "weapon": set(WEAPONS),
        "impact": set(IMPACTS),
    }
    assert {kind: set(names) for kind, names in labels.items()} == expected
    for names in labels.values():
        for name in names.values():
            assert not re.search(r"[A-Za-z\uFB50-\uFDFF\uFE70-\uFEFF]", name), name


def test_english_pages_show_codes_arabic_pages_show_names(web: Web) -> None:
    client = web.login("view")
    event_id = web.event_id(location_name="معرة النعمان")
    arabic = client.get(f"/events/{event_id}").text
    assert "غارة جوية أو بمسيّرة" in arabic and "القوات الروسية" in arabic
    english = client.get(f"/events/{event_id}", params={"lang": "en"}).text
    assert "Air/drone strike" in english and "RUS_MIL" in english and "القوات الروسية" not in english
