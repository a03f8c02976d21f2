"""The guide in a real browser: Debian's Chromium driven by Playwright, checked by axe-core.

WCAG 2.2 AA (and axe's best practices) with zero violations, on a desktop, on a phone and at
200% zoom; no sideways scrolling of the page on a phone; nothing requested from the network;
the skip link works; print starts each board on a new A4 page. Screenshots (desktop, phone,
print) go to the test's temporary folder, or to BOARDMAP_GUIDE_SCREENSHOTS when it names one
(used to refresh docs/guide-*.png).

Skipped, saying why, where Chromium or the Python packages are absent. Playwright's own
browser download (`playwright install`) is never used: the system's `chromium` is.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from boardmap.guide import build_guide
from boardmap.load import load

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING = [name for name in ("playwright", "axe_playwright_python") if importlib.util.find_spec(name) is None]
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (Debian: apt-get "
        "install chromium); the browser and axe checks of the guide need it",
    ),
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"{', '.join(MISSING)} not installed "
        "(pip install -e '.[test]'); the browser checks of the guide need it",
    ),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MAPS = [
    p for p in (ROOT / "examples" / "islington-hwbb-iscb.yaml", ROOT / "data" / "boards.yaml") if p.is_file()
]


@cache
def guide_html(path: Path) -> str:
    return build_guide(load(path), with_gaps=True).html


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = os.environ.get("BOARDMAP_GUIDE_SCREENSHOTS")
    return Path(folder) if folder else tmp_path


def open_page(browser: Any, tmp_path: Path, html: str, **context: Any) -> tuple[Any, list[str]]:
    """The guide opened from a file; returns the page and every URL it asked for."""
    page_file = tmp_path / "guide.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_context(**context).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    return page, [url for url in requests if url != page_file.as_uri()]


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_axe_finds_no_violations_on_desktop_and_phone(
    browser: Any, tmp_path: Path, shots: Path, path: Path
) -> None:
    page, requests = open_page(browser, tmp_path, guide_html(path), viewport={"width": 1280, "height": 900})
    assert requests == []  # nothing loaded: no fonts, scripts, images or styles
    assert axe_violations(page) == []
    stem = path.stem.split("-")[0]
    page.screenshot(path=str(shots / f"guide-{stem}-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page) == []
    page.screenshot(path=str(shots / f"guide-{stem}-phone.png"))


@pytest.mark.parametrize("width", [320, 375, 640], ids=["320px", "phone", "200pc-zoom"])
def test_the_page_reflows_without_sideways_scrolling(browser: Any, tmp_path: Path, width: int) -> None:
    """WCAG 1.4.10: at 320 CSS pixels (a phone, or 1280 at 400%) and 640 (200% zoom) only a
    wide diagram scrolls sideways, inside its own frame; the page itself does not."""
    page, _ = open_page(browser, tmp_path, guide_html(MAPS[0]), viewport={"width": width, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 16


def test_skip_link_is_first_and_moves_focus_to_main(browser: Any, tmp_path: Path) -> None:
    page, _ = open_page(browser, tmp_path, guide_html(MAPS[0]))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_starts_each_board_on_a_new_a4_page(browser: Any, tmp_path: Path, shots: Path) -> None:
    page, _ = open_page(browser, tmp_path, guide_html(MAPS[0]))
    page.emulate_media(media="print")
    breaks = page.evaluate("""[...document.querySelectorAll('section.board')]
        .map(s => getComputedStyle(s).breakBefore)""")
    assert breaks and set(breaks) == {"page"}
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    pdf = page.pdf(path=str(shots / "guide-print.pdf"), prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/")
    assert pages >= len(breaks) + 1
    page.screenshot(path=str(shots / "guide-print.png"), full_page=False)


# -- issue 13: diagrams readable as first shown, the search box, the one-page sheet ----------

WIDTHS = [1280, 390]
LABELS = """() => [...document.querySelectorAll('figure.diagram svg text')]
    .map(t => [t.textContent, t.getBoundingClientRect().height])"""


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_every_diagram_label_is_at_least_10px_tall_and_the_page_never_scrolls_sideways(
    browser: Any, tmp_path: Path, path: Path, width: int
) -> None:
    """As first shown, without zooming: a wide diagram scrolls inside its own frame."""
    page, _ = open_page(browser, tmp_path, guide_html(path), viewport={"width": width, "height": 900})
    labels = page.evaluate(LABELS)
    assert len(labels) > 20
    small = [(text, round(height, 1)) for text, height in labels if height < 10]
    assert small == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The diagrams that are wider than the page scroll inside their frames.
    frames = page.evaluate("""[...document.querySelectorAll('figure.diagram .scroll')]
        .map(f => [f.scrollWidth > f.clientWidth, getComputedStyle(f).overflowX])""")
    assert all(overflow == "auto" for _, overflow in frames)
    if width == 390:
        assert any(wide for wide, _ in frames)


def test_diagram_key_is_compact_and_lists_only_what_the_diagram_uses(browser: Any, tmp_path: Path) -> None:
    page, _ = open_page(browser, tmp_path, guide_html(MAPS[-1]), viewport={"width": 1280, "height": 900})
    keys = page.evaluate("""[...document.querySelectorAll('figure.diagram')].map(f => [
        f.querySelector('svg').getBoundingClientRect().height,
        f.querySelector('ul.key') ? f.querySelector('ul.key').getBoundingClientRect().height : 0,
        f.querySelectorAll('svg [id*="legend"], svg title').length])""")
    assert keys
    for drawing, key, _ in keys:
        assert key <= max(100, drawing / 2)  # never again a third to a half of the figure
    assert page.evaluate("document.querySelectorAll('figure svg g.node title').length") > 0
    assert (
        page.evaluate("""[...document.querySelectorAll('figure svg g title')]
        .filter(t => t.textContent.startsWith('legend-')).length""")
        == 0
    )


def test_search_is_found_and_used_by_keyboard_only(browser: Any, tmp_path: Path, shots: Path) -> None:
    page, requests = open_page(
        browser, tmp_path, guide_html(MAPS[-1]), viewport={"width": 390, "height": 844}
    )
    assert requests == []
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "find-box"
    assert (
        page.evaluate("document.activeElement.labels[0].textContent")
        == "Find a board, person, topic or short form"
    )
    page.keyboard.type("mscb")
    assert page.evaluate("document.getElementById('find-status').textContent") == "1 match"
    page.screenshot(path=str(shots / "guide-search-phone.png"))
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#board-mscb"
    assert page.evaluate("document.activeElement.id") == "board-mscb"
    # Or Tab from the box into the matches, and Enter on one.
    page.focus("#find-box")
    page.keyboard.press("Control+A")
    page.keyboard.type("leader")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#board-leader"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#board-leader"
    page.focus("#find-box")
    page.keyboard.press("Control+A")
    page.keyboard.type("zzzz")
    assert page.evaluate("document.getElementById('find-status').textContent") == "No matches"
    assert axe_violations(page) == []


def test_without_scripts_the_a_to_z_does_the_searching(browser: Any, tmp_path: Path) -> None:
    page, _ = open_page(
        browser,
        tmp_path,
        guide_html(MAPS[-1]),
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    assert not page.is_visible("#find")  # no box that could do nothing
    page.click("nav.a-to-z summary")
    page.click("#find-index a[href='#board-mscb']")
    assert page.evaluate("location.hash") == "#board-mscb"


SHEET_MAPS = [*MAPS, *(p for p in (ROOT / "examples").glob("*.yaml") if p not in MAPS)]


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/")


@pytest.mark.parametrize("path", SHEET_MAPS, ids=[p.name for p in SHEET_MAPS])
def test_the_at_a_glance_sheet_prints_on_one_a4_page(
    browser: Any, tmp_path: Path, shots: Path, path: Path
) -> None:
    sheet = build_guide(load(path)).sheet
    page, requests = open_page(browser, tmp_path, sheet)
    assert requests == []
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(shots / f"glance-{path.stem}.pdf"), prefer_css_page_size=True)
    assert pdf_pages(pdf) == 1
    assert re.search(rb"/MediaBox ?\[0 0 59[45][.\d]* 84[12]", pdf)  # A4: 595 x 842 points


def test_a_big_map_sheet_prints_on_one_page_and_its_search_crosses_pages(
    browser: Any, tmp_path: Path
) -> None:
    from .test_guide_pages import big

    guide = big()
    page, _ = open_page(browser, tmp_path, guide.sheet)
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    for name, html in guide.pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    page, requests = open_page(browser, tmp_path, guide.html, viewport={"width": 390, "height": 844})
    assert requests == []
    page.focus("#find-box")
    page.keyboard.type("walby health and wellbeing")
    assert (
        page.evaluate("document.querySelector('#find-results a').getAttribute('href')")
        == "guide-walby.html#board-walby-hwbb"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/guide-walby.html#board-walby-hwbb")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
