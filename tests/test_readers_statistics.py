"""统计表 as offices fill them in: agencies as rows, indicators as columns, the year in the
title (or sheet or file name), units in the headers, a 合计 row that checks the parts,
formulas, 不适用 cells, notes and several sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.pipeline import process_file
from etl.readers import read
from etl.readers.table_formulas import _eval
from etl.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
BUREAU, IP, QUAKE = "周村区科学技术局", "周村区知识产权局", "周村区地震局"


@pytest.fixture(scope="module")
def registry():
    return Registry.load(ROOT / "data")


def _statistics_workbook(path: Path, *, cached_total: int = 25) -> Path:
    """Two years of a 统计表 and an explanation sheet, as an office would keep them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2023年"
    ws.append(["2023年度法治政府建设统计表"])  # row 1
    ws.merge_cells("A1:F1")
    ws.append(["填报单位：周村区科学技术局", None, None, "填报日期：2024年1月15日"])  # row 2
    ws.append(["单位", "执法情况", None, "主动公开信息(条)", "学法培训（次）", "备注"])  # 3
    ws.append([None, "检查次数（次）", "检查对象（家）", None, None, None])  # row 4
    ws.merge_cells("B3:C3")
    ws.merge_cells("A3:A4")
    ws.append(["区科技局", 12, 30, 120, 4, "含联合检查"])  # row 5
    ws.append(["区知识产权局", 8, "—", 35, "-", None])  # row 6
    ws.append(["地震局", 5, 10, "/", None, None])  # row 7
    ws.append(["合计", "=SUM(B5:B7)", "=C5+C6+C7", "=SUM(D5:D7)", "=SUM(E5:E7)", None])  # 8
    ws.append(["注：检查次数含双随机抽查；“—”表示不适用。"])  # row 9
    ws.append(["填表人：张三", None, "审核人：李四"])  # row 10

    old = wb.create_sheet("2022年")
    old.append(["单位名称", "执法检查（次）", "检查对象（户）", "执法检查（人）"])
    old.append(["周村区科学技术局", 10, "=1+2", 3])  # an unknown formula result, computed
    old.append(["区知识产权局", 6, "=MAX(1,2)", 2])  # cannot be computed: said plainly
    old.append(["总计", 17, 3, 5])  # wrong: 10 + 6 = 16
    old.append(["说明：本表由法制科汇总。"])

    wb.create_sheet("填表说明").append(["1. 检查次数以执法记录为准。", "2. 不适用的填“—”。"])
    wb.save(path)
    if cached_total is not None:
        _cache_values(path, {"2023年": {"B8": cached_total, "C8": 40, "D8": 155, "E8": 4}})
    return path


