"""Chart exports (board.export, board.fonts, board.export_ui): images with Chinese that is
real glyphs, and the numbers as CSV/XLSX.

The font tests run vl-convert in a child process whose fontconfig sees no font at all
(FONTCONFIG_FILE naming an empty folder), like a fresh Debian machine without CJK fonts:
there, only the project's own font handling can make Chinese appear, so these tests fail
when it is broken even on a machine that has CJK fonts installed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from board_fixtures import ROOT
from pypdf import PdfReader

from board import charts, export, fonts, model

pytest_plugins = ["board_fixtures"]

TITLE = "执法检查次数（次）"


# -- helpers --------------------------------------------------------------------------------------


def isolated_env(tmp: Path) -> dict:
    """Environment of a child process whose vl-convert finds no system font."""
    import os

    empty = tmp / "no-fonts"
    empty.mkdir(exist_ok=True)
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{empty}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in (fonts.ENV_FONT, fonts.ENV_FAMILY)}
    env.update(FONTCONFIG_FILE=str(conf), PYTHONPATH=str(ROOT))
    return env


def run_py(code: str, env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def pdf_fonts(pdf: PdfReader) -> set[str]:
    names = set()
    for page in pdf.pages:
        res = page.get("/Resources") or {}
        for f in (res.get("/Font") or {}).values():
            names.add(str(f.get_object().get("/BaseFont")))
    return names


def pixels(png: bytes):
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.size, im.convert("RGB").tobytes()


def bars(title: str, labels: list[str]) -> dict:
    """A bar chart whose only text besides numbers is Chinese."""
    return {
        "title": title,
        "data": {"values": [{"a": a, "v": i + 3} for i, a in enumerate(labels)]},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal", "title": "单位", "sort": None},
                     "y": {"field": "v", "type": "quantitative", "title": "次数"}},
    }  # fmt: skip


@pytest.fixture(scope="module")
def trend(bundled_wh):
    """The trends page's chart of inspections on the bundled data, and its rows."""
    from board import reader

    wh = reader.Warehouse(bundled_wh)
    ag = list(wh.meta.agencies.index)
    df = wh.series(["inspections"], ag, min(wh.meta.years), max(wh.meta.years))
    data = model.add_yoy(model.add_segments(model.enrich(df, wh.meta, "zh")))
    years = list(range(int(df["year"].min()), int(df["year"].max()) + 1))
    return charts.trend(data, wh.meta, years, "zh"), data, model.sources_footnote(data, "zh")


# -- the font, in a process that sees no system font ------------------------------------------------


@pytest.fixture(scope="module")
def isolated(tmp_path_factory):
    """Run vl-convert with no system fonts: first alone (the control), then through board."""
    tmp = tmp_path_factory.mktemp("isolated")
    font = {"config": {"font": fonts.FAMILY}}
    a = {**bars("执法检查", ["区科技局", "区地震局"]), **font}
    b = {**bars("学法培训", ["区公安局", "区教育局"]), **font}
    code = f"""
        import json
        import vl_convert as vlc
        a, b = json.loads({json.dumps(a)!r}), json.loads({json.dumps(b)!r})
        out = {{}}
        # control: vl-convert alone cannot draw the Chinese here (the text comes out blank)
        out["control_same"] = vlc.vegalite_to_png(a) == vlc.vegalite_to_png(b)
        from board import export, fonts
        for name, s in (("a", a), ("b", b)):
            for fmt in ("png", "pdf", "svg"):
                data = export.chart_bytes(s, fmt, "来源：区科技局2018年度法治政府建设情况报告")
                open({str(tmp)!r} + f"/{{name}}.{{fmt}}", "wb").write(data)
        f = fonts.ensure()  # registered by the exports above: the font they used
        out["font"] = [str(f.path), f.family, f.origin]
        print(json.dumps(out))
    """
    r = run_py(code, isolated_env(tmp))
    assert r.returncode == 0, r.stderr
    return tmp, json.loads(r.stdout.strip().splitlines()[-1])


