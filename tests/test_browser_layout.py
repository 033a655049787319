"""Issue 13 in a real browser (points 2, 3, 6, 7): what a leader reads must not mislead and
must fit the screen it is opened on. Each headline says whom it covers; no change shows no
arrow; count axes tick in whole numbers; 审核 reaches its last value; Streamlit's own widget
words are Chinese in 中文 mode; 对比 uses the page's width; a phone opens the page, not the
filters, without sideways scrolling. Screenshots go to artifacts/screenshots/ (look at them).
"""
# ruff: noqa: F811 - the fixtures of test_browser are imported, then used by name

from __future__ import annotations

import contextlib
import math
import re

import duckdb
import pytest

from tests.test_browser import (  # noqa: F401
    CHART,
    WAIT_MS,
    browser,
    expect,
    has_text,
    next_paint,
    no_errors,
    page,
    server,
    settle,
    shot,
    sync_api,
    url,
)  # fmt: skip

pytest_plugins = ["board_fixtures"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}
# text of Streamlit's own widgets a reader can see: English words of 3+ letters, leaving
# out the file types the uploader lists (TXT, DOCX) and icon names (drawn as icons)
VISIBLE_ENGLISH = """(root) => {
  const out = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walk.nextNode())) {
    const el = n.parentElement;
    const words = (n.nodeValue.match(/[A-Za-z]{3,}/g) || []).filter(w => w !== w.toUpperCase());
    if (!words.length || el.closest('[data-testid="stIconMaterial"]')) continue;
    const box = el.getBoundingClientRect(), css = getComputedStyle(el);
    if (parseFloat(css.fontSize) === 0 || box.width <= 1 || box.height <= 1) continue;
    if (css.visibility === 'hidden' || css.clipPath.includes('inset(50%')) continue;
    out.push(n.nodeValue.trim());
  }
  return out;
}"""


