"""Pick a reader by what the file *is*, not what it is called.

Staff rename files, save .doc as .docx, zip folders, send scans. The first bytes tell
a Word file from a spreadsheet, a PDF, an old Office file or a picture; only plain text
(which has no signature) is told apart by its extension. Every refusal is a ReadError
whose reason says what to do instead.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from etl.model import ReadError, TableDoc, TextDoc
from etl.readers import office
from etl.readers.docx import CORRUPT as DOCX_CORRUPT
from etl.readers.docx import read_docx
from etl.readers.html import read_html
from etl.readers.html import sniff as sniff_page
from etl.readers.ocr import read_image, read_scanned_pdf
from etl.readers.pdf import NO_TEXT_LAYER, read_pdf
from etl.readers.table import CORRUPT_XLSX, read_csv, read_xlsx
from etl.readers.text import read_txt

MAX_BYTES = 20 * 1024 * 1024
PAGE_SUFFIXES = {".html", ".htm", ".mht", ".mhtml"}

OLD_OFFICE = office.OLD_OFFICE  # an OLE2 file that is neither Word nor Excel
BINARY = (
    "文件内容不是文本，也不是可识别的 Word、Excel 或 PDF 文件，无法读取。"
    "请提供 .txt、.docx、.pdf、.csv 或 .xlsx 文件。"
    "（Binary or unknown content.）"
)
_WANTED = ".txt、.docx、.pdf、.csv 或 .xlsx 文件"
_UNPACK = f"请解压后逐个提供其中的 {_WANTED}。"

# signature -> what to tell the user
_REFUSED_MAGIC = [
    (b"GIF8", f"这是图片文件（GIF），没有可读的文字。请提供 {_WANTED}。"),
    (b"II*\x00", f"这是图片文件（TIFF），没有可读的文字。请提供 {_WANTED}。"),
    (b"MM\x00*", f"这是图片文件（TIFF），没有可读的文字。请提供 {_WANTED}。"),
    (b"Rar!", f"这是压缩包（RAR），{_UNPACK}"),
    (b"7z\xbc\xaf\x27\x1c", f"这是压缩包（7z），{_UNPACK}"),
    (b"\x1f\x8b", f"这是压缩包（gzip），{_UNPACK}"),
    (b"PK\x05\x06", f"这是一个空的压缩包（zip），里面没有文件。请提供 {_WANTED}。"),
    (b"{\\rtf", "这是 RTF 格式，请用 Word 或 WPS 打开后另存为 .docx 再提供。"),
]


def read_file(path: Path, data: bytes | None = None) -> TextDoc | TableDoc:
    """data: the file's bytes, when the caller has read them already (the pipeline hashes
    them first): a plain-text report is then decoded from them, not read a second time."""
    path = path if isinstance(path, Path) else Path(path)
    try:
        if data is None:
            size = path.stat().st_size
            with path.open("rb") as f:
                head = f.read(8192)
        else:
            size, head = len(data), data[:8192]
    except OSError as exc:
        raise ReadError(
            "无法打开文件，请检查文件是否存在、是否有权限读取。"
            f"（Cannot open the file: {exc.strerror or exc}）"
        ) from exc
    if size == 0:
        raise ReadError("文件为空（0 字节），请重新导出或上传有内容的文件。（The file is empty.）")
    if size > MAX_BYTES:
        raise ReadError(
            f"文件太大（{size / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 的上限。"
            "请拆分文件，或删去其中的图片后再提供。（File too large.）"
        )
    suffix = path.suffix.lower()

    if head.startswith(b"PK\x03\x04"):
        return _read_zip(path, head, suffix)
    if head.startswith(b"%PDF"):
        try:
            return read_pdf(path)
        except ReadError as e:
            if e.reason != NO_TEXT_LAYER:
                raise
        return read_scanned_pdf(path)  # a scan: OCR, or a reason naming what to install
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return read_image(path, "png")  # a photo or scan of a page
    if head.startswith(b"\xff\xd8\xff"):
        return read_image(path, "jpg")
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # .doc .wps .xls .et: through LibreOffice
        return office.read_ole2(path)
    for magic, what in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise ReadError(f"{what}（Unsupported file type.）")
    if _binary(head):
        raise ReadError(BINARY)
    if sniff_page(head) or (suffix in PAGE_SUFFIXES and re.search(rb"<[a-zA-Z!]", head)):
        return read_html(path)  # a saved web page, whatever it is called
    if suffix in PAGE_SUFFIXES:
        raise ReadError(
            f"文件扩展名是 {suffix}，但内容不是网页（没有网页标记）。请在浏览器中打开原网页另存为"
            " .html，或把正文复制到 .txt 文件中再提供。（Content is not a web page.）"
        )
    if suffix == ".txt":
        return read_txt(path, data)
    if suffix == ".csv":
        return read_csv(path)
    if suffix in {".docx", ".xlsx", ".pdf"}:
        raise ReadError(
            f"文件扩展名是 {suffix}，但内容不是这种格式（可能改过扩展名或文件已损坏）。"
            f"请用原程序重新导出后再提供。（Content does not match the {suffix} extension.）"
        )
    raise ReadError(
        f"不支持的文件类型（{suffix or '无扩展名'}）。请提供 {_WANTED}；"
        "纯文本报告请存为 .txt，表格请存为 .csv 或 .xlsx。（Unsupported file type.）"
    )


def _read_zip(path: Path, head: bytes, suffix: str) -> TextDoc | TableDoc:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
        raise ReadError(_broken_zip(head, suffix)) from exc
    if any(n.startswith("word/") for n in names):
        return read_docx(path)
    if any(n.startswith("xl/") for n in names):
        return read_xlsx(path)
    if any(n.startswith("ppt/") for n in names):
        what = "这是 PowerPoint 演示文稿，请把内容另存为 PDF 或 Word 文件后再提供。"
    elif b"opendocument" in mimetype:  # .odt .ods: through LibreOffice
        return office.read_opendocument(path, mimetype)
    elif "OFD.xml" in names:
        raise ReadError(office.OFD)
    else:
        what = f"这是压缩包（zip），{_UNPACK}"
    raise ReadError(f"{what}（Unsupported file type.）")


def _broken_zip(head: bytes, suffix: str) -> str:
    if suffix == ".xlsx" or (suffix != ".docx" and b"xl/" in head):
        return CORRUPT_XLSX
    if suffix == ".docx" or b"word/" in head:
        return DOCX_CORRUPT
    return "压缩文件已损坏或不完整，无法打开。请重新下载或重新导出后再提供。（Damaged zip file.）"


# C0 less \t\n\v\f\r, SUB, ESC
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20)])


def _binary(head: bytes) -> bool:
    """NUL bytes (without a UTF-16 BOM) or many control bytes: not a text file."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # deleted: counted
    return b"\x00" in head or controls > max(1, len(head) // 100)
