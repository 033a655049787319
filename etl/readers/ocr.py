"""Scans read by OCR: a PDF without a text layer, or a photo (.jpg/.png) of a page.

The engine is RapidOCR (PyPI `rapidocr-onnxruntime`: PP-OCRv4 detection, direction and
recognition models inside the wheel, run by onnxruntime — nothing is downloaded at run
time). Where it is not installed but `tesseract` with its `chi_sim` language is, tesseract
reads the page instead. With neither, the file is set aside with a reason that says what to
install (MISSING).

A PDF's pages are rendered with pypdfium2 at DPI. RapidOCR returns one box per stretch of
text; a page photographed or scanned a few degrees askew gives boxes that slope, so the
boxes are turned back by the page's median slope before they are put into lines (top to
bottom, left to right). A line that runs to the right edge of the text carries on in the
next one (a paragraph wrapped by the page) and is joined to it, unless the next line is a
heading; a short line ends its paragraph. Pages are separated by a form feed on a line of
its own ("\\n\\f\\n"), so that where a fact stands tells its page (page_of).
"""

from __future__ import annotations

import functools
import math
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from statistics import median

from etl.model import ReadError, TextDoc

DPI = 200
PAGE_BREAK = "\n\f\n"
MAX_PAGES = 60  # a scan longer than this is not a yearly report; it would take minutes

_INSTALL = (
    "请在项目目录运行 `.venv/bin/pip install -r requirements.txt`（其中的 rapidocr-onnxruntime "
    "自带中文识别模型，`make run` 也会安装），或安装系统软件包 tesseract-ocr 和 "
    "tesseract-ocr-chi-sim，然后重新建库。"
)
MISSING = (
    "这是扫描件或图片（没有文字层），需要文字识别（OCR）才能读取，但本机没有安装 OCR 组件。"
    + _INSTALL
    + "（OCR is needed for a scan and is not installed: pip install rapidocr-onnxruntime.）"
)
MISSING_PDF = "PDF 没有文字层（可能是扫描件），" + MISSING.split("（没有文字层），", 1)[1]
NOTHING_READ = (
    "图片中没有认出任何文字（可能是空白页、照片太模糊或不是文字页面）。请提供更清晰的扫描件"
    "（200 dpi 以上），或可复制文字的 .pdf、.docx 文件。（OCR found no text in the image.）"
)
NOTHING_READ_PDF = (
    "PDF 没有文字层（可能是扫描件），文字识别（OCR）也没有认出任何文字（可能是空白页或扫描太模糊）。"
    "请提供可复制文字的 PDF、Word 或文本文件，或更清晰的扫描件（200 dpi 以上）。"
    "（The PDF has no text layer and OCR found no text.）"
)
TOO_MANY_PAGES = (
    f"扫描件超过 {MAX_PAGES} 页，文字识别太慢，未读取。请只提供报告本身的页面，"
    "或提供可复制文字的 PDF、Word 文件。（Scan too long for OCR.）"
)
ODD_PAGE = (
    "PDF 第{page}页的尺寸异常（{w:.0f}×{h:.0f} 厘米），不像报告的页面，文字识别无法读取，未读取。"
    "请提供按 A4 等常见纸张扫描或导出的文件。（A page of this PDF is far too large to be a "
    "report page; it was not read.）"
)
# An A4 page at DPI is about 3.9 million pixels. A larger page (A3, a poster) is drawn
# smaller so that it stays under this, unless that would make its text too small to read:
# then the page is refused with a reason instead of filling the memory (a fuzzed PDF had a
# page 297 metres tall).
MAX_PAGE_PIXELS = 40_000_000
MIN_DPI = 100

BAD_IMAGE = (
    "图片文件已损坏或无法打开。请重新扫描或导出后再提供，或提供可复制文字的 .pdf、.docx 文件。"
    "（The image cannot be opened.）"
)

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[.．](?!\d)|、)"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分篇项])"
)

PageHook = Callable[[Path, int, int], None]  # (the scan, the page about to be read, pages)

