"""Issue 13, point 4: slides a secretary can use as they are. `python -m board deck` makes
native, editable PowerPoint charts holding the warehouse's numbers, one title that says the
indicator, agencies and years once, a source line of at least 12 pt, a cover with the
agencies, the period, the date and the demo warning; and LibreOffice renders the file with
real Chinese glyphs (the PDF it makes is rendered to PNG under artifacts/screenshots/)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from board_fixtures import ROOT
from pptx import Presentation
from pptx.util import Pt

from board import app, reader

pytest_plugins = ["board_fixtures"]
SHOTS = ROOT / "artifacts" / "screenshots"


def make_deck(db: Path, out: Path, *args: str) -> Presentation:
    r = subprocess.run([sys.executable, "-m", "board", "deck", "--out", str(out), "--db", str(db),
                        *args], cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert r.returncode == 0, r.stderr
    return Presentation(str(out))


@pytest.fixture(scope="module")
def wh(bundled_wh):
    return reader.Warehouse(bundled_wh)


@pytest.fixture(scope="module")
def pptx_path(bundled_wh, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "x.pptx"
    make_deck(bundled_wh, out)
    return out


@pytest.fixture(scope="module")
def prs(pptx_path):
    return Presentation(str(pptx_path))


def texts(slide) -> list[str]:
    return [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]


def chart_slides(prs):
    """(slide, its chart) of every slide with a native chart."""
    return [(s, sh.chart) for s in prs.slides for sh in s.shapes if sh.has_chart]


def content_slides(prs) -> list:
    """Every slide after the cover: one per headline indicator."""
    slides = list(prs.slides)[1:]
    assert len(slides) == 5
    return slides


def indicator_of(slide, wh) -> str:
    """The indicator a slide is about, from its title ('执法检查次数（次）：…')."""
    for t in texts(slide):
        for iid, name in wh.meta.indicators["name_zh"].items():
            if t.startswith(f"{name}（"):
                return str(iid)
    raise AssertionError(f"no indicator named in {texts(slide)}")


def test_the_deck_has_five_native_charts_holding_the_warehouse_values(prs, wh):
    found = chart_slides(prs)
    assert len(found) >= 5, "one editable chart per headline indicator"
    agencies = app.default_agencies(wh.meta)
    names = {wh.meta.agency(a, "zh"): a for a in agencies}
    for slide, chart in found:
        iid = indicator_of(slide, wh)
        years = [int(c) for c in chart.plots[0].categories]
        df = wh.series([iid], agencies, min(years), max(years))
        want = {(r.agency_id, int(r.year)): float(r.value) for r in df.itertuples()}
        checked = 0
        for ser in chart.plots[0].series:
            if ser.name == "有争议":
                continue
            aid = names[ser.name]
            for y, v in zip(years, ser.values, strict=True):
                assert v == want.get((aid, y)), (iid, ser.name, y, v)  # None where missing
                checked += v is not None
        assert checked == len(df), f"{iid}: every value of the warehouse is in the chart"


def test_the_disputed_value_has_its_own_series_and_footnote(prs, wh):
    """2021 inspections of 区科技局: the table says 15, the report 13."""
    slide, chart = next(
        (s, c) for s, c in chart_slides(prs) if indicator_of(s, wh) == "inspections"
    )
    years = [int(c) for c in chart.plots[0].categories]
    ring = next(s for s in chart.plots[0].series if s.name == "有争议")
    assert {y: v for y, v in zip(years, ring.values, strict=True) if v is not None} == {2021: 15.0}
    foot = " ".join(texts(slide))
    assert "有争议：区科技局2021年执法检查次数15次" in foot and "另有来源为13次" in foot
    # the other slides have no dispute, and say none
    for s, c in chart_slides(prs):
        if indicator_of(s, wh) != "inspections":
            assert "有争议" not in [x.name for x in c.plots[0].series]


def test_each_title_says_indicator_agencies_and_years_once(prs, wh):
    for slide in content_slides(prs):
        charts_ = [sh.chart for sh in slide.shapes if sh.has_chart]
        assert charts_, "a native chart whose categories are the years"
        chart = charts_[0]
        assert not chart.has_title, "the slide's title says it; the chart does not repeat it"
        iid = indicator_of(slide, wh)
        name = wh.meta.ind(iid, "zh")
        title = next(t for t in texts(slide) if t.startswith(name))
        years = [c for c in chart.plots[0].categories]
        assert title.count(name) == 1 and title.count("区科技局") == 1
        assert title.endswith(f"{years[0]}–{years[-1]}年"), title
        assert sum(t.count(name + "（") for t in texts(slide)) == 1


def test_the_source_line_is_at_least_12_pt(prs):
    for slide in content_slides(prs):
        runs = [r for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
                for r in p.runs if r.text.startswith(("来源：", "有争议："))]  # fmt: skip
        assert runs and all(r.font.size >= Pt(12) for r in runs)


def test_the_cover_names_agencies_period_date_and_demo(prs):
    cover = " ".join(texts(list(prs.slides)[0]))
    assert "单位：区科技局、区知识产权局、区地震局" in cover
    assert "数据范围：2016–2025年" in cover
    assert "会议材料 · " in cover and "日" in cover
    assert "演示数据" in cover and "请勿" in cover


def test_every_slide_with_demo_data_says_so_and_real_only_says_nothing(prs, bundled_wh, tmp_path):
    for slide in content_slides(prs):
        assert any(t.startswith("演示数据：") for t in texts(slide))
    real = make_deck(bundled_wh, tmp_path / "real.pptx", "--real-only", "--year", "2018")
    for slide in real.slides:
        assert not any("演示数据" in t for t in texts(slide))


def impress() -> str | None:
    """soffice, if LibreOffice can open a presentation here (Impress is installed)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None
    home = Path(exe).resolve().parent.parent
    return exe if (home / "share" / ".registry" / "impress.xcd").exists() else None


