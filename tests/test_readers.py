"""Readers: what a staff member sees when they hand in a file of each kind.

Every fixture is built here in tmp_path; no binary fixtures are committed.
"""

from __future__ import annotations

import codecs
import random
import re
import zipfile
from pathlib import Path

import mplfonts
import pytest
from docx import Document
from fpdf import FPDF
from openpyxl import Workbook

from etl.model import ReadError, TableDoc, TextDoc
from etl.readers import read
from etl.readers.dispatch import MAX_BYTES
from etl.readers.pdf import join_wrapped_lines
from etl.readers.table import looks_numeric
from etl.readers.text import decode

REPORT = "本局全年开展行政执法检查12次，办理行政复议案件3件。"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read(path)
    reason = info.value.reason
    assert chinese_first(reason), f"reason must be a Chinese sentence first: {reason}"
    return reason


def chinese_first(reason: str) -> bool:
    """Chinese from the start (a format name like "PDF" may lead); English only at the end."""
    chinese = re.sub(r"（[A-Za-z][^（）]*）$", "", reason)
    return bool(re.search(r"[\u4e00-\u9fff]", reason[:8])) and not re.search(
        r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", chinese
    )


# --- plain text -------------------------------------------------------------------------

RARE = "䶮𠮷"  # in GB18030, not in GBK (CJK Ext-A and Ext-B: people's names)


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ((REPORT + "负责人刘" + RARE).encode("gb18030"), "gb18030", REPORT + "负责人刘" + RARE),
        (REPORT.encode("gbk"), "gbk", REPORT),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig", REPORT),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16-le", REPORT),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16-be", REPORT),
        (
            f"一、总体情况\r\n{REPORT}\r二、下一步".encode(),
            "utf-8",
            f"一、总体情况\n{REPORT}\n二、下一步",
        ),
        # kept as written: the extractor converts script and digits, and offsets refer to this
        ("執法檢查１２次，複議３件。".encode(), "utf-8", "執法檢查１２次，複議３件。"),
    ],
    ids=["gb18030-beyond-gbk", "gbk", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "as-is"],
)
def test_text_encodings_detected(tmp_path, data, encoding, text):
    doc = read(write(tmp_path, "report.txt", data))
    assert isinstance(doc, TextDoc) and doc.format == "txt"
    assert doc.encoding == encoding
    assert doc.text == text
    assert "\ufeff" not in doc.text and "\r" not in doc.text


@pytest.mark.parametrize(
    "data",
    [
        "本局全年開展行政執法檢查十二次，辦理行政復議案件三件，組織法治培訓兩場。".encode("big5"),
        "年次報告書の法治行政の建設状況について、検査を十二回実施した。".encode("shift_jis"),
        b"\xff\xfe\xff" + "abc".encode("utf-16-le"),  # odd length after a UTF-16 BOM
        b"report \xff\xff\xff end",
    ],
    ids=["big5", "shift-jis", "broken-utf16", "invalid-bytes"],
)
def test_undecodable_text_refused_with_fix(tmp_path, data):
    reason = refused(write(tmp_path, "report.txt", data))
    assert "编码" in reason and "UTF-8" in reason


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_characters_shown_as_nothing_do_not_split_a_number_in_a_text_file(tmp_path, mark):
    """Pasted from WeChat or Word, a zero-width space inside a figure shows as 12; read as a
    character it split the number and the fact took its last digit."""
    path = tmp_path / "r.txt"
    path.write_text(f"全年开展执法检查1{mark}2次。", encoding="utf-8")
    assert read(path).text == "全年开展执法检查12次。"


def test_decode_returns_text_and_encoding():
    assert decode("甲\r\n乙".encode("gb18030")) == ("甲\n乙", "gbk")
    with pytest.raises(ReadError):
        decode(b"a\x00b\x00c")


# --- refusals by content and size -------------------------------------------------------


