"""Whole-document behaviour of the extractor: sections, table rows, headings, spans."""

from __future__ import annotations

import pytest

from etl.extract import extract_text
from etl.registry import Registry
from tests.conftest import DATA

REGISTRY = Registry.load(DATA)
TITLE = "区科技局2019年度法治政府建设情况报告\n\n"


def facts(body: str, agency: str = "周村区科学技术局", year: int = 2019):
    text = TITLE + body
    out = extract_text(text, agency, year, REGISTRY)
    for f in out:
        assert text[f.start : f.end] == f.quote
    return {(f.indicator, f.value, f.agency) for f in out if f.value is not None}


DOCS = [
    (  # an outlook section holds next year's plans, not facts; the next heading ends it
        "一、执法检查\n全年开展执法检查8次。\n七、下一步工作打算\n力争开展执法检查20次，培训12次。\n"
        "八、其他\n全年主动公开政府信息30条。",
        {("inspections", 8, "周村区科学技术局"), ("disclosures_proactive", 30, "周村区科学技术局")},
    ),
    (  # a heading that mentions 工作计划 inside a long first paragraph is not an outlook
        "一、压实责任。制定了本单位工作计划。年内召开法治建设专题会议3次。",
        {("legal_meetings", 3, "周村区科学技术局")},
    ),
    (  # a heading answered by 无 on its own line
        "五、因政府信息公开引发行政复议、行政诉讼情况\n无。",
        {("reconsideration_cases", 0, "周村区科学技术局"), ("litigation_cases", 0, "周村区科学技术局")},
    ),
    (  # the information-disclosure template: the first column of 规范性文件 counts
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n行政规范性文件 | 2 | 0 | 5\n"
        "申请人情况：自然人 | 商业企业 | 总计\n一、本年新收政府信息公开申请数量 | 1 | 2 | 3",
        {("normative_documents", 2, "周村区科学技术局"), ("disclosure_requests", 3, "周村区科学技术局")},
    ),
    (  # a Word table of figures, flattened to "label | value" rows
        "指标 | 数值\n执法检查次数 | 17次\n学法培训次数 | 12次\n主动公开政府信息 | 86条",
        {("inspections", 17, "周村区科学技术局"), ("trainings", 12, "周村区科学技术局"),
         ("disclosures_proactive", 86, "周村区科学技术局")},
    ),
    (  # a sentence that opens with 其中 continues the total of the sentence before it
        "全年办理行政处罚案件9件。其中简易程序案件4件。",
        {("cases", 9, "周村区科学技术局")},
    ),
    (  # the subject carries over comma clauses, and a new sentence resets it
        "区知识产权局开展专利执法检查6次，办理案件4件。全年开展执法检查10次。",
        {("inspections", 6, "周村区知识产权局"), ("cases", 4, "周村区知识产权局"),
         ("inspections", 10, "周村区科学技术局")},
    ),
    (  # Word table rows whose unit stands in the label or in a column of its own; a row with
       # one figure per year gives the report's year's, named by its header
        "指标 | 单位 | 数值\n执法检查 | 次 | 14\n主动公开政府信息（条） | 86\n网上办案率（%） | 100\n"
        "项目 | 2018年 | 2019年\n学法培训（次） | 6 | 9",
        {("inspections", 14, "周村区科学技术局"), ("disclosures_proactive", 86, "周村区科学技术局"),
         ("online_case_rate", 100, "周村区科学技术局"), ("trainings", 9, "周村区科学技术局")},
    ),
    (  # 去年 opens another year; another body as the subject is not the reporter; a body
       # named after 联合/对 is an object, and 我局 takes the subject back
        "去年开展执法检查10次，今年开展执法检查15次。区司法局对我局开展执法监督检查1次。"
        "区市场监管局全年查处案件30件，我局办理执法案件4件。区知识产权局联合区市场监管局开展检查6次。",
        {("inspections", 15, "周村区科学技术局"), ("cases", 4, "周村区科学技术局"),
         ("inspections", 6, "周村区知识产权局")},
    ),
    (  # a statistics annex whose rows are bodies and whose columns are indicators; the
       # 合计 row is several bodies' sum, no one's figure
        "附表：行政执法数据统计表\n| 单位 | 执法检查（次） | 行政处罚案件（件） |\n| 局机关 | 12 | 0 |\n"
        "| 区知识产权局 | 5 | 3 |\n| 区地震局 | 2 | 0 |\n| 合计 | 19 | 3 |",
        {("inspections", 12, "周村区科学技术局"), ("cases", 0, "周村区科学技术局"),
         ("inspections", 5, "周村区知识产权局"), ("cases", 3, "周村区知识产权局"),
         ("inspections", 2, "周村区地震局"), ("cases", 0, "周村区地震局")},
    ),
    (  # the same in tabs, the reporter's row under its short name
        "单位\t执法检查（次）\t检查企业（家次）\n区科技局\t9\t30\n区地震局\t1\t4",
        {("inspections", 9, "周村区科学技术局"), ("inspected_entities", 30, "周村区科学技术局"),
         ("inspections", 1, "周村区地震局"), ("inspected_entities", 4, "周村区地震局")},
    ),
    (  # the same table turned over: bodies across, indicators down
        "| 项目 | 区科技局 | 区知识产权局 | 区地震局 |\n| 执法检查（次） | 12 | 5 | 2 |\n"
        "| 主动公开政府信息（条） | 64 | 20 | 11 |",
        {("inspections", 12, "周村区科学技术局"), ("inspections", 5, "周村区知识产权局"),
         ("inspections", 2, "周村区地震局"), ("disclosures_proactive", 64, "周村区科学技术局"),
         ("disclosures_proactive", 20, "周村区知识产权局"), ("disclosures_proactive", 11, "周村区地震局")},
    ),
    (  # rows that name no body under such a header are no body's figures (kinds of check
       # with no unit of their own give nothing, as before)
        "| 类别 | 执法检查（次） |\n| 双随机抽查 | 5 |\n| 专项检查 | 3 |",
        set(),
    ),
    (  # a first column of row numbers (序号) is no label: the row is read past it; a unit
       # given by the column's header (数量（件）) is the unit of its figures
        "| 序号 | 项目 | 数量（件） |\n| 1 | 行政处罚案件 | 3 |\n| 2 | 行政复议案件 | 0 |\n"
        "| 3 | 政府合同审核 | 6 |",
        {("cases", 3, "周村区科学技术局"), ("reconsideration_cases", 0, "周村区科学技术局"),
         ("contracts_reviewed", 6, "周村区科学技术局")},
    ),
    (  # 序号 before a unit column, and before a row of one figure per year
        "序号\t项目\t单位\t数量\n1\t执法检查\t次\t12\n2\t行政诉讼案件\t件\t0\n"
        "| 序号 | 指标 | 2018年 | 2019年 |\n| 1 | 学法培训（次） | 4 | 5 |",
        {("inspections", 12, "周村区科学技术局"), ("litigation_cases", 0, "周村区科学技术局"),
         ("trainings", 5, "周村区科学技术局")},
    ),
    (  # a group's name in a cell spanning its rows stands in its first row only: that
       # row's figure is its own label's (执法检查（次）), not the group's (行政执法)
        "| 类别 | 项目 | 数量 |\n| 行政执法 | 执法检查（次） | 12 |\n| | 行政处罚案件（件） | 3 |\n"
        "| 学法用法 | 学法培训（次） | 6 |\n| | 培训人次（人次） | 150 |",
        {("inspections", 12, "周村区科学技术局"), ("cases", 3, "周村区科学技术局"),
         ("trainings", 6, "周村区科学技术局"), ("training_attendance", 150, "周村区科学技术局")},
    ),
    (  # a table laid across the page: indicator columns with units, one row of figures
        "| 执法检查（次） | 检查企业（家） | 行政处罚案件（件） |\n| 12 | 30 | 3 |",
        {("inspections", 12, "周村区科学技术局"), ("inspected_entities", 30, "周村区科学技术局"),
         ("cases", 3, "周村区科学技术局")},
    ),
    (  # one row a year under indicator columns: the report's year's row only
        "| 年度 | 执法检查（次） | 行政处罚案件（件） |\n| 2018年 | 9 | 1 |\n| 2019年 | 12 | 3 |\n"
        "年份\t学法培训（次）\n2018\t4\n2019\t6",
        {("inspections", 12, "周村区科学技术局"), ("cases", 3, "周村区科学技术局"),
         ("trainings", 6, "周村区科学技术局")},
    ),
    (  # the 2019 template's 其他对外管理服务事项 split into sub-rows (rowspan): the group's
       # name shifts its first sub-row one column; 行政检查's 处理决定数量 is inspections
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n行政许可 | 1 | 0 | 6\n"
        "其他对外管理服务事项 | 行政检查 | 2 | 1 | 5\n | 行政确认 | 0 | 0 | 0\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
        "其他对外管理服务事项\t行政确认\t1\t0\t3\n其他对外管理服务事项\t行政检查\t1\t0\t8",
        {("approval_volume", 6, "周村区科学技术局"), ("inspections", 5, "周村区科学技术局"),
         ("inspections", 8, "周村区科学技术局")},
    ),
    (  # a row number with its figure written in the cell stays a sentence's (1 | 执法检查 | 14次)
        "| 序号 | 项目 | 完成情况 |\n| 1 | 执法检查 | 14次 |",
        {("inspections", 14, "周村区科学技术局")},
    ),
]  # fmt: skip


