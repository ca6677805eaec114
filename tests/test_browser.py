"""Browser tests: the example articles coded, `bilateral serve` started on a free local port, and
headless Chromium (Debian's, driven by Playwright) looking at what a user sees. Screenshots are
saved under test-output/browser/ (gitignored).

Skipped, with the reason, where /usr/bin/chromium is absent; scripts/test installs it (scripts/browser)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .web_fixtures import build_database

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("BILATERAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "test-output" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(coder, tmp_path_factory):
    """`bilateral serve` in its own process, as a user starts it; yields its base URL."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: scripts/browser should have installed Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium) "
                    "or set BILATERAL_CHROMIUM to run the browser tests")
    db = build_database(coder, tmp_path_factory.mktemp("browser") / "browser.duckdb")
    port = _free_port()
    bilateral = Path(sys.executable).with_name("bilateral")
    proc = subprocess.Popen([str(bilateral), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bilateral serve stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(base + "/api/documents", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"bilateral serve did not answer at {base} within 60 s")


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                     args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    """A page that records requests to other hosts and script errors, and checks none happened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert outside == [], f"the page asked other sites for {outside}"
    assert errors == [], f"script errors: {errors}"


def _shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_a_user_opens_the_china_belarus_page_sees_the_relationship_and_follows_a_link(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Belarus – China").or_(page.get_by_role("link", name="China – Belarus")).first.click()
    page.wait_for_url("**/dyads/**")
    assert page.locator("h1").inner_text().startswith(("China – Belarus", "Belarus – China"))
    partnership = page.locator("dd.partnership").inner_text()
    assert "all-weather comprehensive strategic partnership" in partnership and "rank 2" in partnership
    timeline = page.locator("ol.timeline > li")
    assert timeline.count() >= 2
    assert "1992" in timeline.nth(0).inner_text() and "2022-09-15" in timeline.nth(1).inner_text()
    evidence = page.locator("ol.timeline mark.hl-ledger").first
    assert evidence.is_visible() and "all-weather" in evidence.inner_text()
    # the chart: vega-embed has drawn an SVG with bars and the ledger change
    chart = page.locator("#dyad-chart svg")
    chart.wait_for(timeout=20_000)
    box = chart.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 200
    assert page.locator("#dyad-chart svg path[aria-roledescription='bar']").count() >= 1 or \
        page.locator("#dyad-chart svg .mark-rect path").count() >= 1
    assert "partnership" in page.locator("#dyad-chart svg").inner_html()
    # events with their sentences, actors and triggers marked
    first_event = page.locator("table.events tr.event").first
    assert first_event.locator("mark.hl-trigger").count() >= 1
    assert page.locator("table.events mark.hl-source").count() >= 1
    assert page.locator("table.events mark.hl-target").count() >= 1
    _shot(page, "dyad-china-belarus")
    # follow an event's link to its document: the text, with the event's trigger marked
    link = first_event.locator("a.doclink")
    trigger = first_event.locator("mark.hl-trigger").first.inner_text()
    link.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("article.document h1").is_visible()
    marked = page.locator(".doctext mark.hl-trigger").all_inner_texts()
    assert trigger in marked
    assert page.locator(".doctext mark.hl-ledger").count() >= 1
    _shot(page, "document")


def test_hostile_text_is_shown_as_text_not_run(page, server):
    page.goto(server + "/documents/hostile%3C1%3E")
    assert "<script>alert" in page.locator("article.document h1").inner_text()
    assert "<img src=x" in page.locator(".doctext").inner_text()
    assert page.locator("article.document img").count() == 0
    assert page.locator("article.document script").count() == 0
    _shot(page, "hostile-document")


def test_country_network_and_search_pages(page, server):
    page.goto(server + "/countries/China")
    assert page.url.endswith("/countries/CHN")
    rows = page.locator("table.partners tbody tr").all_inner_texts()
    assert any("Belarus" in r for r in rows) and any("Pakistan" in r for r in rows)
    _shot(page, "country-china")
    page.goto(server + "/network")
    page.locator("#network-chart svg").wait_for(timeout=20_000)
    assert "CHN" in page.locator("#network-chart svg").inner_html()
    _shot(page, "network")
    page.goto(server + "/")
    page.get_by_role("searchbox", name="Search sentences").fill("Lukashenko")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Lukashenko")
    assert page.locator("ol.results mark.hl-match").count() >= 1
