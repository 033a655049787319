"""Scans read by OCR (etl/readers/ocr.py): a PDF without a text layer, a photo of a page.

The corpus is made here from the project's own real-shaped reports: each text is printed
to PDF with fpdf2 (the Noto CJK font of mplfonts), its pages rasterised at 200 dpi with
pypdfium2, some turned 2–3° and given noise, and saved as image-only PDFs, PNG and JPEG
(in tmp, nothing binary committed). The facts read from the scans must be the facts read
from the texts: at least 95% of them, and none that the text does not have.
"""

from __future__ import annotations

import difflib
import math
import shutil
from pathlib import Path

import mplfonts
import pytest
from fpdf import FPDF

from etl import build as build_mod
from etl import process
from etl.model import ReadError
from etl.pipeline import process_file
from etl.readers import ocr
from etl.readers.dispatch import read_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "realshaped" / "docs"
NOTO = next(Path(mplfonts.__file__).parent.rglob("NotoSansCJK*.otf"))
WHY = (
    "OCR 组件未安装（pip install rapidocr-onnxruntime，或 tesseract-ocr-chi-sim）：扫描件的测试跳过"
)
needs_ocr = pytest.mark.skipif(ocr.engine_name() is None, reason=WHY)

# (document, how it is scanned): tilt in degrees, noise, and the file kind
CORPUS = [
    ("r01.txt", 2.5, True, "pdf"),
    ("r06.txt", -2.0, True, "pdf"),
    ("r34.txt", 0.0, False, "pdf"),
    ("r25.txt", 3.0, True, "png"),
    ("r16.txt", -2.5, True, "jpg"),
    ("周村区科学技术局/2025/r31.txt", 2.0, True, "pdf"),
]


def text_pdf(text: str, path: Path, size: float = 11) -> Path:
    """The report as a born-digital PDF (fpdf2, Noto Sans CJK)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(NOTO))
    pdf.set_font("noto", size=size)
    for line in text.split("\n"):
        pdf.multi_cell(0, size * 6 / 11, text=line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scan_images(pdf_path: Path, tilt: float, noise: bool, dpi: int = 200) -> list:
    """The PDF's pages as grey 200-dpi images, turned by `tilt` degrees, with noise."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    out = []
    doc = pdfium.PdfDocument(str(pdf_path))
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72).to_pil().convert("L")
        if tilt:
            img = img.rotate(tilt, expand=True, fillcolor=255, resample=Image.BICUBIC)
        if noise:
            a = np.asarray(img).astype(np.int16)
            a = a + np.random.default_rng(i).normal(0, 20, a.shape)
            img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        out.append(img)
    doc.close()
    return out


def make_scan(
    src: Path, out_dir: Path, tilt: float, noise: bool, kind: str, size: float = 11
) -> Path:
    from etl.readers.text import read_txt

    text = read_txt(src).text  # r05/r14/r29 are GB18030: printed as what they say
    born = text_pdf(text, out_dir / f"{src.stem}.born.pdf", size)
    images = scan_images(born, tilt, noise)
    path = out_dir / f"{src.stem}.scan.{kind}"
    if kind == "pdf":
        images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    elif kind == "png":
        images[0].save(path)
    else:
        images[0].save(path, quality=80)
    born.unlink()
    return path


def similar(a: str, b: str) -> bool:
    """The same line but for a character or two that OCR misread or missed."""
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def keys(processed) -> set[tuple]:
    return {(f.agency, f.year, f.indicator, f.value) for f in processed.facts}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if ocr.engine_name() is None:
        pytest.skip(WHY)
    out = tmp_path_factory.mktemp("scans")
    made = []
    for name, tilt, noise, kind in CORPUS:
        folder = out / Path(name).parent  # r31 is named by its folder: 单位/年度/
        folder.mkdir(parents=True, exist_ok=True)
        scan = make_scan(DOCS / name, folder, tilt, noise, kind)
        text, read = (
            process_file(DOCS / name, None, strict=False),
            process_file(scan, None, strict=False),
        )
        made.append((scan, text, read))  # each page read by OCR once, for every test below
    return made


