"""Old Office and Chinese office formats, through LibreOffice headless.

Staff still keep reports as .doc (Word 97-2003) and .wps (WPS 文字, the same binary
format), tables as .xls and .et (WPS 表格), and some as OpenDocument (.odt/.ods). Where
LibreOffice is installed (`soffice`), such a file is converted to .docx or .xlsx in a
private temporary folder and read by the existing docx/xlsx readers, so it gives exactly
what the Word or Excel file would. What the file is comes from its content, never its
name: an OLE2 compound file names its streams (WordDocument; Workbook or Book;
EncryptedPackage for a password-protected .docx/.xlsx), an OpenDocument zip its mimetype.

Each conversion gets its own LibreOffice profile (-env:UserInstallation), so conversions
running at the same time (a build and an upload preview) do not clash over one profile,
and a timeout so a file LibreOffice chokes on cannot hang a build. Without LibreOffice
the file is set aside with a reason naming the package to install and how to save the
file as .docx/.xlsx instead.

.ofd (the national fixed-layout format, a zip with OFD.xml) is refused with how to export
a PDF from an OFD reader: no library we could check here read OFD files reliably, and we
could not make OFD files to check one with.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from etl.model import ReadError, TableDoc, TextDoc

PACKAGES = "libreoffice-writer libreoffice-calc"
TIMEOUT = 120  # seconds for one conversion (a first start with a fresh profile takes ~5 s)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD = "旧版 Word 或 WPS 文字文档（.doc/.wps）"
_EXCEL = "旧版 Excel 或 WPS 表格文件（.xls/.et）"
_ODT = "OpenDocument 文本文档（.odt，LibreOffice/WPS 可存为此格式）"
_ODS = "OpenDocument 电子表格（.ods）"

OLD_OFFICE = (
    "这是旧版 Word/Excel 格式（.doc/.xls），或是设了密码的 Office 文件，无法读取。"
    "请用 Word、Excel 或 WPS 打开后另存为 .docx 或 .xlsx（并取消密码）再提供。"
    "（Old .doc/.xls or password-protected Office file: save as .docx/.xlsx.）"
)
ENCRYPTED = (
    "这是设了打开密码的 Word/Excel 文件，无法读取。请用 Word、Excel 或 WPS 打开，"
    "取消密码后另存为 .docx 或 .xlsx 再提供。（Password-protected Office file.）"
)
OLD_POWERPOINT = (
    "这是旧版 PowerPoint 演示文稿（.ppt），请把内容另存为 PDF 或 Word 文件后再提供。"
    "（Unsupported file type.）"
)
OFD = (
    "这是 OFD 版式文件，暂时无法直接读取。请用 OFD 阅读器（如数科 OFD 阅读器、福昕 OFD "
    "版式办公套件、WPS）打开该文件，选择“另存为”或“导出”为 PDF（保留文字，不要导出为图片），"
    "再提供该 PDF。（OFD is not supported: export it to PDF in an OFD reader.）"
)


def no_soffice(what: str, target: str) -> str:
    return (
        f"这是{what}，需要先用 LibreOffice 转换才能读取，但本机没有安装 LibreOffice。"
        f"请管理员安装：sudo apt-get install {PACKAGES}（安装后重新建库即可）；"
        f"或者用 Word、Excel 或 WPS 打开该文件，另存为 {target} 后再提供。"
        "（LibreOffice is not installed: apt-get install libreoffice-writer libreoffice-calc.）"
    )


def failed(what: str, target: str) -> str:
    return (
        f"这是{what}，但 LibreOffice 无法转换它（文件可能已损坏、设了密码或不是完整的文件）。"
        f"请用 Word、Excel 或 WPS 打开后另存为 {target} 再提供。"
        "（LibreOffice could not convert the file.）"
    )


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_ole2(path: Path) -> TextDoc | TableDoc:
    """A compound file: Word/WPS text, Excel/WPS table, or an encrypted .docx/.xlsx."""
    data = Path(path).read_bytes()

    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        raise ReadError(ENCRYPTED)
    if has("WordDocument"):
        return _convert(path, _WORD, "doc", "docx")
    if has("Workbook") or has("Book\x00"):
        return _convert(path, _EXCEL, "xls", "xlsx")
    if has("PowerPoint Document"):
        raise ReadError(OLD_POWERPOINT)
    raise ReadError(OLD_OFFICE)


def read_opendocument(path: Path, mimetype: bytes) -> TextDoc | TableDoc:
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return _convert(path, _ODT, "odt", "docx")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return _convert(path, _ODS, "ods", "xlsx")
    raise ReadError(
        "这是 OpenDocument 演示文稿或其他 ODF 文件，请另存为 .docx、.xlsx 或 PDF 后再提供。"
        "（Unsupported file type.）"
    )


def _convert(path: Path, what: str, source: str, target: str) -> TextDoc | TableDoc:
    """Convert with LibreOffice in a private folder and profile; read the result."""
    from etl.readers.docx import read_docx
    from etl.readers.table import read_xlsx

    program = soffice()
    suffix = f".{target}"
    if program is None:
        raise ReadError(no_soffice(what, suffix))
    with tempfile.TemporaryDirectory(prefix="fazhi-soffice-") as tmp:
        work = Path(tmp)
        src = work / f"input.{source}"  # a plain name: the file's own may be anything
        shutil.copyfile(path, src)
        out = work / "out"
        cmd = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", target, "--outdir", str(out), str(src),
        ]  # fmt: skip
        env = {**os.environ, "HOME": tmp}  # LibreOffice writes under $HOME too
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, env=env)
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise ReadError(failed(what, suffix)) from exc
        converted = out / f"input{suffix}"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise ReadError(failed(what, suffix))
        doc = read_docx(converted) if target == "docx" else read_xlsx(converted)
    doc.path = Path(path)
    doc.format = source
    return doc
