"""Whole pages saved from bureaus' websites (tests/fixtures/webpages/): the facts each
should give, per ../shared/spec/indicators.md.

The pages are our own, written in the shapes real pages were found in (site chrome,
metadata tables, titles split over two centred lines, headings run into their paragraph,
Word's MsoNormal spans, the 2019 and 2021 信息公开 templates with rowspan/colspan); places
and figures are invented. See tests/fixtures/webpages/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import pipeline
from etl.readers.html import page_text

PAGES = Path(__file__).parent / "fixtures" / "webpages"

QH, HT, TX, ML = "青禾县科学技术局", "鹤汀县地震局", "桐溪县知识产权局", "梅岭县科学技术局"
TL, TL_IP = "澜石市汀兰区科学技术局", "澜石市汀兰区知识产权局"
BT, TD, QI = "宁川市北塘区知识产权局", "桐溪县地震局", "青禾县知识产权局"
NC, YZ, HK = "宁川市科学技术局", "云泽省地震局", "鹤汀县科学技术局"
TK, MI = "桐溪县科学技术局", "梅岭县知识产权局"
EXPECTED = {
    "w01_qinghe_kjj_2021_xxgk.html": (QH, 2021, [
        (QH, "disclosures_proactive", 86), (QH, "disclosure_requests", 0),
        (QH, "normative_documents", 1), (QH, "approval_volume", 9), (QH, "cases", 2),
        (QH, "reconsideration_cases", 0), (QH, "litigation_cases", 0),
    ]),
    "w02_heting_dzj_2019_xxgk.html": (HT, 2019, [
        (HT, "disclosures_proactive", 52), (HT, "disclosure_requests", 0),
        (HT, "reconsideration_cases", 0), (HT, "litigation_cases", 0),
        (HT, "normative_documents", 0), (HT, "approval_volume", 6), (HT, "cases", 0),
        (HT, "inspections", 4),  # 其他对外管理服务事项's 行政检查 sub-row, shifted one column
    ]),
    "w03_tongxi_zscqj_2022_fzzf.html": (TX, 2022, [
        (TX, "legal_meetings", 3), (TX, "trainings", 6), (TX, "training_attendance", 120),
        (TX, "inspections", 14), (TX, "inspected_entities", 37), (TX, "cases", 5),
        (TX, "certified_officers", 9), (TX, "reconsideration_cases", 0),
        (TX, "litigation_cases", 1), (TX, "contracts_reviewed", 4), (TX, "legal_reviews", 7),
    ]),
    # Word's HTML: numbers split over spans with a line break of the source between them
    "w04_meiling_kjj_2023_fzzf.htm": (ML, 2023, [
        (ML, "legal_meetings", 2), (ML, "trainings", 11), (ML, "training_attendance", 340),
        (ML, "inspections", 16), (ML, "inspected_entities", 25),
        ("梅岭县地震局", "inspections", 7),
        (ML, "reconsideration_cases", 0), (ML, "litigation_cases", 0),
    ]),
    # statistics tables whose rows open with 序号 and whose unit stands in the header
    "w05_tinglan_kjj_2020_fzzf.html": (TL, 2020, [
        (TL, "approval_volume", 43), (TL_IP, "inspections", 9), (TL_IP, "cases", 4),
        (TL, "inspections", 12), (TL, "trainings", 5), (TL, "legal_meetings", 2),
        (TL, "reconsideration_cases", 0), (TL, "litigation_cases", 1),
        (TL, "contracts_reviewed", 6),
    ]),
    # GB18030 bytes; labels and figures of the template's rows are links to the site's lists
    # (two channels with no stated total: no disclosure figure, both set aside as parts)
    "w06_beitang_zscqj_2023_xxgk.html": (BT, 2023, [
        (BT, "disclosure_requests", 1), (BT, "normative_documents", 2),
        (BT, "approval_volume", 15), (BT, "cases", 4),
        (BT, "reconsideration_cases", 0), (BT, "litigation_cases", 0),
    ]),
    # no title anywhere: the metadata in <dt>/<dd> blocks names the publisher, whose full
    # name the opening sentence's 县地震局 takes; the year is the opening's, not the 索引号's
    "w07_tongxi_dzj_2024_fzzf.html": (TD, 2024, [
        (TD, "trainings", 2), (TD, "training_attendance", 31), (TD, "law_exam_pass_rate", 100),
        (TD, "inspections", 11), (TD, "cases", 0), (TD, "approval_days_before", 20),
        (TD, "approval_days_after", 8), (TD, "approval_volume", 9),
        (TD, "disclosures_proactive", 42), (TD, "disclosure_requests", 0),
        (TD, "reconsideration_cases", 0), (TD, "litigation_cases", 0),
    ]),
    # pasted from a WeChat article: &#8203;, &#xFEFF; and &shy; inside the figures
    "w08_qinghe_zscqj_2025_fzzf.html": (QI, 2025, [
        (QI, "inspections", 23), (QI, "inspected_entities", 116), (QI, "cases", 14),
        (QI, "trainings", 5), (QI, "training_attendance", 260),
        (QI, "reconsideration_cases", 0), (QI, "litigation_cases", 0),
    ]),
    # a statistics table whose rows are grouped under cells spanning them (rowspan)
    "w09_ningchuan_kjj_2022_fzzf.html": (NC, 2022, [
        (NC, "inspections", 27), (NC, "inspected_entities", 64), (NC, "cases", 2),
        (NC, "contracts_reviewed", 11), (NC, "legal_reviews", 19), (NC, "trainings", 8),
        (NC, "training_attendance", 460), (NC, "reconsideration_cases", 1),
        (NC, "litigation_cases", 0), (NC, "disclosures_proactive", 318),
        (NC, "disclosure_requests", 6),
    ]),
    # old layout tables; a table of figures with a 备注 column of whole sentences
    "w10_yunze_dzj_2016_yfxz.htm": (YZ, 2016, [
        (YZ, "inspections", 36), (YZ, "inspected_entities", 58), (YZ, "cases", 1),
        (YZ, "certified_officers", 24), (YZ, "trainings", 2), (YZ, "training_attendance", 85),
        (YZ, "reconsideration_cases", 0), (YZ, "litigation_cases", 0),
    ]),
    # 相关新闻 with dates and 热点排行 with counts, their headlines full of figures
    "w11_heting_kjj_2018_xxgk.html": (HK, 2018, [
        (HK, "disclosures_proactive", 73), (HK, "disclosure_requests", 2),
        (HK, "reconsideration_cases", 0), (HK, "litigation_cases", 0),
    ]),
    # a table laid across the page (one row of figures under indicator columns), and one
    # row a year under indicator columns (the report's year's row only)
    "w12_tongxi_kjj_2023_fzzf.html": (TK, 2023, [
        (TK, "inspections", 15), (TK, "inspected_entities", 42), (TK, "cases", 2),
        (TK, "certified_officers", 7), (TK, "trainings", 7), (TK, "training_attendance", 210),
        (TK, "legal_reviews", 14), (TK, "reconsideration_cases", 0), (TK, "litigation_cases", 0),
    ]),
    # a table laid across the page with a 其中 column; kinds under a unit-only header with a
    # note column; one row a year (the earlier years set aside, and claims about them)
    "w23_meiling_zscqj_2021_fzzf.html": (MI, 2021, [
        (MI, "inspections", 18), (MI, "inspected_entities", 35), (MI, "cases", 3),
        (MI, "trainings", 6), (MI, "training_attendance", 140),
        (MI, "reconsideration_cases", 0), (MI, "litigation_cases", 0),
    ]),
}  # fmt: skip

# What the pages set aside (candidates), where a shape of table is about what is not a fact
ASIDE = {
    "w23_meiling_zscqj_2021_fzzf.html": [
        ("inspections", 7, "part", "其中：双随机抽查（次） | 7"),
        ("trainings", 2, "part", "其中线上培训2次"),
        ("trainings", 2, "part", "专题法治讲座 | 2"),
        ("inspections", 11, "other_year", "2019年 | 11 | 1"),
        ("cases", 1, "other_year", "2019年 | 11 | 1"),
        ("inspections", 14, "other_year", "2020年 | 14 | 2"),
        ("cases", 2, "other_year", "2020年 | 14 | 2"),
        ("inspections", 20, "plan", "计划开展执法检查不少于20次"),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", ASIDE)
def test_saved_page_sets_aside_what_is_not_a_fact(name):
    p = pipeline.process_file(PAGES / name, None, strict=False)
    got = sorted((c.indicator, c.value, c.reason, c.quote) for c in p.candidates)
    assert got == sorted((i, float(v), r, q) for i, v, r, q in ASIDE[name])
    claims = sorted((c.kind, c.indicator, c.value, c.about_year) for c in p.claims)
    assert claims == sorted(
        ("previous_level", i, float(v), int(q[:4]))
        for i, v, r, q in ASIDE[name]
        if r == "other_year"
    )


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_page_gives_its_facts(name):
    agency, year, facts = EXPECTED[name]
    p = pipeline.process_file(PAGES / name, None, strict=False)
    assert (p.agency, p.year) == (agency, year)
    got = sorted((f.agency, f.indicator, f.value) for f in p.facts)
    assert got == sorted((a, i, float(v)) for a, i, v in facts)


def _body(markup: str) -> str:
    text, _ = page_text(f"<html><body><div class='article'>{markup}</div></body></html>")
    return text.strip()


SPLIT_NUMBERS = {
    "digits in two spans, a source line break between": (
        "<p>开展执法检查<span>1</span>\n<span>6</span>次。</p>", "开展执法检查16次。"),
    "Word's wrapped markup, the break between two runs": (
        "<p>参学<span lang=EN-US>3</span></span>\n  <span\nlang=EN-US>40</span>人次。</p>",
        "参学340人次。"),
    "full-width digits": ("<p>检查<span>２</span>\r\n<span>５</span>家。</p>", "检查２５家。"),
    "a zero-width space inside a number": ("<p>检查1&#8203;2次。</p>", "检查12次。"),
    "a BOM and a soft hyphen inside numbers": (
        "<p>案件&#xFEFF;1&#xFEFF;4件，检查1&shy;16家次。</p>", "案件14件，检查116家次。"),
    "inside one text node (a PDF's line width)": (
        "<p>全年开展执法检查1\n6次，检查企业2\r\n5家。</p>", "全年开展执法检查16次，检查企业25家。"),
    "a line break of <pre> is shown, and stays a line": (
        "<pre>执法检查（次） 12\n3月起开展专项检查</pre>", "执法检查（次） 12\n3月起开展专项检查"),
    "a <br> between two numbers stays a line": (
        "<p>执法检查12<br>3月起开展专项检查</p>", "执法检查12\n3月起开展专项检查"),
    "a space typed between two numbers stays": ("<p>编号 1 2</p>", "编号 1 2"),
    "a line break between a number and a word stays a space": (
        "<p>执法检查<span>12</span>\n<span>次</span></p>", "执法检查12 次"),
}  # fmt: skip


@pytest.mark.parametrize("case", SPLIT_NUMBERS)
def test_a_number_split_over_source_lines_is_one_number(case):
    markup, want = SPLIT_NUMBERS[case]
    assert _body(markup) == want


LINKED_CELLS = {
    "a row's label a link": (
        "<tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
        "<tr><td><a href='/sgs/xzxk/'>行政许可</a></td><td>15</td></tr>",
        "行政许可 | 15"),
    "a row's figure a link": (
        "<tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
        "<tr><td>行政处罚</td><td><p><a href='/sgs/xzcf/'>4</a></p></td></tr>",
        "行政处罚 | 4"),
}  # fmt: skip


@pytest.mark.parametrize("case", LINKED_CELLS)
def test_a_linked_cell_of_a_data_table_is_kept_in_its_column(case):
    rows, want = LINKED_CELLS[case]
    assert want in _body(f"<table border=1>{rows}</table>").splitlines()


def test_a_table_of_links_only_is_still_a_menu():
    menu = "<table><tr><td><a href='/'>网站首页</a></td><td><a href='/gk'>信息公开</a></td></tr></table>"
    assert _body(menu + "<p>全年开展执法检查3次。</p>") == "全年开展执法检查3次。"


FIELDS_IN_BLOCKS = {
    "<dt> and <dd>": "<dl><dt>发布机构：</dt><dd>鹤汀县科技局</dd><dt>成文日期：</dt><dd>2024-02-01</dd></dl>",
    "a key without its colon": "<dl><dt>发布机构</dt><dd>鹤汀县科技局</dd><dt>成文日期</dt><dd>2024-02-01</dd></dl>",
    "label and value in divs of their own": (
        "<div><div class=k>发布机构：</div><div class=v>鹤汀县科技局</div></div>"
        "<div><div class=k>成文日期：</div><div class=v>2024-02-01</div></div>"),
}  # fmt: skip


@pytest.mark.parametrize("case", FIELDS_IN_BLOCKS)
def test_a_metadata_field_over_two_blocks_is_one_field(case):
    text = _body(FIELDS_IN_BLOCKS[case] + "<p>2023年，县科技局开展执法检查3次。</p>")
    assert text.splitlines()[:2] == ["发布机构：鹤汀县科技局", "成文日期：2024-02-01"]


def test_a_key_word_alone_in_the_body_takes_no_value():
    text = _body("<p>2023年，县科技局开展执法检查3次。</p><p>来源</p><p>县科技局办公室</p>")
    assert text.splitlines()[-2:] == ["来源", "县科技局办公室"]


NOTE_COLUMN = (
    "<table border=1><tr><td>项目</td><td>数量</td><td>说明</td></tr>"
    "<tr><td>执法检查（次）</td><td>12</td><td>含双随机抽查5次。均已公示。</td></tr>"
    "<tr><td>行政处罚案件（件）</td><td>3</td><td>全部办结。</td></tr></table>"
)


def test_a_table_of_figures_with_a_note_column_stays_a_table():
    assert _body(NOTE_COLUMN).splitlines() == [
        "项目 | 数量 | 说明",
        "执法检查（次） | 12 | 含双随机抽查5次。均已公示。",
        "行政处罚案件（件） | 3 | 全部办结。",
    ]


def test_a_layout_table_keeps_its_cells_apart():
    layout = (
        "<table><tr><td><p>2023年，县科技局开展执法检查3次。组织培训2次。</p></td>"
        "<td>执法检查</td><td>12</td></tr></table>"
    )
    assert _body(layout).splitlines() == [
        "2023年，县科技局开展执法检查3次。组织培训2次。",
        "执法检查",
        "12",
    ]


def test_a_short_article_in_a_layout_table_with_counters_stays_prose():
    article = "<p>2023年，县科技局开展执法检查3次。组织培训2次。</p>" * 3
    page = f"<table><tr><td>{article}</td></tr><tr><td>226</td></tr><tr><td>3</td></tr></table>"
    lines = _body(page).splitlines()
    assert lines[:3] == ["2023年，县科技局开展执法检查3次。组织培训2次。"] * 3


def test_a_hit_counter_does_not_keep_a_layout_tables_menu():
    menu = "<a href=/a>通知公告</a><a href=/b>工作动态</a><a href=/c>政策法规</a>"
    page = (
        f"<table><tr><td>{menu}</td><td><p>2023年，县科技局开展执法检查3次。</p></td></tr>"
        "<tr><td>226</td><td></td></tr></table>"
    )
    assert "通知公告" not in _body(page)


RELATED_LISTS = {
    "dates after the headlines": "<li><a href=/1>区知识产权局开展执法检查12次</a><span>2021-03-05</span></li>"
    "<li><a href=/2>局机关举办培训4场</a><span>2021-02-11</span></li>",
    "bracketed dates before them": "<li><span>[03-05]</span><a href=/1>区知识产权局开展执法检查12次</a></li>"
    "<li><span>[02-11]</span><a href=/2>局机关举办培训4场</a></li>",
    "dates in Chinese": "<li><a href=/1>区知识产权局开展执法检查12次</a>2021年3月5日</li>"
    "<li><a href=/2>局机关举办培训4场</a>2021年2月11日</li>",
}


@pytest.mark.parametrize("case", RELATED_LISTS)
def test_a_list_of_dated_headlines_is_no_part_of_the_report(case):
    page = f"<p>2023年，局机关开展执法检查3次。</p><div class=xgxw><ul>{RELATED_LISTS[case]}</ul></div>"
    assert _body(page) == "2023年，局机关开展执法检查3次。"


TITLES = {  # the date a page sets beside its title is no part of the title
    "w02_heting_dzj_2019_xxgk.html": "鹤汀县地震局2019年政府信息公开工作年度报告",
    "w06_beitang_zscqj_2023_xxgk.html": "2023宁川市北塘区知识产权局政府信息公开年报",
    "w09_ningchuan_kjj_2022_fzzf.html": "宁川市科学技术局2022年法治政府建设年度报告",
}


@pytest.mark.parametrize("name", TITLES)
def test_a_saved_page_shows_its_reports_title(name):
    assert pipeline.process_file(PAGES / name, None, strict=False).title == TITLES[name]


def test_a_date_beside_the_title_becomes_a_field():
    text = _body(
        "<div>青禾县科技局2021年法治政府建设情况报告　时间：2022-01-31 09:12</div><p>全年开展执法检查3次。</p>"
    )
    assert text.splitlines() == [
        "发布时间：2022-01-31 09:12",
        "",
        "青禾县科技局2021年法治政府建设情况报告",
        "全年开展执法检查3次。",
    ]


TAB_TITLES = {
    "site after a hyphen": ("桐溪县知识产权局2022年法治政府建设情况报告-桐溪县人民政府", "桐溪县知识产权局2022年法治政府建设情况报告"),
    "a span of years keeps its hyphen": ("桐溪县知识产权局2016-2020年法治工作总结", "桐溪县知识产权局2016-2020年法治工作总结"),
}  # fmt: skip


@pytest.mark.parametrize("case", TAB_TITLES)
def test_a_tab_title_loses_the_sites_name(case):
    tab, want = TAB_TITLES[case]
    page = f"<html><head><title>{tab}</title></head><body><p>一年来，我局开展执法检查3次。</p></body></html>"
    assert page_text(page)[0].splitlines()[0] == f"网页标题：{want}"


def test_every_saved_page_has_its_facts_written_down():
    from test_readers_html_pages_more import EXPECTED as MORE  # w13–w22
    from test_readers_html_pages_round2 import EXPECTED as ROUND2  # w24–w27

    pages = {p.name for p in PAGES.iterdir() if p.suffix in (".html", ".htm", ".mht", ".mhtml")}
    assert pages == set(EXPECTED) | set(MORE) | set(ROUND2)


_PAGE_TWO = (
    "<p>二、主动公开政府信息情况</p><p>全年共收到政府信息公开申请3件，均已在法定期限内答复。</p>"
    "<table border=1><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
    "<tr><td>行政许可</td><td>12</td></tr><tr><td>行政处罚</td><td>1</td></tr></table>"
)
HIDDEN = {  # markup: the table of figures is read once, wherever it stands; menus never
    "a pager's second page (第1页/共2页)": (
        "<p>一、总体情况。全年主动公开信息104条。</p><div class=pager>第1页/共2页 下一页</div>"
        f"<div id=page2 style='display: none'>{_PAGE_TWO}</div>"),
    "a hidden copy of text shown above": (
        f"<div>{_PAGE_TWO}</div><div class=m-article style='display:none'>{_PAGE_TWO}</div>"),
    "a hidden copy that opens with lines of its own": (
        f"<div>{_PAGE_TWO}</div><div class=m-article style='display:none'>"
        f"<p>返回顶部 分享到微信 打印本页</p>{_PAGE_TWO}</div>"),
    "a hidden menu": (
        f"<div>{_PAGE_TWO}</div><ul style='display:none'><li><a href=/a>通知公告</a></li>"
        "<li><a href=/b>行政许可</a></li></ul>"),
}  # fmt: skip


@pytest.mark.parametrize("case", HIDDEN)
def test_a_hidden_block_is_read_only_when_it_is_more_of_the_report(case):
    lines = _body(HIDDEN[case]).splitlines()
    assert lines.count("行政许可 | 12") == 1
    assert "通知公告" not in lines


def test_a_blank_field_does_not_take_the_title_as_its_value():
    page = "<div>索引号：QH-2022-01</div><div>文号：</div><h1>青禾县科学技术局2021年法治政府建设情况报告</h1>"
    lines = _body(page + "<p>一年来，我局开展执法检查3次。</p>").splitlines()
    assert "青禾县科学技术局2021年法治政府建设情况报告" in lines


def test_a_blank_field_does_not_take_the_first_sentence_as_its_value():
    page = "<div>索引号：QH-2022-01</div><div>文号：</div><p>一年来，我局开展执法检查3次。</p>"
    assert _body(page).splitlines()[-1] == "一年来，我局开展执法检查3次。"


LAID_ACROSS = (
    "<table border=1><tr><th>执法检查（次）</th><th>其中：双随机抽查（次）</th>"
    "<th>检查企业（家）</th></tr><tr><td>15</td><td>6</td><td>42</td></tr></table>"
)


def test_a_table_laid_across_the_page_is_written_one_column_a_line():
    """Indicator columns with their units over one row of figures: each figure is written
    beside its column's name (执法检查（次） | 15), so that its quote says what it counts;
    its place stays the cell of the row of figures."""
    text, parts = page_text(f"<html><body><div>{LAID_ACROSS}</div></body></html>")
    assert text.splitlines() == [
        "执法检查（次） | 15", "其中：双随机抽查（次） | 6", "检查企业（家） | 42"]  # fmt: skip
    at = {text[s:e]: label for s, e, label in parts}
    assert (at["15"], at["6"], at["42"]) == ("表1 第2行第1列", "表1 第2行第2列", "表1 第2行第3列")


def test_a_laid_across_tables_facts_quote_their_column(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>桐溪县科学技术局2023年度法治政府建设情况报告</title></head><body>"
        f"<h1>桐溪县科学技术局2023年度法治政府建设情况报告</h1>{LAID_ACROSS}</body></html>",
        encoding="utf-8",
    )
    p = pipeline.process_file(page, None, strict=False)
    got = sorted((f.indicator, f.value, f.quote, f.location) for f in p.facts)
    assert got == [
        ("inspected_entities", 42, "检查企业（家） | 42", "表1 第2行第3列"),
        ("inspections", 15, "执法检查（次） | 15", "表1 第2行第1列"),
    ]
    assert [(c.value, c.reason, c.quote) for c in p.candidates] == [
        (6, "part", "其中：双随机抽查（次） | 6")]  # fmt: skip
    for f in (*p.facts, *p.candidates):
        assert p.text[f.start : f.end] == f.quote
        assert p.text[f.num_start : f.num_end] == str(int(f.value))
