"""Every page in English (?lang=en), on the bundled data: what a reader sees fits, and what
the board writes itself reads as English. Names, titles and quotes from the reports stay Chinese (that is the data), but
the board's own joins between them are English: '2016: 8 times', not '2016：8 times'.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest
from board_fixtures import assert_ok, chart_spec, charts, open_page, texts

from board import claims_ui, displays, i18n, tables
from board.pages_list import PAGES
from tests import test_board_model

pytest_plugins = ["board_fixtures"]

# a Chinese mark the board put between English words or figures: Latin or a figure on its
# left, no Chinese on its right ('inspections：Enforcement', '2016：8', 'times（+100%）')
CJK = r"\u3400-\u9fff"
ZH_MARK = re.compile(rf"[A-Za-z0-9)\]] ?[：；，（）。、](?![{CJK}])")
VIEWS = [(p.id, {}) for p in PAGES] + [("compare", {"view": "first_last"}),
                                       ("meeting", {"mode": "pick"})]  # fmt: skip


def cells(at) -> str:
    """The text of every table on the page, header and cells."""
    out = []
    for el in at.dataframe:
        df = el.value
        out += [str(c) for c in df.columns] + [str(v) for v in df.astype(str).to_numpy().ravel()]
    return "\n".join(out)


def options(at) -> str:
    return "\n".join(str(o) for w in at.multiselect for o in w.options)


@pytest.mark.parametrize(("page", "query"), VIEWS, ids=[f"{p}-{q}" for p, q in VIEWS])
def test_english_pages_join_with_english_punctuation(app, page, query):
    at = open_page(page, {"lang": "en", **query})
    assert_ok(at)
    text = "\n".join([texts(at), cells(at), options(at)])
    bad = sorted({m.group(0) for m in ZH_MARK.finditer(text)})
    lines = [ln for ln in text.splitlines() if ZH_MARK.search(ln)][:5]
    assert not bad, f"{page}: Chinese punctuation in English: {bad}\n" + "\n".join(lines)


def test_first_and_last_in_english():
    """对比's first-and-last table said '2016：8 times' and '+8 times（+100%）' in English,
    and '+60%' for a rise of 60 percentage points (the overview says '+60 pts')."""
    fl = pd.DataFrame({"indicator_id": ["inspections"] * 2 + ["approval_time_cut_pct"] * 2,
                       "agency_id": ["zc_kjj"] * 4, "year": [2016, 2025, 2017, 2025],
                       "value": [8.0, 16.0, 25.0, 85.0],
                       "label": ["8 times", "16 times", "25%", "85%"],
                       "is_demo": [True] * 4})  # fmt: skip
    meta = test_board_model.meta()
    en = displays.first_last_table(fl, meta, "en")
    assert list(en["First year"]) == ["2016: 8 times", "2017: 25%"], en
    assert list(en["Change"]) == ["+8 times (+100%)", "+60 pts"], en
    zh = displays.first_last_table(fl, meta, "zh")
    assert list(zh["首年"]) == ["2016：8 times", "2017：25%"]
    assert list(zh["变化"]) == ["+8次（+100%）", "+60个百分点"], zh


@pytest.mark.parametrize(
    ("cell", "wide"),
    [("Earthquake Bureau", False), ("Items proactively disclosed", False),
     ("Administrative reconsideration cases", False), ("2016, 2018, 2020–2021, 2023, 2025", False),
     ("2016–2017年、2019–2025年", False), ("区知识产权局", False),
     ("2016年、2018年、2020–2021年、2023年、2025年", True),
     ("宁安县市场监督管理局综合行政执法大队第一中队", True),
     ("The report says 12 sessions of law training were held in the year", True)],
)  # fmt: skip
def test_a_column_is_wide_by_how_wide_its_text_is_drawn(cell, wide):
    """English names of 17 characters took the wide setting meant for long Chinese text:
    on 对比's first-and-last table the first, last and change columns were out of view, on
    数据质量's missing years the count of years."""
    df = pd.DataFrame({"a": [cell, "x"]})
    assert (tables.long_columns(df) == ["a"]) is wide


@pytest.mark.parametrize("page", ["sources", "review", "quality"])
def test_english_pages_say_where_a_sentence_is_in_english(app, page):
    """'周村区…报告 · 第21段' under each sentence on 来源, 审核 and 数据质量 in English; the
    document's title stays as it is."""
    zh, en = (open_page(page, q) for q in ({}, {"lang": "en"}))
    assert re.search(r"第\d+段", texts(zh)), "the Chinese page says 第N段"
    assert not re.search(r"第\d+[段页]", texts(en)), page
    assert re.search(r"para\. \d+", texts(en)), page


def test_location_text():
    assert i18n.location_text("第2页 第5段", "en") == "p. 2 para. 5"
    assert i18n.location_text("第21段", "zh") == "第21段"
    assert i18n.location_text("审批提速!I12", "en") == "审批提速!I12"
    assert i18n.location_text(None, "en") is None


