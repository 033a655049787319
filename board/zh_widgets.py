"""Streamlit's own words inside its widgets, in Chinese while the board is in 中文.

Streamlit 1.67 has no locale setting: the file uploader says 'Upload', '25MB per file • TXT,
…' and, while a file is dragged over it, 'Drag and drop files here'; a multiselect offers
'Select all' / 'Select 3 matches' and says 'No results' (or 'You can only select up to 6
options…'). st.file_uploader and st.multiselect take no text for these (streamlit issue
#13500 is open), so this is a style sheet, sent only in 中文 mode: each English text is set
to size 0 and a Chinese text is drawn in its place (CSS ::after). Nothing in the page's
DOM is changed, so React, which owns those elements, never sees a difference; if a later
Streamlit renames an element the English comes back (tests/test_browser_layout.py checks).
"""

from __future__ import annotations

import streamlit as st

from board import importer

UPLOAD = "选择文件"
DRAG = "松开鼠标即可上传"
ALL = "全选"
MATCHES = "选择全部匹配项"
EMPTY = "没有可选的项（已选满时，请先移除一项）"


def limits_text() -> str:
    """'单个文件不超过 25 MB · TXT、DOCX、…' (the uploader's own line, in Chinese)."""
    types = "、".join(t.upper() for t in importer.UPLOAD_TYPES)
    return f"单个文件不超过 {importer.max_upload_mb()} MB · {types}"


def _swap(selector: str, text: str, size: str) -> str:
    """CSS that hides the text of `selector` and draws `text` instead, at `size`."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"{selector}{{font-size:0 !important;}}"
        f'{selector}::after{{content:"{quoted}";font-size:{size};}}'
    )


def css() -> str:
    up = '[data-testid="stFileUploaderDropzone"]'
    rules = [
        _swap(f'{up} button[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p',
              UPLOAD, "0.875rem"),
        _swap('[data-testid="stFileUploaderDropzoneInstructions"] span', limits_text(), "0.75rem"),
        # its line of file types may take two lines: on a phone one line was cut after HTML
        '[data-testid="stFileUploaderDropzoneInstructions"] span{white-space:normal !important;}',
        # the line shown while a file is dragged over the box (the only span child of a div)
        _swap(f"{up} > div > span:only-child", DRAG, "1rem"),
        _swap('[role="option"][data-key="__select_all__"] > div', ALL, "1rem"),
        _swap('[role="option"][data-key="__select_matches__"] > div', MATCHES, "1rem"),
        _swap('[role="listbox"][data-empty="true"] [role="option"] > span', EMPTY, "1rem"),
    ]  # fmt: skip
    return "<style>" + "".join(rules) + "</style>"


def apply(lang: str) -> None:
    """Send the style sheet in 中文 mode (a style-only st.html takes no room on the page)."""
    if lang == "zh":
        st.html(css())
