"""The PDF reader (PDFium through pypdfium2) on PDFs made here from our own documents.

The corpus test prints every real-shaped document (tests/realshaped/docs/) to PDF with
fpdf2 and Noto Sans CJK, as scripts/bench_pdf.py does, and asks the facts of each PDF to be
the facts of its text; the rest are single pages built for one behaviour each. Every PDF
is made in tmp_path: nothing binary is committed.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from fpdf import FPDF
from fpdf.enums import WrapMode

from etl.model import ReadError
from etl.readers import pdf as reader
from etl.readers import read
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_pdf  # noqa: E402

NOTO = str(bench_pdf.noto_font())


def _page(pdf: FPDF | None = None) -> FPDF:
    pdf = pdf or FPDF()
    pdf.add_font("noto", fname=NOTO)
    pdf.set_font("noto", size=11)
    pdf.add_page()
    return pdf


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    "producer",
    [
        "fpdf2",
        "fpdf2-2col",
        pytest.param(
            "soffice",
            marks=pytest.mark.skipif(
                not SOFFICE,
                reason="LibreOffice 未安装（apt-get install libreoffice-writer）：其 PDF 的测试跳过",
            ),
        ),
    ],
)
def test_pdfs_of_the_corpus_give_the_facts_of_their_text(tmp_path, producer):
    """Each producer's PDFs of the 47 real-shaped documents: one column (fpdf2), two
    columns (fpdf2 text_columns, tables set one cell per line inside a column), and
    LibreOffice (quotes in a fallback font written after their line, tabs as tab stops)."""
    pairs = bench_pdf.make_pdfs(producer, tmp_path)
    assert len(pairs) >= 45
    r = bench_pdf.measure(pairs, "pdfium")
    assert r["facts_in_text"] >= 350, r
    assert r["share"] >= 0.99, r
    assert r["extra"] == 0, r


LEFT = (
    "一、执法检查。全年开展行政执法检查15次，检查科技型企业和展会参展单位52家次，"
    "发现问题8处，全部整改到位。"
)
RIGHT = (
    "二、行政复议。全年收到行政复议申请2件，均在法定期限内办结，"
    "未发生行政诉讼案件，行政应诉工作平稳。"
)


def test_two_column_page_is_read_down_the_left_column_then_the_right(tmp_path):
    pdf = _page()
    pdf.cell(0, 8, "区科技局2023年度法治政府建设情况报告", align="C", new_x="LMARGIN", new_y="NEXT")
    with pdf.text_columns(ncols=2, gutter=10, wrapmode=WrapMode.CHAR) as cols:
        cols.write(LEFT * 2 + "\n")
        cols.new_column()
        cols.write(RIGHT * 2 + "\n")
    pdf.output(str(tmp_path / "two.pdf"))
    text = read(tmp_path / "two.pdf").text
    assert text.split("\n")[0] == "区科技局2023年度法治政府建设情况报告"
    assert LEFT * 2 in text and RIGHT * 2 in text, text
    assert text.index(LEFT) < text.index(RIGHT)


def test_table_rows_are_read_across_cell_by_cell(tmp_path):
    pdf = _page()
    rows = [
        ("信息内容", "本年处理决定数量"),
        ("行政许可", "35"),
        ("行政处罚", "2"),
        ("行政强制", "0"),
    ]
    with pdf.table(col_widths=(60, 60), width=120, first_row_as_headings=False) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.output(str(tmp_path / "table.pdf"))
    lines = read(tmp_path / "table.pdf").text.split("\n")
    assert lines == [" | ".join(cells) for cells in rows]


@pytest.mark.parametrize("borders", ["ALL", "NONE"])
def test_a_long_table_of_labels_and_numbers_is_read_row_by_row(tmp_path, borders):
    """Nine rows leave a free strip between the columns, as two columns of a page do; a
    ruling in it, or a side of short numbers, says it is a table."""
    pdf = _page()
    pdf.multi_cell(0, 6, "区科技局2023年政府信息公开工作年度报告", new_x="LMARGIN")
    rows = [("信息内容", "本年处理决定数量")] + [
        (f"第{i}类行政许可事项", str(3 * i)) for i in range(1, 10)
    ]
    with pdf.table(col_widths=(60, 60), width=120, first_row_as_headings=False,
                   borders_layout=borders) as table:  # fmt: skip
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.output(str(tmp_path / "table.pdf"))
    lines = read(tmp_path / "table.pdf").text.split("\n")
    assert lines[1:] == [" | ".join(cells) for cells in rows]


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice 未安装（apt-get install libreoffice-writer）")
def test_quotes_libreoffice_writes_after_their_line_are_read_where_they_stand(tmp_path):
    """LibreOffice writes the glyphs of a fallback font (the curly quotes of “双随机”) after
    the rest of the line; the line is read by where each glyph stands, not in write order."""
    sentence = "全年开展执法检查15次，其中“双随机”抽查6次，全部事项实现“最多跑一次”。"
    pdf = bench_pdf.soffice_pdf(sentence, tmp_path / "quotes.pdf")
    assert read(pdf).text == sentence


def test_tabs_written_in_a_line_stay_between_its_cells(tmp_path):
    """A report that separates table cells with tabs, printed: the tabs are in the text
    layer, and the rows read back as written (the row reader splits them there)."""
    pdf = _page()
    rows = ["信息内容\t本年新制作数量\t本年新公开数量", "规章\t0\t0", "规范性文件\t1\t1"]
    for row in rows:
        pdf.multi_cell(0, 6, row, new_x="LMARGIN")
    pdf.output(str(tmp_path / "tabs.pdf"))
    assert read(tmp_path / "tabs.pdf").text.split("\n") == rows


def test_a_two_column_report_reads_its_table_page_down_each_column(tmp_path):
    """Page 1 shows its columns (a paragraph wrapped in each); page 2 holds a table set one
    cell per line in both columns, which alone could be a table of two columns: it is read
    down the left column, then the right, as page 1 is."""
    left_cells = ["一、本年新收政府信息公开申请数量", "3", "二、上年结转政府信息公开申请数量", "0",
                  "三、本年度办理结果", "（一）予以公开", "2", "（二）部分公开", "1"]  # fmt: skip
    right_cells = ["四、结转下年度继续办理", "0", "行政复议", "结果维持", "0", "结果纠正", "0",
                   "行政诉讼", "0"]  # fmt: skip
    pdf = _page()
    with pdf.text_columns(ncols=2, gutter=10, wrapmode=WrapMode.CHAR) as cols:
        cols.write(LEFT * 3 + "\n")
        cols.new_column()
        cols.write(RIGHT * 3 + "\n")
    pdf.add_page()
    with pdf.text_columns(ncols=2, gutter=10, wrapmode=WrapMode.CHAR) as cols:
        cols.write("\n".join(left_cells) + "\n")
        cols.new_column()
        cols.write("\n".join(right_cells) + "\n")
    pdf.output(str(tmp_path / "two.pdf"))
    text = read(tmp_path / "two.pdf").text
    assert LEFT * 3 in text and RIGHT * 3 in text, text
    table = text[text.index(RIGHT * 3) + len(RIGHT * 3) :].split("\n")
    assert [t for t in table if t] == left_cells + right_cells


def test_a_row_written_with_pipes_cut_at_the_edge_is_joined_again(tmp_path):
    """A long row wraps at the page edge, next to a pipe; the row after it, which starts
    and ends with a pipe like the one before, stays a row of its own."""
    pdf = _page()
    cut = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 "
    rows = [cut + "| 0 | 2", "| 0 | 0 | 0 |", "| 1 | 1 | 1 |"]
    width = pdf.get_string_width(cut) + 2 * pdf.c_margin + 0.5
    for row in rows:
        pdf.multi_cell(width, 6, row, new_x="LMARGIN", wrapmode=WrapMode.CHAR)
    pdf.output(str(tmp_path / "cut.pdf"))
    assert read(tmp_path / "cut.pdf").text.split("\n") == [r.replace("  ", " ") for r in rows]


def test_cjk_text_layer_has_no_space_between_characters(tmp_path):
    """What pypdf got wrong: fpdf2 + Noto CJK read back with a space between characters."""
    pdf = _page()
    pdf.multi_cell(0, 6, "全年开展执法检查15次，办理行政处罚案件3件。", new_x="LMARGIN")
    pdf.output(str(tmp_path / "cjk.pdf"))
    assert read(tmp_path / "cjk.pdf").text == "全年开展执法检查15次，办理行政处罚案件3件。"


def test_running_header_and_page_numbers_dropped_wrapped_lines_joined(tmp_path):
    class Report(FPDF):
        def header(self):
            self.set_font("noto", size=9)
            self.cell(0, 8, "区科技局文件", align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("noto", size=9)
            self.cell(0, 10, f"第 {self.page_no()} 页 共 3 页", align="C")

    pdf = Report()
    pdf.add_font("noto", fname=NOTO)
    sentence = "全年开展执法检查15次，办理行政处罚案件3件，组织集中学法11次，参训干部86人次。"
    for _ in range(3):
        pdf.add_page()
        pdf.set_font("noto", size=11)
        pdf.multi_cell(0, 6, sentence * 4, new_x="LMARGIN", wrapmode=WrapMode.CHAR)
    pdf.output(str(tmp_path / "three.pdf"))
    text = read(tmp_path / "three.pdf").text
    assert "区科技局文件" not in text and "页" not in text
    assert text.split("\n") == [sentence * 4] * 3


def _scan(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(path))
    return path


def _locked(path):
    pdf = _page()
    pdf.cell(text="全年开展执法检查15次。")
    pdf.set_encryption(owner_password="o", user_password="u")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_scan, reader.NO_TEXT_LAYER),
        (_locked, reader.ENCRYPTED),
        (lambda p: p.write_bytes(b"%PDF-1.4\nnot really a pdf\n") and p, reader.CORRUPT),
        (
            lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<") and p,
            reader.CORRUPT,
        ),
    ],
    ids=["scan-no-text-layer", "open-password", "not-a-pdf", "truncated"],
)
def test_pdf_refusals_say_why(tmp_path, make, reason):
    path = make(tmp_path / "x.pdf")
    with pytest.raises(ReadError) as info:
        reader.read_pdf(path)
    assert info.value.reason == reason
    assert info.value.reason.startswith("PDF ")
