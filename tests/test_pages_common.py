"""Every page, on the bundled data: renders, shared filters act on it, a URL opens the same
view, filters survive a page change, and every chart is labelled the way leaders need."""

from __future__ import annotations

import re

import pytest
from board_fixtures import (
    ROOT,
    assert_ok,
    chart_data,
    chart_spec,
    chart_words,
    charts,
    open_page,
    texts,
    widget,
)

from board import i18n
from board.pages_list import BY_ID, PAGES

IDS = [p.id for p in PAGES]
CHART_PAGES = [p.id for p in PAGES if p.charts]

pytest_plugins = ["board_fixtures"]


@pytest.mark.parametrize("page", IDS)
def test_page_renders_without_exception(app, page):
    at = open_page(page)
    assert_ok(at)
    assert at.title[0].value == i18n.t(BY_ID[page].label, "zh")
    if page in CHART_PAGES:
        assert charts(at), f"{page}: no chart"
    # the navigation is in the sidebar, in the page's language, and links carry the filters
    links = at.get("page_link")
    assert [link.proto.label for link in links][: len(PAGES)] == [
        i18n.t(p.label, "zh") for p in PAGES
    ]
    assert len(links) == 1 + len(list((ROOT / "pages").glob("*.py")))  # every page is reachable
    assert all("ag=" in link.proto.query_string for link in links)