@pytest.mark.parametrize("body,expected", DOCS, ids=[str(i) for i in range(len(DOCS))])
def test_document(body, expected):
    assert facts(body) == expected


def test_unregistered_science_bureau_reports_for_its_own_regions_subordinates():
    text = "博山区科学技术局2019年度法治政府建设情况报告\n\n区知识产权局办理专利案件3件。"
    got = {(f.agency, f.indicator, f.value) for f in extract_text(text, "博山区科学技术局", 2019)}
    assert got == {("博山区知识产权局", "cases", 3)}


def test_quotes_and_numbers_point_into_the_original_script():
    text = TITLE + "全年開展執法檢查１５次。"
    (f,) = extract_text(text, "周村区科学技术局", 2019, REGISTRY)
    assert f.quote == "全年開展執法檢查１５次" and text[f.num_start : f.num_end] == "１５"


@pytest.mark.parametrize(
    ("body", "quote"),
    [  # a bracket opened after the number and closed in a later clause: the quote stops there
        ("全年主动公开政府信息71条(其中，网站公开0条)。", "全年主动公开政府信息71条"),
        ("全年开展执法检查9次（其中，联合检查3次）。", "全年开展执法检查9次"),
        # a bracket the clause closes stays, and so does one before the number
        ("全年开展执法检查9次（含联合检查）。", "全年开展执法检查9次（含联合检查）"),
        ("（一）全年开展执法检查9次。", "（一）全年开展执法检查9次"),
    ],
)
def test_a_quote_does_not_end_in_a_bracket_it_opens(body, quote):
    text = TITLE + body
    got = [f for f in extract_text(text, "周村区科学技术局", 2019, REGISTRY) if f.value in (71, 9)]
    assert [f.quote for f in got] == [quote]
    assert text[got[0].start : got[0].end] == quote