def test_the_child_process_really_has_no_cjk_font(isolated):
    _, out = isolated
    assert out["control_same"], (
        "vl-convert still found a CJK font with FONTCONFIG_FILE pointing at an empty folder; "
        "the isolation these tests rely on no longer works"
    )


def test_pdf_embeds_the_projects_cjk_font_and_its_text_is_chinese(isolated):
    tmp, out = isolated
    assert out["font"][1] == fonts.FAMILY
    pdf = PdfReader(tmp / "a.pdf")
    assert any("NotoSansCJK" in f for f in pdf_fonts(pdf)), pdf_fonts(pdf)
    text = pdf.pages[0].extract_text()
    assert "执法检查" in text and "区科技局" in text
    assert "来源：区科技局2018年度法治政府建设情况报告" in text  # the footnote is inside


def test_charts_differing_only_in_chinese_render_to_different_pixels(isolated):
    tmp, _ = isolated
    (sa, pa), (sb, pb) = pixels((tmp / "a.png").read_bytes()), pixels((tmp / "b.png").read_bytes())
    assert pa != pb or sa != sb


def test_svg_names_the_registered_family(isolated):
    tmp, out = isolated
    svg = (tmp / "a.svg").read_text(encoding="utf-8")
    assert f"font-family=\"'{out['font'][1]}', " in svg  # ours first, then viewers' fonts
    assert "Microsoft YaHei" in svg
    assert "执法检查" in svg and "来源：" in svg


def test_the_mplfonts_font_comes_first():
    if fonts.mplfonts_font() is None:
        pytest.skip("mplfonts is not installed (pip install -r requirements.txt)")
    f = fonts.find()
    assert f.origin == "mplfonts" and f.path.name == "NotoSansCJKsc-Regular.otf"
    assert f.family == fonts.FAMILY


def test_no_cjk_font_fails_with_the_fix(monkeypatch, trend):
    monkeypatch.delenv(fonts.ENV_FONT, raising=False)
    monkeypatch.setattr(fonts, "mplfonts_font", lambda: None)
    monkeypatch.setattr(fonts, "SYSTEM", ())
    monkeypatch.setattr(fonts, "_registered", None)
    with pytest.raises(fonts.FontMissing) as e:
        fonts.find()
    msg = str(e.value)
    assert "pip install -r requirements.txt" in msg and "apt-get install fonts-noto-cjk" in msg
    chart, data, src = trend
    for fmt in export.IMAGE_FORMATS:
        with pytest.raises(fonts.FontMissing):
            export.export(chart, data, fmt, sources=src)
    # the numbers need no font
    assert export.export(chart, data, "csv").startswith(b"\xef\xbb\xbf")


def test_a_font_named_in_the_environment_is_used_first(monkeypatch, tmp_path):
    found = fonts.candidates()
    if not found:
        pytest.skip("no CJK font on this machine")
    monkeypatch.setenv(fonts.ENV_FONT, str(found[-1].path))
    f = fonts.find()
    assert f.origin == "env" and f.path == found[-1].path and "CJK" in f.family
    monkeypatch.setenv(fonts.ENV_FONT, str(tmp_path / "nothing.otf"))
    assert fonts.find().origin != "env"


# -- images of a real chart ---------------------------------------------------------------------------


def test_png_is_at_least_twice_the_chart_size_with_the_footnote_inside(trend):
    chart, data, src = trend
    svg = export.chart_svg(chart, export.footnote(src))
    w = float(svg.split('width="', 1)[1].split('"', 1)[0])
    png = export.export(chart, data, "png", sources=src)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (pw, ph), _ = pixels(png)
    assert pw >= 2 * w - 1
    assert '<g class="footnote">' in svg and "来源：" in svg


