"""Charts and their numbers as files a leader takes to a meeting: one entry point, `export`,
for the images (board/export_image.py) and the numbers (board/export_data.py).

Nothing here needs Streamlit: the pages (board/export_ui.py) and the command line
(python -m board export) call the same functions.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from board import i18n
from board.export_data import (  # noqa: F401 - re-exported: callers use export.X
    banner,
    documents,
    footnote,
    notes,
    table,
    to_csv,
    to_xlsx,
)
from board.export_image import (  # noqa: F401 - re-exported
    BANNER_BG,
    BANNER_FG,
    IMAGE_FORMATS,
    SCALE,
    add_banner,
    add_footnote,
    chart_bytes,
    chart_svg,
    chart_title,
    export_spec,
    panels,
    spec_of,
    svg_to,
    text_width,
    wrap,
)

FORMATS = ("png", "svg", "pdf", "csv", "xlsx")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

# -- one entry point ----------------------------------------------------------------------------


def content_name(chart, data: pd.DataFrame | None = None, lang: str = "zh") -> str:
    """What a file of the chart is called: its title; for a chart of several indicators
    (whose title says only 'the chosen indicators'), the indicators and the years:
    '执法检查次数、办理案件数_2016-2025'."""
    spec = spec_of(chart)
    head = chart_title(spec)
    if data is None or "indicator_id" not in data or data["indicator_id"].nunique() < 2:
        return head
    # the panels in the order drawn (the facet's sort), else the data's order
    facet = spec.get("facet") or {}
    sort = (facet.get("row") or facet.get("column") or facet).get("sort")
    names = [re.sub(r"（[^（）]*）$", "", str(x)) for x in sort] if isinstance(sort, list) else []
    names = names or list(
        dict.fromkeys(data["indicator"] if "indicator" in data else data["indicator_id"])
    )
    text = i18n.join([str(n) for n in names[:3]], lang)
    if len(names) > 3:
        text += f"等{len(names)}项" if lang == "zh" else f" and {len(names) - 3} more"
    if "year" in data and len(data):
        y0, y1 = int(data["year"].min()), int(data["year"].max())
        text += f"_{y0}-{y1}" if y0 < y1 else f"_{y0}"
    return text


def file_name(title: str, ext: str, *, suffix: str = "") -> str:
    """A file name from a chart title: '执法检查次数（次）_2016-2025.png' (no path characters)."""
    base = re.sub(r'[\\/:*?"<>|\s]+', "_", (title or "chart").strip()).strip("_.") or "chart"
    base = base[:60]
    if suffix:
        base += "_" + re.sub(r'[\\/:*?"<>|\s]+', "_", suffix)
    return f"{base}.{ext}"


def export(chart, data: pd.DataFrame, fmt: str, *, sources: str | None = None,
           lang: str = "zh", title: str | None = None, when: date | None = None) -> bytes:  # fmt: skip
    """Bytes of one export: an image of the chart (with its footnote) or its numbers."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt in IMAGE_FORMATS:
        return chart_bytes(chart, fmt, footnote(sources, lang, when, data), banner(data, lang))
    if fmt == "csv":
        return to_csv(data, lang)
    return to_xlsx(data, lang, title=title if title is not None else chart_title(chart),
                   sources=sources or "", when=when)  # fmt: skip