def wh_rows(server_db, sql: str, *params):
    con = duckdb.connect(str(server_db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# -- point 2: scope -----------------------------------------------------------------------------


def test_every_headline_says_whom_it_covers(server, page):
    page.goto(url(server, ""))
    settle(page, charts=5)
    items = page.locator('[data-testid="stMarkdownContainer"] li')
    expect(items.first).to_be_attached()
    lines = items.all_inner_texts()
    assert len(lines) >= 4, lines
    for ln in lines:  # who it covers, in words, before the figure
        assert re.match(
            r"^(全局合计（\d+个单位）|仅\S+?|\d+个单位合计（.+?）|各单位分列（.+?）)：\d{4}年", ln
        ), ln
    cut = next(ln for ln in lines if "压缩" in ln)
    assert cut.startswith("各单位分列（") and "不作平均" in cut and "平均" not in cut.split("）")[1]
    expect(page.get_by_text("个单位平均")).to_have_count(0)
    no_errors(page)
    shot(page, "13_overview_scope")


# -- point 3: small wrong signals ---------------------------------------------------------------


def test_a_card_with_no_change_has_no_arrow_and_no_colour(server, page):
    """The bundled 学法培训 is 12 in both of its last years: no green ↑ beside '+0次'."""
    page.goto(url(server, ""))
    settle(page, charts=5)
    card = page.locator('[data-testid="stMetric"]', has_text="学法培训")
    delta = card.locator('[data-testid="stMetricDelta"]')
    expect(delta).to_have_text(re.compile("持平"))
    expect(delta.locator("svg")).to_have_count(0)  # no arrow
    rgb = [int(x) for x in re.findall(r"\d+", delta.evaluate("e => getComputedStyle(e).color"))[:3]]
    assert max(rgb) - min(rgb) < 40, f"a grey, not green or red: {rgb}"
    # a real change keeps its arrow
    expect(page.locator('[data-testid^="stMetricDeltaIcon-"]').first).to_be_attached()
    card.scroll_into_view_if_needed()
    next_paint(page)
    shot(page, "13_card_zero_change")


def test_a_count_axis_ticks_in_whole_numbers(server, page):
    """行政复议 is 0 or 1 case a year: the axis said 0.2, 0.4, …"""
    page.goto(url(server, "趋势", {"ind": "reconsideration_cases", "ag": "zc_kjj"}))
    settle(page)
    labels = page.locator(f"{CHART} .role-axis-label text")
    expect(labels.first).to_be_attached()
    texts = labels.evaluate_all("els => els.map(e => e.textContent)")
    ticks = [t for t in texts if re.fullmatch(r"-?[\d.,]+", t)]
    years = {t for t in ticks if re.fullmatch(r"20\d\d", t)}
    values = [t for t in ticks if t not in years]
    assert values, ticks
    assert all("." not in t for t in values), f"whole numbers only: {values}"
    no_errors(page)
    shot(page, "13_count_axis_integer_ticks")


def test_review_reaches_its_last_value(server, page, bundled_wh):
    """审核 said '显示前 20 条' of hundreds, with no way on: now it pages to the last one."""
    (n,) = wh_rows(bundled_wh, "SELECT count(*) FROM fact WHERE status = 'unverified' AND value "
                   "IS NOT NULL AND agency_id IN ('zc_kjj', 'zc_zscqj', 'zc_dzj')")[0]  # fmt: skip
    assert n > 20
    page.goto(url(server, "审核"))
    settle(page, charts=0)
    expect(has_text(page, "h2, h3", f"待审核的数值（{n}条）")).to_be_attached()
    last = math.ceil(n / 20)
    page.locator('[data-testid="stPagination"] button', has_text=re.compile(f"^{last}$")).click()
    first = (last - 1) * 20 + 1
    expect(page.get_by_text(f"第{first}–{n}条，共{n}条")).to_be_attached()
    settle(page, charts=0)
    cards = page.locator(".fz-card")
    expect(cards).to_have_count(n - first + 1)
    cards.last.scroll_into_view_if_needed()
    next_paint(page)
    no_errors(page)
    shot(page, "13_review_last_page")


def test_streamlit_widget_words_are_chinese_in_chinese_mode(server, page, tmp_path):
    page.goto(url(server, "数据导入"))
    settle(page, charts=0)
    up = page.locator('[data-testid="stFileUploader"]')
    expect(up).to_be_visible()
    next_paint(page)
    assert up.evaluate(VISIBLE_ENGLISH) == []
    after = up.locator("button p").evaluate("e => getComputedStyle(e, '::after').content")
    assert "选择文件" in after
    limit = page.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')
    assert "单个文件不超过" in limit.evaluate("e => getComputedStyle(e, '::after').content")
    shot(page, "13_uploader_chinese")
    # while a file is dragged over the box
    dt = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.txt')); return d; }"
    )
    page.dispatch_event('[data-testid="stFileUploaderDropzone"]', "dragenter", {"dataTransfer": dt})
    drag = page.locator('[data-testid="stFileUploaderDropzone"] > div > span:only-child')
    expect(drag).to_be_attached()
    assert up.evaluate(VISIBLE_ENGLISH) == []
    assert "上传" in drag.evaluate("e => getComputedStyle(e, '::after').content")
    # a multiselect filtered by typing offers 'Select 2 matches'
    page.goto(url(server, "趋势"))
    settle(page)
    box = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"] input').first
    box.click()
    page.keyboard.type("检查")
    matches = page.locator('[role="option"][data-key="__select_matches__"]')
    expect(matches).to_be_visible()
    listbox = page.locator('[role="listbox"]').first
    assert listbox.evaluate(VISIBLE_ENGLISH) == []
    assert "全部匹配" in matches.locator("div").first.evaluate(
        "e => getComputedStyle(e, '::after').content"
    )
    next_paint(page)
    shot(page, "13_multiselect_chinese")
    page.keyboard.type("zzzz")  # nothing matches: 'No results'
    expect(page.locator('[role="listbox"][data-empty="true"]')).to_be_attached()
    assert page.locator('[role="listbox"]').first.evaluate(VISIBLE_ENGLISH) == []


def test_english_cards_are_not_cut(server, page):
    """In English the overview's five cards at 1440 px said '12 sessi…', 'Enforcement
    inspe…' and 'Earthquake Bureau (…': no name, value or change is cut now."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url(server, "", {"lang": "en"}))
    settle(page, charts=5)
    # The English style comes in its own element; wait (bounded) until nothing is cut, and
    # if something stays cut, say what.
    cut_js = """() => [...document.querySelectorAll('[data-testid="stMetric"] [data-testid="stMarkdownContainer"]')]
                 .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
    with contextlib.suppress(sync_api.Error):
        page.wait_for_function(f"() => ({cut_js})().length === 0", timeout=30_000)
    cut = page.evaluate(cut_js)
    assert cut == [], f"cut: {cut}"
    expect(page.get_by_text("12 sessions", exact=True)).to_be_visible()
    no_errors(page)
    shot(page, "q17_overview_cards_english")


# -- point 6: 对比 uses the page's width --------------------------------------------------------


def _main_width(page) -> float:
    """The width the page's main area gives its content (inside its padding), in px."""
    return page.locator('[data-testid="stMainBlockContainer"]').evaluate(
        "e => { const s = getComputedStyle(e); return e.clientWidth"
        " - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
    )


def test_compare_uses_the_full_width_and_shows_sentences_once_clicked(server, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url(server, "对比"))
    settle(page, charts=5)
    inner = _main_width(page)
    first_row = [c.bounding_box() for c in page.locator(CHART).all()[:3]]
    right = max(b["x"] + b["width"] for b in first_row)
    left = min(b["x"] for b in first_row)
    assert right - left >= 0.9 * inner, (left, right, inner)
    expect(page.get_by_text("点击图中的点")).to_have_count(0)  # no empty sentence column
    shot(page, "13_compare_full_width")
    page.locator(CHART).first.locator("g.mark-rect path").nth(3).click(force=True)
    expect(has_text(page, "p, strong, b", "来源句子")).to_be_attached()
    settle(page, charts=5)
    expect(page.locator("mark").first).to_be_attached()  # the sentence, its number marked
    no_errors(page)
    shot(page, "13_compare_clicked")


def test_compare_switches_to_first_and_last_year(server, page):
    """The second view replaces the bars (one view at a time), its dots drawn in Chinese."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(url(server, "对比"))
    settle(page, charts=5)
    page.locator('[data-testid="stRadio"] label').filter(has_text="首年与末年").click()
    expect(has_text(page, "h3", "年与")).to_be_attached()
    settle(page, charts=4)
    assert page.locator(CHART).count() >= 4
    assert "view=first_last" in page.url
    assert page.locator("h3").filter(has_text="各单位主要指标").count() == 0  # bars gone
    no_errors(page)
    shot(page, "13_compare_first_last")


# -- point 7: a shared link on a phone --------------------------------------------------------


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True,
                              device_scale_factor=2)  # fmt: skip
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


@pytest.mark.parametrize(("name", "path", "n_charts"), [
    ("overview", "", 5), ("trends", "趋势", 1), ("compare", "对比", 5)])  # fmt: skip
def test_a_phone_opens_the_page_not_the_filters(server, phone, name, path, n_charts):
    phone.goto(url(server, path))
    settle(phone, charts=n_charts)
    sidebar = phone.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 1, f"the sidebar covers the page: {box}"
    expect(phone.locator("h1").first).to_be_in_viewport()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"sideways scrolling: {width} px"
    for el in phone.locator(CHART).all():  # every chart within the screen
        b = el.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] + 1, b
    if name == "overview":  # cards one under the other
        cards = [c.bounding_box() for c in phone.locator('[data-testid="stMetric"]').all()]
        assert len(cards) == 5
        assert all(
            b["y"] > a["y"] + a["height"] - 1 for a, b in zip(cards, cards[1:], strict=False)
        )
    no_errors(phone)
    shot(phone, f"13_phone_{name}")


def test_the_uploaders_chinese_limits_fit_a_phone(server, phone):
    """'单个文件不超过 25 MB · TXT、DOCX、PDF、CSV、XLSX、HTML' and no more: on a phone the
    uploader's line of file types (drawn in Chinese, board.zh_widgets) was cut silently."""
    phone.goto(url(server, "数据导入"))
    settle(phone, charts=0)
    limit = phone.locator('[data-testid="stFileUploaderDropzoneInstructions"] span')
    expect(limit).to_be_visible()
    over = limit.evaluate("e => e.scrollWidth - e.clientWidth")
    assert over <= 1, f"the line is {over} px wider than the box"
    no_errors(phone)
    shot(phone, "q17_phone_uploader")


@pytest.mark.parametrize("path", ["数据质量", "来源"])
def test_a_phone_never_scrolls_a_page_of_tables_sideways(server, phone, path):
    """数据质量's table of claims was wider than a phone: the whole page scrolled sideways
    (its main area, not the document, so the check of the page's width missed it)."""
    phone.goto(url(server, path))
    settle(phone, charts=0)
    expect(phone.locator("table.fz-src").first).to_be_visible()
    main = phone.locator('[data-testid="stMain"]')
    over = main.evaluate("e => e.scrollWidth - e.clientWidth")
    assert over <= 1, f"{path}: the page scrolls {over} px sideways"
    no_errors(phone)
    shot(phone, f"q17_phone_tables_{path}")


# -- q18: 审批提速 and 趋势 on a phone, in Chinese and English ------------------------------------

# The deepest visible elements of the main area whose text holds `needle` in full: each
# with whether it is cut (wider than its box, or than a box around it that clips, such as
# the chart's svg: a legend wider than its chart ran past the svg's edge) and where it
# stands. A Vega title cuts a line too long for it with '…', so a note cut there is not
# found at all.
FULL_TEXT = """(needle) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const out = [];
  for (const e of main.querySelectorAll('*')) {
    if (!(e.textContent || '').includes(needle)) continue;
    if ([...e.children].some(c => (c.textContent || '').includes(needle))) continue;
    const b = e.getBoundingClientRect();
    if (b.width <= 1 || b.height <= 1) continue;
    let cut = e.scrollWidth > e.clientWidth + 1;
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      const clips = a.tagName.toLowerCase() === 'svg' || getComputedStyle(a).overflowX !== 'visible';
      const r = a.getBoundingClientRect();
      if (clips && (b.left < r.left - 1 || b.right > r.right + 1)) cut = true;
    }
    out.push({tag: e.tagName, cut, left: Math.round(b.left), right: Math.round(b.right)});
  }
  return out;
}"""


def _meta(bundled_wh):
    from board import reader

    return reader.Warehouse(bundled_wh).meta


def _shown_in_full(pg, needle: str) -> list[dict]:
    """Where `needle` stands on the page in full, not cut and within the screen's width
    (waits, bounded, for one; returns them, or [] and the test then says where it is)."""
    check = f"""() => ({FULL_TEXT})({needle!r}).some(h => !h.cut && h.left >= -1
                 && h.right <= innerWidth + 1)"""
    with contextlib.suppress(sync_api.Error):
        pg.wait_for_function(check, timeout=20_000)
    hits = pg.evaluate(FULL_TEXT, needle)
    width = pg.evaluate("() => innerWidth")
    return [h for h in hits if not h["cut"] and h["left"] >= -1 and h["right"] <= width + 1]


def _no_sideways_scroll(pg) -> None:
    """Neither the document nor the main area (which scrolls on its own: see
    test_a_phone_never_scrolls_a_page_of_tables_sideways) is wider than the screen."""
    width, inner = pg.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width} px on a {inner} px screen"
    over = pg.locator('[data-testid="stMain"]').evaluate("e => e.scrollWidth - e.clientWidth")
    assert over <= 1, f"the main area scrolls {over} px sideways"