# Who hears, in this process, that a scan's page is about to be read: a build sets it (in
# each worker) so that a many-page scan, a minute or more of OCR, shows its pages go by.
_page_hook: PageHook | None = None


def report_pages(hook: PageHook | None) -> None:
    """Call hook(path, page, pages) before each page of a scan is read (None: stop)."""
    global _page_hook
    _page_hook = hook


def _announce(path: Path, page: int, pages: int) -> None:
    if _page_hook is not None:
        _page_hook(Path(path), page, pages)


_engine = None
_engine_lock = threading.Lock()


@functools.cache
def engine_name() -> str | None:
    """'rapidocr', 'tesseract', or None when no OCR can run here (rapidocr is imported to
    know: its opencv needs libGL, which a bare machine may lack)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # not installed, or a library it loads is missing
        return "tesseract" if _tesseract_chi_sim() else None
    return "rapidocr"


def _tesseract_chi_sim() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def page_of(text: str, pos: int) -> int:
    """The page (from 1) of an OCR text that position `pos` is on."""
    return text.count("\f", 0, max(pos, 0)) + 1


# --- reading ----------------------------------------------------------------------------


def read_scanned_pdf(path: Path) -> TextDoc:
    """A PDF without a text layer, page by page through OCR."""
    name = engine_name()
    try:
        import pypdfium2 as pdfium
    except ImportError:
        name = None
    if name is None:
        raise ReadError(MISSING_PDF)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:
        raise ReadError(NOTHING_READ_PDF) from exc
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise ReadError(TOO_MANY_PAGES)
        pages = []
        for i in range(n):
            _announce(path, i + 1, n)
            page = pdf[i]
            scale = render_scale(*page.get_size())
            if scale is None:
                w, h = (v / 72 * 2.54 for v in page.get_size())
                raise ReadError(ODD_PAGE.format(page=i + 1, w=w, h=h))
            try:
                image = page.render(scale=scale).to_pil()
            except Exception as exc:  # pdfium's own refusal of a page it cannot draw
                raise ReadError(NOTHING_READ_PDF) from exc
            pages.append(_ocr_page(image, name))
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise ReadError(NOTHING_READ_PDF)
    return _doc(path, pages, "pdf")


def render_scale(width_pt: float, height_pt: float) -> float | None:
    """The scale to draw a page of this size in points at: DPI, or less for a page too
    large to draw at DPI; None for a page that could only be drawn too small to read."""
    scale = DPI / 72
    pixels = max(width_pt, 1.0) * max(height_pt, 1.0) * scale * scale
    if pixels > MAX_PAGE_PIXELS:
        scale *= (MAX_PAGE_PIXELS / pixels) ** 0.5
    return scale if scale * 72 >= MIN_DPI else None


def read_image(path: Path, fmt: str) -> TextDoc:
    """A photo or scan of one page (.png/.jpg)."""
    name = engine_name()
    if name is None:
        raise ReadError(MISSING)
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as im:
            image = ImageOps.exif_transpose(im).convert("RGB")
    except Exception as exc:
        raise ReadError(BAD_IMAGE) from exc
    _announce(path, 1, 1)
    return _doc(path, [_ocr_page(image, name)], fmt)


def _doc(path: Path, pages: list[str], fmt: str) -> TextDoc:
    if not any(p.strip() for p in pages):
        raise ReadError(NOTHING_READ)
    return TextDoc(path=Path(path), text=PAGE_BREAK.join(pages), format=fmt, method="ocr")


def _ocr_page(image, name: str) -> str:
    if name == "tesseract":
        return _tesseract(image)
    import numpy as np

    with _engine_lock:
        result, _ = _rapid()(np.asarray(image.convert("RGB")))
    boxes = [(box, text) for box, text, _score in (result or []) if text.strip()]
    return page_text(boxes)


def _rapid():
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR()
    return _engine


def _tesseract(image) -> str:
    """tesseract's words (TSV), one box per line it found, then the same lines and
    paragraphs as RapidOCR's boxes."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp, "page.png")
        image.save(png)
        try:
            out = subprocess.run(
                ["tesseract", str(png), "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
                capture_output=True, text=True, timeout=300,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            raise ReadError(MISSING) from exc
    lines: dict[tuple, list] = {}
    for row in out.stdout.split("\n")[1:]:
        f = row.split("\t")
        if len(f) < 12 or not f[11].strip() or f[0] != "5":
            continue
        x, y, w, h = (int(v) for v in f[6:10])
        lines.setdefault((f[2], f[3], f[4]), []).append((x, y, x + w, y + h, f[11].strip()))
    boxes = []
    for words in lines.values():
        text = ""
        for *_, word in words:  # no space between Chinese words, one between Latin ones
            sep = " " if text and text[-1].isascii() and word[0].isascii() else ""
            text += sep + word
        x0, y0 = min(w[0] for w in words), min(w[1] for w in words)
        x1, y1 = max(w[2] for w in words), max(w[3] for w in words)
        boxes.append(([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text))
    return page_text(boxes)


# --- boxes into lines -------------------------------------------------------------------


class _Box:
    __slots__ = ("text", "x0", "x1", "y", "h")

    def __init__(self, text: str, x0: float, x1: float, y: float, h: float):
        self.text, self.x0, self.x1, self.y, self.h = text, x0, x1, y, h


def page_text(boxes: list[tuple[list, str]]) -> str:
    """The text of one page from OCR boxes (four corners clockwise from top left, and the
    text), in reading order, wrapped paragraphs joined."""
    if not boxes:
        return ""
    slope = _slope(boxes)
    cos, sin = math.cos(-slope), math.sin(-slope)
    items = []
    for corners, text in boxes:
        pts = [(x * cos - y * sin, x * sin + y * cos) for x, y in corners]  # turned level
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        items.append(_Box(text.strip(), min(xs), max(xs), sum(ys) / 4, max(ys) - min(ys)))
    h = median(b.h for b in items)
    items.sort(key=lambda b: b.y)
    lines: list[list[_Box]] = []
    for b in items:
        if lines and abs(b.y - median(x.y for x in lines[-1])) < 0.5 * h:
            lines[-1].append(b)
        else:
            lines.append([b])
    rows = []
    for line in lines:
        line.sort(key=lambda b: b.x0)
        text = line[0].text
        for prev, b in zip(line, line[1:], strict=False):
            text += ("　" if b.x0 - prev.x1 > 1.5 * h else "") + b.text
        rows.append((text, line[0].x0, line[-1].x1, "　" in text))
    while rows and _PAGE_NUMBER.match(rows[-1][0]):
        rows.pop()
    while rows and _PAGE_NUMBER.match(rows[0][0]):
        rows.pop(0)
    if not rows:
        return ""
    right = sorted(r[2] for r in rows)[int(0.9 * (len(rows) - 1))]  # the text's right edge
    out: list[str] = []
    full_prev = False
    left = sorted(r[1] for r in rows)[int(0.1 * (len(rows) - 1))]  # the text's left edge
    for text, x0, x1, gaps in rows:
        if out and full_prev and x0 <= left + h and not _HEADING.match(text):
            out[-1] += text  # a paragraph wrapped by the page
        else:
            out.append(text)
        # a full line carries on in the next, unless it is fields spaced apart (发布时间… 来源…)
        full_prev = x1 >= right - 1.5 * h and not gaps and not text.endswith(("。", "：", "；"))
    return "\n".join(out)


def _slope(boxes: list[tuple[list, str]]) -> float:
    """The page's tilt in radians: the median slope of the top edge of the long boxes."""
    angles = []
    for corners, _text in boxes:
        (x0, y0), (x1, y1) = corners[0], corners[1]
        w = math.hypot(x1 - x0, y1 - y0)
        hgt = math.hypot(corners[3][0] - x0, corners[3][1] - y0)
        if w > 3 * hgt:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return median(angles) if angles else 0.0