def _cache_values(path: Path, values: dict[str, dict[str, int]]) -> None:
    """Store a saved result beside some formulas, as Excel would have when saving."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    for sheet_no, (_, cells) in enumerate(values.items(), start=1):
        name = f"xl/worksheets/sheet{sheet_no}.xml"
        xml = files[name].decode()
        for ref, v in cells.items():
            xml, n = re.subn(
                rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{v}</v>", xml
            )
            assert n == 1, (ref, xml[:2000])
        files[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)


def _facts(p):
    return sorted((f.agency, f.year, f.indicator, f.value, f.location) for f in p.facts)


def test_statistics_workbook_reads_every_cell(tmp_path, registry):
    path = _statistics_workbook(tmp_path / "法治统计表.xlsx")
    p = process_file(path, registry, strict=True)
    assert _facts(p) == sorted(
        [
            (BUREAU, 2023, "inspections", 12, "2023年!B5"),
            (BUREAU, 2023, "inspected_entities", 30, "2023年!C5"),
            (BUREAU, 2023, "disclosures_proactive", 120, "2023年!D5"),
            (BUREAU, 2023, "trainings", 4, "2023年!E5"),
            (IP, 2023, "inspections", 8, "2023年!B6"),
            (IP, 2023, "disclosures_proactive", 35, "2023年!D6"),
            (QUAKE, 2023, "inspections", 5, "2023年!B7"),
            (QUAKE, 2023, "inspected_entities", 10, "2023年!C7"),
            (BUREAU, 2022, "inspections", 10, "2022年!B2"),
            (BUREAU, 2022, "inspected_entities", 3, "2022年!C2"),
            (IP, 2022, "inspections", 6, "2022年!B3"),
        ]
    )
    # nothing from the 合计/总计 rows, the notes, the 填报日期 or the explanation sheet
    assert all(f.location[-1] not in "89" for f in p.facts if f.location.startswith("2023"))
    assert all(f.method == "table" and f.rule == "table" for f in p.facts)
    first = next(f for f in p.facts if f.location == "2023年!B5")
    assert first.quote == (
        "区科技局 | 2023年 | 执法情况 检查次数（次）：12 | 执法情况 检查对象（家）：30 | "
        "主动公开信息(条)：120 | 学法培训（次）：4 | 备注：含联合检查"
    )
    assert first.unit == "次"


def test_statistics_workbook_problems(tmp_path, registry):
    p = process_file(_statistics_workbook(tmp_path / "表.xlsx"), registry, strict=True)
    problems = "\n".join(p.problems)
    # the 2023 合计 agrees with its parts (cached 25 = 12 + 8 + 5, and so on): no problem
    assert "工作表 2023年" not in problems, problems
    # a wrong 总计 is reported with both numbers, the sheet and the column
    assert (
        "工作表 2022年 第4行“总计”与各单位之和不一致：“执法检查（次）”列（B4）总计为 17，"
        "第2—3行之和为 16" in problems
    )
    # a formula without a saved result that is no plain sum is said plainly
    assert "工作表 2022年 C3：公式“=MAX(1,2)”没有保存计算结果" in problems
    # the header unit 人 is not one of 次's: the column is set aside with its reason
    assert (
        "工作表 2022年 D列：表头“执法检查（人）”的计量单位“人”不是指标“执法检查次数”的单位"
        "（次、轮、场次、批次），该列未载入" in problems
    )
    assert "工作表 填表说明：没有找到表头" in problems
    assert not any("2022年!D" in f.location for f in p.facts)


def test_wrong_total_in_the_first_sheet(tmp_path, registry):
    path = _statistics_workbook(tmp_path / "表.xlsx", cached_total=26)
    p = process_file(path, registry, strict=True)
    assert any(
        "工作表 2023年 第8行“合计”与各单位之和不一致：“执法情况 检查次数（次）”列（B8）"
        "合计为 26，第5—7行之和为 25" in x
        for x in p.problems
    ), p.problems


def test_formulas_without_saved_results_are_summed(tmp_path):
    """Written by a library, never opened in Excel: plain sums are computed here."""
    doc = read(_statistics_workbook(tmp_path / "表.xlsx", cached_total=None))
    assert not any("2023年" in x and "不一致" in x for x in doc.problems), doc.problems
    assert not any("B8" in x or "C8" in x for x in doc.problems)
    assert [r.cell for r in doc.rows if r.sheet == "2023年"] == [
        "B5", "C5", "D5", "E5", "B6", "D6", "B7", "C7",
    ]  # fmt: skip


def test_statistics_csv(tmp_path, registry):
    text = "\n".join(
        [
            "周村区2021年度执法情况统计表,,,",
            "填报单位：区科技局,,填报日期：2022年1月5日,",
            "序号,单位名称,执法检查（次）,行政复议案件（件）",
            "1,区科技局,9,0",
            "2,区知识产权局,3,—",
            ",合计,12,1",
            "注：复议案件含撤回的申请。,,,",
        ]
    )
    path = tmp_path / "统计.csv"
    path.write_text(text, encoding="utf-8-sig")
    p = process_file(path, registry, strict=True)
    assert _facts(p) == sorted(
        [
            (BUREAU, 2021, "inspections", 9, "CSV!C4"),
            (BUREAU, 2021, "reconsideration_cases", 0, "CSV!D4"),
            (IP, 2021, "inspections", 3, "CSV!C5"),
        ]
    )
    assert p.problems == [
        "第6行“合计”与各单位之和不一致：“行政复议案件（件）”列（D6）合计为 1，第4—5行之和为 0；"
        "合计行不作为数据载入，请核对表格"
    ]


def test_year_from_sheet_then_file_name(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2020"
    ws.append(["单位", "执法检查（次）"])
    ws.append(["区科技局", 7])
    named = wb.create_sheet("Sheet2")
    named.append(["单位", "主动公开信息（条）"])
    named.append(["区科技局", 70])
    wb.save(tmp_path / "2019年统计表.xlsx")
    doc = read(tmp_path / "2019年统计表.xlsx")
    assert [(r.sheet, r.year, r.indicator, r.value) for r in doc.rows] == [
        ("2020", "2020", "inspections", "7"),
        ("Sheet2", "2019", "disclosures_proactive", "70"),
    ]


def test_no_year_anywhere_is_said(tmp_path):
    path = tmp_path / "统计表.csv"
    path.write_text(
        "填报单位：区科技局,填报日期：2024年1月5日\n单位,执法检查（次）\n区科技局,7\n",
        encoding="utf-8",
    )  # the date it was filled in is not the year it covers
    doc = read(path)
    assert doc.rows == [] and "找不到表格的年度" in doc.problems[0]


def test_unknown_column_set_aside_and_parts_not_loaded(tmp_path):
    path = tmp_path / "2023年统计表.csv"
    path.write_text(
        "单位,执法案件（件）,其中：简易程序（件）,办公经费（万元）\n区科技局,5,2,30\n",
        encoding="utf-8",
    )
    doc = read(path)
    assert [(r.indicator, r.value) for r in doc.rows] == [("cases", "5")]
    assert len(doc.problems) == 2
    assert "B" not in "".join(x[:2] for x in doc.problems)
    # a 其中 column is a part of the column before it (the contract: the parts under 其中
    # are no further facts), not a name the catalog lacks: so said, naming that column
    assert any(
        x.startswith("C列：表头“其中：简易程序（件）”是前一列“执法案件（件）”中的一部分（其中项）")
        for x in doc.problems
    )
    assert any(x.startswith("D列：表头“办公经费（万元）”不是指标目录") for x in doc.problems)


@pytest.mark.parametrize(
    ("formula", "cells", "value"),
    [
        ("=SUM(A1:A3)", {(0, 0): 1.0, (1, 0): 2.0, (2, 0): 3.0}, 6.0),
        ("=A1+A2-A3", {(0, 0): 1.0, (1, 0): 2.0, (2, 0): 3.0}, 0.0),
        ("=SUM(A1,A3)+10", {(0, 0): 1.0, (2, 0): 3.0}, 14.0),
        ("=SUM(A1:A3)", {(0, 0): 1.0, (1, 0): "—"}, 1.0),  # SUM skips text, as Excel does
        ("=A1+A2", {(0, 0): 1.0, (1, 0): "—"}, None),
        ("=AVERAGE(A1:A3)", {}, None),
        ("=A1*2", {(0, 0): 1.0}, None),
        ("=Sheet2!A1", {}, None),
    ],
)
def test_plain_formulas(formula, cells, value):
    assert _eval(formula, lambda r, c, _d: cells.get((r, c)), 0) == value


def test_build_loads_the_workbook_and_shows_a_wrong_total_on_data_quality(tmp_path, monkeypatch):
    """The facts reach the warehouse with their cell; a wrong 合计 reaches the build's
    problems, rejected_file and the 数据质量 page, with both numbers."""
    import duckdb
    from board_fixtures import ROOT as BOARD_ROOT
    from board_fixtures import TIMEOUT, assert_ok, texts
    from test_build import make_corpus

    from etl.build import build

    data = make_corpus(tmp_path)
    _statistics_workbook(data / "tables/2023年法治统计表.xlsx", cached_total=26)
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    rel = "tables/2023年法治统计表.xlsx"
    wrong = [r for p, r in s.problems if p == rel and "与各单位之和不一致" in r]
    assert len(wrong) == 2, s.problems  # the 2023 合计 (26 ≠ 25) and the 2022 总计 (17 ≠ 16)
    assert any("“执法情况 检查次数（次）”列（B8）合计为 26，第5—7行之和为 25" in r for r in wrong)
    with duckdb.connect(str(db), read_only=True) as con:
        facts = con.execute(
            "SELECT f.agency_id, f.year, f.indicator_id, f.value, f.location, f.method "
            "FROM fact f JOIN document d USING (doc_id) WHERE d.path = ? ORDER BY location",
            [rel],
        ).fetchall()
        rejected = con.execute(
            "SELECT reason FROM rejected_file WHERE path = ? AND kind = 'row'", [rel]
        ).fetchall()
    assert len(facts) == 11 and all(m == "table" for *_, m in facts)
    assert ("zc_dzj", 2023, "inspections", 5.0, "2023年!B7", "table") in facts
    assert sum("与各单位之和不一致" in r for (r,) in rejected) == 2

    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(BOARD_ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/7_数据质量.py")
    at.run()
    assert_ok(at)
    assert "表格中与各单位或各年度之和不一致的合计（2处）" in texts(at)
    checks = next(d.value for d in at.dataframe if "核对结果" in d.value.columns)
    assert any("合计为 26，第5—7行之和为 25" in r for r in checks["核对结果"])


def test_synonyms_name_one_indicator_each_and_never_shadow_a_name():
    from etl import catalog

    cat = catalog.load()
    names = {n for i in cat.indicators for n in (i.id, i.zh, i.en)}
    seen: dict[str, str] = {}
    for i in cat.indicators:
        for s in i.synonyms:
            assert s not in names, f"synonym {s} of {i.id} is another indicator's name"
            assert seen.setdefault(s, i.id) == i.id, f"{s}: {seen[s]} and {i.id}"
            assert cat.resolve(s) is i


@pytest.mark.parametrize(
    ("header", "indicator", "unit"),
    [
        ("执法检查（次）", "inspections", "次"),
        ("执法检查(次)", "inspections", "次"),
        # the names of the 行政执法统计年报 (行政检查实施情况统计表), as the catalog's [[row]]
        # rules read them in a report's table
        ("行政检查（次）", "inspections", "次"),
        ("行政处罚（件）", "cases", "件"),
        ("主动公开信息（单位：条）", "disclosures_proactive", "条"),
        ("行政复议案件数（件）", "reconsideration_cases", "件"),
        ("网上办案率（%）", "online_case_rate", "%"),
        ("培训人次", "training_attendance", ""),
        ("其中：简易程序（件）", None, "件"),
        ("办公经费（万元）", None, "万元"),
    ],
)
def test_header_names_and_units(header, indicator, unit):
    from etl import catalog
    from etl.readers.table_stat import _header_indicator

    ind, got = _header_indicator(catalog.load(), header, "")
    assert (ind.id if ind else None, got) == (indicator, unit)


def test_one_agency_statistics_table_with_indicators_as_rows(tmp_path, registry):
    """填报单位 above, one indicator a row: the agency comes from the 填报单位 line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["2022年度法治政府建设情况统计表"])
    ws.append(["填报单位：区知识产权局", None, "填报日期：2023年1月9日"])
    ws.append(["序号", "项目", "计量单位", "数量"])
    ws.append([1, "执法检查", "次", 6])
    ws.append([2, "检查对象", "家", "—"])
    ws.append([3, "行政复议案件（件）", None, 0])
    ws.append([4, "执法检查计划", "人", 1])  # a unit that is not the indicator's
    ws.append([5, "办公经费", "万元", 3])
    ws.append(["合计", None, None, 10])
    ws.append(["注：本表数据截至2022年12月31日。"])
    wb.save(tmp_path / "统计表.xlsx")
    p = process_file(tmp_path / "统计表.xlsx", registry, strict=True)
    assert _facts(p) == [
        (IP, 2022, "inspections", 6, "Sheet1!D4"),
        (IP, 2022, "reconsideration_cases", 0, "Sheet1!D6"),
    ]
    assert p.facts[0].quote == "区知识产权局 | 2022年 | 1 | 执法检查 | 次 | 6"
    assert len(p.problems) == 2
    assert "第7行：“执法检查计划”的计量单位“人”不是指标“执法检查计划”的单位" in p.problems[0]
    assert "第8行：“办公经费”不是指标目录中的指标" in p.problems[1]