@needs_ocr
def test_scans_give_the_facts_of_their_texts(corpus):
    """≥ 95% of the text's facts come back from the scans, and nothing the text lacks."""
    wanted, got, missed, extra = 0, 0, [], []
    for scan, text, read in corpus:
        assert similar(read.title, text.title), (scan.name, read.title, text.title)
        assert (read.agency, read.year) == (text.agency, text.year), scan.name
        assert all(f.method == "ocr" for f in read.facts)
        assert all(f.location.startswith("第1页 第") for f in read.facts), scan.name
        want, have = keys(text), keys(read)
        wanted += len(want)
        got += len(want & have)
        missed += [(scan.name, k) for k in want - have]
        extra += [(scan.name, k) for k in have - want]
    assert wanted >= 80
    assert got / wanted >= 0.95, missed
    assert extra == [], extra


@needs_ocr
def test_scan_reads_line_by_line_in_order(corpus):
    """A page turned 2.5° still reads top to bottom with its title on a line of its own
    and each paragraph on one line."""
    read = corpus[0][2]
    assert read.format == "pdf"
    lines = [ln for ln in read.text.split("\n") if ln.strip()]
    title = "青禾县科学技术局2021年度法治政府建设情况报告"
    assert any(similar(ln, title) for ln in lines)  # OCR may miss a character, not the line
    heads = [
        ln for ln in lines if ln[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、")
    ]
    assert [h[0] for h in heads] == list("一二三四五六七")
    para = next(ln for ln in lines if ln.startswith("坚持集中学与线上学相结合"))
    assert para.endswith("通过率100%。")  # three printed lines joined into one paragraph


@needs_ocr
def test_a_scan_of_two_pages_says_which_page_a_fact_is_on(tmp_path):
    """Printed large, r01 takes two pages: read page by page, a form feed between them,
    and the facts of the second page say 第2页."""
    src = DOCS / "r01.txt"
    scan = make_scan(src, tmp_path, 1.5, True, "pdf", size=17)
    read = process_file(scan, None, strict=False)
    assert read.text.count("\f") == 1
    want, have = keys(process_file(src, None, strict=False)), keys(read)
    assert len(want & have) >= 0.95 * len(want) and have <= want, (want - have, have - want)
    pages = {f.location.split(" ")[0] for f in read.facts}
    assert pages == {"第1页", "第2页"}
    second = read.text.index("\f")
    assert all((f.start > second) == f.location.startswith("第2页") for f in read.facts)


@pytest.mark.skipif(
    not ocr._tesseract_chi_sim(),
    reason="tesseract 或其中文语言包未安装（apt-get install tesseract-ocr tesseract-ocr-chi-sim）：后备引擎的测试跳过",
)
def test_tesseract_is_the_fallback_where_rapidocr_is_missing(tmp_path, monkeypatch):
    """With tesseract's chi_sim (and no RapidOCR), a scan is read by tesseract through the
    same lines and paragraphs: most of the text's facts, nothing else."""
    monkeypatch.setattr(ocr, "engine_name", lambda: "tesseract")
    src = DOCS / "r01.txt"
    read = process_file(make_scan(src, tmp_path, 0.0, True, "png"), None, strict=False)
    want, have = keys(process_file(src, None, strict=False)), keys(read)
    # weaker than RapidOCR (18–21 of r01's 21 facts, by the rendering), never a wrong fact
    assert len(want & have) >= 0.8 * len(want) and have <= want, (want - have, have - want)
    assert {f.method for f in read.facts} == {"ocr"}


def test_page_text_turns_tilted_boxes_back_into_lines():
    """Boxes of a page turned 3°: the right end of a line sits lower than the left end of
    the next-but-one box; put level, they are read in rows, left to right."""
    a = math.radians(3)

    def box(x, y, w, h, text):
        pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        return [[px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a)]
                for px, py in pts], text  # fmt: skip

    boxes = [
        box(100, 100, 500, 40, "标题"),
        box(1300, 200, 300, 40, "来源：县科技局"),
        box(100, 200, 300, 40, "发布时间：2022"),
        box(100, 300, 1500, 40, "全年开展执法检查15次，检查企业"),
        box(100, 350, 600, 40, "52家次。"),
        box(100, 450, 400, 40, "二、案件办理"),
        box(760, 3000, 80, 40, "- 1 -"),
    ]
    assert ocr.page_text(boxes) == (
        "标题\n发布时间：2022　来源：县科技局\n全年开展执法检查15次，检查企业52家次。\n二、案件办理"
    )