def _zip_with(members: dict[str, str]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "must_say"),
    [
        ("empty.txt", b"", ["文件为空"]),
        ("noise.txt", random.Random(7).randbytes(4096), ["不是文本", ".docx"]),
        ("noise.bin", random.Random(8).randbytes(4096), ["不是文本", ".pdf"]),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ["旧版", "另存为 .docx"]),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), [".xlsx"]),
        ("bundle.zip", _zip_with({"a.txt": REPORT, "b.txt": REPORT}), ["压缩包", "解压"]),
        ("deck.pptx", _zip_with({"ppt/presentation.xml": "<p/>"}), ["PowerPoint", "PDF"]),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(100), ["图片", ".docx"]),
        ("notes.md", "# 报告\n" + REPORT, ["不支持的文件类型", ".md", ".txt"]),
        ("renamed.docx", REPORT, ["扩展名", "不是这种格式"]),
        ("report.rtf", r"{\rtf1\ansi hello}", ["RTF", ".docx"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_refusals_say_what_to_do(tmp_path, name, data, must_say):
    reason = refused(write(tmp_path, name, data))
    for words in must_say:
        assert words in reason, reason


def test_too_large_file_refused_with_size(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 5 * 1024 * 1024)  # sparse: no 25 MB written
    reason = refused(path)
    assert "25.0 MB" in reason and "20 MB" in reason and "拆分" in reason


def test_missing_file_refused(tmp_path):
    assert "无法打开文件" in refused(tmp_path / "nowhere.txt")


# --- Word -------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("一、执法情况")
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [["指标", "2022年", "2023年"], ["执法检查", "10", "12"], ["", "0", "0"], ["合计", "", "15"]]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(3, 0).merge(table.cell(3, 1))  # "合计" spans two columns
    doc.add_paragraph("")
    doc.add_paragraph("以上数据截至12月31日。")
    doc.save(path)
    return path


def test_docx_keeps_table_between_paragraphs(tmp_path):
    doc = read(_docx(tmp_path / "report.docx"))
    assert isinstance(doc, TextDoc) and doc.format == "docx"
    assert doc.text.split("\n") == [
        "一、执法情况",
        "指标 | 2022年 | 2023年",
        "执法检查 | 10 | 12",
        " | 0 | 0",  # two cells that merely hold the same value stay two cells
        "合计 | 15",  # the merged cell once, not repeated
        "以上数据截至12月31日。",
    ]


def test_content_wins_over_extension(tmp_path):
    path = _docx(tmp_path / "report.docx").rename(tmp_path / "report.txt")
    assert read(path).format == "docx"


@pytest.mark.parametrize(("name", "kind"), [("report.docx", "Word"), ("table.xlsx", "Excel")])
def test_truncated_office_file_refused(tmp_path, name, kind):
    whole = tmp_path / ("whole" + Path(name).suffix)
    if kind == "Word":
        _docx(whole)
    else:
        wb = Workbook()
        wb.active.append(["单位", "年度", "指标", "数值"])
        wb.save(whole)
    data = whole.read_bytes()
    reason = refused(write(tmp_path, name, data[: len(data) // 2]))
    assert f"{kind} 文件已损坏" in reason and "另存为" in reason


def test_docx_with_no_text_refused(tmp_path):
    path = tmp_path / "blank.docx"
    Document().save(path)
    assert "没有可读的文字" in refused(path)


# --- PDF --------------------------------------------------------------------------------

NOTO = next(Path(mplfonts.__file__).parent.rglob("NotoSansCJK*.otf"))


def _pdf(path: Path, lines: list[str], encrypt: dict | None = None) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(NOTO))
    pdf.set_font("noto", size=12)
    for line in lines:
        pdf.cell(text=line)
        pdf.ln(10)
    if encrypt:
        pdf.set_encryption(**encrypt)
    pdf.output(str(path))
    return path


def test_pdf_text_layer_read_and_wrapped_lines_joined(tmp_path):
    lines = [
        "一、执法检查",
        "全年开展执法检",
        "查12次，办理行政复",
        "议案件3件。",
        "二、行政复议",
        "无。",
        "- 1 -",
    ]
    doc = read(_pdf(tmp_path / "report.pdf", lines))
    assert isinstance(doc, TextDoc) and doc.format == "pdf"
    assert doc.text.split("\n") == [
        "一、执法检查",
        "全年开展执法检查12次，办理行政复议案件3件。",
        "二、行政复议",
        "无。",
    ]


def test_pdf_without_text_layer_refused(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")  # what a scan looks like to a text extractor
    pdf.output(str(tmp_path / "scan.pdf"))
    reason = refused(tmp_path / "scan.pdf")
    assert "PDF 没有文字层（可能是扫描件）" in reason
    assert "请提供可复制文字的 PDF、Word 或文本文件" in reason


def test_pdf_with_open_password_refused_but_owner_password_only_read(tmp_path):
    locked = _pdf(tmp_path / "locked.pdf", [REPORT], {"owner_password": "o", "user_password": "u"})
    reason = refused(locked)
    assert "加密" in reason and "未加密" in reason
    limited = _pdf(tmp_path / "limited.pdf", [REPORT], {"owner_password": "o"})
    assert REPORT in read(limited).text


def test_broken_pdf_refused(tmp_path):
    reason = refused(write(tmp_path, "broken.pdf", b"%PDF-1.4\nnot really a pdf\n"))
    assert "PDF 文件已损坏" in reason and "重新导出" in reason


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("开展执法检\n查12次", "开展执法检查12次"),
        ("检查12次。\n复议3件", "检查12次。\n复议3件"),
        ("工作如下：\n一是", "工作如下：\n一是"),
        ("开展培训\n（一）加强学习", "开展培训\n（一）加强学习"),
        ("开展培训\n1. 加强学习", "开展培训\n1. 加强学习"),
        ("开展培训\n第二章 附则", "开展培训\n第二章 附则"),
        ("三、工作成效\n全年共", "三、工作成效\n全年共"),
        ("完成率达到\n12.5%", "完成率达到12.5%"),
        ("the rule of\nlaw", "the rule of law"),
        ("段落一。\n\n段落二", "段落一。\n\n段落二"),
    ],
)
def test_join_wrapped_lines(raw, joined):
    assert join_wrapped_lines(raw) == joined


# --- tables -----------------------------------------------------------------------------

LONG_CSV = (
    "2023年法治建设指标统计表\n"
    "单位,年度,指标,数值,计量单位,备注\n"
    "区科技局,2023,行政执法检查次数,12,次,\n"
    "区科技局, 2023 ,行政复议案件数,３,件,全角数字\n"
)


def _rows(doc: TableDoc) -> list[tuple]:
    return [
        (r.agency, r.year, r.indicator, r.value, r.unit, r.note, r.sheet, r.cell) for r in doc.rows
    ]


def test_csv_long_form_below_a_title_row(tmp_path):
    doc = read(write(tmp_path, "long.csv", LONG_CSV))
    assert isinstance(doc, TableDoc) and doc.format == "csv" and doc.problems == []
    assert _rows(doc) == [
        ("区科技局", "2023", "行政执法检查次数", "12", "次", "", "CSV", "D3"),
        ("区科技局", "2023", "行政复议案件数", "３", "件", "全角数字", "CSV", "D4"),
    ]


def test_csv_in_gbk(tmp_path):
    doc = read(write(tmp_path, "long.csv", LONG_CSV.encode("gbk")))
    assert doc.encoding == "gbk"
    assert [r.agency for r in doc.rows] == ["区科技局", "区科技局"]


@pytest.mark.parametrize("delim", [",", "\t", ";"])
def test_csv_wide_form_unpivoted(tmp_path, delim):
    lines = [
        ["单位", "指标", "2021", "2022年", "2023年度", "备注"],
        ["区科技局", "行政执法检查次数", "10", "", "12", "2022年未统计"],
        ["区科技局", "普法活动场次", "5", "6", "7", ""],
        ["单位", "指标", "2021", "2022年", "2023年度", "备注"],  # header repeated: not data
    ]
    doc = read(write(tmp_path, "wide.csv", "\n".join(delim.join(r) for r in lines)))
    assert doc.problems == []
    assert [(r.indicator, r.year, r.value, r.cell, r.note) for r in doc.rows] == [
        ("行政执法检查次数", "2021", "10", "C2", "2022年未统计"),
        ("行政执法检查次数", "2023", "12", "E2", "2022年未统计"),
        ("普法活动场次", "2021", "5", "C3", ""),
        ("普法活动场次", "2022", "6", "D3", ""),
        ("普法活动场次", "2023", "7", "E3", ""),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "agency,year,indicator,value",
        "单位名称,年度,指标代码,值",
        "部门, 年 ,指标名称,数量",
        "机构,Year,指标,数值",
    ],
)
def test_long_form_header_names(tmp_path, header):
    doc = read(write(tmp_path, "long.csv", f"{header}\n区科技局,2023,行政执法检查次数,12\n"))
    assert _rows(doc) == [("区科技局", "2023", "行政执法检查次数", "12", "", "", "CSV", "D2")]


def test_csv_bad_rows_reported_good_rows_loaded(tmp_path):
    csv_text = "\n".join(
        [
            "单位,年度,指标,数值",
            "区科技局,2023,执法检查次数,12",
            ",2023,行政复议案件数,3",
            "区科技局,2023,普法活动场次,暂无",
            "区科技局,2023,备案审查件数,",
            "区科技局,,培训人次,10余",
            "区科技局,2023,办结率,95%",
            "区科技局,2023,听证次数,十二",
        ]
    )
    doc = read(write(tmp_path, "bad.csv", csv_text))
    assert [(r.indicator, r.value) for r in doc.rows] == [
        ("执法检查次数", "12"),
        ("办结率", "95%"),
        ("听证次数", "十二"),
    ]
    assert doc.problems == [
        "第3行：缺少单位，已跳过",
        "第4行：数值「暂无」不是数字（D4），已跳过",
        "第6行：缺少年度，已跳过",
    ]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("12", True),
        ("95.5", True),
        ("95%", True),
        ("10余", True),
        ("１２", True),
        ("十二", True),
        ("约三百", True),
        ("暂无", False),
        ("N/A", False),
        ("待定", False),
        ("-", False),
        ("一些", False),
    ],
)
def test_looks_numeric(value, ok):
    assert looks_numeric(value) is ok


