"""PDF reports through pypdf's text layer.

Chinese PDFs break lines wherever the page ends, mid-word: "开展执法检\\n查12次". The
extractor matches within a line, so we join a break unless the previous line ends a
sentence or the next line starts a heading. Scanned PDFs have no text layer; we say
so plainly instead of returning an empty report.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

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
# "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10": page furniture, not text
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)


def read_pdf(path: Path) -> TextDoc:
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not _open_without_password(reader):
            raise ReadError(ENCRYPTED)
        if len(reader.pages) == 0:
            raise ReadError(CORRUPT)
        pages = [_clean_page(page.extract_text() or "") for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(CORRUPT) from exc
    text = join_wrapped_lines("\n".join(pages))
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
    return "\n".join(out)


def _continues(prev: str, line: str) -> bool:
    """True if `line` carries on the sentence that `prev` was cut in."""
    if not prev or not line.strip() or prev.endswith(_SENTENCE_END) or _HEADING.match(line):
        return False
    return not (_HEADING.match(prev) and len(prev) <= _SHORT_HEADING)  # "二、复议情况" alone


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _open_without_password(reader: PdfReader) -> bool:
    """PDFs with only an owner password (no printing/copying) open with an empty one."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported cipher or missing crypto library
        return False


def _clean_page(page: str) -> str:
    """Drop control characters (pypdf yields NULs for some CID fonts) and page numbers."""
    lines = _CONTROLS.sub("", _newlines(page)).split("\n")
    for i in (0, -1):
        if lines and _PAGE_NUMBER.match(lines[i]):
            lines.pop(i)
    return "\n".join(lines)
