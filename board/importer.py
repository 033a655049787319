"""数据导入 (import): what an uploaded file would give, before it is saved; and saving it.

`preview(name, data)` runs the build's own `etl.pipeline.process_file(strict=True)` on a
temporary copy, so what it shows is exactly what the next build will load (or the reason it
will refuse the file, with the fix). `store(name, data, year)` saves a file under
data/uploads/<year or unsorted>/<safe name>: only a safe base name is kept (no folders, no
path traversal), a name that is empty after cleaning is refused, and an existing file is
never overwritten (a -1, -2 … suffix is added).

Both refuse data larger than the upload limit: Streamlit's `server.maxUploadSize` (MB, set in
.streamlit/config.toml, so there is one number), or FALLBACK_MAX_UPLOAD_MB when the option
cannot be read. The uploader already refuses bigger files in the browser; this is the server's
own check, so no path stores (or parses) an over-size file.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from board import i18n, warehouse
from board.highlight import sentence_html
from etl import catalog, pipeline
from etl.readers import ocr
from etl.registry import REGISTRY_FILE, Registry
from etl.scan_progress import ScanPage

UPLOAD_TYPES = ["txt", "docx", "pdf", "csv", "xlsx"]
UPLOAD_TYPES += ["html", "htm", "mht", "mhtml"]  # web pages as saved (etl/readers/html.py)
UPLOAD_TYPES += ["png", "jpg", "jpeg"]  # photos and scans of a page, read by OCR
UPLOAD_TYPES += ["doc", "wps", "odt", "xls", "et", "ods"]  # through LibreOffice (office.py)
UPLOADS = "uploads"
PREVIEWS_KEPT = 64  # previews remembered per session (preview_once)
UNSORTED = "unsorted"
FALLBACK_MAX_UPLOAD_MB = 25  # same as .streamlit/config.toml; used if the option is unreadable
_MB = 1024 * 1024  # Streamlit's megabyte (server.maxUploadSize × 1024 × 1024 bytes)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class BadName(ValueError):
    """A file name that is empty once cleaned; str(e) says so in Chinese."""


def safe_name(name: str) -> str:
    """The base name of an uploaded file, safe to store: no folders, no control or
    reserved characters, no leading dots. Raises BadName if nothing is left."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".").strip()
    stem, dot, ext = base.rpartition(".")
    if not base or not (stem.strip(" .") if dot else base.strip(" .")):
        raise BadName(f"文件名“{name}”去掉不安全的字符后为空；请改用一个普通的文件名后重新上传")
    return base[:180]


class TooLarge(ValueError):
    """Data over the upload limit; str(e) says so in Chinese, with the sizes and the fix."""


def max_upload_mb() -> int:
    """The upload limit in MB: Streamlit's `server.maxUploadSize`, else the fallback."""
    try:
        from streamlit import config

        mb = int(config.get_option("server.maxUploadSize"))
    except Exception:  # noqa: BLE001 - no streamlit config: use the fallback
        return FALLBACK_MAX_UPLOAD_MB
    return mb if mb > 0 else FALLBACK_MAX_UPLOAD_MB


def _size_text(n: int, limit_mb: int) -> str:
    """n bytes in MB, or in bytes when one decimal would not show it is over the limit."""
    mb = round(n / _MB, 1)
    return (
        f"{mb:g} MB" if mb > limit_mb else f"{n:,} 字节（{limit_mb} MB = {limit_mb * _MB:,} 字节）"
    )


def size_problem(data: bytes) -> str:
    """Why data is too large to upload (in Chinese, with what to do), or "" if it is not."""
    limit = max_upload_mb()
    if len(data) <= limit * _MB:
        return ""
    return (f"文件大小为 {_size_text(len(data), limit)}，超过了上传上限 {limit} MB。"
            "请把报告拆成几个较小的文件（例如正文与附表分开），或在 Word 中压缩其中的图片"
            "（“文件 → 压缩图片”）后另存，再重新上传。")  # fmt: skip


@dataclass
class Preview:
    name: str  # the safe name it would be stored under
    ok: bool
    kind: str = ""  # report | table
    agency: str | None = None
    year: int | None = None
    reason: str = ""  # why it would be refused (with the fix)
    # a report whose agency or year cannot be found: it can still be saved, and is then
    # parked until an editor assigns them on 审核 (reason says why)
    parked: bool = False
    facts: list[dict] = field(default_factory=list)  # indicator, value, unit, sentence_html…
    problems: list[str] = field(default_factory=list)  # table rows that would be set aside

    @property
    def folder(self) -> str:
        """The uploads sub-folder: the report's year, the tables' single year, or unsorted."""
        if self.year:
            return str(self.year)
        years = {f["year"] for f in self.facts}
        return str(years.pop()) if len(years) == 1 else UNSORTED


