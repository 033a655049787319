"""The figures section of next year's report (board/draft.py, board/draft_docx.py).

The round trip: the project's own extractor, run on the draft (a .docx), gives back exactly
the facts the draft was written from (agency, year, indicator, value), and every claim it
finds in the draft (比上年增加2次 …) is consistent with the warehouse — for every agency and
year of the bundled demo corpus, for both kinds of report.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from board import queries, warehouse
from board.draft import Data, Value, compose
from board.draft_data import gather
from board.draft_docx import to_docx
from etl import check
from etl.pipeline import process_file
from etl.registry import Registry

pytest_plugins = ["board_fixtures"]
ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Registry.load(ROOT / "data")


def _runner(db: Path):
    v = warehouse.current(db)
    return lambda name, *p: queries.execute(v, name, p)


def _read_back(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return process_file(path, REGISTRY, strict=True)


@pytest.mark.parametrize("kind", ["fazhi", "xxgk"])
def test_round_trip_for_every_agency_and_year(bundled_wh, tmp_path, kind):
    run = _runner(bundled_wh)
    ids = ["zc_kjj", "zc_zscqj", "zc_dzj"]
    cov = run("coverage", ids, 1900, 2100, True)
    pairs = sorted({(a, int(y)) for a, y in zip(cov["agency_id"], cov["year"], strict=True)})
    assert len(pairs) >= 25  # 3 agencies, 2016-2025
    everything = run("draft_values", ids, 2100, True)
    values = {(a, int(y), i): (float(x), 0) for a, y, i, x in zip(
        everything["agency_id"], everything["year"], everything["indicator_id"],
        everything["value"], strict=True)}  # fmt: skip
    failures, written, claims = [], 0, 0
    for agency_id, year in pairs:
        d = gather(run, agency_id, year)
        draft = compose(d, kind)
        if not draft.facts:
            continue  # xxgk of an agency without disclosure figures: nothing to write
        p = _read_back(tmp_path, f"{agency_id}-{year}-{kind}.docx", to_docx(draft))
        got = sorted({(f.agency, f.year, f.indicator, f.value) for f in p.facts})
        if (p.agency, p.year) != (d.names[agency_id][0], year) or got != sorted(draft.facts):
            failures.append((agency_id, year, p.agency, p.year, set(got) ^ set(draft.facts)))
        for c in p.claims:
            row = {"agency_id": REGISTRY.resolve(c.agency).agency_id, "year": c.year,
                   "indicator_id": c.indicator, "kind": c.kind, "value": c.value,
                   "unit": c.unit, "about_year": c.about_year, "qualifier": c.qualifier}  # fmt: skip
            v = check.judge(row, values)
            if v.verdict != "consistent":
                failures.append((agency_id, year, c.quote, v.note))
        written += len(draft.facts)
        claims += len(p.claims)
    assert not failures
    assert written >= (300 if kind == "fazhi" else 15)
    assert claims >= (150 if kind == "fazhi" else 10)  # the 比上年 sentences were read back


def _docx_2023(bundled_wh) -> tuple:
    d = gather(_runner(bundled_wh), "zc_kjj", 2023)
    draft = compose(d, "fazhi")
    return draft, to_docx(draft)


def test_draft_marks_sources_and_demo(bundled_wh):
    draft, data = _docx_2023(bundled_wh)
    doc = Document(io.BytesIO(data))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    assert paras[0].text == "周村区科学技术局2023年度法治政府建设情况报告（数据部分草稿）"
    assert "演示数据" in paras[1].text  # demo marked on the first page, under the title
    text = "\n".join(p.text for p in paras)
    assert "全年开展执法检查15次，比上年增加1次。" in text
    assert "区知识产权局全年开展执法检查8次，比上年增加1次。" in text  # its own sentence
    # the bureau's 2023 inspected firms: the 2023 report's claim (+4) is inconsistent → pink
    runs = [r for p in paras for r in p.runs]
    firms = next(r for r in runs if r.text == "52家")
    assert firms.font.highlight_color == WD_COLOR_INDEX.PINK
    assert "随机抽取检查对象52家，比上年增加6家。" in text  # the draft states the true change
    assert any(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)  # unverified
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        notes = z.read("word/footnotes.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        body = z.read("word/document.xml").decode()
    # a footnote per figure, naming the source: the report and paragraph, or the table cell
    assert body.count("<w:footnoteReference") >= len(draft.facts)
    assert "《周村区科学技术局2023年法治政府建设情况报告》第" in notes
    assert "CSV!D" in notes
    assert "与报告中“比上年”的说法不符（报告称+4家" in notes
    # 公文 fonts, each with its Noto CJK fallback named in the file
    assert 'w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"' in fonts
    assert 'w:name="黑体"><w:altName w:val="Noto Sans CJK SC"' in fonts
    assert 'w:eastAsia="黑体"' in body and 'w:eastAsia="方正小标宋简体"' in body


def _value(agency, year, ind, value, unit="件"):
    return Value(agency, year, ind, value, unit, None, "verified", "real", "text", False, None,
                 "q", "第2段", "报告", "reports/x.txt")  # fmt: skip


def test_missing_figure_is_a_visible_blank_never_invented(tmp_path):
    names = {"zc_kjj": ("周村区科学技术局", "区科技局")}
    values = {("zc_kjj", 2024, "reconsideration_cases"): _value("zc_kjj", 2024, "reconsideration_cases", 1),
              ("zc_kjj", 2025, "inspections"): _value("zc_kjj", 2025, "inspections", 16, "次"),
              ("zc_kjj", 2024, "inspections"): _value("zc_kjj", 2024, "inspections", 14, "次")}  # fmt: skip
    draft = compose(Data("zc_kjj", 2025, names, [], values), "fazhi")
    text = "".join(p.text for b in draft.blocks for p in b.pieces)
    assert "发生行政复议案件【待补：行政复议案件数】件。" in text
    assert "全年开展执法检查16次，比上年增加2次。" in text
    assert draft.blanks == ["行政复议案件数"]
    p = _read_back(tmp_path, "d.docx", to_docx(draft))
    assert [(f.indicator, f.value) for f in p.facts] == [("inspections", 16)]
    assert not any(b.kind == "notice" for b in draft.blocks)  # real data: no demo notice


def test_cli_writes_a_docx(bundled_wh, tmp_path):
    out = tmp_path / "草稿.docx"
    r = subprocess.run(
        [sys.executable, "-m", "board", "draft", "--agency", "区科技局", "--year", "2025",
         "--out", str(out), "--db", str(bundled_wh)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "已写入" in r.stdout
    doc = Document(str(out))
    assert doc.paragraphs[0].text.startswith("周村区科学技术局2025年度法治政府建设情况报告")
    bad = subprocess.run(
        [sys.executable, "-m", "board", "draft", "--agency", "区科技局", "--out",
         str(tmp_path / "x.pdf"), "--db", str(bundled_wh)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2 and ".docx" in bad.stderr