def test_without_ocr_a_scan_is_set_aside_saying_what_to_install(tmp_path, monkeypatch):
    """No OCR engine: the scan PDF and the photo are refused with a reason naming the
    package; in a build they are listed as rejected, nothing else is lost."""
    monkeypatch.setattr(ocr, "engine_name", lambda: None)
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(tmp_path / "scan.pdf"))
    from PIL import Image

    Image.new("L", (400, 300), 255).save(tmp_path / "photo.jpg")
    for name in ("scan.pdf", "photo.jpg"):
        with pytest.raises(ReadError) as e:
            read_file(tmp_path / name)
        assert "rapidocr-onnxruntime" in e.value.reason and "OCR" in e.value.reason
        assert "没有文字层" in e.value.reason
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "registry", data / "registry")
    shutil.copy(tmp_path / "scan.pdf", data / "reports" / "scan.pdf")
    shutil.copytree(DOCS / "周村区科学技术局", data / "reports" / "周村区科学技术局")
    monkeypatch.setattr(process, "IN_PROCESS_MAX", 100)  # the patch holds in this process
    summary = build_mod.build(data, tmp_path / "w.duckdb")
    assert summary.files_loaded == 1
    assert [p for p, _ in summary.rejected] == ["reports/scan.pdf"]
    assert "rapidocr-onnxruntime" in summary.rejected[0][1]


@needs_ocr
def test_blank_photo_says_nothing_was_read(tmp_path):
    from PIL import Image

    Image.new("L", (800, 600), 255).save(tmp_path / "blank.png")
    with pytest.raises(ReadError) as e:
        read_file(tmp_path / "blank.png")
    assert "没有认出任何文字" in e.value.reason