def test_a_formula_over_a_whole_column_is_cut_to_the_cells_in_use():
    from etl.readers.table_formulas import _fill_formulas

    cells = [["1"], ["2"], [""]]
    assert _fill_formulas(cells, {(3, 0): "=SUM(A1:A1048576)", (3, 1): "=SUM(A1:B3)"}) == {
        (3, 0): "=SUM(A1:A1048576)"  # it sums itself: a cycle, not a number
    }
    assert cells[3] == ["", "3"]


def test_a_group_headed_其中_in_a_statistics_table_is_a_part_of_the_column_before(tmp_path):
    rows = [
        ["2023年度执法情况统计表"],
        ["单位", "执法检查（次）", "其中", "", "行政处罚案件（件）"],
        ["", "", "双随机抽查（次）", "专项检查（次）", ""],
        ["区科技局", "12", "5", "3", "2"],
    ]
    path = tmp_path / "统计表.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    doc = read(path)
    assert [(r.indicator, r.value) for r in doc.rows] == [("inspections", "12"), ("cases", "2")]
    assert len(doc.problems) == 2
    for problem, col, name in zip(doc.problems, "CD", ("双随机抽查", "专项检查"), strict=True):
        assert problem.startswith(
            f"{col}列：表头“其中 {name}（次）”是前一列“执法检查（次）”中的一部分（其中项）"
        )