def _lang(lang: str) -> dict | None:
    return {"lang": "en"} if lang == "en" else None


# Streamlit's main area scrolls on its own, so a full-page screenshot is one screen high:
# these tests open a screen as wide as a phone (or a desktop) and tall enough to show the
# page's charts whole in one screenshot.
TALL_PHONE = {"width": PHONE["width"], "height": 2600}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_approvals_panels_fit_a_phone(server, phone, bundled_wh, lang):
    """审批提速's approval items and one-visit items were one fixed-width facet (about
    722 px): on a phone the page scrolled sideways and the second panel was off the screen.
    Each panel, its name and every chart now stand within the screen."""
    from board import i18n

    meta = _meta(bundled_wh)
    phone.set_viewport_size(TALL_PHONE)
    phone.goto(url(server, "审批提速", _lang(lang)))
    settle(phone, charts=3)
    shot(phone, f"q18_phone_approvals_{lang}")
    _no_sideways_scroll(phone)
    for el in phone.locator(CHART).all():
        b = el.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] + 1, b
    for i in ("approval_items", "one_visit_items"):
        name = meta.ind(i, lang)
        assert _shown_in_full(phone, name), (name, phone.evaluate(FULL_TEXT, name))
    # the charts' titles ('Time limits before and after the cut (w…' was cut) and notes
    # and the agencies' names, in a legend that wraps
    heads = [i18n.t(k, lang) for k in ("ap_items", "ap_days", "contains_demo")]
    for text in (*heads, *(meta.agency(a, lang) for a in meta.agencies.index)):
        assert _shown_in_full(phone, text), (text, phone.evaluate(FULL_TEXT, text))
    no_errors(phone)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_notes_and_legend_fit_a_phone(server, phone, bundled_wh, lang):
    """趋势's notes (含演示数据, the red ring's meaning, …) were a Vega subtitle, which cannot
    wrap: on a phone they were cut, and the English legend with them. Every note and every
    agency's name is now on the screen in full."""
    from board import i18n

    meta = _meta(bundled_wh)
    phone.set_viewport_size(TALL_PHONE)
    phone.goto(url(server, "趋势", _lang(lang)))
    settle(phone)
    shot(phone, f"q18_phone_trends_{lang}")
    _no_sideways_scroll(phone)
    notes = [i18n.t(k, lang) for k in ("contains_demo", "dp_chart_note", "tr_gaps")]
    names = [meta.agency(a, lang) for a in meta.agencies.index]
    for text in [*notes, *names]:
        assert _shown_in_full(phone, text), (text, phone.evaluate(FULL_TEXT, text))
    no_errors(phone)


