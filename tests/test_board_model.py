"""Pure pieces of the board: formatting, highlighting, gaps, change, sentences, URL parsing."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from board import app as board_app
from board import highlight, i18n, model, scope

pytest_plugins = ["board_fixtures"]


@pytest.mark.parametrize(
    ("v", "unit", "q", "lang", "want"),
    [
        (12, "次", None, "zh", "12次"),
        (10, "次", "at_least", "zh", "10次以上"),
        (60, "%", "at_least", "zh", "60%以上"),
        (1000, "人次", "about", "zh", "约1,000人次"),
        (20, "工作日", None, "zh", "20个工作日"),
        (87.5, "%", None, "zh", "87.5%"),
        (10, "times", "at_least", "en", "10+ times"),
        (None, "次", None, "zh", "—"),
        (float("nan"), "次", None, "zh", "—"),
    ],
)
def test_value_text(v, unit, q, lang, want):
    assert i18n.value_text(v, unit, q, lang) == want


def test_years_text_joins_runs():
    assert (
        i18n.years_text([2016, 2017, 2018, 2020, 2022, 2023]) == "2016–2018年、2020年、2022–2023年"
    )
    assert i18n.years_text([2019], "en") == "2019"
    assert i18n.years_text([]) == ""


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "a & b", '"quoted"', "**bold** $x$ :red[x]", "<mark>x</mark>"],
)
def test_highlight_escapes_everything_but_its_own_mark(text):
    full = f"前文。{text}开展执法检查12次{text}。后文"
    n = full.index("12")
    out = highlight.sentence_html(full, full.index(text), n + 3, n, n + 2)
    assert out.count("<mark>") == 1 and "<mark>12</mark>" in out
    assert "<script" not in out and "前文" not in out and "后文" not in out
    assert highlight.esc(text) in out


def test_highlight_widens_to_the_sentence_and_falls_back_without_offsets():
    t = "一、标题\n2018年，我局共上传计划1件，开展执法检查12次，登记案件11件。下一句。"
    n = t.index("12次")
    assert highlight.sentence_html(t, t.index("开展"), n + 3, n, n + 2) == (
        "2018年，我局共上传计划1件，开展执法检查<mark>12</mark>次，登记案件11件。"
    )
    # a table row (span 0..0) or offsets that do not fit: the quote, escaped, unmarked
    assert (
        highlight.sentence_html(None, 0, 0, 0, 0, "区科技局,2019,<x>,16")
        == "区科技局,2019,&lt;x&gt;,16"
    )
    assert highlight.sentence_html("短", 0, 50, 10, 12, "q") == "q"


def frame(rows):
    df = pd.DataFrame(rows, columns=["agency_id", "year", "indicator_id", "value"])
    return df


def test_segments_break_where_a_year_is_missing():
    df = model.add_segments(frame([("a", 2016, "i", 1), ("a", 2017, "i", 2), ("a", 2019, "i", 3),
                                   ("b", 2017, "i", 4), ("b", 2018, "i", 5)]))  # fmt: skip
    segs = df.groupby("seg")["year"].apply(list).tolist()
    assert sorted(segs) == [[2016, 2017], [2017, 2018], [2019]]


def test_yoy_needs_the_year_before():
    df = model.add_yoy(frame([("a", 2016, "i", 10), ("a", 2017, "i", 15), ("a", 2019, "i", 30),
                              ("a", 2020, "i", 0), ("a", 2021, "i", 5)]))  # fmt: skip
    got = dict(zip(df["year"], df["yoy_pct"], strict=True))
    assert math.isnan(got[2016]) and got[2017] == 50 and math.isnan(got[2019])
    assert got[2020] == -100 and math.isnan(got[2021])  # from zero: no percentage


def meta():
    ag = pd.DataFrame({"agency_id": ["zc_kjj", "zc_zscqj"], "name_zh": ["科技局", "知识产权局"],
                       "short_zh": ["区科技局", "区知识产权局"], "name_en": ["S", "I"],
                       "short_en": ["Science", "IP"], "parent_id": [None, "zc_kjj"],
                       "kind": ["bureau", "subordinate"], "sort_order": [10, 20]})  # fmt: skip
    ind = pd.DataFrame({"indicator_id": ["inspections", "approval_time_cut_pct"],
                        "name_zh": ["执法检查次数", "办理时限压缩比例"], "name_en": ["Insp", "Cut"],
                        "unit": ["次", "%"], "unit_en": ["times", "%"],
                        "area": ["enforcement", "approval"], "area_zh": ["执法检查", "审批提速"],
                        "area_en": ["E", "A"], "sort_order": [1, 2], "headline": [True, True]})  # fmt: skip
    return model.meta_from(ag, ind, list(range(2016, 2026)))


def series(values: dict, indicator="inspections", agency="zc_kjj", origin="real"):
    return pd.DataFrame([
        {"agency_id": agency, "year": y, "indicator_id": indicator, "value": v, "qualifier": None,
         "status": "unverified", "origin": origin, "quote": f"{y}年开展执法检查{v}次",
         "doc_id": f"d{y}", "doc_title": f"{y}年报告", "method": "text"}
        for y, v in values.items()
    ])  # fmt: skip


def test_sentence_reads_like_a_leader_says_it():
    m = meta()
    df = series({2020: 9, 2021: 10, 2022: 11, 2023: 12, 2024: 15})
    (card,) = [
        c for c in model.cards(df, m, 2024, ["zc_kjj"], "zh") if c.indicator_id == "inspections"
    ]
    assert (
        model.sentence(card, m, "zh")
        == "仅区科技局：2024年开展执法检查15次，同比增长25%，为近五年最高。"
    )
    low = series({2021: 10, 2022: 11, 2023: 12, 2024: 8}, origin="demo")
    (card,) = [
        c for c in model.cards(low, m, 2024, ["zc_kjj"], "zh") if c.indicator_id == "inspections"
    ]
    assert (
        model.sentence(card, m, "zh")
        == "仅区科技局：2024年开展执法检查8次，同比下降33%，为近四年最低。（演示数据）"
    )
    gap = series({2021: 10, 2024: 8})
    (card,) = [
        c for c in model.cards(gap, m, 2024, ["zc_kjj"], "zh") if c.indicator_id == "inspections"
    ]
    assert model.sentence(card, m, "zh") == "仅区科技局：2024年开展执法检查8次，上年无可比数据。"
    pct = series({2023: 50, 2024: 60}, indicator="approval_time_cut_pct")
    (card,) = [c for c in model.cards(pct, m, 2024, ["zc_kjj"], "zh")
               if c.indicator_id == "approval_time_cut_pct"]  # fmt: skip
    assert (
        model.sentence(card, m, "zh")
        == "仅区科技局：2024年审批办理时限压缩60%，比上年提高10个百分点。"
    )


def test_cards_sum_counts_and_compare_like_with_like():
    m = meta()
    df = pd.concat([series({2023: 10, 2024: 12}), series({2024: 5}, agency="zc_zscqj")])
    card = model.cards(df, m, 2024, ["zc_kjj", "zc_zscqj"], "zh")[0]
    assert card.value == 17 and card.how == "全局合计（2个单位）"
    assert card.delta == 2 and card.delta_pct == 20  # only the bureau has both years
    assert card.partial_yoy
    assert "同比按两年均有数据的1个单位计算" in model.sentence(card, m, "zh")


@pytest.mark.parametrize(
    ("agencies", "unit", "want"),
    [
        (["zc_kjj", "zc_zscqj"], "次", "全局合计（2个单位）"),  # the bureau and all under it
        (["zc_kjj"], "次", "仅区科技局"),
        (["zc_zscqj"], "%", "仅区知识产权局"),
        (["zc_kjj", "zc_zscqj"], "%", "各单位分列（2个单位，不作平均）"),
        ([], "次", "本年无数据"),
    ],
)
def test_every_figure_says_whom_it_covers(agencies, unit, want):
    """Issue 13: a sum, one agency alone and a figure per agency never read alike."""
    assert scope.scope_label(meta(), agencies, unit, "zh") == want


def test_a_sum_of_some_agencies_names_them():
    base = meta()
    ag = base.agencies.reset_index()
    extra = ag.iloc[[1]].assign(agency_id="zc_dzj", short_zh="区地震局", sort_order=30)
    m = model.meta_from(pd.concat([ag, extra]), base.indicators.reset_index(), base.years)
    assert scope.scope_label(m, ["zc_kjj", "zc_dzj"], "次") == "2个单位合计（区科技局、区地震局）"


def test_percentages_of_several_agencies_are_never_averaged():
    m = meta()
    df = pd.concat([series({2023: 50, 2024: 60}, indicator="approval_time_cut_pct"),
                    series({2023: 40, 2024: 70}, indicator="approval_time_cut_pct",
                           agency="zc_zscqj")])  # fmt: skip
    card = model.card(df, m, "approval_time_cut_pct", 2024, "zh")
    assert card.value == 70 and card.by_unit  # the best, not the mean 65
    assert card.delta is None  # no 同比 of two agencies' percentages
    assert model.sentence(card, m, "zh") == (
        "各单位分列（2个单位，不作平均）：2024年办理时限压缩比例为区知识产权局70%（最高）、区科技局60%。"
    )
    assert "65" not in model.sentence(card, m, "zh")
    spark = card.spark.set_index("year")["value"]
    assert spark[2023] == 50 and spark[2024] == 70  # the best of each year, never a mean


@pytest.mark.parametrize(
    ("delta", "pct", "want"),
    [
        (0.0, 0.0, ("持平", "off", "off")),  # no change: no arrow, grey
        (1.0, 4.0, ("+1次 (+4%)", "normal", "auto")),
        (-4.0, -29.0, ("-4次 (-29%)", "normal", "auto")),
    ],
)
def test_a_card_with_no_change_shows_no_arrow(delta, pct, want):
    from board import ui

    card = model.card(series({2023: 10, 2024: 10 + delta}), meta(), "inspections", 2024, "zh")
    card.delta_pct = pct
    assert ui.metric_delta(card, "zh") == want


@pytest.mark.parametrize(
    ("qp", "want"),
    [
        (
            {},
            {
                "y0": 2016,
                "y1": 2025,
                "agencies": ["zc_kjj", "zc_zscqj"],
                "demo": True,
                "lang": "zh",
            },
        ),
        (
            {"y0": "2020", "y1": "2018", "ag": "zc_zscqj", "demo": "0", "lang": "en"},
            {"y0": 2018, "y1": 2020, "agencies": ["zc_zscqj"], "demo": False, "lang": "en"},
        ),
        (
            {"y0": "abc", "y1": "3000", "ag": "x,y", "lang": "fr"},
            {
                "y0": 2016,
                "y1": 2025,
                "agencies": ["zc_kjj", "zc_zscqj"],
                "demo": True,
                "lang": "zh",
            },
        ),
        (
            {"ag": ["zc_kjj"]},
            {"y0": 2016, "y1": 2025, "agencies": ["zc_kjj"], "demo": True, "lang": "zh"},
        ),
    ],
)
def test_filters_from_the_url(qp, want):
    got = board_app.filters_from(qp, meta())
    assert got.pop("region") == ""  # the bundled district: no region picker
    assert got.pop("banner") is True  # the demo banner shows unless a link hides it
    assert got == want


def test_the_build_progress_shows_files_and_the_pages_of_scans():
    from etl import scan_progress

    class Bar:
        def progress(self, value, text):
            self.value, self.text = value, text

    bar = Bar()
    progress = board_app.build_progress(bar, "zh")
    progress(3, 12)
    assert (bar.value, bar.text) == (0.25, board_app.i18n.t("building", "zh"))
    progress(5.5, 10, scan_progress.ScanPage("扫描件.pdf", 3, 12))
    assert bar.value == 0.55 and bar.text.endswith("正在识别 扫描件.pdf 第3/12页")
    progress(0, 0)
    assert bar.value == 0.0
    # in English the page is said in English
    board_app.build_progress(bar, "en")(1, 2, scan_progress.ScanPage("scan.pdf", 2, 5))
    assert bar.text.endswith("Reading scan.pdf by OCR, page 2 of 5")


def test_the_first_open_builds_a_missing_warehouse_with_that_callback(tmp_path, monkeypatch):
    from board_fixtures import DATA, assert_ok, charts, open_page

    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(DATA))
    at = open_page("overview")
    assert_ok(at)
    assert db.exists() and charts(at)


def test_colours_follow_the_registry_not_the_selection():
    m = meta()
    assert m.color_scale(["zc_zscqj"], "zh") == (["区知识产权局"], [model.PALETTE[1]])
    assert m.color_scale(["zc_zscqj", "zc_kjj"], "zh") == (
        ["区科技局", "区知识产权局"], [model.PALETTE[0], model.PALETTE[1]])  # fmt: skip


def test_cut_is_derived_from_days_when_not_stated():
    m = meta()
    rows = []
    for iid, v in [("approval_days_before", 20), ("approval_days_after", 5)]:
        r = series({2024: v}, indicator=iid).iloc[0].to_dict()
        rows.append(r)
    data = model.enrich(pd.DataFrame(rows), m, "zh")
    cut = model.cut_series(data, "zh")
    assert list(cut["value"]) == [75.0]
    assert list(cut["status_txt"]) == ["推算：由压缩前后时限计算"]


def _meta(rows: list[tuple[str, str, str]]) -> model.Meta:
    """Agencies (id, kind, parent id) in sort order, with names made from the id."""
    ag = pd.DataFrame(
        [{"agency_id": a, "kind": k, "parent_id": p or None, "short_zh": f"简{a}",
          "name_zh": f"全{a}", "short_en": f"s-{a}", "name_en": f"n-{a}"} for a, k, p in rows]
    )  # fmt: skip
    ind = pd.DataFrame({"indicator_id": ["inspections"], "sort_order": [1]})
    return model.meta_from(ag, ind, [2018])


@pytest.mark.parametrize(
    ("rows", "want"),
    [
        # the bureau and the agencies under it, in the registry's order
        ([("kjj", "bureau", ""), ("zscq", "agency", "kjj"), ("dzj", "agency", "kjj")],
         ["kjj", "zscq", "dzj"]),
        # an agency under another body is not chosen
        ([("x", "agency", "other"), ("kjj", "bureau", ""), ("zscq", "agency", "kjj")],
         ["kjj", "zscq"]),
        # no bureau: the first three
        ([("a", "agency", ""), ("b", "agency", ""), ("c", "agency", ""), ("d", "agency", "")],
         ["a", "b", "c"]),
        # a province of bureaus: at most eight
        ([(f"b{i}", "bureau", "") for i in range(20)], [f"b{i}" for i in range(8)]),
    ],
)  # fmt: skip
def test_default_agencies(rows, want):
    assert board_app.default_agencies(_meta(rows)) == want


def test_agency_names_by_language_and_unknown_ids_as_given():
    meta = _meta([("kjj", "bureau", ""), ("zscq", "agency", "kjj")])
    assert [meta.agency("zscq", "zh"), meta.agency("zscq", "en")] == ["简zscq", "s-zscq"]
    assert [meta.agency_full("kjj", "zh"), meta.agency_full("kjj", "en")] == ["全kjj", "n-kjj"]
    assert meta.agency("gone", "zh") == "gone"