def test_pdf_of_a_chart_has_title_unit_legend_and_sources(trend):
    chart, data, src = trend
    pdf = PdfReader(io.BytesIO(export.export(chart, data, "pdf", sources=src)))
    text = pdf.pages[0].extract_text()
    assert TITLE in text  # the title names the unit
    assert "区科技局" in text  # the legend
    assert "来源：" in text and "导出自法治指标看板" in text
    assert any("NotoSansCJK" in f for f in pdf_fonts(pdf))


def test_export_spec_names_the_cjk_font_everywhere(trend):
    chart, _, _ = trend
    spec = export.export_spec(chart)
    seen = []

    def walk(n):
        if isinstance(n, dict):
            for k, v in n.items():
                if k == "datasets":
                    continue
                if k == "font" or k.endswith("Font"):
                    seen.append(v)
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(spec)
    assert seen and all(v == fonts.FAMILY for v in seen if isinstance(v, str))
    assert spec["config"]["font"] == fonts.FAMILY
    assert isinstance(spec.get("width"), int)  # not left to a page's container


def test_footnote_grows_the_svg_and_wraps_without_orphan_brackets():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><g/></svg>'
    note = (
        "来源：" + "区科技局2018年度法治政府建设情况报告、" * 4 + "等12份文件（其中3份为演示数据）"
    )
    out = export.add_footnote(svg, note, "Noto Sans CJK SC")
    assert 'height="200"' not in out.split(">", 1)[0]
    lines = export.wrap(note, 280, 12)
    assert len(lines) > 1 and "".join(lines) == note
    assert all(export.text_width(ln, 12) <= 280 + 12 for ln in lines)
    assert not any(ln.endswith("（") for ln in lines)
    assert "&lt;" in export.add_footnote(svg, "a<b", "F")  # escaped


@pytest.mark.parametrize("width", [180, 240, 300, 420])
def test_an_english_footnote_breaks_between_words(width):
    """'… 15 times from t' / 'he table' in an English export: a Latin word stays whole (a
    Chinese name inside the English still breaks anywhere)."""
    note = ("Disputed: Science Bureau 2021 Enforcement inspections 15 times (sources disagree: "
            "15 times from the table, another source gives 13 times). Sources: 周村区执法检查统计"
            "（演示）, 区科技局2018年度法治政府建设情况报告 and 1 more")  # fmt: skip
    lines = export.wrap(note, width, 12)
    assert "".join(lines).replace(" ", "") == note.replace(" ", "")  # nothing lost
    words = set(note.replace("（", " ").replace("）", " ").split())
    for a, b in zip(lines, lines[1:], strict=False):
        cut = a.split(" ")[-1] + b.split(" ")[0]
        if cut.isascii() and cut.isalpha():  # a Latin word met at the break
            assert a.split(" ")[-1] in words and b.split(" ")[0] in words, (a, b)
    assert all(export.text_width(ln, 12) <= width + 12 for ln in lines)


# -- numbers --------------------------------------------------------------------------------------


def test_csv_has_a_bom_units_sources_and_every_value(trend):
    chart, data, src = trend
    raw = export.export(chart, data, "csv", sources=src)
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    for col in (
        "单位",
        "年份",
        "指标",
        "数值",
        "计量单位",
        "原文写法",
        "状态",
        "数据类型",
        "来源文件",
        "来源句子",
    ):
        assert col in df.columns, col
    assert len(df) == len(data)
    assert set(df["计量单位"]) == {"次"}
    assert sorted(df["数值"]) == sorted(data["value"])
    assert df["年份"].dtype.kind == "i"


def test_xlsx_has_data_units_sources_and_a_notes_sheet(trend):
    from openpyxl import load_workbook

    chart, data, src = trend
    raw = export.export(chart, data, "xlsx", sources=src)
    assert zipfile.is_zipfile(io.BytesIO(raw))
    wb = load_workbook(io.BytesIO(raw))
    assert wb.sheetnames == ["数据", "说明"]
    rows = list(wb["数据"].iter_rows(values_only=True))
    head = rows[0]
    assert "计量单位" in head and "来源文件" in head and "来源句子" in head
    assert len(rows) - 1 == len(data)
    vi = head.index("数值")
    assert all(isinstance(r[vi], int | float) for r in rows[1:])
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert notes["标题"] == TITLE
    assert notes["来源"] == src
    assert "次" in notes["计量单位"]
    assert "报告" in notes["来源文件"]


