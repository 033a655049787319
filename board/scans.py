"""The page image of a fact read by OCR, for the 来源 panel.

The warehouse keeps no images: a scan's facts say their page ("第2页 …" in location, and
a form feed between pages in document.text, etl/readers/ocr.py), and the page is drawn
again here from the file under data/ (document.path) — a PDF page rendered by pypdfium2,
a photo scaled down — as a small JPEG, cached per file version. A file that is gone or
whose content no longer has the document's hash (it was replaced since the build) gives
no image rather than the wrong page.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
from pathlib import Path

WIDTH = 720  # pixels: readable when enlarged, about 60–120 KB a page


def page_of(text: str | None, pos: int) -> int:
    """The page (from 1) that position `pos` of a scan's text is on."""
    return (text or "").count("\f", 0, max(int(pos), 0)) + 1


def page_jpeg(path: Path, doc_id: str, page: int, width: int = WIDTH) -> bytes | None:
    """The page as JPEG bytes, or None (file missing, changed, or not drawable here)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return None
    return _page_jpeg(str(path), st.st_mtime_ns, st.st_size, doc_id, int(page), int(width))


@functools.lru_cache(maxsize=64)
def _page_jpeg(path: str, _mtime: int, _size: int, doc_id: str, page: int, width: int):
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest()[:16] != doc_id:
        return None
    try:
        from PIL import Image, ImageOps

        if data.startswith(b"%PDF"):
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(data)
            try:
                if not 1 <= page <= len(pdf):
                    return None
                p = pdf[page - 1]
                image = p.render(scale=width / p.get_width()).to_pil()
            finally:
                pdf.close()
        else:
            with Image.open(io.BytesIO(data)) as im:
                image = ImageOps.exif_transpose(im).convert("RGB")
            image.thumbnail((width, width * 2))
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=70)
        return out.getvalue()
    except Exception:  # a page that cannot be drawn: the sentence alone is shown
        return None


def page_img_html(jpeg: bytes | None, alt: str) -> str:
    """An <img> of the page (a data URI, shown small) under `alt`; `alt` alone without one."""
    if not jpeg:
        return f"<br><small>{alt}</small>"
    src = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    return (
        f'<details class="fz-scan" open><summary>{alt}</summary>'
        f'<img src="{src}" alt="{alt}" style="width:220px;max-width:100%;border:1px solid #ccc">'
        "</details>"
    )