def test_a_city_bureau_is_not_an_unregistered_district_bureaus_subordinate():
    text = (
        "博山区科学技术局2019年度法治政府建设情况报告\n\n"
        "市知识产权局对区知识产权局开展专项检查2次。区知识产权局办理专利案件3件。"
    )
    got = {(f.agency, f.indicator, f.value) for f in extract_text(text, "博山区科学技术局", 2019)}
    assert got == {("博山区知识产权局", "cases", 3)}


def test_a_sentence_that_never_ends_still_gives_its_figures():
    """A pasted table or a broken file can make one "sentence" of many thousand characters:
    its figures are still found, each quoted from its own piece, not the whole run."""
    from etl.extract import MAX_SENTENCE

    filler = "，".join(["相关工作稳步推进"] * 4000)
    text = f"区科技局2019年度法治政府建设情况报告\n\n{filler}，全年开展执法检查12次，{filler}"
    facts = extract_text(text, "周村区科学技术局", 2019, Registry.load(DATA))
    got = [(f.indicator, f.value) for f in facts]
    assert got == [("inspections", 12)]
    assert len(facts[0].quote) <= MAX_SENTENCE and "执法检查12次" in facts[0].quote
    assert text[facts[0].start : facts[0].end] == facts[0].quote


def test_each_fact_says_which_paragraph_it_is_in(tmp_path):
    """The location counts non-blank lines, the title being 第1段: blank lines and
    indentation do not shift it, and a quote at the very start of a line is in that line."""
    from etl.pipeline import process_file

    path = tmp_path / "r.txt"
    path.write_text("区科技局2019年度法治政府建设情况报告\n\n全年开展执法检查12次。\n\n\n"
                    "\u3000\u3000组织学法培训3次，参训120人次。\n", encoding="utf-8")  # fmt: skip
    got = {
        f.indicator: f.location for f in process_file(path, Registry.load(DATA), strict=True).facts
    }
    assert got == {"inspections": "第2段", "trainings": "第3段", "training_attendance": "第3段"}


