"""The `boardmap compare` page in a real browser: Debian's Chromium driven by Playwright and
checked by axe-core (WCAG 2.2 AA and best practices, zero violations) on a desktop and at
390 and 320 CSS pixels; nothing requested from the network; no sideways scrolling of the
page (a wide table scrolls inside its own focusable frame).

Skipped, saying why, where Chromium or the Python packages are absent.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boardmap.compare import compare_paths, render

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING = [name for name in ("playwright", "axe_playwright_python") if importlib.util.find_spec(name) is None]
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (Debian: apt-get "
        "install chromium); the browser and axe checks of the compare page need it",
    ),
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"{', '.join(MISSING)} not installed "
        "(pip install -e '.[test]'); the browser checks of the compare page need it",
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
    ROOT / "examples" / "islington-hwbb-iscb.yaml",
    ROOT / "examples" / "hillingdon-2023.yaml",
    ROOT / "examples" / "stoke-staffordshire-2019.yaml",
    ROOT / "data" / "boards.yaml",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390, 320], ids=["desktop", "390px", "320px"])
def test_compare_page_has_no_axe_violations_and_no_sideways_scroll(
    browser: Any, tmp_path: Path, width: int
) -> None:
    page_file = tmp_path / "compare.html"
    page_file.write_text(render(compare_paths([str(p) for p in MAPS]), "html"), encoding="utf-8")
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    assert [url for url in requests if url != page_file.as_uri()] == []
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    # The matrix of bodies by area is a real table with headers for each area.
    headers = page.evaluate(
        "[...document.querySelectorAll('table')[0].querySelectorAll('thead th')].map(th => th.textContent)"
    )
    assert headers == [
        "Body",
        "Islington",
        "Hillingdon",
        "Stoke-on-Trent and Staffordshire",
        "Medway",
        "Matched by",
    ]
    page.screenshot(path=str(tmp_path / f"compare-{width}.png"))


def test_skip_link_moves_focus_to_main(browser: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "compare.html"
    page_file.write_text(render(compare_paths([str(p) for p in MAPS[:2]]), "html"), encoding="utf-8")
    page = browser.new_context().new_page()
    page.goto(page_file.as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_guide_with_the_other_areas_annex_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    from boardmap.compare.annex import guide_annex
    from boardmap.guide import build_guide
    from boardmap.load import load

    annex = guide_annex(compare_paths([str(p) for p in MAPS]))
    page_file = tmp_path / "guide.html"
    page_file.write_text(build_guide(load(MAPS[0]), annexes=[annex]).html, encoding="utf-8")
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.querySelector('#other-areas h2').textContent") == ("How other areas do it")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