def test_a_total_under_a_group_header_that_names_an_indicator_is_that_indicator(tmp_path):
    """执法检查（次） over 双随机抽查（次） | 专项检查（次） | 合计: the stated total (here last)
    is the indicator's fact; the parts beside it are no further facts (the contract), and
    say so. Before, the 合计 column was dropped as a total of columns, and the parts were
    'not catalog indicators': the bureau's inspections were lost."""
    rows = [
        ["2022年度行政执法统计表"],
        ["单位", "执法检查（次）", "", "", "行政处罚案件（件）"],
        ["", "双随机抽查（次）", "专项检查（次）", "合计", ""],
        ["区科技局", "6", "4", "10", "1"],
        ["区地震局", "2", "1", "3", "0"],
        ["合计", "8", "5", "13", "1"],
    ]
    path = tmp_path / "统计表.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    doc = read(path)
    assert [(r.agency, r.indicator, r.value, r.cell) for r in doc.rows] == [
        ("区科技局", "inspections", "10", "D4"),
        ("区科技局", "cases", "1", "E4"),
        ("区地震局", "inspections", "3", "D5"),
        ("区地震局", "cases", "0", "E5"),
    ]
    assert doc.rows[0].quote == (
        "区科技局 | 2022年 | 执法检查（次） 双随机抽查（次）：6 | 执法检查（次） 专项检查（次）：4 | "
        "执法检查（次） 合计：10 | 行政处罚案件（件）：1"
    )
    assert len(doc.problems) == 2
    assert doc.problems[0].startswith(
        "B列：表头“执法检查（次） 双随机抽查（次）”是“执法检查（次）”的分项（其中一部分）"
    )
    assert doc.problems[1].startswith(
        "C列：表头“执法检查（次） 专项检查（次）”是“执法检查（次）”的分项"
    )