def test_english_headers_follow_the_language(trend):
    _, data, _ = trend
    df = export.table(data, "en")
    assert {"Agency", "Year", "Value", "Unit", "Source document"} <= set(df.columns)


def test_file_names_keep_chinese_and_drop_path_characters():
    assert export.file_name("执法检查次数（次）", "png") == "执法检查次数（次）.png"
    assert export.file_name('a/b:c*?"<>| d', "csv", suffix="2016-2025") == "a_b_c_d_2016-2025.csv"
    assert export.file_name("", "pdf") == "chart.pdf"


# -- the buttons beside a chart -------------------------------------------------------------------


def test_download_buttons_offer_five_formats(use_wh, bundled_wh):
    from streamlit.testing.v1 import AppTest

    use_wh(bundled_wh)

    def page():
        import altair as alt
        import pandas as pd

        from board import export_ui

        df = pd.DataFrame({"agency": ["区科技局"], "year": [2018], "value": [12.0]})
        chart = alt.Chart(df, title="执法检查次数（次）").mark_bar().encode(x="year:O", y="value:Q")
        export_ui.download_buttons(chart, df, None, "来源：测试", "zh", key="t")

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert len(buttons) == 5
    labels = [b.proto.label for b in buttons]
    assert labels == ["图片 PNG", "矢量图 SVG", "PDF", "数据 CSV", "数据 Excel"]


# -- the command line's chart, and the page's cache of files ------------------------


def test_the_exported_chart_is_valid_vega_lite(trend, bundled_wh):
    """Exports skip Altair's schema check (spec_of), and the command line builds its chart
    unchecked (charts.unchecked); the chart itself passes the check, and is the same."""
    from board import reader

    chart, data, _ = trend
    assert chart.to_dict(validate=True) == export.spec_of(chart)
    meta = reader.Warehouse(bundled_wh).meta
    years = list(range(int(data["year"].min()), int(data["year"].max()) + 1))
    with charts.unchecked():
        quick = charts.trend(data, meta, years, "zh")
    assert export.spec_of(quick) == chart.to_dict(validate=True)


def test_the_page_keeps_each_files_bytes_for_the_next_click(trend):
    from board import export_ui

    chart, data, sources = trend
    export_ui._image.cache_clear()
    make = export_ui._maker("png", chart, data, sources, "zh", "t")
    first = make()
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert make() is first  # the same bytes, not drawn again
    assert export_ui._image.cache_info().hits == 1


def test_the_buttons_of_one_chart_make_it_and_its_spec_once(trend, monkeypatch):
    """A second click, or another format of the same chart, reuses the chart (made on the
    first click when the page passed a function) and its spec; the files are the chart's."""
    from board import export_ui

    chart, data, sources = trend
    made, specs = [], []
    spec_of = export.spec_of
    monkeypatch.setattr(export, "spec_of", lambda c: specs.append(1) or spec_of(c))
    memo: dict = {}
    makers = {
        fmt: export_ui._maker(fmt, lambda: made.append(1) or chart, data, sources, "zh", "t", memo)
        for fmt in ("png", "svg", "pdf", "csv")
    }
    png, svg, pdf = makers["png"](), makers["svg"](), makers["pdf"]()
    assert (png[:4], pdf[:4]) == (b"\x89PNG", b"%PDF") and b"<svg" in svg[:200]
    assert makers["png"]() is png
    assert makers["csv"]().startswith(b"\xef\xbb\xbf")
    assert (len(made), len(specs)) == (1, 1)
    foot = export.footnote(sources, "zh", data=data)
    assert svg == export.chart_bytes(chart, "svg", foot, export.banner(data, "zh"))