def preview(
    name: str,
    data: bytes,
    data_dir: Path | None = None,
    on_page: Callable[[ScanPage], None] | None = None,
) -> Preview:
    """What the build would extract from this file (nothing is saved). A scan is read by
    OCR, seconds a page: on_page hears which page before each (i18n.scan_line words it)."""
    try:
        safe = safe_name(name)
    except BadName as e:
        return Preview(name=name or "", ok=False, reason=str(e))
    if too_big := size_problem(data):
        return Preview(name=safe, ok=False, reason=too_big)
    registry = Registry.load(data_dir or warehouse.data_dir())
    cat = catalog.load()
    with tempfile.TemporaryDirectory(prefix="fazhi-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        if on_page:
            ocr.report_pages(lambda _, page, pages: on_page(ScanPage(safe, page, pages)))
        try:
            p = pipeline.process_file(path, registry, strict=True)
        except pipeline.Parked as e:
            return Preview(name=safe, ok=False, reason=e.reason, kind="report", parked=True)
        except pipeline.Rejected as e:
            return Preview(name=safe, ok=False, reason=e.reason)
        except Exception as e:  # noqa: BLE001 - shown to the user in plain words
            return Preview(name=safe, ok=False, reason=f"无法处理该文件（{type(e).__name__}: {e}）")
        finally:
            if on_page:
                ocr.report_pages(None)
    facts = []
    for f in p.facts:
        ind = cat.by_id.get(f.indicator)
        facts.append({
            "agency": f.agency, "year": int(f.year), "indicator": f.indicator,
            "indicator_zh": ind.zh if ind else f.indicator, "value": f.value, "unit": f.unit,
            "qualifier": f.qualifier, "location": f.location or "",
            "sentence_html": sentence_html(p.text, f.start, f.end, f.num_start, f.num_end,
                                           f.quote),
        })  # fmt: skip
    ok = p.kind == "report" or bool(facts)
    reason = "" if ok else "表格中没有一行可以载入；请按下面各行的原因修改后重新上传"
    return Preview(name=safe, ok=ok, kind=p.kind, agency=p.agency, year=p.year, reason=reason,
                   facts=facts, problems=list(p.problems))  # fmt: skip


def preview_once(
    store: MutableMapping,
    name: str,
    data: bytes,
    data_dir: Path | None = None,
    on_page: Callable[[str], None] | None = None,
) -> Preview:
    """preview(), remembered in `store` (the session's) by name, content and the registry's
    version. The page runs again on every click (save, a widget), and a scan would be read
    by OCR again each time: seconds a page, for nothing."""
    reg = Path(data_dir or warehouse.data_dir()) / REGISTRY_FILE
    stamp = reg.stat().st_mtime_ns if reg.exists() else 0
    key = (name, hashlib.sha256(data).hexdigest(), stamp)
    if key not in store:
        if len(store) >= PREVIEWS_KEPT:  # a long session of uploads: keep memory bounded
            store.clear()
        store[key] = preview(name, data, data_dir, on_page)
    return store[key]


def build_progress(bar, idle: str, lang: str) -> Callable[..., None]:
    """A build's progress callback (etl.scan_progress) for a st.progress bar: the share of
    files read, `idle` beside it, or while a scan is read by OCR, which page."""

    def show(done: float, total: int, page: ScanPage | None = None) -> None:
        text = i18n.scan_line(page, lang) if page else idle
        bar.progress(min(done / total, 1.0) if total else 1.0, text=text)

    return show


def store(name: str, data: bytes, folder: str, data_dir: Path | None = None) -> Path:
    """Save an upload under data/uploads/<folder>/<safe name>; never overwrites. Raises
    BadName or TooLarge (both ValueError) before anything is written."""
    safe = safe_name(name)
    if too_big := size_problem(data):
        raise TooLarge(f"{safe}：{too_big}")
    folder = folder if re.fullmatch(r"(?:19|20)\d{2}", str(folder)) else UNSORTED
    target_dir = Path(data_dir or warehouse.data_dir()) / UPLOADS / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    stem, dot, ext = safe.rpartition(".")
    if not dot:
        stem, ext = safe, ""
    target, n = target_dir / safe, 0
    while target.exists():
        n += 1
        target = target_dir / (f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}")
    with target.open("xb") as fh:
        fh.write(data)
    return target