def claim(kind, verdict, note, **kw):
    base = dict(kind=kind, verdict=verdict, note=note, unit="次", indicator_id="inspections",
                year=2023, about_year=2022, claimed=None, observed=None, this_value=None,
                other_year=2022, other_value=None)  # fmt: skip
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize(
    ("row", "want"),
    [(claim("delta", "inconsistent", "不符：报告称+4次，实际2022年46次→2023年52次，+6次",
            claimed=4.0, observed=6.0, this_value=52.0, other_value=46.0),
      "inconsistent: the report says +4 times; the figures: 2022: 46 times → 2023: 52 times, "
      "+6 times"),
     (claim("pct_change", "inconsistent", "不符：报告称+20%，实际2022年10次→2023年11次，+10%",
            claimed=20.0, observed=10.0, this_value=11.0, other_value=10.0),
      "inconsistent: the report says +20%; the figures: 2022: 10 times → 2023: 11 times, +10.0%"),
     (claim("previous_level", "inconsistent", "不符：报告称2022年为5次，2022年实际为6次",
            claimed=5.0, other_value=6.0),
      "inconsistent: the report says 2022 was 5 times; the figures: 2022: 6 times"),
     (claim("streak_zero", "inconsistent", "不符：报告称自2020年起执法检查次数均为零，实际2021年为1次",
            about_year=2020, other_year=2021, other_value=1.0, claimed=0.0),
      "inconsistent: the report says zero every year since 2020; the figures: 2021: 1 time"),
     (claim("delta", "unverifiable", "缺少2022年的执法检查次数，无法核对", claimed=4.0),
      "cannot check: no figure for Insp in 2022"),
     (claim("pct_change", "unverifiable", "2022年为0，无法算出增减百分比（…）", other_value=0.0),
      "cannot check: 2022 was 0, so there is no percentage change")],
)  # fmt: skip
def test_a_claims_check_in_english(row, want):
    """数据质量's Check column was the build's Chinese in English ('不符：报告称+4家，实际…')."""
    meta = test_board_model.meta()
    assert claims_ui.note_text(row, meta, "en") == want
    assert claims_ui.note_text(row, meta, "zh") == row.note


def test_the_quality_page_checks_in_english(app):
    html = texts(open_page("quality", {"lang": "en"}))
    assert "inconsistent: the report says +4 entities" in html
    assert "报告称" not in html and "实际" not in html


@pytest.mark.parametrize("view", ["", "first_last"])
def test_english_panel_names_take_two_lines(app, view):
    """对比's panels in English were named on one line ('Disclosure: Items proactively
    disclosed (items)'), wider than a third of the page: cut at the panel's edge, and the
    first panel's plot squeezed to half its width by its long title."""
    at = open_page("compare", {"lang": "en", **({"view": view} if view else {})})
    assert_ok(at)
    heads = {el.key.split("_", 2)[-1]: chart_spec(el)["title"]["text"] for el in charts(at)
             if el.key.startswith(("cmp_bars_", "cmp_fl_"))}  # fmt: skip
    assert heads["disclosures_proactive"] == ["Disclosure:", "Items proactively disclosed (items)"]
    assert heads["approval_time_cut_pct"] == ["Approval speed-up:", "Processing time cut (%)"]


def test_one_of_a_unit_is_singular_in_english():
    """数据质量 and 审批提速 in English said '1 items', '1 times'."""
    assert i18n.value_text(1, "items", None, "en") == "1 item"
    assert i18n.value_text(1, "entities", None, "en") == "1 entity"
    assert i18n.value_text(1, "working days", None, "en") == "1 working day"
    assert i18n.value_text(1, "%", None, "en") == "1%"
    assert i18n.value_text(2, "items", None, "en") == "2 items"
    assert i18n.value_text(1, "items", "at_least", "en") == "1+ items"
    assert i18n.signed(-1, "sessions", "en") == "−1 session"
    assert i18n.value_text(1, "项", None, "zh") == "1项"


def test_the_overviews_sentences_read_as_english(app):
    """'handled 10 cases of enforcement cases', 'carried out 29 times of enforcement
    inspections' and 'in 2025, Processing time cut: …' on the English overview."""
    at = open_page("overview", {"lang": "en"})
    lines = "\n".join(str(m.value) for m in at.markdown)
    assert "carried out enforcement inspections 29 times" in lines
    assert "handled 10 cases in law enforcement" in lines
    assert "in 2025, processing time cut: Earthquake Bureau 90% (highest)" in lines
    assert "of enforcement cases" not in lines and "Processing time cut:" not in lines


def test_the_coverage_table_headers_are_capitalised(app):
    """The overview's coverage table said 'demo data' (the mid-sentence word) as a header."""
    cols = {lang: list(open_page("overview", q).dataframe[0].value.columns)
            for lang, q in (("zh", None), ("en", {"lang": "en"}))}  # fmt: skip
    assert cols["en"] == ["Agency", "What the data covers", "Demo data", "Missing"]
    assert cols["zh"] == ["单位", "数据覆盖", "演示数据", "缺少"]