def test_every_page_is_in_the_one_page_list():
    """board/pages_list.py is what the menu, these tests and the benchmarks go through: a
    file in pages/ missing from it would be left out of all of them."""
    files = {"dashboard.py"} | {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert {p.file for p in PAGES} == files, "pages/ and board/pages_list.PAGES differ"
    assert len(BY_ID) == len(PAGES)
    assert all(p.label in i18n.TEXT for p in PAGES)
    assert [p.slug for p in PAGES][:2] == ["", "趋势"]


def walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


@pytest.mark.parametrize("page", CHART_PAGES)
def test_every_chart_is_labelled(app, page):
    """Title with unit, demo label when demo data is drawn, horizontal year labels,
    tooltip with the source sentence, and a footnote naming the sources."""
    at = open_page(page)
    els = charts(at)
    # 对比's panels (issue 13: each sized to the page) share one note line above them
    above = " ".join(str(c.value) for c in at.caption) if page == "compare" else ""
    for el in els:
        spec, data = chart_spec(el), chart_data(el)
        # a title and notes written above a chart (or its panels) by the page count
        head = chart_words(at, el) + above
        assert re.search(r"（[^）]+）", head), f"no unit in the title: {head!r}"
        if (
            "origin" in data
            and (data["origin"] == "demo").any()
            or data.get("is_demo", False) is True
        ):
            assert "演示数据" in head, head
        if "is_demo" in data and data["is_demo"].any():
            assert "演示数据" in head, head
        tips = [t for n in walk(spec) for t in (n.get("tooltip") or []) if isinstance(t, dict)]
        # a mark's tooltip may be an expression (charts.tip: 有争议 only where disputed)
        exprs = [n["tooltip"]["expr"] for n in walk(spec)
                 if isinstance(n.get("tooltip"), dict) and "expr" in n["tooltip"]]  # fmt: skip
        assert any(t.get("field") == "quote_short" for t in tips) or any(
            'datum["quote_short"]' in e for e in exprs
        ), "no source sentence in tooltip"
        axes = [n["axis"] for n in walk(spec) if n.get("field") == "year_txt" and n.get("axis")]
        assert all(a.get("labelAngle") == 0 for a in axes)
    captions = [c.value for c in at.caption if str(c.value).startswith("来源")]
    groups = {tuple((el.key or str(i)).split("_")[:2]) for i, el in enumerate(els)}  # panels: one
    assert len(captions) >= len(groups), "a chart without a footnote naming its sources"


def colour_map(at) -> dict[str, str]:
    out = {}
    for el in charts(at):
        for n in walk(chart_spec(el)):
            if n.get("field") == "agency" and isinstance(n.get("scale"), dict):
                sc = n["scale"]
                for name, colour in zip(sc.get("domain", []), sc.get("range", []), strict=True):
                    assert out.get(name, colour) == colour, f"{name} has two colours"
                    out[name] = colour
    return out


def test_agency_colours_are_the_same_on_every_page(app):
    seen: dict[str, str] = {}
    for page in ["trends", "compare", "approvals"]:
        for name, colour in colour_map(open_page(page)).items():
            assert seen.setdefault(name, colour) == colour, (page, name)
    # with one agency only, it keeps its colour
    one = colour_map(open_page("compare", {"ag": "zc_zscqj"}))
    assert one == {"区知识产权局": seen["区知识产权局"]}
    assert len(set(seen.values())) == len(seen)


def signature(at) -> list:
    """What the charts and cards of a page show: their data, and the metric values."""
    out = [m.value for m in at.metric]
    for el in charts(at):
        d = chart_data(el)
        out.append(d.drop(columns=[c for c in d if d[c].dtype == object and c not in (
            "agency_id", "label")], errors="ignore").to_json())  # fmt: skip
    return out


@pytest.mark.parametrize("page", CHART_PAGES)
def test_agency_filter_changes_the_chart_data(app, page):
    at = open_page(page)
    before = signature(at)
    agencies = {a for el in charts(at) for a in chart_data(el).get("agency_id", [])}
    assert page == "overview" or agencies == {"zc_kjj", "zc_zscqj", "zc_dzj"}
    widget(at, "w_agencies").set_value(["zc_kjj"]).run()
    assert_ok(at)
    assert signature(at) != before
    after = {a for el in charts(at) for a in chart_data(el).get("agency_id", [])}
    assert page == "overview" or after == {"zc_kjj"}, after
    assert at.query_params["ag"] == "zc_kjj"


@pytest.mark.parametrize("page", CHART_PAGES)
def test_year_filter_changes_the_chart_data(app, page):
    at = open_page(page)
    widget(at, "w_years").set_value((2018, 2020)).run()
    assert_ok(at)
    # (a chart is sent the year columns it reads: year_txt on its axis, year when clicked)
    years = {int(y) for el in charts(at) for c in ("year", "year_txt")
             for y in chart_data(el).get(c, [])}  # fmt: skip
    assert years and years <= {2018, 2019, 2020}, years
    assert (at.query_params["y0"], at.query_params["y1"]) == ("2018", "2020")


@pytest.mark.parametrize("page", IDS)
def test_url_opens_the_same_view(app, page):
    q = {"y0": "2018", "y1": "2021", "ag": "zc_kjj,zc_dzj", "demo": "1", "lang": "en"}
    at = open_page(page, q)
    assert_ok(at)
    assert widget(at, "w_years").value == (2018, 2021)
    assert widget(at, "w_agencies").value == ["zc_kjj", "zc_dzj"]
    assert widget(at, "w_lang").value == "en"
    assert at.title[0].value == i18n.t(BY_ID[page].label, "en")
    # (the meeting pack's previews show five years up to its year: not a chart page)
    for el in charts(at) if BY_ID[page].charts else []:
        d = chart_data(el)
        if "agency_id" in d:
            assert set(d["agency_id"]) <= {"zc_kjj", "zc_dzj"}
        if "year" in d:
            assert set(d["year"].astype(int)) <= set(range(2018, 2022))
    for k, v in q.items():
        assert at.query_params[k] == v


@pytest.mark.parametrize("target", IDS[1:])
def test_filters_survive_a_page_change(app, target):
    at = open_page("overview")
    widget(at, "w_agencies").set_value(["zc_kjj", "zc_zscqj"]).run()
    widget(at, "w_years").set_value((2017, 2023)).run()
    widget(at, "w_demo").set_value(False).run()
    assert_ok(at)
    at.switch_page(BY_ID[target].file).run()
    assert_ok(at)
    assert widget(at, "w_agencies").value == ["zc_kjj", "zc_zscqj"]
    assert widget(at, "w_years").value == (2017, 2023)
    assert widget(at, "w_demo").value is False
    assert at.query_params["ag"] == "zc_kjj,zc_zscqj"
    assert at.query_params["demo"] == "0"
    for el in charts(at):  # (a chart is sent is_demo, which it draws by, not origin)
        d = chart_data(el)
        assert "is_demo" in d and not d["is_demo"].any()
    # and back: still the same
    at.switch_page(BY_ID["overview"].file).run()
    assert widget(at, "w_agencies").value == ["zc_kjj", "zc_zscqj"]


def test_language_switch_keeps_filters_and_translates(app):
    at = open_page("trends")
    widget(at, "w_agencies").set_value(["zc_zscqj"]).run()
    widget(at, "w_lang").set_value("en").run()
    assert_ok(at)
    assert at.title[0].value == "Trends"
    assert widget(at, "w_agencies").value == ["zc_zscqj"]
    links = [link.proto.label for link in at.get("page_link")]
    assert links[: len(PAGES)] == [i18n.t(p.label, "en") for p in PAGES]
    for el in charts(at):
        assert "演示" not in chart_words(at, el)
        assert set(chart_data(el)["agency"]) == {"IP Office"}


@pytest.mark.parametrize("page", CHART_PAGES + ["sources"])
def test_hiding_demo_data_leaves_only_real_values(app, page):
    at = open_page(page, {"demo": "0"})
    assert_ok(at)
    for el in charts(at):
        d = chart_data(el)
        if "is_demo" in d:  # (a chart is sent is_demo, which it draws by, not origin)
            assert not d["is_demo"].any()
        assert "演示数据" not in chart_words(at, el)
    if page == "sources":
        kinds = set(at.dataframe[0].value["数据类型"])
        assert kinds == {"真实数据"}


@pytest.mark.parametrize("page", [p.id for p in PAGES if not p.edits])
def test_a_filter_that_leaves_nothing_says_so(app, page):
    # the earthquake bureau has no real report of its own in 2016
    at = open_page(page, {"y0": "2016", "y1": "2016", "ag": "zc_dzj", "demo": "0"})
    assert_ok(at)
    assert not charts(at)
    assert "没有数据" in texts(at) or "无" in texts(at)


@pytest.mark.parametrize("page", IDS)
def test_no_agency_chosen_says_so(app, page):
    at = open_page(page)
    widget(at, "w_agencies").set_value([]).run()
    assert_ok(at)
    assert "请在左侧至少选择一个单位" in texts(at)
    assert not charts(at)