def test_table_without_needed_columns_refused(tmp_path):
    reason = refused(write(tmp_path, "other.csv", "名称,数量\n甲,1\n乙,2\n"))
    assert "单位、年度、指标、数值" in reason and "宽表" in reason and "各年度列" in reason
    assert "名称 | 数量" in reason  # shows what it found instead


def test_empty_table_refused(tmp_path):
    assert "没有任何数据" in refused(write(tmp_path, "blank.csv", ",,\n,,\n"))


def test_xlsx_long_form_all_sheets(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "2023年"
    ws.append(["区科技局2023年法治指标"])
    ws.append(["填报单位", "年份", "指标名称", "数值", "计量单位"])
    ws.append(["区科技局", 2023, "行政执法检查次数", 12, "次"])
    ws.append(["区科技局", 2023, "培训覆盖率", 95.5, "%"])
    ws.append(["区科技局", 2023, "结案率", 0.955, ""])
    ws["D5"].number_format = "0.0%"  # shown as 95.5% in Excel
    wb.create_sheet("说明").append(["本表由法制科填报，数值为全年累计。"])
    wb.create_sheet("空白")
    other = wb.create_sheet("2022年")
    other.append(["单位", "年度", "指标", "数值"])
    other.append(["区科技局", "2022年", "行政执法检查次数", "10"])
    wb.save(tmp_path / "long.xlsx")

    doc = read(tmp_path / "long.xlsx")
    assert isinstance(doc, TableDoc) and doc.format == "xlsx"
    assert [(r.sheet, r.cell, r.year, r.value, r.unit) for r in doc.rows] == [
        ("2023年", "D3", "2023", "12", "次"),
        ("2023年", "D4", "2023", "95.5", "%"),
        ("2023年", "D5", "2023", "95.5%", ""),
        ("2022年", "D2", "2022年", "10", ""),
    ]
    assert doc.problems == ["工作表 说明：没有找到表头（单位、年度、指标、数值），已跳过"]


def test_xlsx_wide_form_with_problems(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "宽表"
    ws.append(["填报单位", "指标", "单位", 2021, "2022年", "2023年度"])
    ws.append(["区科技局", "行政执法检查次数", "次", 10, None, 12])
    ws.append(["区科技局", None, "件", 3, 4, 5])
    ws.append(["区科技局", "普法活动场次", "场", "待定", 6, 7.0])
    wb.save(tmp_path / "wide.xlsx")

    doc = read(tmp_path / "wide.xlsx")
    assert [(r.indicator, r.year, r.value, r.unit, r.cell) for r in doc.rows] == [
        ("行政执法检查次数", "2021", "10", "次", "D2"),
        ("行政执法检查次数", "2023", "12", "次", "F2"),
        ("普法活动场次", "2022", "6", "场", "E4"),
        ("普法活动场次", "2023", "7", "场", "F4"),
    ]
    assert doc.problems == [
        "工作表 宽表 第3行：缺少指标，已跳过",
        "工作表 宽表 第4行：数值「待定」不是数字（D4），已跳过",
    ]


def test_xlsx_without_header_refused(tmp_path):
    wb = Workbook()
    wb.active.append(["项目", "金额"])
    wb.active.append(["办公费", 100])
    wb.save(tmp_path / "budget.xlsx")
    reason = refused(tmp_path / "budget.xlsx")
    assert "单位、年度、指标、数值" in reason and "单位、指标 与各年度列" in reason


def test_docx_table_laid_across_is_read_one_column_a_line(tmp_path):
    """A Word table of indicator columns with units over one row of figures: each figure
    beside its column's name, so that a fact's quote says what it counts."""
    doc = Document()
    doc.add_paragraph("梅岭县科学技术局2023年度法治政府建设情况报告")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate([["执法检查（次）", "行政处罚案件（件）", "持证执法人员（人）"],
                             ["16", "3", "9"]]):  # fmt: skip
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    other = doc.add_table(rows=2, cols=2)  # a label in the row of figures: as it stands
    for r, row in enumerate([["年度", "学法培训（次）"], ["2023年", "5"]]):
        for c, text in enumerate(row):
            other.cell(r, c).text = text
    path = tmp_path / "r.docx"
    doc.save(path)
    assert read(path).text.split("\n")[1:] == [
        "执法检查（次） | 16", "行政处罚案件（件） | 3", "持证执法人员（人） | 9",
        "年度 | 学法培训（次）", "2023年 | 5"]  # fmt: skip


def test_docx_2019_template_sub_rows_of_a_merged_group(tmp_path):
    """The 2019 信息公开 template's 其他对外管理服务事项 split into 行政检查 and 行政确认,
    the group's cell merged down both rows (Word repeats it in each) and the sub-rows one
    cell longer than the header: 行政检查's 处理决定数量 is the year's inspections."""
    from etl.pipeline import process_file

    doc = Document()
    doc.add_paragraph("鹤汀县地震局2019年政府信息公开工作年度报告")
    table = doc.add_table(rows=4, cols=5)
    rows = [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量", ""],
            ["行政许可", "2", "0", "5", ""],
            ["其他对外管理服务事项", "行政检查", "1", "0", "7"],
            ["", "行政确认", "0", "0", "0"]]  # fmt: skip
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(3, 0))
    path = tmp_path / "r.docx"
    doc.save(path)
    p = process_file(path, None, strict=False)
    assert sorted((f.indicator, f.value, f.quote) for f in p.facts) == [
        ("approval_volume", 5, "行政许可 | 2 | 0 | 5"),
        ("inspections", 7, "其他对外管理服务事项 | 行政检查 | 1 | 0 | 7"),
    ]
