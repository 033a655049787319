"""会议材料 (meeting pack): chosen charts, or the five areas for a year, as a 16:9 PPTX and as
a PDF of the same pages.

A pack is a title slide (bureau, year, date, agencies) and one slide per indicator: its
title, a one-sentence takeaway in Chinese (takeaway.sentence: 同比, highest or lowest in N
years), the chart (a trend of the agencies over up to ten years ending in the year), and
the sources in a footnote and, with the source sentences, in the speaker notes.

- PPTX (board.deck_pptx, python-pptx): the chart is a native, editable PowerPoint chart with its numbers
  inside (board.deck_chart); a 2× PNG of the dashboard's chart only if that fails. Every
  run of text names an East-Asian typeface (a:ea, 微软雅黑, which PowerPoint and WPS
  have) beside its Latin one, and is tagged zh-CN, so Chinese never falls back to a font
  without the glyphs. The title says the indicator, its unit, the agencies and the years
  once; the sources (and any disputed value, board.disputes) at 12 pt under the chart; a
  slide with demo data says so in a band across its top.
- PDF (board.deck_pdf): each page is composed as one SVG (texts plus the chart's own SVG nested in it) and
  turned into PDF by vl-convert with the project's CJK font (board.fonts), so the text is
  real, embedded Noto Sans CJK SC; pypdf joins the pages.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from board import (
    charts,
    disputes,
    export,
    i18n,
    model,
    takeaway,
)

WINDOW = 10  # years of history on a slide's chart


def made_text(d: date, lang: str = "zh") -> str:
    return i18n.t("made", lang, y=d.year, m=d.month, d=d.day)


@dataclass
class Slide:
    indicator_id: str
    title: str
    takeaway: str
    sources: str  # the footnote
    make_notes: Callable[[], str] = field(repr=False, compare=False)  # see `notes`
    make_chart: Callable[[], object] = field(repr=False, compare=False)  # see `chart`
    data: pd.DataFrame  # the chart's rows
    unit: str = ""
    area: str = ""  # the area's name (执法检查), for lists of slides
    colors: dict = field(default_factory=dict)  # agency_id -> colour of the dashboard
    order: list = field(default_factory=list)  # agency ids in registry order
    disputed: str | None = None  # the footnote naming disputed values, if any
    _svg: str | None = field(default=None, repr=False)
    _chart: object = field(default=None, repr=False, compare=False)
    _notes: str | None = field(default=None, repr=False, compare=False)

    @property
    def notes(self) -> str:
        """The speaker notes (the sources' sentences), made when a file is made and kept."""
        if self._notes is None:
            self._notes = self.make_notes()
        return self._notes

    @property
    def chart(self):
        """The Altair chart, made on first use and kept: the meeting page draws it only in
        an opened preview, the files when they are made (a pack's five charts were a third
        of the page's first run)."""
        if self._chart is None:
            self._chart = self.make_chart()
        return self._chart

    @property
    def has_demo(self) -> bool:
        return bool(len(self.data) and self.data["origin"].eq("demo").any())

    @property
    def svg(self) -> str:
        """The chart (no footnote: the slide has its own; no title: the slide's title says
        it) as SVG, rendered once."""
        if self._svg is None:
            spec = copy.deepcopy(export.spec_of(self.chart))
            t = spec.get("title")
            if isinstance(t, dict) and t.get("subtitle"):
                t["text"] = " "
            self._svg = export.chart_svg(spec, None)
        return self._svg

    def png(self, scale: float = export.SCALE) -> bytes:
        return export.svg_to(self.svg, "png", scale)


@dataclass
class Pack:
    bureau: str
    year: int
    agencies: str  # '区科技局、区知识产权局、区地震局'
    made: date
    lang: str
    has_demo: bool
    slides: list[Slide]

    @property
    def title(self) -> str:
        return i18n.t("deck_title", self.lang, year=self.year)

    @property
    def y0(self) -> int:
        """The first year any slide shows."""
        ys = [int(s.data["year"].min()) for s in self.slides if len(s.data)]
        return min(ys) if ys else self.year

    def file_name(self, ext: str) -> str:
        return export.file_name(f"{self.bureau}{self.title}_{i18n.t('pack', self.lang)}", ext)


# -- building a pack ------------------------------------------------------------------------------


def bureau_name(meta: model.Meta, lang: str = "zh") -> str:
    ag = meta.agencies
    b = ag.index[ag["kind"] == "bureau"]
    return meta.agency_full(b[0], lang) if len(b) else i18n.t("app_sub", lang)


def _notes(rows: pd.DataFrame, meta: model.Meta, sentence: str, year: int, y0: int,
           lang: str) -> str:  # fmt: skip
    out = [i18n.t("notes_key", lang, s=sentence),
           i18n.t("notes_cover", lang, agencies=meta.agencies_text(rows["agency_id"].unique(), lang),
              y0=y0, y1=year)]  # fmt: skip
    docs = export.documents(rows, lang)
    if docs:
        out += ["", i18n.t("notes_docs", lang), *[f"{i}. {d}" for i, d in enumerate(docs, 1)]]
    now = rows[rows["year"] == year]
    if len(now):
        out += ["", i18n.t("notes_quotes", lang, year=year)]
        for r in now.itertuples():
            src = getattr(r, "doc_title", None) or i18n.method_text(r.method, lang)
            q = model.short_quote(r.quote, 160)
            out.append(f"- {meta.agency(r.agency_id, lang)}：“{q}”（{src}）" if lang == "zh"
                       else f"- {meta.agency(r.agency_id, lang)}: “{q}” ({src})")  # fmt: skip
    return "\n".join(out)


def slide_for(series: pd.DataFrame, meta: model.Meta, indicator_id: str, year: int,
              lang: str = "zh", window: int = WINDOW) -> Slide | None:  # fmt: skip
    """One indicator's slide: its trend up to `year`, or None when it has no value at all."""
    rows = series[(series["indicator_id"] == indicator_id) & (series["year"] <= year)
                  & (series["year"] > year - window)]  # fmt: skip
    if rows.empty:
        return None
    y0 = int(rows["year"].min())
    years = list(range(y0, year + 1))
    data = model.add_yoy(model.add_segments(model.enrich(rows, meta, lang)))
    key = "slide_title" if y0 < year else "slide_title_1"
    unit = meta.unit(indicator_id, lang)
    agencies = meta.agencies_text(rows["agency_id"].unique(), lang)
    title = i18n.t(key, lang, name=meta.ind(indicator_id, lang), unit=unit, agencies=agencies,
               y0=y0, y1=year)  # fmt: skip
    s = takeaway.sentence(rows, meta, indicator_id, year, lang)
    why = disputes.footnote(data, lang)
    return Slide(indicator_id=indicator_id, title=title, takeaway=s,
                 sources=model.sources_footnote(data, lang),
                 make_notes=lambda: _notes(data, meta, s, year, y0, lang) + (f"\n\n{why}" if why else ""),
                 make_chart=lambda: charts.trend(data, meta, years, lang), data=data,
                 unit=unit, area=meta.area(meta.area_of(indicator_id), lang), colors=dict(meta.colors), order=list(meta.agencies.index),
                 disputed=why)  # fmt: skip


def build(series: pd.DataFrame, meta: model.Meta, indicator_ids: list[str], year: int,
          agency_ids, lang: str = "zh", made: date | None = None) -> Pack:  # fmt: skip
    """A pack from resolved rows (queries' `series`) of the chosen agencies."""
    series = series[series["agency_id"].isin(list(agency_ids))]
    slides = [s for i in indicator_ids if (s := slide_for(series, meta, i, year, lang))]
    used = pd.concat([s.data for s in slides]) if slides else series.iloc[:0]
    return Pack(bureau=bureau_name(meta, lang), year=int(year),
                agencies=meta.agencies_text(agency_ids, lang, most=6), made=made or date.today(),
                lang=lang, has_demo=bool(len(used) and used["origin"].eq("demo").any()),
                slides=slides)  # fmt: skip


def default_year(series: pd.DataFrame) -> int | None:
    return int(series["year"].max()) if len(series) else None


# -- the files (board.deck_pptx, board.deck_pdf) --------------------------------------------------


def to_pptx(pack: Pack) -> bytes:
    """The pack as a 16:9 PowerPoint file (board.deck_pptx)."""
    from board import deck_pptx

    return deck_pptx.to_pptx(pack)


def to_pdf(pack: Pack) -> bytes:
    """The pack as a PDF, one 16:9 page per slide, with the CJK font embedded."""
    from board import deck_pdf

    return deck_pdf.to_pdf(pack)


def render(pack: Pack, fmt: str) -> bytes:
    if fmt == "pptx":
        return to_pptx(pack)
    if fmt == "pdf":
        return to_pdf(pack)
    raise ValueError(f"a pack is .pptx or .pdf, not {fmt!r}")