@pytest.mark.skipif(impress() is None, reason="LibreOffice Impress is not installed: "
                    "sudo apt-get install libreoffice-impress (scripts/install_system_deps.sh)")  # fmt: skip
def test_libreoffice_renders_the_deck_with_real_glyphs(pptx_path, tmp_path):
    import pypdfium2 as pdfium

    r = subprocess.run([impress(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx_path)],
                       capture_output=True, text=True, timeout=240)  # fmt: skip
    pdf_path = tmp_path / "x.pdf"
    assert pdf_path.exists(), r.stdout + r.stderr
    pdf = pdfium.PdfDocument(str(pdf_path))
    assert len(pdf) == 6
    SHOTS.mkdir(parents=True, exist_ok=True)
    for i in range(len(pdf)):
        page = pdf[i]
        text = page.get_textpage().get_text_range()
        assert "演示数据" in text, f"page {i + 1}: the Chinese is text LibreOffice drew"
        img = page.render(scale=1.5).to_pil()
        img.save(SHOTS / f"deck_libreoffice_{i + 1}.png")
        if i:  # a chart page: its numbers are drawn (tick labels), and the page is not blank
            assert "2021" in text and "区科技局" in text
            assert len(img.convert("L").resize((64, 36)).getcolors(4096)) > 8
    # a glyph LibreOffice had no font for would come out as a box ('\ufffd'/tofu): the
    # PDF embeds a CJK font for the Chinese
    fonts = {f for i in range(len(pdf)) for f in _fonts(pdf[i])}
    assert any("CJK" in f or "Hei" in f or "Han" in f for f in fonts), fonts


def _fonts(page) -> set[str]:
    import pypdfium2.raw as raw

    names = set()
    tp = page.get_textpage()
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if "\u4e00" <= ch <= "\u9fff":
            buf = (raw.ctypes.c_char * 256)()
            n = raw.FPDFText_GetFontInfo(tp, i, buf, 256, None)
            names.add(bytes(buf[: max(n - 1, 0)]).decode("utf-8", "replace"))
            break
    return names


def test_a_value_an_inconsistent_claim_disputes_is_marked_on_its_slide(bundled_wh, tmp_path, wh):
    """The demo's misstated claim (2023: 检查对象 比上年增加4家, where 2022 had 46 and 2023 52)
    disputes both years: the command line's deck marks them as the app does."""
    prs = make_deck(bundled_wh, tmp_path / "c.pptx", "--indicator", "inspected_entities",
                    "--agency", "区科技局")  # fmt: skip
    [(slide, chart)] = chart_slides(prs)
    years = [int(c) for c in chart.plots[0].categories]
    ring = next(s for s in chart.plots[0].series if s.name == "有争议")
    assert {y for y, v in zip(years, ring.values, strict=True) if v is not None} == {2022, 2023}
    foot = " ".join(texts(slide))
    assert "与报告中“比上年”的说法不符" in foot and "报告称+4家" in foot