@needs_ocr
def test_a_page_far_too_large_to_draw_is_refused_with_its_size(tmp_path):
    """A fuzzed PDF had a page 297 m tall: drawing it for OCR filled the memory."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 841_689)  # points: A4 wide, 297 m tall
    pdf.save(str(tmp_path / "odd.pdf"))
    pdf.close()
    with pytest.raises(ReadError) as e:
        read_file(tmp_path / "odd.pdf")
    assert "尺寸异常" in e.value.reason and "第1页" in e.value.reason


@pytest.mark.parametrize(
    ("width_pt", "height_pt", "dpi"),
    [
        (595, 842, ocr.DPI),  # A4: drawn at DPI
        (842, 1191, ocr.DPI),  # A3: still under the pixel bound at DPI
        (2384, 3370, None),  # A0: drawn smaller, at about 141 dpi, still readable
        (595, 841_689, 0),  # 297 m: refused
    ],
)
def test_a_large_page_is_drawn_smaller_and_an_absurd_one_refused(width_pt, height_pt, dpi):
    scale = ocr.render_scale(width_pt, height_pt)
    if dpi == 0:
        assert scale is None
    elif dpi is None:
        assert ocr.MIN_DPI <= scale * 72 < ocr.DPI
        assert width_pt * height_pt * scale * scale <= ocr.MAX_PAGE_PIXELS * 1.0001
    else:
        assert scale * 72 == pytest.approx(dpi)


@needs_ocr
def test_build_loads_a_scan_as_unverified_ocr_facts(tmp_path, monkeypatch):
    """In the warehouse, a scan's facts have method 'ocr', status 'unverified', and a
    location that names the page."""
    import duckdb

    folder = tmp_path / "made"
    folder.mkdir()
    scan = make_scan(DOCS / "周村区科学技术局/2025/r31.txt", folder, 2.0, True, "pdf")
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "registry", data / "registry")
    (data / "reports" / "周村区科学技术局" / "2025").mkdir(parents=True)
    shutil.copy(scan, data / "reports" / "周村区科学技术局" / "2025" / scan.name)
    summary = build_mod.build(data, tmp_path / "w.duckdb")
    assert summary.rejected == [] and summary.files_loaded == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT DISTINCT method, status FROM fact").fetchall()
        locs = [r[0] for r in con.execute("SELECT location FROM fact").fetchall()]
        fmt = con.execute("SELECT format FROM document").fetchone()[0]
    assert rows == [("ocr", "unverified")]
    assert locs and all(loc.startswith("第1页 ") for loc in locs)
    assert fmt == "pdf"
    # 来源: beside each sentence read from the scan, the page it was read from
    from board_fixtures import assert_ok, open_page, texts

    monkeypatch.setenv("FAZHI_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    at = open_page("sources")
    assert_ok(at)
    body = "\n".join(str(e.proto.body) for e in at.get("html"))
    assert body.count("data:image/jpeg;base64,") == len(locs)
    assert "扫描件第1页（文字识别，请对照原图核实）" in body
    assert "扫描件原图与识别的句子（1页）" in texts(at)
    assert len(at.get("image")) == 1  # the page, large, beside the sentences read from it
    # the file replaced since the build: no image rather than the wrong page
    target = next((data / "reports").rglob("*.pdf"))
    target.write_bytes(target.read_bytes() + b"\n%changed")
    at = open_page("sources")
    body = "\n".join(str(e.proto.body) for e in at.get("html"))
    assert "data:image/jpeg" not in body and "扫描件第1页" in body
    assert not at.get("image") and "已被替换，无法显示原图" in texts(at)


def _three_page_scan(tmp_path: Path, data: Path) -> Path:
    """A scan of three pages (one short report page, three times), under data/reports/."""
    born = text_pdf(
        "区科技局2023年度法治政府建设情况报告\n全年开展执法检查15次。", tmp_path / "b.pdf"
    )
    page = scan_images(born, 0.0, False)[0]
    (data / "reports").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "registry", data / "registry")
    scan = data / "reports" / "扫描件.pdf"
    page.save(scan, save_all=True, append_images=[page, page], resolution=200)
    return scan


@needs_ocr
@pytest.mark.parametrize("where", ["in_process", "workers"])
def test_build_says_which_page_of_a_scan_ocr_is_reading(tmp_path, monkeypatch, where):
    """A many-page scan takes seconds a page: the build's progress hears each page, in
    order, as '正在识别 <file> 第N/3页', in the build's own process or from a worker."""
    data = tmp_path / "data"
    _three_page_scan(tmp_path, data)
    if where == "workers":  # the pool, as for a data folder of more than a few files
        monkeypatch.setattr(process, "IN_PROCESS_MAX", 0)
        for i in range(3):
            (data / "reports" / f"r{i}.txt").write_text(
                "区科技局2023年度法治政府建设情况报告\n全年开展执法检查15次。", encoding="utf-8"
            )
    heard = []
    build_mod.build(data, tmp_path / "w.duckdb", workers=2,
                    progress=lambda done, total, page=None: heard.append((done, total, page)))  # fmt: skip
    pages = [(done, m) for done, _, m in heard if m]
    assert [str(m) for _, m in pages] == [f"正在识别 扫描件.pdf 第{i}/3页" for i in (1, 2, 3)], (
        heard
    )
    done = [d for d, _ in pages]
    assert done == sorted(done) and done[-1] < heard[-1][0] == heard[-1][1]  # on, then all done


@needs_ocr
def test_upload_preview_says_which_page_of_a_scan_ocr_is_reading(tmp_path):
    from board import importer

    data = tmp_path / "data"
    scan = _three_page_scan(tmp_path, data)
    heard: list = []
    p = importer.preview("扫描件.pdf", scan.read_bytes(), data_dir=data, on_page=heard.append)
    assert [str(h) for h in heard] == [f"正在识别 扫描件.pdf 第{i}/3页" for i in (1, 2, 3)]
    assert p.kind == "report"  # read (three pages of OCR), then judged as any report
