"""PDF reports through PDFium's text layer (pypdfium2).

pypdf returned some CJK text layers (fpdf2 + Noto CJK, as a report printed to PDF) with a
space between every character, and the facts of those reports were lost; PDFium reads them
as written (BENCHMARKS.md, "PDF reader"). PDFium also gives each character's box, so the
page is laid out from geometry rather than from the order the producer wrote the text in:
characters make fragments, fragments on one baseline make a line (cells of a table row far
apart are joined with " | ", as the docx reader writes a row), and a two-column page is read
down the left column, then down the right.

Chinese PDFs break lines wherever the page ends, mid-word: "开展执法检\\n查12次". The
extractor matches within a line, so we join a break unless the previous line ends a
sentence or the next line starts a heading. Page numbers and running headers or footers
(the same first or last line on most pages) are page furniture and dropped. Scanned PDFs
have no text layer; we say so plainly instead of returning an empty report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from etl.model import ReadError, TextDoc

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

_SENTENCE_END = tuple("。；！？：”）)")
_SHORT_HEADING = 20  # a heading-like line this short is a heading, not a wrapped sentence
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[.．](?!\d)|、)"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇项])"
)
_FIELD = re.compile(r"^\s*[\u4e00-\u9fff]{2,4}[:：]")  # 来源： 发布时间： a page's fields
_TITLE = re.compile(r"^\s*\S{2,30}?(?:19|20)\d\d年\S{0,30}(?:报告|总结)\s*$")
_ROW_START = re.compile(r"^\s*(?:\|\s*)?[-+]?\d[\d,.]*%?\s*\|")  # "0 | 0 | 2": a row of numbers
# "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10": page furniture, not text
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)


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
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
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


def join_wrapped_lines(text: str) -> str:
    """Join line breaks that fall mid-sentence.

    A break stays after 。；！？：”), before a heading (一、 （一） 1. 第X章), and after a short
    heading line."""
    out: list[str] = []
    for line in _newlines(text).split("\n"):
        prev = out[-1].rstrip() if out else ""
        if _continues(prev, line):
            line = line.lstrip()
            sep = " " if _ascii_letter(prev[-1]) and _ascii_letter(line[0]) else ""
            out[-1] = prev + sep + line
        else:
            out.append(line)
    return _bare("\n".join(out))


def _continues(prev: str, line: str) -> bool:
    """True if `line` carries on the sentence that `prev` was cut in."""
    if not prev or not line.strip() or prev.endswith(_SENTENCE_END) or _HEADING.match(line):
        return False
    if prev.endswith(_HARD) or _ROW_START.match(line) or _FIELD.match(line):
        return False  # stopped short of the edge; a table's next row; "来源：" and the like
    if _TITLE.match(_bare(line)):  # a report's title after a full-width line (a breadcrumb)
        return False
    if _CELLS in prev[-2:] and _CELLS in line[-2:]:  # two rows of a table laid out in cells
        return False
    return not (_HEADING.match(prev) and len(prev) <= _SHORT_HEADING)  # "二、复议情况" alone


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


# --- layout: characters -> fragments -> lines -> columns -----------------------------------

_SPACE_GAP = 0.25  # a gap this wide (in font heights) between two glyphs is a space
_CELL_GAP = 1.5  # and this wide, a new fragment: another table cell or another column
_SHORT_LINE = 4  # a line ending this far (in font heights) before the column's edge ended there
_HARD = "\ue000"  # marks such a line for join_wrapped_lines: it ends a paragraph, a title, a row
_CELLS = "\ue001"  # marks a line of cells set apart on the page (a table row), before any _HARD
_PARAGRAPH = 0.3  # this much more space (in font heights) than between lines: a new paragraph
_PROSE = 8  # a column's lines hold at least this many characters (median); a table's do not


@dataclass
class _Frag:
    """Characters written one after another on one baseline with no wide gap."""

    text: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    frags: list[_Frag] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(f.top for f in self.frags)

    def text(self, frags: list[_Frag] | None = None) -> str:
        out = ""
        prev = None
        for f in sorted(frags if frags is not None else self.frags, key=lambda f: f.left):
            if prev is not None:
                gap = (f.left - prev.right) / min(f.height, prev.height)
                out += " | " if gap >= _CELL_GAP else " " if gap >= _SPACE_GAP else ""
            out += f.text
            prev = f
        return out.strip()


def _page_lines(page) -> list[str]:
    textpage = page.get_textpage()
    try:
        frags = _fragments(textpage)
    finally:
        textpage.close()
        page.close()
    lines = _lines(frags)
    return _reading_order(lines)


def _fragments(textpage) -> list[_Frag]:
    """The page's characters in the order written, cut into fragments where the pen jumps
    (a new line, a wide gap, a step back). PDFium's own inferred spaces and line breaks
    are skipped: the geometry decides."""
    raw = textpage.raw
    frags: list[_Frag] = []
    cur: _Frag | None = None
    n = textpage.count_chars()
    i = 0
    while i < n:
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        generated = pdfium_c.FPDFText_IsGenerated(raw, i) == 1
        index = i
        i += 1
        if generated or code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        if 0xD800 <= code < 0xDC00 and i < n:  # a character beyond the BMP: two units
            low = pdfium_c.FPDFText_GetUnicode(raw, i)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 1
        ch = chr(code)
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        if ch.isspace():
            if cur is not None and not cur.text.endswith(" "):
                cur.text += " "
            continue
        if cur is not None:
            h = min(cur.height, max(top - bottom, 1.0))
            same_line = abs((top + bottom) / 2 - cur.middle) < 0.5 * h
            gap = (left - cur.right) / h
            if same_line and -0.5 <= gap < _CELL_GAP:
                if gap >= _SPACE_GAP and not cur.text.endswith(" "):
                    cur.text += " "
                cur.text += ch
                cur.right = max(cur.right, right)
                cur.bottom, cur.top = min(cur.bottom, bottom), max(cur.top, top)
                continue
        cur = _Frag(ch, left, right, bottom, top)
        frags.append(cur)
    for f in frags:
        f.text = f.text.strip()
    return [f for f in frags if f.text]


def _lines(frags: list[_Frag]) -> list[_Line]:
    """Fragments on one baseline make a line; lines from the top of the page down."""
    lines: list[_Line] = []
    for f in sorted(frags, key=lambda f: (-f.middle, f.left)):
        for line in reversed(lines[-3:]):
            ref = line.frags[0]
            if abs(f.middle - ref.middle) < 0.5 * min(f.height, ref.height):
                line.frags.append(f)
                break
        else:
            lines.append(_Line([f]))
    return lines


def _reading_order(lines: list[_Line]) -> list[str]:
    """Line texts in reading order: a run of lines that all leave a gutter free, with prose
    on both sides of it, is two columns (the left one read first); anything else, a table
    row included, is read across. A gap wider than the page's usual line spacing is a
    paragraph break: an empty line, which the line joining never crosses."""
    gutter = _gutter(lines)
    spacing = _usual_gap(lines)
    out: list[str] = []
    run: list[_Line] = []

    frags = [f for line in lines for f in line.frags]
    page_right = max((f.right for f in frags), default=0.0)

    def emit(part: list[tuple[_Line, list[_Frag]]], full: float = page_right) -> None:
        part = [(line, frags) for line, frags in part if frags]
        full = max([full] + [f.right for _, frags in part for f in frags])
        prev: _Frag | None = None
        for line, frags in part:
            top, bottom = max(f.top for f in frags), min(f.bottom for f in frags)
            if prev is not None and prev.bottom - top > spacing + _PARAGRAPH * prev.height:
                out.append("")
            text = _CONTROLS.sub("", line.text(frags))
            right, height = max(f.right for f in frags), max(f.height for f in frags)
            text += _CELLS if len(frags) > 1 else ""
            out.append(text + _HARD if right < full - _SHORT_LINE * height else text)
            prev = _Frag("", 0, 0, bottom, top)

    def flush() -> None:
        if gutter is not None and run:
            left = [[f for f in line.frags if f.right <= gutter] for line in run]
            right = [[f for f in line.frags if f.left >= gutter] for line in run]
            if (_prose(left) and _prose(right)) or (_filled(left) and _prose(right, chars=1)):
                emit(list(zip(run, left, strict=True)), full=0.0)
                emit(list(zip(run, right, strict=True)), full=0.0)
                run.clear()
                return
        emit([(line, line.frags) for line in run])
        run.clear()

    for line in lines:
        if gutter is not None and any(f.left < gutter < f.right for f in line.frags):
            flush()
            run.append(line)
            flush()
        else:
            run.append(line)
    flush()
    return out


def _usual_gap(lines: list[_Line]) -> float:
    """The usual space between one line and the next (between boxes, not baselines): the
    fifth percentile up, so that pages of short paragraphs still count their wrapped lines."""
    gaps = sorted(
        max(min(f.bottom for f in a.frags) - b.top, 0.0)
        for a, b in zip(lines, lines[1:], strict=False)
    )
    return gaps[len(gaps) // 5] if gaps else 0.0


def _gutter(lines: list[_Line]) -> float | None:
    """The x in the middle half of the text that the fewest lines cross (None if every x
    there is crossed by most lines: one column)."""
    frags = [f for line in lines for f in line.frags]
    if len(lines) < 6 or not frags:
        return None
    x0, x1 = min(f.left for f in frags), max(f.right for f in frags)
    width = x1 - x0
    best: tuple[int, float, float] | None = None
    steps = 50
    for k in range(steps + 1):
        x = x0 + width * (0.25 + 0.5 * k / steps)
        crossing = sum(any(f.left < x < f.right for f in line.frags) for line in lines)
        key = (crossing, abs(x - (x0 + x1) / 2), x)
        if best is None or key < best:
            best = key
    if best is None or best[0] > len(lines) // 2:
        return None
    return best[2]


def _prose(sides: list[list[_Frag]], chars: int = _PROSE) -> bool:
    """At least three lines, their median length that of running text."""
    lengths = sorted(sum(len(f.text) for f in fs) for fs in sides if fs)
    return len(lengths) >= 3 and lengths[len(lengths) // 2] >= chars


def _filled(sides: list[list[_Frag]]) -> bool:
    """A column of wrapped text: most of its (three or more) lines run to its right edge,
    where a table's first column holds labels of every length."""
    rights = [(max(f.right for f in fs), max(f.height for f in fs)) for fs in sides if fs]
    if len(rights) < 3:
        return False
    edge = max(r for r, _ in rights)
    return sum(r >= edge - 1.5 * h for r, h in rights) >= 0.6 * len(rights)


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