@pytest.mark.parametrize(
    ("body", "quotes"),
    [  # a row whose first cell is empty (the group's name spans it), or whose last is
        ("| 类别 | 项目 | 数量 |\n| 行政执法 | 执法检查（次） | 12 |\n| | 行政处罚案件（件） | 3 |",
         ["行政执法 | 执法检查（次） | 12", "行政处罚案件（件） | 3"]),
        ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | \n | 行政规范性文件 | 2 | 0 | 5 | ",
         ["行政规范性文件 | 2 | 0 | 5"]),
        # a table laid across the page (as plain text and a PDF's text give it): the quote
        # is its header and its row of figures, which say what each figure counts
        ("| 执法检查（次） | 检查企业（家） |\n| 15 | 42 |",
         ["执法检查（次） | 检查企业（家） |\n| 15 | 42"] * 2),
        ("执法检查（次）\t其中：双随机抽查（次）\t行政处罚案件（件）\n12\t5\t3",
         ["执法检查（次）\t其中：双随机抽查（次）\t行政处罚案件（件）\n12\t5\t3"] * 2),
    ],
)  # fmt: skip
def test_a_rows_quote_reads_as_the_row_does(body, quotes):
    """A row's quote opens with its first cell that holds something and ends with its last:
    no pipe of an empty cell before or after it (| 行政处罚案件（件） | 3)."""
    text = TITLE + body
    got = extract_text(text, "周村区科学技术局", 2019, REGISTRY)
    assert [f.quote for f in got] == quotes
    for f in got:
        assert text[f.start : f.end] == f.quote and f.start <= f.num_start < f.num_end <= f.end


def test_other_years_figures_of_a_table_are_candidates():
    """A table's figures of other years than the report's (one row a year, or one column a
    year) are no facts of this report, and not dropped either: candidates, other_year."""
    from etl.extract import extract_all

    body = (
        "| 年度 | 执法检查（次） | 行政处罚案件（件） |\n| 2017年 | 7 | 0 |\n| 2018年 | 9 | 1 |\n"
        "| 2019年 | 12 | 3 |\n"
        "指标\t2018年\t2019年\n学法培训（次）\t4\t6\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert {(f.indicator, f.value) for f in found} == {
        ("inspections", 12), ("cases", 3), ("trainings", 6)}  # fmt: skip
    got = sorted((c.indicator, c.value, c.reason, c.quote) for c in aside)
    assert got == [
        ("cases", 0, "other_year", "2017年 | 7 | 0"),
        ("cases", 1, "other_year", "2018年 | 9 | 1"),
        ("inspections", 7, "other_year", "2017年 | 7 | 0"),
        ("inspections", 9, "other_year", "2018年 | 9 | 1"),
        ("trainings", 4, "other_year", "学法培训（次）\t4\t6"),
    ]
    for c in aside:
        assert text[c.start : c.end] == c.quote and text[c.num_start : c.num_end] == str(
            int(c.value)
        )


