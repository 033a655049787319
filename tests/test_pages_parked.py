"""审核 page, 待指定单位和年度的报告: a report the build could not identify is listed with its
reason and the beginning of its text; an editor assigns agency and year, the warehouse is
rebuilt and the report is loaded; a viewer sees the list without the form. Each test runs on
its own copy of a small data/ (never the real one)."""

from __future__ import annotations

import threading

import duckdb
import pytest
from board_fixtures import assert_ok, texts
from test_build import make_corpus, write
from test_pages_review import open_review

from board import review
from etl import pipeline
from etl.build import build

pytest_plugins = ["board_fixtures"]
REL = "reports/网页.txt"
PAGE_TEXT = (
    "首页 > 政务公开 > 工作动态\n\n一、依法行政工作\n今年开展执法检查9次，办理行政处罚案件3件。\n"
)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    write(data / REL, PAGE_TEXT)
    db = tmp_path / "w.duckdb"
    assert build(data, db, workers=1).parked == [REL]
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    return data, db


def form_key(at) -> str:
    [sb] = [s for s in at.selectbox if (s.key or "").startswith("pk_ag_")]
    return sb.key.removeprefix("pk_ag_")


def submit(at, key: str):
    [b] = [b for b in at.button if b.proto.form_id == f"pk_{key}"]
    return b.click().run()


def html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def loaded(db) -> tuple | None:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT d.agency_id, d.year, y.year_source, d.n_facts FROM document d "
            "JOIN document_year y USING (doc_id) WHERE d.path = ?",
            [REL],
        ).fetchone()


def test_the_parked_report_is_listed_with_its_reason_and_text(corpus):
    at = open_review()
    assert_ok(at)
    assert "待指定单位和年度的报告（1份）" in texts(at)
    body = html(at)
    assert REL in body and "无法确定报告年度" in body
    assert "一、依法行政工作" in body and "今年开展执法检查9次" in body  # the text's beginning
    # the form: registered agencies by their Chinese names, no agency chosen yet
    [sb] = [s for s in at.selectbox if (s.key or "").startswith("pk_ag_")]
    assert sb.value is None
    assert [sb.format_func(o) for o in sb.options] == ["周村区科学技术局", "周村区知识产权局", "周村区地震局"]  # fmt: skip
    assert [b.label for b in at.button if b.proto.form_id.startswith("pk_")] == ["指定并重建"]


def test_assigning_through_the_page_loads_the_report(corpus):
    data, db = corpus
    assert loaded(db) is None
    at = open_review()
    key = form_key(at)
    at.selectbox(key=f"pk_ag_{key}").set_value("zc_dzj")
    at.number_input(key=f"pk_yr_{key}").set_value(2021)
    at.text_input(key=f"pk_why_{key}").input("网页栏目为区地震局，正文写的是2021年的工作")
    submit(at, key)
    assert_ok(at)
    assert "已记入 data/assignments.csv 第2行" in "\n".join(s.value for s in at.success)
    assert "reports/网页.txt 已按 周村区地震局 2021年 载入" in "\n".join(
        s.value for s in at.success
    )
    assert "待指定单位和年度的报告" not in texts(at)
    assert loaded(db) == ("zc_dzj", 2021, "assigned", 2)
    text = (data / "assignments.csv").read_text(encoding="utf-8-sig")
    assert f"{REL}," in text and ",周村区地震局,2021,本机," in text
    # the loaded report's values are now in the review queue, under its agency and year
    at = open_review({"y0": "2021", "y1": "2021", "ag": "zc_dzj"})
    assert "待审核的数值（2条）" in texts(at)
    assert "今年开展执法检查<mark>9</mark>次" in html(at)


def test_without_an_agency_nothing_is_saved(corpus):
    data, db = corpus
    at = open_review()
    submit(at, form_key(at))
    assert [e.value for e in at.error] == ["请先选择单位。"]
    assert not (data / "assignments.csv").exists()
    assert "待指定单位和年度的报告（1份）" in texts(at)


def test_a_viewer_sees_the_parked_reports_without_the_form(corpus):
    at = open_review(secrets={"local_editing": False})
    assert_ok(at)
    assert "待指定单位和年度的报告（1份）" in texts(at)
    assert "有编辑权限的人可以为它们指定单位和年度" in texts(at)
    assert REL in html(at)
    assert not [s for s in at.selectbox if (s.key or "").startswith("pk_")]


def test_in_english(corpus):
    at = open_review({"lang": "en"})
    assert_ok(at)
    assert "Reports waiting for an agency and year (1)" in texts(at)
    [sb] = [s for s in at.selectbox if (s.key or "").startswith("pk_ag_")]
    assert sb.format_func("zc_dzj") == "Zhoucun District Earthquake Bureau（周村区地震局）"


def test_no_section_when_nothing_is_parked(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(db))
    monkeypatch.setenv("FAZHI_DATA", str(data))
    at = open_review()
    assert_ok(at)
    assert "待指定单位和年度的报告" not in texts(at)


def test_two_editors_saving_at_once_both_land_in_the_warehouse(corpus):
    """A correction and an assignment saved at the same moment by two sessions of one
    server: both rows are written and both rebuilds finish (rebuilds of one server build in
    the same temporary file, so board.review runs them one at a time), and the warehouse
    shows both. Two unserialised builds in one process failed every time tried here."""
    data, db = corpus
    start, errors = threading.Barrier(2), []

    def editor(save) -> None:
        try:
            start.wait()
            save()
            review.rebuild()
        except Exception as e:  # noqa: BLE001 - collected for the assert
            errors.append(repr(e))

    doc_id = pipeline.content_hash((data / REL).read_bytes())
    saves = [
        lambda: review.record(agency="周村区科学技术局", year=2019, indicator="inspections",
                              old_value=16, new_value=17, status="corrected", who="张三",
                              reason="表格录入错误"),
        lambda: review.assign(path=REL, doc_id=doc_id, agency="周村区地震局", year=2021,
                              who="李四"),
    ]  # fmt: skip
    threads = [threading.Thread(target=editor, args=(s,)) for s in saves]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert loaded(db)[:3] == ("zc_dzj", 2021, "assigned")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT value, method FROM resolved WHERE agency_id = 'zc_kjj' AND year = 2019 "
            "AND indicator_id = 'inspections'"
        ).fetchone() == (17, "correction")


def test_a_warehouse_built_before_parking_says_to_rebuild(corpus):
    _, db = corpus
    with duckdb.connect(str(db)) as con:  # as an older build wrote it: no kind column
        con.execute("ALTER TABLE rejected_file DROP COLUMN kind")
    at = open_review()
    assert_ok(at)
    assert "当前数据仓库是旧版本生成的" in "\n".join(i.value for i in at.info)
    assert "待审核的数值" in texts(at)
