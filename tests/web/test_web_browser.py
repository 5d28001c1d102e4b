"""End to end in real headless Chromium against ``tawthiq serve`` in a subprocess.

A reviewer logs in, filters the map to attacks on health care, opens an event
from its marker, sees the evidence highlighted in the Arabic source text,
accepts the event and sees the audit entry; a viewer's write is refused; a
hostile report runs no script. Screenshots go to ``test-output/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.web_support import PASSWORDS, SECRET, add_users, build_archive, sample_reports

from tawthiq.models import Article, Incident

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
CHROMIUM = "/usr/bin/chromium"
DEV_IDS = ("A24", "D03", "C16", "D04", "A03")  # three health-care attacks with coordinates, a chemical
# attack on a medical point, and a battle report; all with their hand-made gold incidents

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dev_reports(dev_articles: list[dict], dev_gold: list[dict]) -> list[tuple[Article, list[Incident]]]:
    gold = {g["article_id"]: g["incidents"] for g in dev_gold}
    articles = {a["id"]: a for a in dev_articles}
    return [(Article(**articles[i]), [Incident(**x) for x in gold[i]]) for i in DEV_IDS]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, dev_reports: list) -> Iterator[dict[str, Any]]:
    """``tawthiq serve`` on 127.0.0.1 and a free port, over the dev reports and the sample reports."""
    require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'archive.db'}"
    build_archive(url, dev_reports + sample_reports())
    add_users(url)
    port = _free_port()
    env = {**os.environ, "TAWTHIQ_HOME": str(tmp / "home"), "TAWTHIQ_SECRET_KEY": SECRET}
    env.pop("TAWTHIQ_TILES", None)
    tawthiq = Path(sys.executable).parent / "tawthiq"
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            str(tawthiq),
            "serve",
            "--db",
            url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/session", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"tawthiq serve did not start: {(tmp / 'serve.log').read_text()}")
        time.sleep(0.2)
    try:
        yield {"base": base, "db": url, "tmp": tmp}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def require_chromium() -> None:
    from tests.conftest import require

    require(shutil.which("chromium") is not None and Path(CHROMIUM).exists(), "Debian's chromium at /usr/bin")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
            viewport={"width": 1400, "height": 1000},
            locale="ar",
        )
        try:
            yield context
        finally:
            context.close()


def _watch(page: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"dialogs": [], "errors": []}

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    return seen


def _login(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/")


def test_reviewer_filters_health_attacks_opens_event_sees_evidence_and_accepts(
    server: dict[str, Any], browser: Any, dev_articles: list[dict], dev_gold: list[dict]
) -> None:
    OUT.mkdir(exist_ok=True)
    base = server["base"]
    page = browser.new_page()
    seen = _watch(page)
    _login(page, base, "rev")
    assert page.get_attribute("html", "dir") == "rtl"

    # filter the map to attacks on hospitals and medical facilities, through the form
    page.select_option("select[name=target]", "hospital,medical")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**target=hospital%2Cmedical**")
    page.wait_for_selector("#map[data-loaded='1']")
    page.wait_for_timeout(600)  # let fitBounds settle and the viewport query redraw
    page.wait_for_selector("#map[data-loaded='1']")
    markers = page.locator("path.ev-marker")
    api = page.evaluate("fetch('/api/map?target=hospital,medical').then(r => r.json())")
    assert api["mode"] == "points"
    assert markers.count() == len(api["items"]) >= 4  # Khan Shaykhun, Saraqib, Tripoli, Douma, Maarrat
    # sized by casualties: Douma (100 killed) is drawn larger than Saraqib (0)
    radius = {i["location_name"]: i["casualties"] for i in api["items"]}
    assert radius["دوما"] > radius["سراقب"]
    sizes = page.evaluate("Array.from(document.querySelectorAll('path.ev-marker')).map(p => p.getBBox().width)")
    assert max(sizes) > min(sizes)
    page.locator("#map").screenshot(path=str(OUT / "web-map.png"))
    page.screenshot(path=str(OUT / "web-dashboard-health.png"), full_page=True)

    # open the Khan Shaykhun event from its marker's popup
    target = next(i for i in api["items"] if i["location_name"] == "خان شيخون")
    # (markers may overlap at this zoom: click this one's own element)
    page.locator(f"path.ev-marker[data-event-id='{target['id']}']").dispatch_event("click")
    page.locator(".leaflet-popup .popup a").click()
    page.wait_for_url(f"{base}/events/{target['id']}")

    # every gold evidence span of the article is highlighted in the right-to-left Arabic text
    article = next(a for a in dev_articles if a["id"] == "A24")
    gold = next(g for g in dev_gold if g["article_id"] == "A24")["incidents"]
    box = page.locator(".source .article-text").first
    assert box.evaluate("el => getComputedStyle(el).direction") == "rtl"
    marked = "".join(page.locator("mark.ev-this").all_text_contents())
    for incident in gold:
        if "hospital" in incident["targets"]:
            for start, end in incident["evidence"]:
                assert article["text"][start:end] in marked
    page.screenshot(path=str(OUT / "web-event.png"), full_page=True)

    # accept; the audit entry appears on the event page
    page.click("#accept")
    page.wait_for_selector("#review-msg")
    row = page.locator("tr.audit-row[data-action='accept']")
    assert row.count() == 1 and "rev" in row.inner_text()
    assert page.locator("#review-status").inner_text() == "مقبول"
    page.screenshot(path=str(OUT / "web-event-accepted.png"), full_page=True)
    assert seen["dialogs"] == [] and seen["errors"] == [], seen


def test_viewer_write_is_refused_and_hostile_text_runs_nothing(server: dict[str, Any], browser: Any) -> None:
    OUT.mkdir(exist_ok=True)
    base = server["base"]
    page = browser.new_page()
    seen = _watch(page)
    _login(page, base, "view")
    events = page.evaluate("fetch('/api/events?q=كفرنبل').then(r => r.json())")
    hostile = events["items"][0]["id"]
    page.goto(f"{base}/events/{hostile}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert seen["dialogs"] == []  # <script>, onmouseover, onerror: none ran
    page.locator("mark").first.hover()
    assert page.locator(".article-text b, .article-text img, .article-text script").count() == 0
    assert "<script>alert('xss')</script>" in page.locator(".article-text").first.inner_text()
    assert page.locator("#accept").count() == 0  # a viewer gets no review controls
    assert seen["dialogs"] == [] and seen["errors"] == [], seen
    token = page.get_attribute("input[name=csrf_token]", "value")
    status = page.evaluate(
        """([id, token]) => fetch(`/api/events/${id}/accept`, {method: 'POST',
               headers: {'X-CSRF-Token': token}}).then(r => r.status)""",
        [hostile, token],
    )
    assert status == 403
    after = page.evaluate(f"fetch('/api/events/{hostile}').then(r => r.json())")
    assert after["review_status"] == "unreviewed" and after["audit"] == []
    page.screenshot(path=str(OUT / "web-event-hostile.png"), full_page=True)
    assert seen["dialogs"] == []


def test_english_layout(server: dict[str, Any], browser: Any) -> None:
    OUT.mkdir(exist_ok=True)
    page = browser.new_page()
    _login(page, server["base"], "view")
    page.click("#lang-switch")
    page.wait_for_selector("html[dir='ltr']")
    assert page.get_attribute("html", "lang") == "en"
    page.wait_for_selector("#map[data-loaded='1']")
    page.screenshot(path=str(OUT / "web-dashboard-en.png"), full_page=True)
