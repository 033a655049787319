"""Issue 13 in a real browser, points 1, 4 and 5: the disputed 2021 inspections of 区科技局
(table 15, report 13) are ringed on the chart with a 有争议 legend entry and a tooltip that
says why, counted on the overview card, and footnoted in the downloaded image and CSV; the
会议材料 page's PPTX holds native charts; a demo banner heads every page until a leader
hides it, and then stays hidden across pages (demo_banner=0 in the URL).
Screenshots go to artifacts/screenshots/ (gitignored): look at them."""

from __future__ import annotations

import io

import pytest

from board import pages_list
from tests.test_browser import (  # noqa: F401
    CHART,
    SHOTS,
    WAIT_MS,
    WORDS,
    browser,
    expect,
    has_text,
    next_paint,
    no_errors,
    page,
    server,
    settle,
    shot,
    url,
)  # fmt: skip

pytest.importorskip("playwright.sync_api")
pytest_plugins = ["board_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

BANNER = ".st-key-demo_banner"
RING = f"{CHART} g.disputed_marks path"
ALL_PAGES = [p.slug for p in pages_list.PAGES]  # their paths in the URL
CHARTLESS = {p.slug for p in pages_list.PAGES if not p.charts}


@pytest.fixture
def screen(browser):  # noqa: F811
    """A page at 1440×900, the size a leader's laptop shows."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def download(pg, label: str, tmp_path, name: str, menu: bool = True) -> tuple[str, bytes]:
    if menu:
        pg.get_by_role("button", name="下载").first.click()
    button = pg.get_by_role("button", name=label).first
    button.wait_for(timeout=WAIT_MS)
    with pg.expect_download(timeout=WAIT_MS) as info:
        button.click()
    path = tmp_path / name
    info.value.save_as(path)
    if menu:
        pg.keyboard.press("Escape")
    return info.value.suggested_filename, path.read_bytes()


# -- 1. disputed values --------------------------------------------------------------------------


def test_the_disputed_point_is_ringed_with_a_legend_entry_and_a_tooltip(server, screen):  # noqa: F811
    screen.goto(url(server, "趋势", {"ind": "inspections"}))
    settle(screen)
    expect(screen.locator(RING)).to_have_count(1)  # one disputed value: 2021, 区科技局
    ring = screen.locator(RING).first
    expect(ring).to_have_attribute("stroke", "#d62728")
    expect(has_text(screen, f"{CHART} g.role-legend text", "有争议")).to_be_attached()
    expect(has_text(screen, WORDS, "红圈为有争议的数值")).to_be_attached()
    # the ring stands over 2021 on the year axis
    box = ring.bounding_box()
    label = screen.locator(f"{CHART} g.role-axis-label text", has_text="2021").first.bounding_box()
    assert abs((box["x"] + box["width"] / 2) - (label["x"] + label["width"] / 2)) < 6
    # hovering the point inside it shows why
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    screen.mouse.move(cx - 30, cy - 30)
    screen.mouse.move(cx, cy)
    tip = screen.locator("#vg-tooltip-element")
    expect(tip).to_contain_text("来源不一致：15次取自统计表，另有来源为13次")
    expect(tip).to_contain_text("2021")
    next_paint(screen)
    no_errors(screen)
    screen.screenshot(path=str(SHOTS / "m13_trends_disputed_tooltip.png"), full_page=True)


def test_the_overview_card_counts_the_disputed_value(server, screen):  # noqa: F811
    screen.goto(url(server, ""))
    settle(screen, charts=5)
    note = screen.locator('[data-testid="stCaptionContainer"]', has_text="执法检查次数")
    expect(note.locator("strong", has_text="有争议1处（2021年）")).to_be_visible()
    # one sparkline rings that year: the inspections' (no other headline is disputed)
    expect(screen.locator(RING)).to_have_count(1)
    no_errors(screen)
    shot(screen, "m13_overview_1440")


def test_the_downloaded_image_and_csv_say_what_is_disputed(server, page, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    page.goto(url(server, "趋势", {"ind": "inspections"}))
    settle(page)
    _, pdf = download(page, "PDF", tmp_path, "chart.pdf")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\n", "")
    assert "有争议：区科技局2021年执法检查次数15次" in text, text[-400:]
    assert "演示数据：本图含虚构的演示数字" in text
    _, svg = download(page, "矢量图 SVG", tmp_path, "chart.svg")
    assert "有争议：区科技局2021年执法检查次数15次" in svg.decode()  # the PNG is drawn from it
    _, csv = download(page, "数据 CSV", tmp_path, "chart.csv")
    lines = csv.decode("utf-8-sig").splitlines()
    head = lines[0].split(",")
    assert "有争议" in head and "争议说明" in head
    marked = [ln for ln in lines[1:] if ",是," in ln]
    assert len(marked) == 1 and "区科技局,2021" in marked[0] and "另有来源为13次" in marked[0]
    no_errors(page)


def test_several_indicators_download_as_a_16_9_picture_named_after_them(server, page, tmp_path):  # noqa: F811
    from PIL import Image

    page.goto(url(server, "趋势", {"ind": "inspections,cases"}))
    settle(page)
    name, png = download(page, "图片 PNG", tmp_path, "multi.png")
    assert name == "执法检查次数、执法案件_2016-2025.png"
    with Image.open(io.BytesIO(png)) as im:
        w, h = im.size
    assert abs(w / h - 16 / 9) < 0.01, (w, h)  # a slide's shape, not a tall portrait
    no_errors(page)


# -- 4. the meeting pack --------------------------------------------------------------------------


def test_the_meeting_page_pptx_holds_native_charts(server, screen, tmp_path):  # noqa: F811
    from pptx import Presentation

    screen.goto(url(server, "会议材料"))
    settle(screen, charts=0)
    expect(screen.get_by_text("执法检查：执法检查次数（次）：")).to_be_visible()
    name, raw = download(screen, "下载 PPT", tmp_path, "deck.pptx", menu=False)
    assert name.endswith(".pptx")
    prs = Presentation(io.BytesIO(raw))
    charts = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) >= 5
    assert not [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    shot(screen, "m13_meeting_1440")


# -- 5. the demo banner -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_PAGES)
def test_every_page_opens_under_the_demo_banner(server, page, path):  # noqa: F811
    page.goto(url(server, path))
    settle(page, charts=0 if path in CHARTLESS else 1)
    banner = page.locator(BANNER)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("演示数据：本看板正在显示虚构的演示数据")
    # at the top: above the page's title
    title = page.locator("h1").first.bounding_box()
    assert banner.bounding_box()["y"] < title["y"]
    no_errors(page)


def test_hiding_the_banner_holds_for_the_session_and_the_link(server, screen, browser):  # noqa: F811
    screen.goto(url(server, "趋势"))
    settle(screen)
    shot(screen, "m13_trends_1440_banner")
    screen.locator(BANNER).get_by_role("button", name="不再提示").click()
    screen.wait_for_function("() => location.search.includes('demo_banner=0')", timeout=WAIT_MS)
    expect(screen.locator(BANNER)).to_have_count(0)
    for label, path in (("对比", "对比"), ("总览", ""), ("审核", "审核")):
        screen.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
        screen.wait_for_function(
            f"() => decodeURIComponent(location.pathname).endsWith('/{path}')", timeout=WAIT_MS
        )
        settle(screen, charts=0)
        assert "demo_banner=0" in screen.url, (label, screen.url)
        expect(screen.locator(BANNER)).to_have_count(0)
        expect(screen.locator("h1").first).to_be_visible()
    no_errors(screen)
    shot(screen, "m13_banner_hidden_review")
    # a copied link keeps it hidden in a new session
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    try:
        other = ctx.new_page()
        other.goto(screen.url)
        settle(other, charts=0)
        expect(other.locator("h1").first).to_be_visible()
        expect(other.locator(BANNER)).to_have_count(0)
    finally:
        ctx.close()


def test_no_banner_when_demo_data_is_left_out(server, page):  # noqa: F811
    page.goto(url(server, "趋势", {"demo": "0"}))
    settle(page)
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator(BANNER)).to_have_count(0)
