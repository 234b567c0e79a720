"""The dashboard in a real browser: Debian's chromium driven by Playwright, against the
real server on loopback over a database built from the bundled sample."""
import os
import shutil
from pathlib import Path

import pytest

from conftest import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "screenshots"
DOCS = Path(__file__).resolve().parents[1] / "docs"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    from detente.cli import sample_path
    from detente.ingest import ingest
    db = tmp_path_factory.mktemp("dash") / "sample.duckdb"
    ingest([sample_path()], db, coder=coder, progress=False)
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        requests, console = [], []
        pg.on("request", lambda r: requests.append(r.url))
        pg.on("console", lambda m: console.append(m.text))
        pg.requests, pg.console = requests, console
        yield pg
        browser.close()


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / f"dashboard-{name}.png"), full_page=True)


def test_relations_chart_renders_and_a_period_lists_its_events(page, server):
    page.goto(server + "/#relations")
    page.wait_for_selector("#rel-chart svg .mark-rect path", state="attached", timeout=20000)
    assert page.locator("#rel-chart svg .mark-rect path").count() > 10        # bars drawn from data
    assert page.locator("#rel-chart svg .mark-line path").count() >= 1        # the Goldstein line
    page.wait_for_selector("#rel-turning li")
    assert "Turning points" in page.inner_text("#rel-turning")
    bars = page.locator("#rel-chart svg .mark-rect path")
    full = [i for i in range(bars.count()) if not bars.nth(i).get_attribute("aria-label").endswith("n: 0")]
    assert full
    bars.nth(full[len(full) // 2]).click(force=True)
    page.wait_for_selector("#rel-events tr.event-row", timeout=10000)
    assert "events" in page.inner_text("#rel-period-title")
    shot(page, "relations")
    # the dashboard works offline: everything came from this server
    assert all(u.startswith(server) for u in page.requests)


def test_an_event_opens_its_document_with_the_sentence_highlighted(page, server):
    page.goto(server + "/#evidence")
    page.fill("#ev-form input[name=actor]", "PAK")
    page.fill("#ev-form input[name=q]", "Torkham")
    page.click("#ev-form button")
    page.wait_for_selector("#ev-events tr.event-row")
    page.locator("#ev-events tr.event-row").first.click()
    page.wait_for_selector("#ev-document mark.trigger")
    trigger = page.inner_text("#ev-document mark.trigger")
    assert trigger and page.locator("#ev-document mark.sentence").count() >= 1
    assert "Torkham" in page.inner_text("#ev-document .doc")
    shot(page, "evidence")


def test_network_draws_the_strongest_dyads(page, server):
    page.goto(server + "/#network")
    page.wait_for_selector("#net-graph line.edge")
    assert page.locator("#net-graph line.edge").count() >= 2
    labels = page.locator("#net-graph text").all_text_contents()
    assert "AFG" in labels and "PAK" in labels
    shot(page, "network")


def test_try_it_codes_a_pasted_paragraph(page, server):
    page.goto(server + "/#try")
    page.fill("#try-form textarea", "Pakistani troops shelled Afghan border posts on Tuesday. "
                                    "Kabul said it could close the Torkham crossing.")
    page.fill("#try-form input[name=date]", "2016-06-15")
    page.click("#try-form button")
    page.wait_for_selector("#try-events tr.event-row")
    rows = page.inner_text("#try-events")
    assert "PAKMIL" in rows and "AFGMIL" in rows and "hypothetical" in rows
    assert page.locator("#try-text mark.trigger").count() >= 2
    assert page.locator("#try-text mark.hypothetical").count() >= 1          # shown as such
    shot(page, "try")


def test_the_content_security_policy_blocks_nothing_the_dashboard_does(page, server):
    policy = page.goto(server + "/").headers["content-security-policy"]           # a full load, not a hash change
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    page.wait_for_selector("#rel-chart svg .mark-rect path", state="attached", timeout=20000)
    bars = page.locator("#rel-chart svg .mark-rect path")
    full = [i for i in range(bars.count()) if not bars.nth(i).get_attribute("aria-label").endswith("n: 0")]
    bars.nth(full[0]).hover(force=True)                                         # the tooltip's style
    page.wait_for_timeout(200)
    # everything the earlier tests did on this page, and this, logged no violation
    assert not [m for m in page.console if "Content Security Policy" in m]