def test_figures_under_qizhong_are_parts_of_the_total_before_them():
    """A 其中 column (of a header, or a row's cells after its 其中) holds a part of the total
    before it: a candidate (part), the total the fact; none is dropped."""
    from etl.extract import extract_all

    body = (
        "| 执法检查（次） | 其中：双随机抽查（次） | 行政处罚案件（件） |\n| 15 | 6 | 2 |\n"
        "二、所属单位\n"
        "| 单位 | 执法检查（次） | 其中联合检查（次） | 行政处罚案件（件） |\n"
        "| 局机关 | 9 | 2 | 1 |\n| 区知识产权局 | 5 | 1 | 3 |\n"
        "三、学法\n学法培训（次） | 4 | 其中：专题讲座 | 2\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    me, ip = "周村区科学技术局", "周村区知识产权局"
    assert {(f.agency, f.indicator, f.value) for f in found} == {
        (me, "inspections", 15), (me, "cases", 2), (me, "inspections", 9), (me, "cases", 1),
        (ip, "inspections", 5), (ip, "cases", 3), (me, "trainings", 4)}  # fmt: skip
    assert sorted((c.agency, c.indicator, c.value, c.reason) for c in aside) == sorted([
        (me, "inspections", 2, "part"), (me, "inspections", 6, "part"),
        (me, "trainings", 2, "part"), (ip, "inspections", 1, "part")])  # fmt: skip
    for c in aside:
        assert text[c.num_start : c.num_end] == str(int(c.value))


def test_figures_in_a_rows_note_are_read_as_its_sentences():
    """A note cell (备注, 说明) is the report's words about its row: a 其中/含 figure in it is
    a part of the row's figure, another year's is set aside, another indicator's is a fact;
    a note's figure is never dropped."""
    from etl.extract import extract_all

    body = (
        "项目 | 数量 | 备注\n"
        "执法检查（次） | 12 | 其中联合检查4次。均已整改。\n"
        "行政处罚案件（件） | 3 | 含简易程序1件\n"
        "学法培训（次） | 5 | 参训干部共160人次，2018年为4次\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert {(f.indicator, f.value) for f in found} == {
        ("inspections", 12), ("cases", 3), ("trainings", 5), ("training_attendance", 160)}  # fmt: skip
    assert sorted((c.indicator, c.value, c.reason, c.quote) for c in aside) == [
        ("cases", 1, "ambiguous", "含简易程序1件"),  # no words of its own: the row's
        ("inspections", 4, "part", "其中联合检查4次"),
        ("trainings", 4, "other_year", "2018年为4次"),
    ]


def test_a_figure_set_aside_in_a_sentence_of_its_area_is_kept_in_its_unit():
    """A figure set aside for a reason (another year's, a stock) whose sentence names its
    area only by a word of another unit (参训干部…人次 beside 4次) is a candidate of the
    area's headline (trainings) where that takes its unit, not dropped; a unit the headline
    does not take names no other indicator of the area by guess (比上年增加3件 beside
    执法检查: no inspection plans)."""
    from etl.extract import extract_all

    body = "参训干部共160人次，2018年为4次。\n全年开展执法检查15次，比上年增加3件。\n"
    found, aside = extract_all(TITLE + body, "周村区科学技术局", 2019, REGISTRY)
    assert sorted((f.indicator, f.value) for f in found) == [
        ("inspections", 15), ("training_attendance", 160)]  # fmt: skip
    assert sorted((c.indicator, c.value, c.reason) for c in aside) == [
        ("trainings", 4, "other_year")]  # fmt: skip


def test_kinds_under_a_generic_unit_header_are_parts_of_the_first_total():
    """Rows of one indicator in one table (项目 | 数量（次）: 执法检查 | 15, 双随机抽查 | 6,
    专项检查 | 4) give one value: the first, the table's total; a later smaller one is a
    kind of it, a candidate (part), as in a sentence (开展执法检查15次，双随机抽查6次).
    A later larger one stays a second value (the board shows the dispute), and another
    table starts afresh."""
    from etl.extract import extract_all

    body = (
        "项目 | 数量（次）\n执法检查 | 15\n双随机抽查 | 6\n专项检查 | 4\n学法培训 | 5\n"
        "二、其他\n类别 | 数量（次）\n专项检查 | 4\n执法检查 | 16\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert sorted((f.indicator, f.value) for f in found) == [
        ("inspections", 4), ("inspections", 15), ("inspections", 16), ("trainings", 5)]  # fmt: skip
    assert sorted((c.indicator, c.value, c.reason, c.quote) for c in aside) == [
        ("inspections", 4, "part", "专项检查 | 4"), ("inspections", 6, "part", "双随机抽查 | 6")]  # fmt: skip


def test_a_total_row_after_the_kinds_makes_them_its_parts():
    """Kinds of one indicator, then 合计 | 10 last: the 合计 is the stated total, and the
    kinds that were taken as facts (the first, and a later larger one) become its parts,
    candidates; a later table starts afresh."""
    from etl.extract import extract_all

    body = (
        "项目 | 数量（次）\n日常检查 | 3\n双随机抽查 | 5\n专项检查 | 2\n合计 | 10\n"
        "二、学法\n学法培训（次） | 6\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert sorted((f.indicator, f.value, f.quote) for f in found) == [
        ("inspections", 10, "合计 | 10"), ("trainings", 6, "学法培训（次） | 6")]  # fmt: skip
    assert sorted((c.indicator, c.value, c.reason, c.quote) for c in aside) == [
        ("inspections", 2, "part", "专项检查 | 2"), ("inspections", 3, "part", "日常检查 | 3"),
        ("inspections", 5, "part", "双随机抽查 | 5")]  # fmt: skip
    for x in (*found, *aside):
        assert text[x.start : x.end] == x.quote and text[x.num_start : x.num_end] == str(
            int(x.value)
        )


def test_a_rows_label_with_a_veto_word_keeps_its_figure_as_a_candidate():
    """现行有效规范性文件总数 | 件 | 9, 累计培训人次（人次） | 500, 计划开展执法检查（次） | 20: no
    facts of the year (a stock, a stock, a plan), and not dropped either: candidates of the
    indicator the label names without its veto word, with that word's reason."""
    from etl.extract import extract_all

    body = (
        "现行有效规范性文件总数 | 件 | 9\n累计培训人次（人次） | 500\n"
        "计划开展执法检查（次） | 20\n学法培训（次） | 4\n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert [(f.indicator, f.value) for f in found] == [("trainings", 4)]
    assert sorted((c.indicator, c.value, c.reason) for c in aside) == [
        ("inspections", 20, "plan"), ("normative_documents", 9, "stock"),
        ("training_attendance", 500, "stock")]  # fmt: skip


def test_a_note_column_under_a_unit_header_keeps_the_rows_figures():
    """项目 | 数量（次） | 备注: a note that opens with 其中 is no 其中 column of the row (its
    figure is read as the note's), and a row whose note is empty, one cell short, still
    takes its unit from the header."""
    from etl.extract import extract_all

    body = (
        "项目 | 数量（次） | 备注\n学法培训 | 6 | 其中线上培训2次，参训干部共计140人次。\n"
        "法治专题会议 | 3 | \n"
    )
    text = TITLE + body
    found, aside = extract_all(text, "周村区科学技术局", 2019, REGISTRY)
    assert sorted((f.indicator, f.value) for f in found) == [
        ("legal_meetings", 3), ("training_attendance", 140), ("trainings", 6)]  # fmt: skip
    assert [(c.indicator, c.value, c.reason, c.quote) for c in aside] == [
        ("trainings", 2, "part", "其中线上培训2次")]  # fmt: skip
