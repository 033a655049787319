"""Word (.docx) reports: paragraphs and tables, in the order they stand in the document.

Annual reports often put their figures in a table between two paragraphs; reading
`doc.paragraphs` and `doc.tables` separately would move the table away from the text
that explains it. So we walk the body XML, one line per paragraph and per table row
(cells joined with " | "); a table laid across the page (indicator columns with their units
over one row of figures) one line per column (执法检查（次） | 16), so that each figure
reads beside its name.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from etl.model import ReadError, TextDoc
from etl.readers import wrapped
from etl.readers.table_cells import laid_across

CORRUPT = (
    "Word 文件已损坏或不完整，无法打开。请用 Word 或 WPS 打开后重新另存为 .docx 再提供。"
    "（The .docx file is damaged or incomplete.）"
)
NO_TEXT = (
    "Word 文件里没有可读的文字（可能只有图片）。请提供含文字的 Word、PDF 或文本文件。"
    "（The .docx file contains no text.）"
)


def read_docx(path: Path) -> TextDoc:
    try:
        doc = Document(str(path))
        lines = list(_body_lines(doc.element.body, doc))
    except Exception as exc:  # zip, XML and package errors all mean the same to the user
        raise ReadError(CORRUPT) from exc
    # a PDF turned into Word keeps the page's lines as paragraphs: "执法检" ¶ "查12次"
    text = wrapped.join_fixed_width("\n".join(lines))
    if not text.strip():
        raise ReadError(NO_TEXT)
    return TextDoc(path=Path(path), text=text, format="docx")


def _body_lines(container, parent):
    for el in container.iterchildren():
        if el.tag == qn("w:p"):
            text = Paragraph(el, parent).text
            if text.strip():
                yield text
        elif el.tag == qn("w:tbl"):
            yield from _table_lines(Table(el, parent))
        elif el.tag == qn("w:sdt"):  # content control wrapping paragraphs or tables
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_lines(content, parent)


def _table_lines(table: Table):
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell is repeated once per grid column it spans
                continue
            last = cell._tc
            cells.append(" ".join(cell.text.split("\n")).strip())
        if any(cells):
            rows.append(cells)
    if across := laid_across(rows):  # 执法检查（次） | 检查企业（家）, then 15 | 42
        yield from (f"{rows[0][c]} | {rows[1][c]}" for c in across)  # one column a line
        return
    yield from (" | ".join(cells) for cells in rows)
