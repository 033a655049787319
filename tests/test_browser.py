"""The dashboard in a real browser (Debian's chromium, driven by Playwright), on the bundled
data: every page renders with its charts and no error, a sidebar change takes effect on the
first try, a click on a point shows its source sentence, a copied link opens the same view.
Screenshots go to artifacts/screenshots/ (gitignored); look at them."""

from __future__ import annotations

import contextlib
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from board_fixtures import ROOT

from board import devserver, pages_list

pytest_plugins = ["board_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SHOTS = ROOT / "artifacts" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stVegaLiteChart"]'
# a chart's words: drawn in it, or its title and notes written above it by the page
# (board.ui.chart_head: on a phone a Vega subtitle was cut, text wraps)
WORDS = f"{CHART} svg text, .fz-head"
PAGES = {p.id: p.slug for p in pages_list.PAGES}  # page id -> its path in the URL

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium: run "
        "`sudo bash scripts/install_system_deps.sh` (make test does it as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="pip install playwright (no browser download needed)"
)
expect = sync_api.expect
# Every expect() waits for its condition, never a fixed time: a busy 2-core CI machine can
# take tens of seconds to draw a page, and a condition that never comes still fails.
WAIT_MS = 90_000
expect.set_options(timeout=WAIT_MS)


@contextlib.contextmanager
def serve(warehouse, data, log, extra_args=()):
    """`streamlit run dashboard.py` on a free port over the given warehouse and data
    folder (board.devserver; extra_args e.g. `--server.maxUploadSize 1`); yields its base
    URL once healthy, and stops it afterwards."""
    try:
        with devserver.running(warehouse, data, log, extra_args) as (_, base):
            yield base
    except devserver.DidNotStart as e:  # raised only while starting
        pytest.fail(str(e))


