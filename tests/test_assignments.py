"""A report that cannot be identified is parked, not lost: the build lists it with its reason
(rejected_file kind 'unidentified', with its content hash and the beginning of its text);
an editor's row in data/assignments.csv gives it an agency and a year, and the next build
loads it; an assignment that cannot be used is reported with its reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from test_build import make_corpus, write

from etl import assignments, pipeline
from etl.build import build
from etl.registry import Registry

THIS_YEAR = date.today().year
NO_TITLE = (
    "首页 > 政务公开 > 工作动态\n\n一、依法行政工作\n今年开展执法检查9次，办理行政处罚案件3件。\n"
)

# (file, text, words the reason must hold)
UNIDENTIFIABLE = [
    ("reports/网页.txt", NO_TITLE, "无法确定报告年度"),
    ("reports/无单位.txt", "2021年度法治政府建设情况报告\n\n全年开展执法检查9次。\n", "无法确定报告单位"),
    ("reports/外单位.txt", "某某市农业局2021年度法治政府建设情况报告\n\n全年开展执法检查9次。\n",
     "未知单位“某某市农业局”"),
    ("reports/未来.txt", f"区科技局{THIS_YEAR + 1}年度法治政府建设情况报告\n\n全年开展执法检查9次。\n",
     "晚于今年"),
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path), tmp_path / "w.duckdb"


def parked(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT path, reason, doc_id, excerpt FROM rejected_file "
            "WHERE kind = 'unidentified' ORDER BY path"
        ).fetchall()


def loaded(db: Path, path: str) -> tuple | None:
    """(agency_id, year, year_source, agency_source, n_facts, fact agency-years) of a file."""
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT d.doc_id, d.agency_id, d.year, y.year_source, y.agency_source, d.n_facts "
            "FROM document d JOIN document_year y USING (doc_id) WHERE d.path = ?",
            [path],
        ).fetchone()
        if row is None:
            return None
        facts = con.execute(
            "SELECT DISTINCT agency_id, year FROM fact WHERE doc_id = ?", [row[0]]
        ).fetchall()
    return (*row[1:], sorted(facts))


def doc_id_of(path: Path) -> str:
    return pipeline.content_hash(path.read_bytes())


def assign(data: Path, path: str, agency="区地震局", year=2021, reason="据正文第二段") -> int:
    row = {"path": path, "doc_id": doc_id_of(data / path), "agency": agency, "year": year,
           "who": "张三", "when": "2026-01-05 10:00", "reason": reason}  # fmt: skip
    return assignments.append(assignments.path_in(data), row, Registry.load(data))


@pytest.mark.parametrize(
    ("rel", "text", "words"), UNIDENTIFIABLE, ids=[c[0] for c in UNIDENTIFIABLE]
)
def test_an_unidentifiable_report_is_parked_with_its_reason(corpus, rel, text, words):
    data, db = corpus
    write(data / rel, text)
    s = build(data, db, workers=1)
    assert s.exit_code == 3
    assert words in dict(s.rejected)[rel]
    assert s.parked == [rel]
    assert "已搁置" in s.report_zh() and "data/assignments.csv" in s.report_zh()
    assert s.files_loaded == 3  # the rest of data/ is loaded
    [(path, reason, doc_id, excerpt)] = parked(db)
    assert (path, doc_id) == (rel, doc_id_of(data / rel))
    assert words in reason
    assert excerpt == text.strip()[: pipeline.EXCERPT_CHARS]


def test_other_refusals_are_not_parked(corpus):
    data, db = corpus
    write(data / "reports/空.txt", "   \n")
    write(data / "reports/旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    s = build(data, db, workers=1)
    assert set(dict(s.rejected)) == {"reports/空.txt", "reports/旧版.doc"}
    assert s.parked == [] and parked(db) == []


def test_an_assignment_loads_the_report_with_that_agency_and_year(corpus):
    data, db = corpus
    rel = "reports/网页.txt"
    write(data / rel, NO_TITLE)
    assert build(data, db, workers=1).parked == [rel]
    assert loaded(db, rel) is None

    assert assign(data, rel) == 2
    s = build(data, db, workers=1)
    assert s.exit_code == 0, s.report_zh()
    assert s.rejected == [] and s.parked == [] and s.notes == []
    assert loaded(db, rel) == ("zc_dzj", 2021, "assigned", "assigned", 2, [("zc_dzj", 2021)])
    assert parked(db) == []
    raw = assignments.path_in(data).read_bytes()
    assert raw.startswith("\ufeffpath,doc_id,agency,year,who,when,reason\n".encode())
    assert "周村区地震局,2021,张三" in raw.decode("utf-8-sig")  # the registry's name is kept


def test_an_assignment_follows_the_content_not_the_path(corpus):
    data, db = corpus
    write(data / "reports/网页.txt", NO_TITLE)
    assign(data, "reports/网页.txt")
    (data / "reports/网页.txt").rename(data / "reports/改名后.txt")
    s = build(data, db, workers=1)
    assert s.exit_code == 0 and s.notes == []
    assert loaded(db, "reports/改名后.txt")[:2] == ("zc_dzj", 2021)


def test_the_last_assignment_of_a_report_wins(corpus):
    data, db = corpus
    rel = "reports/网页.txt"
    write(data / rel, NO_TITLE)
    assign(data, rel, agency="区地震局", year=2021)
    assign(data, rel, agency="区知识产权局", year=2020, reason="上一行选错了单位")
    build(data, db, workers=1)
    assert loaded(db, rel)[:2] == ("zc_zscqj", 2020)


# Rows an editor may have typed into the file by hand (Excel): each is reported with its
# line and reason, exit code 3, and the report it names stays parked; nothing else is lost.
BAD_ROWS = [
    ("某某局", "2021", None, "单位“某某局”不在机构登记表中"),
    ("区地震局", str(THIS_YEAR + 1), None, "晚于今年"),
    ("区地震局", "1850", None, "不可能是报告的年度"),
    ("区地震局", "二〇二一年", None, "不是年份"),
    ("区地震局", "2021", "abc", "文件编号 doc_id“abc”不对"),
    ("", "2021", None, "缺少单位"),
]


@pytest.mark.parametrize(("agency", "year", "doc_id", "words"), BAD_ROWS,
                         ids=[r[3] for r in BAD_ROWS])  # fmt: skip
def test_a_bad_assignment_is_reported_with_its_reason(corpus, agency, year, doc_id, words):
    data, db = corpus
    rel = "reports/网页.txt"
    write(data / rel, NO_TITLE)
    good = build(data, tmp := db.with_name("before.duckdb"), workers=1)
    path = assignments.path_in(data)
    path.write_text(
        "path,doc_id,agency,year,who,when,reason\n"
        f"{rel},{doc_id or doc_id_of(data / rel)},{agency},{year},张三,2026-01-05,手填\n",
        encoding="utf-8-sig",
    )
    s = build(data, db, workers=1)
    assert s.exit_code == 3
    [(where, reason)] = [p for p in s.problems if p[0] == "assignments.csv"]
    assert words in reason and reason.startswith("第2行：") and "未采用" in reason
    assert s.parked == [rel], "the report stays parked, with its own reason"
    assert s.files_loaded == good.files_loaded == 3 and s.facts == good.facts
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = con.execute("SELECT kind, path FROM rejected_file ORDER BY ALL").fetchall()
    assert kinds == [("assignment", "assignments.csv"), ("unidentified", rel)]
    assert tmp.exists()


def test_the_page_check_refuses_a_bad_assignment_before_writing(corpus):
    data, _ = corpus
    write(data / "reports/网页.txt", NO_TITLE)
    with pytest.raises(assignments.BadAssignment, match="不在机构登记表中"):
        assign(data, "reports/网页.txt", agency="某某局")
    with pytest.raises(assignments.BadAssignment, match="晚于今年"):
        assign(data, "reports/网页.txt", year=THIS_YEAR + 1)
    assert not assignments.path_in(data).exists()


def test_an_assignment_for_a_file_no_longer_there_is_a_note_not_an_error(corpus):
    data, db = corpus
    write(data / "reports/网页.txt", NO_TITLE)
    assign(data, "reports/网页.txt")
    (data / "reports/网页.txt").unlink()
    s = build(data, db, workers=1)
    assert s.exit_code == 0, s.report_zh()
    [(where, note)] = s.notes
    assert where == "assignments.csv" and "第2行" in note and "reports/网页.txt" in note
    assert "提示（不影响本次构建）" in s.report_zh()


def test_the_build_does_not_read_assignments_csv_as_a_table(corpus):
    data, db = corpus
    write(data / "reports/网页.txt", NO_TITLE)
    assign(data, "reports/网页.txt")
    s = build(data, db, workers=1)
    assert s.files_seen == 4 and "assignments.csv" not in dict(s.rejected)


def test_assignments_reach_the_worker_processes(corpus):
    """A build in a process pool (more files than IN_PROCESS_MAX) applies them too."""
    data, db = corpus
    for i in range(20):
        write(data / f"reports/网页{i}.txt", NO_TITLE + f"（第{i}页）\n")
    for i in range(0, 20, 2):
        assign(data, f"reports/网页{i}.txt", year=2004 + i)
    s = build(data, db, workers=2)
    assert sorted(s.parked) == sorted(f"reports/网页{i}.txt" for i in range(1, 20, 2))
    assert [loaded(db, f"reports/网页{i}.txt")[1] for i in range(0, 20, 2)] == list(
        range(2004, 2024, 2)
    )
