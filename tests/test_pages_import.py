"""数据导入 (pages/5_数据导入.py): the preview of an upload (AppTest cannot upload, so the
board function that makes it is tested), safe storing, and the page itself."""

from __future__ import annotations

import io

import pytest
from board_fixtures import ROOT, TIMEOUT, assert_ok, texts
from docx import Document
from test_build import make_corpus

from board import importer

pytest_plugins = ["board_fixtures"]

REPORT = """区科技局2019年度法治政府建设情况报告

2019年，我局开展执法检查15次，上传行政执法检查计划2件。
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    d = make_corpus(tmp_path)
    monkeypatch.setenv("FAZHI_DATA", str(d))
    return d


def docx_bytes(paragraphs: list[str]) -> bytes:
    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_preview_of_a_gb18030_report(data):
    p = importer.preview("报告.txt", REPORT.encode("gb18030"))
    assert p.ok and p.kind == "report"
    assert (p.agency, p.year, p.folder) == ("周村区科学技术局", 2019, "2019")
    got = {f["indicator"]: f["value"] for f in p.facts}
    assert got == {"inspections": 15, "inspection_plans": 2}
    html = next(f["sentence_html"] for f in p.facts if f["indicator"] == "inspections")
    assert "开展执法检查<mark>15</mark>次" in html
    assert not (data / "uploads").exists()  # a preview saves nothing


def test_preview_of_a_docx_report(data):
    raw = docx_bytes(REPORT.strip().split("\n\n"))
    p = importer.preview("我的报告.docx", raw)
    assert p.ok and p.year == 2019
    assert {f["indicator"] for f in p.facts} >= {"inspections"}


def test_preview_of_a_refused_file_says_why(data):
    p = importer.preview("x.txt", "某某局2019年度法治政府建设情况报告\n开展执法检查3次。".encode())
    assert not p.ok
    assert "登记表" in p.reason or "单位" in p.reason


def test_preview_of_a_table(data):
    p = importer.preview("t.csv", "单位,年度,指标,数值\n区科技局,2020,inspections,9\n".encode())
    assert p.ok and p.kind == "table" and p.folder == "2020"
    assert [(f["indicator"], f["value"]) for f in p.facts] == [("inspections", 9)]


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\win.ini", "win.ini"),
        ("/abs/报告.txt", "报告.txt"),
        ("a<b>:c?.txt", "abc.txt"),
        (".hidden.txt", "hidden.txt"),
    ],
)
def test_safe_name(name, safe):
    assert importer.safe_name(name) == safe


@pytest.mark.parametrize("name", ["", "..", "../", "???", "/", " . "])
def test_names_empty_after_cleaning_are_refused(name):
    with pytest.raises(importer.BadName):
        importer.safe_name(name)


def test_store_never_overwrites_and_stays_inside(data):
    a = importer.store("../r.txt", b"1", "2019")
    b = importer.store("r.txt", b"2", "2019")
    c = importer.store("t.csv", b"3", "../../x")
    assert a == data / "uploads/2019/r.txt" and a.read_bytes() == b"1"
    assert b == data / "uploads/2019/r-1.txt"
    assert c == data / "uploads/unsorted/t.csv"


def test_the_page_renders(data, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from etl.build import build

    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.switch_page("pages/5_数据导入.py")
    at.run()
    assert_ok(at)
    assert at.title[0].value == "数据导入"
    assert ".docx" in texts(at)
    from board import importer

    assert f"不超过 {importer.max_upload_mb()} MB" in texts(at), "the size limit is said up front"


def test_an_unidentified_upload_can_be_saved_and_is_parked(data, tmp_path):
    """A page with no agency or year anywhere: the preview says why and that it can be
    saved all the same; saved, the next build parks it (to be assigned on 审核)."""
    from etl.build import build

    raw = "一、主要工作\n全年开展执法检查9次，执法工作规范有序，群众满意度持续提高。\n".encode()
    p = importer.preview("网页.txt", raw)
    assert p.parked and not p.ok
    assert "无法确定" in p.reason
    stored = importer.store("网页.txt", raw, importer.UNSORTED)
    assert stored == data / "uploads/unsorted/网页.txt"
    s = build(data, tmp_path / "w.duckdb", workers=1)
    assert ("uploads/unsorted/网页.txt", p.reason) in s.rejected


def test_a_file_is_read_once_per_session_however_often_the_page_reruns(data, monkeypatch):
    """Clicking save reruns the page: a scan must not be read by OCR again for it. A changed
    file, or a registry edited in between, is read afresh."""
    calls = []
    real = importer.preview
    monkeypatch.setattr(importer, "preview", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    session: dict = {}
    first = importer.preview_once(session, "报告.txt", REPORT.encode())
    again = importer.preview_once(session, "报告.txt", REPORT.encode())
    assert again is first and calls == ["报告.txt"]
    importer.preview_once(session, "报告.txt", REPORT.replace("15次", "16次").encode())
    assert len(calls) == 2
    reg = data / "registry" / "agencies.csv"
    reg.write_text(reg.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    importer.preview_once(session, "报告.txt", REPORT.encode())
    assert len(calls) == 3
