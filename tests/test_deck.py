"""会议材料 (board.deck, board.takeaway, pages/9_会议材料.py): the five areas for a year as a
16:9 PPTX and the same pages as PDF, on the bundled data."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest
from board_fixtures import ROOT, assert_ok, new_app, texts
from pypdf import PdfReader
from test_export import isolated_env, pdf_fonts

from board import app, deck, deck_pptx, model, reader, takeaway

pytest_plugins = ["board_fixtures"]

A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@pytest.fixture(scope="module")
def wh(bundled_wh):
    return reader.Warehouse(bundled_wh)


@pytest.fixture(scope="module")
def pack(wh):
    ag = app.default_agencies(wh.meta)
    year = 2024
    df = wh.series(wh.meta.headlines(), ag, year - deck.WINDOW + 1, year)
    return deck.build(df, wh.meta, wh.meta.headlines(), year, ag, "zh", made=date(2026, 3, 2))


@pytest.fixture(scope="module")
def pptx(pack):
    from pptx import Presentation

    return Presentation(io.BytesIO(deck.to_pptx(pack)))


# -- the pack -------------------------------------------------------------------------------------


def test_five_areas_make_five_slides_with_takeaways(pack, wh):
    assert [s.indicator_id for s in pack.slides] == wh.meta.headlines()
    assert pack.bureau == "周村区科学技术局" and pack.year == 2024
    for s in pack.slides:
        assert "2024年" in s.takeaway and s.takeaway.endswith(("。", "（演示数据）"))
        assert s.sources.startswith("来源：")
        assert "来源文件：" in s.notes and "要点：" in s.notes


def test_takeaway_says_the_change_and_the_record():
    meta = model.Meta(
        pd.DataFrame({"short_zh": ["区科技局"], "short_en": ["SB"], "name_zh": ["周村区科学技术局"],
                      "name_en": ["Science Bureau"], "kind": ["bureau"], "parent_id": [None]},
                     index=pd.Index(["zc_kjj"], name="agency_id")),
        pd.DataFrame({"name_zh": ["执法检查次数"], "name_en": ["Inspections"], "unit": ["次"],
                      "unit_en": ["inspections"], "area": ["enforcement"], "area_zh": ["执法检查"],
                      "area_en": ["Enforcement"], "headline": [True]},
                     index=pd.Index(["inspections"], name="indicator_id")),
        [2020, 2021, 2022, 2023],
    )  # fmt: skip
    rows = pd.DataFrame({"agency_id": "zc_kjj", "year": [2020, 2021, 2022, 2023],
                         "indicator_id": "inspections", "value": [9.0, 10.0, 12.0, 15.0],
                         "qualifier": None, "quote": "开展执法检查", "origin": "real",
                         "status": "verified"})  # fmt: skip
    s = takeaway.sentence(rows, meta, "inspections", 2023)
    assert s == "仅区科技局：2023年开展执法检查15次，同比增长25%，为近四年最高。"  # scope first
    low = rows.assign(value=[20.0, 18.0, 16.0, 8.0])
    assert "同比下降50%" in takeaway.sentence(low, meta, "inspections", 2023)
    assert "为近四年最低" in takeaway.sentence(low, meta, "inspections", 2023)
    assert takeaway.sentence(rows, meta, "inspections", 2024) == "2024年没有执法检查次数的数据。"


# -- PPTX -----------------------------------------------------------------------------------------


def test_pptx_is_16_9_with_a_title_slide_and_one_native_chart_per_slide(pptx, pack):
    assert (pptx.slide_width, pptx.slide_height) == (12192000, 6858000)
    slides = list(pptx.slides)
    assert len(slides) == 1 + len(pack.slides) == 6
    first = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    assert "周村区科学技术局" in first and "2024年度" in first and "2026年3月2日" in first
    for sl, s in zip(slides[1:], pack.slides, strict=True):
        charts_ = [sh for sh in sl.shapes if sh.has_chart]
        assert len(charts_) == 1, "an editable chart, not a picture"
        assert not [sh for sh in sl.shapes if sh.shape_type == 13]
        assert charts_[0].left + charts_[0].width <= pptx.slide_width
        text = [sh.text_frame.text for sh in sl.shapes if sh.has_text_frame]
        assert s.title in text and s.takeaway in text
        assert any(s.sources in t for t in text)


def test_every_chinese_run_names_an_east_asian_typeface(pptx):
    n = 0
    for sl in pptx.slides:
        frames = [sh.text_frame for sh in sl.shapes if sh.has_text_frame]
        frames.append(sl.notes_slide.notes_text_frame)
        for tf in frames:
            for p in tf.paragraphs:
                for r in p.runs:
                    if not cjk(r.text):
                        continue
                    rpr = r._r.find(f"{A_NS}rPr")
                    ea = rpr.find(f"{A_NS}ea")
                    assert ea is not None and ea.get("typeface") == deck_pptx.EA_FONT, r.text
                    assert rpr.get("lang") == "zh-CN"
                    # schema order: latin before ea
                    kids = [c.tag for c in rpr]
                    assert kids.index(f"{A_NS}latin") < kids.index(f"{A_NS}ea")
                    n += 1
    assert n > 20


def test_sources_are_in_the_speaker_notes(pptx, pack):
    for sl, s in zip(list(pptx.slides)[1:], pack.slides, strict=True):
        notes = sl.notes_slide.notes_text_frame.text
        assert "来源文件：" in notes and "要点：" + s.takeaway in notes
        docs = s.data.dropna(subset=["doc_id"])["doc_title"].dropna().unique()
        assert len(docs) and all(d in notes for d in docs)


# -- PDF ------------------------------------------------------------------------------------------


def test_pdf_has_the_same_pages_with_the_cjk_font_embedded(pack):
    pdf = PdfReader(io.BytesIO(deck.to_pdf(pack)))
    assert len(pdf.pages) == 6
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01
    assert any("NotoSansCJK" in f for f in pdf_fonts(pdf))
    assert "2024年度法治政府建设主要指标" in pdf.pages[0].extract_text()
    for page, s in zip(pdf.pages[1:], pack.slides, strict=True):
        text = page.extract_text()
        assert s.title in text and "来源：" in text


def test_deck_pdf_made_where_no_system_font_has_chinese(bundled_wh, tmp_path):
    out = tmp_path / "pack.pdf"
    r = subprocess.run([sys.executable, "-m", "board", "deck", "--year", "2024", "--out", str(out),
                        "--db", str(bundled_wh)], cwd=ROOT, env=isolated_env(tmp_path),
                       capture_output=True, text=True, timeout=300)  # fmt: skip
    assert r.returncode == 0, r.stderr
    pdf = PdfReader(out)
    assert any("NotoSansCJK" in f for f in pdf_fonts(pdf))
    assert "执法检查" in pdf.pages[1].extract_text()


# -- the page -------------------------------------------------------------------------------------


def test_meeting_page_lists_the_slides_and_offers_every_file(use_wh, bundled_wh):
    use_wh(bundled_wh)
    at = new_app().run()
    at.switch_page("pages/9_会议材料.py").run()
    assert_ok(at)
    body = texts(at)
    assert "共6页" in body
    for area in ("执法检查", "案件", "学法培训", "政务公开", "审批提速"):
        assert area + "：" in body
    labels = [b.proto.label for b in at.get("download_button")]
    # the deck in both formats, and the Word draft of the year's figures section
    assert sorted(labels) == sorted(["下载 PPT", "下载 PDF", "下载草稿（Word）"])


def test_the_meeting_page_keeps_a_pack_per_view_and_follows_the_filters(use_wh, bundled_wh):
    """Issue 16: the pack is made once per view (warehouse version, agencies, years, demo,
    language, indicators, day) and shared; a changed filter still gets its own pack."""
    use_wh(bundled_wh)
    at = new_app().run()
    at.switch_page("pages/9_会议材料.py").run()
    assert_ok(at)
    first = texts(at)
    at.toggle(key="w_demo").set_value(False).run()
    assert_ok(at)
    assert texts(at) != first  # the real data alone: another pack
    at.radio(key="w_lang").set_value("en").run()
    assert_ok(at)
    english = texts(at)
    at.toggle(key="w_demo").set_value(True).run()
    at.radio(key="w_lang").set_value("zh").run()
    assert_ok(at)
    assert texts(at) == first and english != first


def test_a_slides_preview_draws_its_chart_once_opened(use_wh, bundled_wh):
    """Issue 16: the previews start closed and their charts are made and drawn only when
    one is opened; the opened one shows that slide's indicator, in the slide's years."""
    from board_fixtures import chart_data, charts

    use_wh(bundled_wh)
    at = new_app().run()
    at.switch_page("pages/9_会议材料.py").run()
    assert_ok(at)
    assert [e.label for e in at.expander] == ["预览图表"] * 5
    assert charts(at) == []
    iid = app.load_meta().headline("enforcement")
    at.session_state[f"pv_{iid}"] = True  # what a click on its preview sets
    at.run()
    assert_ok(at)
    drawn = charts(at)
    assert len(drawn) == 1
    d = chart_data(drawn[0])
    assert set(d["indicator_id"]) == {iid}
    assert int(d["year"].max()) - int(d["year"].min()) < deck.WINDOW