def copy_data(folder: Path) -> Path:
    """A copy of data/ (without its warehouse) in folder/data: tests that change data
    (uploads, corrections, rebuilds) never touch the real one."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("warehouse*"))
    return data


@pytest.fixture(scope="module")
def server(bundled_wh, tmp_path_factory):
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with serve(bundled_wh, ROOT / "data", log) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1600}, locale="zh-CN")
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def url(base: str, path: str, query: dict | None = None) -> str:
    q = f"?{urllib.parse.urlencode(query)}" if query else ""
    return f"{base}/{urllib.parse.quote(path)}{q}"


def settle(pg, charts: int = 1, timeout: float = WAIT_MS) -> None:
    """Wait until the script has run (its sidebar is there and it is not running), at least
    `charts` charts are on the page (Streamlit loads the chart component lazily), every
    chart has drawn its text and the browser has painted that."""
    pg.wait_for_selector('[data-testid="stSidebar"] [data-testid="stPageLink"]', timeout=timeout)
    pg.wait_for_selector(READY, timeout=timeout)
    if charts:
        pg.wait_for_function(
            f"() => document.querySelectorAll('{CHART}').length >= {charts}", timeout=timeout
        )
    pg.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .every(c => c.querySelector('canvas, svg text'))""",
        timeout=timeout,
    )
    # Streamlit loads each kind of element's code when first needed and shows a skeleton
    # until then (an st.html style can come after the cards it styles), and the page's own
    # font arrives after the first paint: text measured before both is measured wrong.
    pg.wait_for_function(
        """() => document.fonts.status === 'loaded'
                 && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )
    next_paint(pg)


def next_paint(pg) -> None:
    """Wait until the browser has painted what is in the DOM now (two animation frames):
    the condition a screenshot needs, instead of a guess at how long painting takes."""
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def has_text(pg, selector: str, text: str):
    """The first element of `selector` whose text contains `text` (for expect)."""
    return pg.locator(selector, has_text=text).first


def no_errors(pg) -> None:
    boxes = pg.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert boxes.count() == 0, boxes.all_inner_texts()
    assert not [e for e in pg.errors if "ResizeObserver" not in e], pg.errors


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_with_its_charts(server, page, name):
    page.goto(url(server, PAGES[name]))
    charts = pages_list.BY_ID[name].charts
    settle(page, charts=1 if charts else 0)
    if charts:
        # chart titles with units are drawn
        expect(has_text(page, WORDS, "（")).to_be_attached()
    elif name == "sources":
        # numbers highlighted in their sentences (drawn after the script has finished)
        expect(page.locator("mark").first).to_be_attached()
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("法治指标看板")).to_have_count(1)
    no_errors(page)
    shot(page, f"{list(PAGES).index(name) + 1}_{name}")


def test_a_sidebar_change_takes_effect_on_the_first_try(server, page):
    page.goto(url(server, "趋势"))
    settle(page)
    expect(has_text(page, WORDS, "含演示数据")).to_be_attached()
    page.locator('[data-testid="stSidebar"]').get_by_text("包含演示数据").click()
    page.wait_for_function("() => location.search.includes('demo=0')", timeout=WAIT_MS)
    expect(page.locator(WORDS, has_text="含演示数据")).to_have_count(0)
    settle(page)
    no_errors(page)
    # the real 2018 report is all that is left: one point, 12 inspections
    expect(has_text(page, f"{CHART} svg text", "2018")).to_be_attached()
    shot(page, "6_trends_demo_hidden")
    # the filters follow to another page through the sidebar navigation
    page.locator('[data-testid="stSidebar"]').get_by_text("对比", exact=True).click()
    page.wait_for_function(
        "() => decodeURIComponent(location.pathname).endsWith('对比')", timeout=WAIT_MS
    )
    settle(page)
    assert "demo=0" in page.url
    expect(page.locator(WORDS, has_text="含演示数据")).to_have_count(0)


def test_a_copied_link_opens_the_same_view(server, page):
    q = {"y0": "2019", "y1": "2023", "ag": "zc_kjj", "demo": "1", "lang": "en",
         "ind": "cases", "mode": "yoy"}  # fmt: skip
    page.goto(url(server, "趋势", q))
    settle(page)
    no_errors(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Science Bureau").first).to_be_attached()
    expect(sidebar.get_by_text("IP Office")).to_have_count(0)
    title = "Enforcement cases: change on the year before (%)"
    expect(has_text(page, WORDS, title)).to_be_attached()
    for k, v in q.items():
        assert f"{k}={urllib.parse.quote(v)}" in page.url
    shot(page, "7_trends_english_link")


def test_clicking_a_point_shows_its_source_sentence(server, page):
    page.goto(url(server, "趋势", {"y0": "2018", "y1": "2018", "ag": "zc_kjj", "demo": "0"}))
    settle(page)
    point = page.locator(f"{CHART} g.mark-symbol path").first
    point.click(force=True)
    expect(page.get_by_text("开展执法检查12次", exact=False).first).to_be_attached()
    settle(page)
    expect(has_text(page, "mark", "12")).to_be_attached()
    no_errors(page)
    shot(page, "8_trends_clicked_point")


def test_a_chart_downloads_as_png_and_csv(server, page, tmp_path):
    """Issue 4: from a page, the 下载 menu beside a chart gives a sharp PNG and a CSV that
    Excel opens in Chinese (UTF-8 with BOM)."""
    page.goto(url(server, "趋势", {"ag": "zc_kjj", "ind": "inspections"}))
    settle(page)
    got = {}
    for label, fmt in (("图片 PNG", "png"), ("数据 CSV", "csv")):
        page.get_by_role("button", name="下载").first.click()
        button = page.get_by_role("button", name=label).first
        button.wait_for(timeout=WAIT_MS)
        with page.expect_download(timeout=WAIT_MS) as info:
            button.click()
        path = tmp_path / f"chart.{fmt}"
        info.value.save_as(path)
        got[fmt] = (info.value.suggested_filename, path.read_bytes())
        page.keyboard.press("Escape")
    name, png = got["png"]
    assert name.endswith(".png") and png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width >= 1000, "2× scale: sharp on a projector"
    name, csv = got["csv"]
    assert name.endswith(".csv") and csv.startswith(b"\xef\xbb\xbf")
    text = csv.decode("utf-8-sig")
    assert "执法检查次数" in text and "区科技局" in text
    no_errors(page)


def test_every_comparison_panel_has_its_own_year_axis(server, page):
    """Five areas three to a row, each its own chart (issue 13: sized to the page), each
    labelled with its name and its years."""
    page.goto(url(server, "对比", {"y0": "2020", "y1": "2020"}))
    settle(page, charts=5)
    panels = page.locator(CHART)
    expect(panels).to_have_count(5)
    for i in range(5):
        texts = panels.nth(i).locator("svg text")
        expect(texts.filter(has_text=re.compile("：.*（"))).to_have_count(1)  # its name
        expect(texts.filter(has_text=re.compile("^年份$"))).to_have_count(1)  # its axis
