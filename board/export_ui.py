"""Download buttons beside a chart: PNG, SVG, PDF (the image with its footnote) and CSV, XLSX
(its numbers). One call per chart, after st.altair_chart:

    export_ui.download_buttons(chart, data, name, sources, lang, key=key)

The files are made only when a button is clicked (st.download_button with a callable, run
by Streamlit on its own thread), so drawing a page costs nothing; the chart's SVG is kept
for the other image formats of the same chart, and each file's bytes for the next click.
"""

from __future__ import annotations

import functools
import json

import altair as alt
import pandas as pd
import streamlit as st

from board import export, fonts, i18n, model


@functools.lru_cache(maxsize=32)
def _svg(spec_json: str, foot: str, banner: str | None) -> str:
    return export.chart_svg(json.loads(spec_json), foot, banner)


@functools.lru_cache(maxsize=48)
def _image(spec_json: str, foot: str, banner: str | None, fmt: str) -> bytes:
    """The file's bytes, kept per chart spec, footnote and format: a second click (or the
    same chart on another page or rerun) is answered at once."""
    return export.svg_to(_svg(spec_json, foot, banner), fmt)


def _maker(fmt: str, chart, data: pd.DataFrame, sources: str, lang: str, title: str,
           memo: dict | None = None):  # fmt: skip
    """The callable Streamlit runs when the button is clicked. The buttons of one chart
    share `memo`: the chart (made once, if it is a function) and its image's key (its spec,
    footnote and banner), so a second click, or another format of the same chart, neither
    makes the chart again nor turns it into a spec again (about 25 ms)."""
    memo = {} if memo is None else memo

    def the_chart():
        if "chart" not in memo:  # a chart made only now, when its file is asked for
            memo["chart"] = chart() if callable(chart) else chart
        return memo["chart"]

    def make() -> bytes:
        try:
            if fmt in export.IMAGE_FORMATS:
                key = memo.get("key")
                if key is None:
                    spec = json.dumps(export.spec_of(the_chart()), sort_keys=True,
                                      ensure_ascii=False)  # fmt: skip
                    foot = export.footnote(sources, lang, data=data)
                    key = memo["key"] = (spec, foot, export.banner(data, lang))
                return _image(*key, fmt)
            return export.export(the_chart(), data, fmt, sources=sources, lang=lang, title=title)
        except fonts.FontMissing as e:
            # the download then holds the reason, in words, instead of a picture with boxes
            return str(e).encode("utf-8")

    return make


def name_spec(chart) -> dict:
    """What export.content_name reads of a chart (its title and its panels' order), taken
    from the chart's parts: the whole spec (its data made into records, every part checked
    against the schema) cost a page about 0.1 s a chart on every run, for a file name."""
    if isinstance(chart, dict):
        return chart
    out = {}
    for part in ("title", "facet"):
        v = chart._kwds.get(part, alt.Undefined)  # (a layer's .facet is a method)
        if v is not alt.Undefined:
            out[part] = v.to_dict(validate=False) if isinstance(v, alt.SchemaBase) else v
    return out


def download_buttons(chart, data: pd.DataFrame, name: str | None = None, sources: str | None = None,
                     lang: str = "zh", *, key: str | None = None,
                     formats: tuple[str, ...] = export.FORMATS) -> None:  # fmt: skip
    """A 下载 menu with one button per format for this chart and its numbers. `chart` may be
    a function that makes it (called on the first click, not on every run of the page);
    then `name` (the file's name) is needed."""
    if sources is None:
        sources = model.sources_footnote(data, lang)
    title = name or export.content_name(name_spec(chart), data) or "chart"
    key = key or f"{abs(hash((title, sources))) % 10**10}"
    try:
        fonts.ensure()
        font_error = None
    except fonts.FontMissing as e:
        font_error = str(e)
    memo: dict = {}  # shared by the chart's buttons (see _maker)
    with st.popover(i18n.t("dl_menu", lang), icon=":material/download:"):
        if font_error:
            st.warning(font_error)
        for fmt in formats:
            disabled = bool(font_error) and fmt in export.IMAGE_FORMATS
            st.download_button(
                i18n.t(f"dl_{fmt}", lang), data=_maker(fmt, chart, data, sources, lang, title, memo),
                file_name=export.file_name(title, fmt), mime=export.MIME[fmt],
                key=f"dl_{key}_{fmt}", help=i18n.t(f"dl_help_{fmt}", lang), on_click="ignore",
                disabled=disabled, width="stretch",
            )  # fmt: skip