@pytest.mark.parametrize(("lang", "mode"), [("zh", "value"), ("en", "yoy")])
def test_a_trend_of_several_indicators_fits_a_phone(server, phone, bundled_wh, lang, mode):
    """Several indicators were one facet 620 px wide: on a phone the main area scrolled
    sideways. Each is now a chart as wide as the screen, named above it in full."""
    from board import i18n

    meta = _meta(bundled_wh)
    phone.set_viewport_size(TALL_PHONE)
    inds = ("cases", "trainings")
    phone.goto(url(server, "趋势", {"ind": ",".join(inds), "mode": mode, "lang": lang}))
    settle(phone)
    _no_sideways_scroll(phone)
    expect(phone.locator(CHART)).to_have_count(len(inds))  # a chart each
    settle(phone, charts=len(inds))
    shot(phone, f"q18_phone_trends_several_{mode}_{lang}")
    _no_sideways_scroll(phone)
    for el in phone.locator(CHART).all():
        b = el.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] + 1, b
    names = [meta.ind(i, lang) for i in inds]  # (an English yoy title takes two lines)
    for text in (*names, i18n.t("contains_demo", lang)):
        assert _shown_in_full(phone, text), (text, phone.evaluate(FULL_TEXT, text))
    no_errors(phone)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_title_and_notes_on_a_desktop(server, page, bundled_wh, lang):
    """At 1440 px the trend's title and notes stand above its chart in full, in the lines
    the chart's subtitle had, and each agency's colour under it."""
    from board import i18n

    meta = _meta(bundled_wh)
    page.set_viewport_size({"width": 1440, "height": 1100})
    page.goto(url(server, "趋势", _lang(lang)))
    settle(page)
    shot(page, f"q18_desktop_trends_{lang}")
    _no_sideways_scroll(page)
    head = i18n.t("tr_chart_title", lang, name=meta.ind("inspections", lang),
                  unit=meta.unit("inspections", lang))  # fmt: skip
    notes = [i18n.t(k, lang) for k in ("contains_demo", "dp_chart_note", "tr_gaps")]
    names = [meta.agency(a, lang) for a in meta.agencies.index]
    for text in (head, *notes, *names):
        assert _shown_in_full(page, text), (text, page.evaluate(FULL_TEXT, text))
    no_errors(page)


