"""The map page in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Every request that leaves localhost is blocked and recorded: the page must work
with no internet. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from _web_records import XSS_QUOTE, XSS_SOURCE, XSS_TITLE, fill, incident
from harmwatch.store import open_store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn in a thread, on a free port, against a given database."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from harmwatch.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(str(db)), host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.time() + 15
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "browser.db"
    s = open_store(path)
    fill(s)
    s.close()
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[Server]:
    with Server(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A page whose every non-localhost request is blocked and remembered."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []

        def route(r: Any) -> None:
            host = urlparse(r.request.url).hostname
            if host in ("127.0.0.1", "localhost"):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.server = server

    def open(self) -> Any:
        self.page.goto(self.server.url + "/")
        self.page.wait_for_selector("body[data-state=ready]", timeout=15000)
        self.page.wait_for_selector("body[data-markers=loaded]", timeout=15000)
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Page]:
    p = Page(browser, server)
    yield p
    p.close()


def _click_incident(page: Any, lat: float, lon: float) -> None:
    """Zoom to an incident and click where its canvas marker is drawn."""
    page.evaluate(f"window.harmwatch.map.setView([{lat}, {lon}], 15, {{animate: false}})")
    page.wait_for_timeout(300)
    pt = page.evaluate(
        "([lat, lon]) => { const p = window.harmwatch.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])


def test_map_loads_offline_with_markers(page: Page) -> None:
    p = page.open()
    p.wait_for_selector("body[data-basemap=loaded]", timeout=10000)
    assert p.get_attribute("body", "data-shown") == "6"
    assert "6 of 6 incidents" in p.inner_text("#count")
    # Clusters or single markers are on the map; the basemap polygons are drawn.
    n_layers = p.evaluate("window.harmwatch.cluster.getLayers().length")
    assert n_layers == 6
    assert p.locator(".leaflet-overlay-pane canvas, .leaflet-overlay-pane svg").count() >= 1
    assert p.locator(".admin-label").count() == 14  # governorate names from the bundled boundaries
    ARTIFACTS.mkdir(exist_ok=True)
    p.wait_for_timeout(300)
    p.screenshot(path=str(ARTIFACTS / "map.png"))
    assert page.outside == [], f"the page tried to reach the internet: {page.outside}"
    assert page.errors == []
    # Nothing on the page needs what the CSP forbids (inline scripts or styles, eval).
    assert not [m for m in page.console if "Content Security Policy" in m], page.console
    assert not [m for m in page.console if m.startswith("error")], page.console  # no 404s either


def test_click_opens_detail_panel_with_quotes_and_denial(page: Page) -> None:
    p = page.open()
    _click_incident(p, 35.4, 36.65)
    p.wait_for_selector("body[data-detail=inc-a01]", timeout=5000)
    detail = p.inner_text("#detail")
    assert "killing 5 people" in detail  # the quote behind the number
    assert "including 2 children" in detail
    assert "denied any strike on the town" in detail  # the denial
    assert "Ministry of Defence" in detail
    assert "contested" in detail.lower()
    assert p.locator("#detail blockquote").count() >= 3
    assert p.locator("#detail .grade-contested").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "detail.png"))
    assert page.outside == [] and page.errors == []


def test_timeline_filters_the_map(page: Page) -> None:
    p = page.open()
    canvas = p.locator("#timeline")
    box = canvas.bounding_box()
    # Drag across the right-hand part of the timeline: the latest months only.
    p.mouse.move(box["x"] + box["width"] * 0.80, box["y"] + 40)
    p.mouse.down()
    p.mouse.move(box["x"] + box["width"] * 0.99, box["y"] + 40, steps=5)
    p.mouse.up()
    p.wait_for_selector("body[data-shown='1']", timeout=5000)
    since = p.input_value("#filter-since")
    until = p.input_value("#filter-until")
    assert since and until and since <= "2018-02-20" <= until
    assert p.get_attribute("body", "data-shown") == "1"  # Douma, February 2018
    assert "/api/incidents.csv?since=" in (p.get_attribute("#export-csv", "href") or "")
    # Dates typed into the inputs filter too.
    p.fill("#filter-since", "2017-04-01")
    p.fill("#filter-until", "2017-04-30")
    p.dispatch_event("#filter-until", "change")
    p.dispatch_event("#filter-since", "change")
    p.wait_for_selector("body[data-shown='3']", timeout=5000)
    p.click("#filter-reset")
    p.wait_for_selector("body[data-shown='6']", timeout=5000)


def test_facility_date_slider(page: Page) -> None:
    p = page.open()
    p.wait_for_selector("#facility-list li[data-id=fac-1]")
    assert p.get_attribute("#facility-list li[data-id=fac-1]", "data-status") == "destroyed"
    slider = p.locator("#facility-day")
    # Move the slider to 2017-03-01 (before the strike): the hospital still functions.
    days = p.evaluate(
        "(() => { const s = window.harmwatch.state.facilityDays;"
        " return (Date.UTC(2017, 2, 1) / 86400000) - s.min; })()"
    )
    slider.fill(str(int(days)))
    p.wait_for_selector("body[data-facility-day='2017-03-01']")
    assert p.get_attribute("#facility-list li[data-id=fac-1]", "data-status") == "functioning"
    assert "2 functioning" in p.inner_text("#facility-counts")
    # Before anything was recorded the status is unknown.
    slider.fill("0")
    p.wait_for_selector("body[data-facility-day='2016-01-01']")
    assert p.get_attribute("#facility-list li[data-id=fac-1]", "data-status") == "unknown"
    assert p.locator(".leaflet-marker-pane .facility").count() == 2


def test_hostile_report_text_renders_as_text(page: Page) -> None:
    p = page.open()
    _click_incident(p, 35.6, 36.7)
    p.wait_for_selector("body[data-detail=inc-x01]", timeout=5000)
    p.wait_for_timeout(500)
    detail = p.inner_text("#detail")
    assert XSS_QUOTE in detail  # shown literally, tags and all
    assert "<svg onload" in detail
    assert p.evaluate("window.__xss") is None  # no payload ran
    assert p.locator("#detail script, #detail img, #detail svg, #detail iframe").count() == 0
    hrefs = p.eval_on_selector_all("#detail a", "els => els.map(a => a.getAttribute('href'))")
    assert not any(h and h.lower().startswith("javascript:") for h in hrefs)
    assert page.dialogs == []
    assert XSS_TITLE in detail
    assert XSS_SOURCE in detail
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "xss.png"))
    assert page.outside == [] and page.errors == []


def test_live_feed_shows_new_incidents_without_reload(page: Page, db: Path) -> None:
    p = page.open()
    p.wait_for_selector("#feed-status.live", timeout=5000)
    s = open_store(db)
    s.save_incident(
        incident("inc-live1", "2018-03-01", 36.0, 36.9, killed=9, name="Saraqeb", event_type="missile")
    )
    s.close()
    p.wait_for_selector("#feed li[data-id=inc-live1]", timeout=10000)
    assert "Saraqeb" in p.inner_text("#feed")
    assert p.evaluate("window.harmwatch.state.n") == 7
    assert "of 7 incidents" in p.inner_text("#count")
    s = open_store(db)
    s.delete_incident("inc-live1")
    s.close()


def test_online_tiles_are_off_by_default(page: Page) -> None:
    p = page.open()
    assert not p.is_checked("#toggle-tiles")
    p.check("#toggle-tiles")
    p.wait_for_timeout(500)
    # Only now does the page ask for tiles (blocked here, as the test is offline).
    assert page.outside and all("tile.openstreetmap.org" in u for u in page.outside)
