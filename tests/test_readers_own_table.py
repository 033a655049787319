"""One agency's own table, as staff keep it: no agency column, one indicator a column with
its unit in brackets, and one row a year (年度 | 执法检查（次） | … then 2021年 | 9 | …) or one
row of figures for the year the title names. The agency from the title, a 填报单位 line, the
sheet name, the file name or the folder. Both shapes were refused with 没有找到可识别的表头."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from board import importer
from etl.build import build
from etl.model import ReadError
from etl.pipeline import process_file
from etl.readers import read
from etl.readers.table_own import NO_AGENCY, NO_YEAR
from etl.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
BUREAU, IP, QUAKE = "周村区科学技术局", "周村区知识产权局", "周村区地震局"

# the bureau's own table of years, as written: a title, the header, a 其中 column after the
# column it is a part of, a 备注, 不适用 as —, a 合计 that comes last, notes and who filled it
YEARS = [
    ["区科技局执法工作统计（2021—2023年）"],
    [
        "年度",
        "执法检查（次）",
        "其中：双随机抽查（次）",
        "行政处罚案件（件）",
        "法治培训（次）",
        "备注",
    ],
    ["2021年", "9", "4", "1", "4", ""],
    ["2022", "12", "6", "3", "5", "含联合检查"],
    ["2023年度", "15", "7", "2", "—", ""],
    ["合计", "36", "17", "7", "9", ""],  # 行政处罚案件: 1 + 3 + 2 = 6, not 7
    ["注：2023年法治培训并入机关学法，不单列。"],
    ["填表人：韩某某", "", "审核人：苏某某"],
]
YEARS_FACTS = [
    (BUREAU, 2021, "cases", 1, "D3"),
    (BUREAU, 2021, "inspections", 9, "B3"),
    (BUREAU, 2021, "trainings", 4, "E3"),
    (BUREAU, 2022, "cases", 3, "D4"),
    (BUREAU, 2022, "inspections", 12, "B4"),
    (BUREAU, 2022, "trainings", 5, "E4"),
    (BUREAU, 2023, "cases", 2, "D5"),
    (BUREAU, 2023, "inspections", 15, "B5"),
]


@pytest.fixture(scope="module")
def registry():
    return Registry.load(ROOT / "data")


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\n".join(",".join(r) for r in rows).encode(encoding) + b"\n")
    return path


def _xlsx(path: Path, rows: list[list], title: str = "Sheet1") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append([int(c) if isinstance(c, str) and c.isdigit() else (c or None) for c in r])
    wb.save(path)
    return path


def _facts(p):
    """(agency, year, indicator, value, cell), the cell without its sheet (CSV!B3, Sheet1!B3)."""
    return sorted(
        (f.agency, f.year, f.indicator, f.value, f.location.split("!")[-1]) for f in p.facts
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda d: _csv(d / "执法统计.csv", YEARS),
        lambda d: _csv(d / "执法统计.csv", YEARS, "gbk"),
        lambda d: _xlsx(d / "执法统计.xlsx", YEARS),
    ],
    ids=["csv-utf8", "csv-gbk", "xlsx"],
)
def test_one_agency_table_of_years(tmp_path, registry, make):
    path = make(tmp_path)
    sheet = "Sheet1!" if path.suffix == ".xlsx" else "CSV!"
    p = process_file(path, registry, strict=True)
    assert _facts(p) == sorted(YEARS_FACTS)  # every year's row is that year's fact
    first = next(f for f in p.facts if f.location == f"{sheet}B3")
    assert first.quote == (
        "区科技局 | 2021年 | 执法检查（次）：9 | 其中：双随机抽查（次）：4 | "
        "行政处罚案件（件）：1 | 法治培训（次）：4"
    )
    assert first.unit == "次" and first.method == "table"
    note = next(f for f in p.facts if f.location == f"{sheet}B4")
    assert note.quote.endswith("备注：含联合检查")
    problems = "\n".join(p.problems)
    # the 其中 column is said to be a part of the column before it, not an unknown indicator
    assert "C列：表头“其中：双随机抽查（次）”是前一列“执法检查（次）”中的一部分" in problems
    assert "不是指标目录中的指标" not in problems
    # the 合计 that comes last is no fact; it is checked against the years
    assert (
        "第6行“合计”与各年度之和不一致：“行政处罚案件（件）”列（D6）合计为 7，第3—5行之和为 6"
        in (problems)
    )
    assert len(p.problems) == 2, p.problems


def test_one_agency_table_laid_across_one_year(tmp_path, registry):
    """Indicator columns with units over one row of figures: agency in the title, the year
    in the sheet name."""
    rows = [
        ["区知识产权局执法工作情况表"],
        ["填报日期：2024年1月8日"],
        ["执法检查（次）", "检查对象（家）", "行政处罚案件（件）", "合计"],
        ["6", "18", "0", "24"],
        ["说明：检查对象按户数统计。"],
    ]
    p = process_file(_xlsx(tmp_path / "情况表.xlsx", rows, title="2022年"), registry, strict=True)
    assert _facts(p) == [
        (IP, 2022, "cases", 0, "C4"),
        (IP, 2022, "inspected_entities", 18, "B4"),
        (IP, 2022, "inspections", 6, "A4"),
    ]
    assert {f.location.split("!")[0] for f in p.facts} == {"2022年"}
    assert p.facts[0].quote == (
        "区知识产权局 | 2022年 | 执法检查（次）：6 | 检查对象（家）：18 | 行政处罚案件（件）：0"
    )
    assert p.problems == []


def test_agency_from_the_folder_and_year_from_the_file_name(tmp_path, registry):
    rows = [["执法检查（次）", "行政复议案件（件）"], ["5", "0"], ["填表人：郑某"]]
    path = _csv(tmp_path / "data/reports/周村区地震局/2021年执法数据.csv", rows, "gbk")
    p = process_file(path, registry, strict=True)
    assert _facts(p) == [
        (QUAKE, 2021, "inspections", 5, "A2"),
        (QUAKE, 2021, "reconsideration_cases", 0, "B2"),
    ]
    # the year from the folder when the file name has none
    path = _csv(tmp_path / "data/reports/周村区地震局/2020/执法数据.csv", rows)
    assert {f.year for f in process_file(path, registry, strict=True).facts} == {2020}


def test_a_second_row_of_figures_without_a_year_column_is_set_aside(tmp_path, registry):
    rows = [
        ["2023年区科技局执法统计"],
        ["执法检查（次）", "行政处罚案件（件）"],
        ["8", "2"],
        ["9", "3"],
    ]
    p = process_file(_csv(tmp_path / "t.csv", rows), registry, strict=True)
    assert _facts(p) == [(BUREAU, 2023, "cases", 2, "B3"), (BUREAU, 2023, "inspections", 8, "A3")]
    assert len(p.problems) == 1
    assert "第4行：表格没有“年度”列，只能有一行数字（已载入第3行）" in p.problems[0]


def test_a_row_whose_year_is_not_a_year_is_set_aside(tmp_path, registry):
    rows = [["区科技局执法统计"], ["年度", "执法检查（次）"], ["2022年", "7"], ["上半年", "3"]]
    p = process_file(_csv(tmp_path / "t.csv", rows), registry, strict=True)
    assert _facts(p) == [(BUREAU, 2022, "inspections", 7, "B3")]
    assert p.problems == ["第4行：年度“上半年”不是年份（每行第一列写一个年度，如 2023年），已跳过"]


@pytest.mark.parametrize(
    ("rows", "name", "reason"),
    [
        ([["执法工作统计"], ["年度", "执法检查（次）"], ["2022", "7"]], "统计.csv", NO_AGENCY),
        (
            [["区科技局执法工作统计"], ["执法检查（次）", "检查对象（家）"], ["7", "9"]],
            "统计.csv",
            NO_YEAR,
        ),
    ],
    ids=["no-agency", "no-year"],
)
def test_no_agency_or_year_says_where_to_write_it(tmp_path, registry, rows, name, reason):
    path = _csv(tmp_path / "uploads/unsorted" / name, rows)
    p = process_file(path, registry, strict=True)
    assert p.facts == [] and p.problems == [f"表格：{reason}"]
    assert "标题" in reason and "工作表" in reason and "文件" in reason and "（No " in reason
    # the upload page refuses it and shows why
    got = importer.preview(name, path.read_bytes(), ROOT / "data")
    assert not got.ok and got.problems == [f"表格：{reason}"]


@pytest.mark.parametrize(
    "rows",
    [
        [["项目", "金额"], ["办公费", "100"]],
        # a column of agencies under a header that is no agency column's name: rows of
        # several agencies, never one agency's row of figures (the title names only one)
        [
            ["2023年度区科技局及所属单位执法统计"],
            ["执法主体", "执法检查（次）", "行政处罚案件（件）"],
            ["区知识产权局", "8", "1"],
            ["区地震局", "3", "0"],
        ],
        # the same with the corner left blank
        [
            ["2023年度区科技局及所属单位执法统计"],
            ["", "执法检查（次）", "行政处罚案件（件）"],
            ["区知识产权局", "8", "1"],
        ],
    ],
    ids=["budget", "agencies-as-rows", "agencies-blank-corner"],
)
def test_other_tables_are_still_refused(tmp_path, rows):
    with pytest.raises(ReadError) as info:
        read(_csv(tmp_path / "表.csv", rows))
    assert "一个单位的表" in info.value.reason and "没有找到可识别的表头" in info.value.reason


def test_the_upload_preview_and_the_build_show_the_facts(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "registry").mkdir(parents=True)
    (data / "registry/agencies.csv").write_bytes((ROOT / "data/registry/agencies.csv").read_bytes())
    src = _xlsx(tmp_path / "科技局历年执法.xlsx", YEARS)
    got = importer.preview(src.name, src.read_bytes(), data)
    assert got.ok and got.kind == "table" and len(got.facts) == 8
    assert got.folder == "unsorted"  # three years: stored unsorted, as a wide table would be
    importer.store(src.name, src.read_bytes(), got.folder, data)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        facts = con.execute(
            "SELECT agency_id, year, indicator_id, value FROM resolved ORDER BY ALL"
        ).fetchall()
        reasons = [r for (r,) in con.execute("SELECT reason FROM rejected_file").fetchall()]
    assert ("zc_kjj", 2021, "inspections", 9) in facts and len(facts) == 8
    assert any("其中项" in r for r in reasons) and any("各年度之和不一致" in r for r in reasons)
    # 数据质量 lists the 合计 that disagrees with the years, as it does a 统计表's
    from board import queries

    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    checks = queries.table_checks()
    assert len(checks) == 1 and "“行政处罚案件（件）”列（D6）合计为 7" in checks["reason"][0]


def test_one_agency_table_of_years_with_a_group_header_and_its_total_last(tmp_path, registry):
    rows = [
        ["区地震局历年执法检查情况"],
        ["年度", "执法检查（次）", "", ""],
        ["", "双随机抽查（次）", "专项检查（次）", "合计"],
        ["2022年", "3", "2", "5"],
        ["2023年", "4", "1", "5"],
    ]
    p = process_file(_xlsx(tmp_path / "历年.xlsx", rows), registry, strict=True)
    assert _facts(p) == [
        (QUAKE, 2022, "inspections", 5, "D4"),
        (QUAKE, 2023, "inspections", 5, "D5"),
    ]
    assert len(p.problems) == 2
    assert p.problems[0].startswith(
        "工作表 Sheet1 B列：表头“执法检查（次） 双随机抽查（次）”是“执法检查（次）”的分项"
    )


@pytest.mark.parametrize("corner", ["", "年度\\指标", "指标/年份", "年份"])
def test_the_corner_over_the_years_may_be_blank_or_split(tmp_path, registry, corner):
    rows = [
        ["区知识产权局2021—2022年执法数据"],
        [corner, "执法检查（次）", "行政处罚案件（件）"],
        ["2021年", "4", "1"],
        ["2022年", "6", "2"],
    ]
    p = process_file(_xlsx(tmp_path / "t.xlsx", rows), registry, strict=True)
    assert _facts(p) == [
        (IP, 2021, "cases", 1, "C3"),
        (IP, 2021, "inspections", 4, "B3"),
        (IP, 2022, "cases", 2, "C4"),
        (IP, 2022, "inspections", 6, "B4"),
    ]
    assert p.problems == []


# the same years laid the other way: one indicator a row, one column a year, the unit in its
# own column headed 单位 (a unit of measure here, not an agency) or in the indicator's name
ACROSS_YEARS = [
    ["区科技局近三年执法工作统计"],
    ["序号", "指标", "单位", "2021年", "2022年", "2023年"],
    ["1", "执法检查", "次", "9", "12", "15"],
    ["2", "行政处罚案件", "件", "1", "3", "—"],
    ["3", "办公经费", "万元", "20", "21", "22"],
    ["注：2023年行政处罚案件尚在统计。"],
]


@pytest.mark.parametrize(
    "make",
    [
        lambda d: _csv(d / "历年.csv", ACROSS_YEARS),
        lambda d: _csv(d / "历年.csv", ACROSS_YEARS, "gbk"),
        lambda d: _xlsx(d / "历年.xlsx", ACROSS_YEARS),
    ],
    ids=["csv-utf8", "csv-gbk", "xlsx"],
)
def test_one_agency_table_with_one_column_a_year(tmp_path, registry, make):
    p = process_file(make(tmp_path), registry, strict=True)
    assert _facts(p) == [
        (BUREAU, 2021, "cases", 1, "D4"),
        (BUREAU, 2021, "inspections", 9, "D3"),
        (BUREAU, 2022, "cases", 3, "E4"),
        (BUREAU, 2022, "inspections", 12, "E3"),
        (BUREAU, 2023, "inspections", 15, "F3"),
    ]
    first = next(f for f in p.facts if f.location.endswith("!D3"))
    assert first.quote == "区科技局 | 1 | 执法检查 | 次 | 2021年：9 | 2022年：12 | 2023年：15"
    assert len(p.problems) == 1 and "第5行：“办公经费”不是指标目录中的指标" in p.problems[0]


def test_one_column_a_year_without_an_agency_says_where_to_write_it(tmp_path, registry):
    rows = [["执法工作统计"], ["指标", "2022年", "2023年"], ["执法检查（次）", "7", "8"]]
    p = process_file(_csv(tmp_path / "统计.csv", rows), registry, strict=True)
    assert p.facts == [] and p.problems == [f"表格：{NO_AGENCY}"]


def test_the_agency_on_a_stamped_填报单位_line(tmp_path, registry):
    """填报单位（盖章）：区地震局 names the agency, not （盖章）：区地震局."""
    rows = [
        ["执法工作统计表"],
        ["填报单位（盖章）：区地震局", "", "填报日期：2024年1月3日"],
        ["年度", "执法检查（次）"],
        ["2023", "6"],
    ]
    p = process_file(_csv(tmp_path / "表.csv", rows, "gbk"), registry, strict=True)
    assert _facts(p) == [(QUAKE, 2023, "inspections", 6, "B4")] and p.problems == []
