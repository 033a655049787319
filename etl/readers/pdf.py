"""PDF reports through PDFium's text layer (pypdfium2).

pypdf returned some CJK text layers (fpdf2 + Noto CJK, as a report printed to PDF) with a
space between every character, and the facts of those reports were lost; PDFium reads them
as written (BENCHMARKS.md, "PDF reader"). PDFium also gives each character's box, so each
page is laid out from geometry rather than from the order the producer wrote the text in
(etl/readers/pdf_layout.py: lines left to right, table cells joined with " | ", two-column
pages read down the left column, then down the right).

Chinese PDFs break lines wherever the page ends, mid-word: "开展执法检\n查12次". The
extractor matches within a line, so we join a break unless the previous line ends a
sentence or the next line starts a heading. Page numbers and running headers or footers
(the same first or last line on most pages) are page furniture and dropped. Scanned PDFs
have no text layer; we say so plainly instead of returning an empty report.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from etl.model import ReadError, TextDoc
from etl.readers.pdf_layout import CELLS as _CELLS
from etl.readers.pdf_layout import HARD as _HARD
from etl.readers.pdf_layout import page_layout, reading_order
from etl.readers.wrapped import HEADING as _HEADING
from etl.readers.wrapped import PAGE_NUMBER as _PAGE_NUMBER
from etl.readers.wrapped import SENTENCE_END as _SENTENCE_END
from etl.readers.wrapped import SHORT_HEADING as _SHORT_HEADING
from etl.readers.wrapped import TITLE as _TITLE

NO_TEXT_LAYER = (
    "PDF 没有文字层（可能是扫描件），无法提取文字。请提供可复制文字的 PDF、Word 或文本文件。"
    "（The PDF has no text layer, probably a scan.）"
)
ENCRYPTED = (
    "PDF 已加密（设有打开密码），无法读取。请提供未加密的 PDF，或另存为 Word 或文本文件。"
    "（The PDF is encrypted.）"
)
CORRUPT = (
    "PDF 文件已损坏或不完整，无法打开。请重新导出或重新下载该 PDF 后再提供。"
    "（The PDF is damaged or incomplete.）"
)

_FIELD = re.compile(
    r"^\s*[\u4e00-\u9fff]{2,4}[:：]\s*[^\s\ue000\ue001]"
)  # 来源：县科技局, a page's fields (not 报告如下：)
_ROW_START = re.compile(r"^\s*(?:\|\s*)?[-+]?\d[\d,.]*%?\s*\|")  # "0 | 0 | 2": a row of numbers


def read_pdf(path: Path) -> TextDoc:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(ENCRYPTED) from exc
        raise ReadError(CORRUPT) from exc
    except Exception as exc:
        raise ReadError(CORRUPT) from exc
    try:
        if len(pdf) == 0:
            raise ReadError(CORRUPT)
        pages = _read_pages(pdf)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(CORRUPT) from exc
    finally:
        pdf.close()
    text = join_wrapped_lines("\n".join("\n".join(lines) for lines in _drop_furniture(pages)))
    if not text.strip():
        raise ReadError(NO_TEXT_LAYER)
    return TextDoc(path=Path(path), text=text, format="pdf")


def _read_pages(pdf) -> list[list[str]]:
    """Each page's lines in reading order. A page that shows two columns of its own lends
    them to the document's other pages (a column of table cells shows nothing)."""
    layouts = []
    for i in range(len(pdf)):
        page = pdf[i]
        try:
            layouts.append(page_layout(page))
        finally:
            page.close()
    read = [reading_order(layout) for layout in layouts]
    known = tuple(shown for _, shown in read if shown is not None)
    if known:
        read = [
            r if r[1] else reading_order(lay, known) for lay, r in zip(layouts, read, strict=True)
        ]
    return [lines for lines, _ in read]


def join_wrapped_lines(text: str) -> str:
    """Join line breaks that fall mid-sentence.

    A break stays after 。；！？：”), before a heading (一、 （一） 1. 第X章), and after a short
    heading line."""
    out: list[str] = []
    for line in _newlines(text).split("\n"):
        prev = out[-1].rstrip() if out else ""
        if _continues(prev, line):
            line = line.lstrip()
            words = _ascii_letter(prev[-1]) and _ascii_letter(line[0])
            sep = " " if words or "|" in (_bare(prev)[-1:], line[0]) else ""  # "0" "| 2": "0 | 2"
            out[-1] = prev + sep + line
        else:
            out.append(line)
    return _bare("\n".join(out))


def _continues(prev: str, line: str) -> bool:
    """True if `line` carries on the sentence that `prev` was cut in."""
    if not prev or not line.strip() or _bare(prev).endswith(_SENTENCE_END):
        return False
    if _HEADING.match(line) or prev.endswith(_HARD) or _FIELD.match(line):
        return False  # a heading; stopped short of the edge; "来源：" and the like
    if _ROW_START.match(line) and not _cut_row(prev, line):
        return False  # a table's next row
    if _TITLE.match(_bare(line)) or _TITLE.match(_bare(prev)):
        return False  # a report's title stands alone: after a breadcrumb, before its body
    if _CELLS in prev[-2:] and _CELLS in line[-2:]:  # two rows of a table laid out in cells
        return False
    return not (_HEADING.match(prev) and len(prev) <= _SHORT_HEADING)  # "二、复议情况" alone


def _cut_row(prev: str, line: str) -> bool:
    """A row written with pipes, cut at the page edge: the cut falls on one side of a pipe
    ("…| 0 | 0" then "| 0 | 2", or "…| 0 |" then "0 | 1"); a pipe on both sides, or on
    neither, is a new row."""
    before, after = _bare(prev).rstrip(), line.lstrip()
    return "|" in before and _CELLS not in prev and before.endswith("|") != after.startswith("|")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Page numbers on the first or last line of a page, and running headers and footers:
    the same first (or last) line, digits aside, on both of two pages or half of more."""
    repeated: set[str] = set()
    if len(pages) >= 2:
        for end in (0, -1):
            seen = Counter(_digitless(_first_text(p, end)) for p in pages if p)
            repeated |= {t for t, c in seen.items() if c >= max(2, (len(pages) + 1) // 2) and t}
    out = []
    for lines in pages:
        lines = list(lines)
        for end in (0, -1):
            while lines and not _bare(lines[end]).strip():
                lines.pop(end)
            edge = _bare(lines[end]) if lines else ""
            if lines and (_PAGE_NUMBER.match(edge) or _digitless(edge) in repeated):
                lines.pop(end)
            while lines and not _bare(lines[end]).strip():
                lines.pop(end)
        out.append(lines)
    return out


def _first_text(lines: list[str], end: int) -> str:
    texts = [t for t in lines if t.strip()]
    return texts[end] if texts else ""


def _digitless(line: str) -> str:
    return re.sub(r"\d+", "#", _bare(line).strip())


def _bare(text: str) -> str:
    return text.replace(_HARD, "").replace(_CELLS, "")
