"""A plain-text report wrapped at a fixed width (a PDF's lines copied out or saved as text)
gives the facts of the same report written one line per paragraph; other texts keep their
line breaks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract import extract_text
from etl.readers import pdf
from etl.readers.text import read_txt
from etl.readers.wrapped import join_fixed_width, width

TITLE = "周村区科学技术局2018年度法治政府建设情况报告"
PARAGRAPHS = [
    "2018年，我局坚持依法行政，全年开展科技领域执法检查12次，检查企业和科研单位35家次，"
    "依法办结执法案件4件，网上办案率100%。",
    "组织干部职工参加学法培训6次，培训人员达120人次。局党组召开法治建设专题会议2次。",
    "全年主动公开政府信息88条，收到依申请公开1件，均按时答复。全年未发生行政复议和行政诉讼案件。",
    "3个审批事项的办理时限由20个工作日压缩至5个工作日，压缩比例75%。",
]


def _wrap(paragraph: str, columns: int, indent: str = "　　") -> list[str]:
    """Cut a paragraph into lines of at most `columns` display columns, anywhere (mid-word
    and mid-number), as a page does."""
    lines, line = [], indent
    for ch in paragraph:
        if width(line + ch) > columns:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line]


def _facts(text: str, tmp_path) -> set:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_txt(path)
    return {
        (f.agency, f.indicator, f.value) for f in extract_text(doc.text, "周村区科学技术局", 2018)
    }


def _report(body_lines: list[str]) -> str:
    return "\n".join([TITLE, "", *body_lines, ""])


@pytest.fixture
def one_line_each(tmp_path):
    return _facts(_report(["　　" + p for p in PARAGRAPHS]), tmp_path)


@pytest.mark.parametrize("columns", [40, 56, 62, 70, 78])
def test_wrapped_report_gives_the_same_facts(columns, one_line_each, tmp_path):
    lines = [line for p in PARAGRAPHS for line in _wrap(p, columns)]
    assert len(lines) > len(PARAGRAPHS) + 2  # the case is really wrapped
    assert _facts(_report(lines), tmp_path) == one_line_each
    assert len(one_line_each) >= 10


@pytest.mark.parametrize("page_number", ["— 2 —", "- 2 -", "第2页", "第 2 页 共 3 页"])
def test_a_page_number_inside_a_sentence_is_dropped(page_number, one_line_each, tmp_path):
    lines = [line for p in PARAGRAPHS for line in _wrap(p, 56)]
    lines[3:3] = ["", page_number, ""]  # a page ends mid-paragraph
    text = _report(lines)
    assert page_number not in read_txt_text(text, tmp_path)
    assert _facts(text, tmp_path) == one_line_each


def read_txt_text(text: str, tmp_path) -> str:
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    return read_txt(path).text


@pytest.mark.parametrize(
    "text",
    [
        # one line per paragraph: the usual report
        _report(["　　" + p for p in PARAGRAPHS]),
        # a table of rows at one width: rows are never joined
        "\n".join(["| 执法检查 | 12 | 次 | 较上年增加 |"] * 6),
        # short lines without punctuation: headings, a signature and its date
        "\n".join(["一、执法检查", "二、政务公开", "周村区科学技术局", "2019年1月10日"] * 3),
        # lines of different widths that stop without punctuation (a list of names)
        "\n".join(["科技型中小企业评价工作专班" + "甲" * n for n in range(0, 30, 6)]),
    ],
    ids=["paragraphs", "table", "short lines", "ragged"],
)
def test_text_that_is_not_wrapped_is_left_as_it_is(text):
    assert join_fixed_width(text) is text


def test_a_title_as_wide_as_the_page_stays_on_its_own_line():
    title = "周村区科学技术局关于2018年度法治政府建设工作情况的报告"
    body = [line for p in PARAGRAPHS for line in _wrap(p, width(title), indent="")]
    joined = join_fixed_width("\n".join([title, *body]))
    assert joined.split("\n")[0] == title


# a party group's and a merged bureau's names: 32 characters before the year
LONG_TITLE = "中共周村区科学技术局党组周村区科学技术局（周村区知识产权局）关于2018年度法治政府建设工作情况的报告"


@pytest.mark.parametrize("join", [join_fixed_width, pdf.join_wrapped_lines], ids=["text", "pdf"])
def test_a_long_title_after_a_full_line_starts_its_own_line(join):
    """The text reader and the PDF reader take the same lines for titles: a title under a
    breadcrumb as wide as the page is not joined to it, however long its names."""
    crumb = "当前位置：首页＞政务公开＞法治政府建设＞年度报告＞周村区科学技术局＞正文"
    body = [line for p in PARAGRAPHS for line in _wrap(p, width(crumb), indent="")]
    lines = join("\n".join([crumb, LONG_TITLE, *body])).split("\n")
    assert LONG_TITLE in lines


def test_a_heading_after_a_cut_line_starts_its_own_line():
    body = _wrap(PARAGRAPHS[0] + PARAGRAPHS[1], 56)
    cut = body[0].rstrip("。")  # a line that reaches the edge mid-sentence
    text = "\n".join([*body, cut, "二、强化法治学习", *body])
    assert "\n二、强化法治学习" in join_fixed_width(text)


def _page(paragraph_html: str, table: str = "") -> str:
    return (
        "<html><head><meta charset='utf-8'><title>" + TITLE + "</title></head><body>"
        "<h1>"
        + TITLE
        + "</h1><div class='content'>"
        + paragraph_html
        + table
        + "</div></body></html>"
    )


TABLE = (
    "<table><tr><td>项目</td><td>数量</td></tr>"
    "<tr><td>执法检查（次）</td><td>12</td></tr><tr><td>规范性文件（件）</td><td>2</td></tr></table>"
)


def _html_facts(markup: str, tmp_path):
    from etl.readers.html import read_html

    path = tmp_path / "p.html"
    path.write_text(markup, encoding="utf-8")
    doc = read_html(path)
    facts = extract_text(doc.text, "周村区科学技术局", 2018)
    return doc, {(f.agency, f.indicator, f.value) for f in facts}


@pytest.mark.parametrize("joiner", ["</p><p>", "<br>", "<br/>\n"], ids=["p", "br", "br-newline"])
def test_a_page_of_a_pdfs_lines_gives_the_facts_of_its_paragraphs(joiner, tmp_path):
    lines = [line for p in PARAGRAPHS for line in _wrap(p, 56)]
    _, whole = _html_facts(_page("".join(f"<p>{p}</p>" for p in PARAGRAPHS), TABLE), tmp_path)
    doc, wrapped = _html_facts(_page("<p>" + joiner.join(lines) + "</p>", TABLE), tmp_path)
    assert wrapped == whole
    # the table's cells still point at their own text once the breaks above are cut out
    assert doc.parts
    for s, e, _ in doc.parts:
        assert doc.text[s:e] in {"项目", "数量", "执法检查（次）", "12", "规范性文件（件）", "2"}


def test_a_word_file_made_from_a_pdf_one_paragraph_a_line(one_line_each, tmp_path):
    from docx import Document

    from etl.readers.docx import read_docx

    doc = Document()
    doc.add_paragraph(TITLE)
    for line in (line for p in PARAGRAPHS for line in _wrap(p, 62)):
        doc.add_paragraph(line)
    doc.save(tmp_path / "r.docx")
    text = read_docx(tmp_path / "r.docx").text
    facts = extract_text(text, "周村区科学技术局", 2018)
    assert {(f.agency, f.indicator, f.value) for f in facts} == one_line_each


@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=30))
def test_width_counts_as_written(line):
    """width() counts in C what it once counted a character at a time."""
    assert width(line) == sum(1 if c < "\u2e80" else 2 for c in line)