def test_approvals_charts_take_the_width_until_a_point_is_clicked(server, page):
    """Every chart of 审批提速 (the item panels and the time limits under them) uses the
    whole width until a point is clicked, and then shows its sentences beside it: one way
    on the page, as on 对比 (the time limits kept an empty 来源句子 column beside them)."""
    page.set_viewport_size({"width": 1440, "height": 1800})
    page.goto(url(server, "审批提速"))
    settle(page, charts=3)
    inner = _main_width(page)
    days = page.locator(CHART).last
    assert days.bounding_box()["width"] >= 0.9 * inner, (days.bounding_box(), inner)
    expect(page.get_by_text("点击图中的点")).to_have_count(0)  # no empty sentence column
    expect(has_text(page, "p, strong, b", "来源句子")).to_have_count(0)
    days.locator("g.mark-symbol path").first.click(force=True)
    expect(has_text(page, "p, strong, b", "来源句子")).to_be_attached()
    settle(page, charts=3)
    expect(page.locator("mark").first).to_be_attached()  # the sentence, its number marked
    assert page.locator(CHART).last.bounding_box()["width"] < 0.85 * inner  # room made
    no_errors(page)
    shot(page, "q18_desktop_approvals_days_clicked")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_approvals_on_a_desktop(server, page, bundled_wh, lang):
    """At 1440 px the approvals' two panels of items stand side by side across the page,
    and a click on a bar shows its source sentences beside them, as before."""
    meta = _meta(bundled_wh)
    page.set_viewport_size({"width": 1440, "height": 1800})
    page.goto(url(server, "审批提速", _lang(lang)))
    settle(page, charts=3)
    shot(page, f"q18_desktop_approvals_{lang}")
    _no_sideways_scroll(page)
    tops = []
    for i in ("approval_items", "one_visit_items"):
        assert _shown_in_full(page, meta.ind(i, lang)), meta.ind(i, lang)
        tops.append(page.locator(f"{CHART} svg text", has_text=meta.ind(i, lang)).first)
    a, b = (t.bounding_box() for t in tops)
    assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"] + 300, ("side by side", a, b)
    page.locator(CHART).first.locator("g.mark-rect path").nth(3).click(force=True)
    expect(page.locator("mark").first).to_be_attached()
    settle(page, charts=3)
    no_errors(page)
    shot(page, f"q18_desktop_approvals_clicked_{lang}")
