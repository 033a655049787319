"""The build: a small corpus in, a warehouse out, with what a user would notice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from etl import catalog, process, warehouse
from etl.assemble import Assembly
from etl.build import Summary, build, find_files
from etl.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data/reports/周村区科学技术局/区科技局2018年度法治政府建设情况报告.txt"
REGISTRY = ROOT / "data/registry/agencies.csv"

REPORT_2019 = """区科技局2019年度法治政府建设情况报告

2019年，我局开展执法检查15次，上传行政执法检查计划2件。区知识产权局提交行政处罚案卷5卷。
"""
TABLE = """单位,年度,指标,数值
周村区科学技术局,2019,inspections,16
区知识产权局,2019,行政处罚案卷,5
"""

SEED_2018 = {
    ("zc_kjj", "inspection_plans"): 1,
    ("zc_kjj", "inspections"): 12,
    ("zc_kjj", "cases"): 11,
    ("zc_kjj", "online_case_rate"): 100,
    ("zc_kjj", "contracts_reviewed"): 3,
    ("zc_kjj", "disclosure_requests"): 0,
    ("zc_kjj", "reconsideration_cases"): 0,
    ("zc_zscqj", "penalty_case_files"): 4,
    ("zc_dzj", "approval_items"): 2,
}


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_corpus(root: Path) -> Path:
    """data/ with the registry, the seed report, a 2019 report and a CSV table."""
    data = root / "data"
    write(data / "registry/agencies.csv", REGISTRY.read_bytes())
    write(data / "reports/周村区科学技术局" / SEED.name, SEED.read_bytes())
    write(data / "reports/区科技局2019年度法治政府建设情况报告.txt", REPORT_2019)
    write(data / "tables/指标表.csv", TABLE)
    return data


def resolved(db: Path) -> dict[tuple, tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT agency_id, year, indicator_id, value, conflict, other_values, n_sources, "
            "method FROM resolved"
        ).fetchall()
    return {(a, y, i): tuple(rest) for a, y, i, *rest in rows}


def contents(db: Path) -> dict[str, list]:
    """Every table except load_run, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [t for (t,) in con.execute("SHOW TABLES").fetchall() if t != "load_run"]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if warehouse.TEMP_MARK in p.name)


def test_golden_build_of_a_small_corpus(tmp_path):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)

    assert (s.files_seen, s.files_loaded, s.files_rejected) == (3, 3, 0)
    assert s.exit_code == 0 and not s.rejected and not s.problems and not s.duplicates
    phases = ["find", "extract", "assemble", "write"]
    assert list(s.phases) == list(s.phases_cpu) == phases  # wall and this process's CPU
    assert abs(sum(s.phases.values()) - s.seconds) < 1e-9
    res = resolved(db)
    got_2018 = {(a, i): v[0] for (a, y, i), v in res.items() if y == 2018}
    for key, value in SEED_2018.items():
        assert got_2018[key] == value, key
    # 2019: the table (16) wins over the report's text (15); both real, so flagged.
    assert res[("zc_kjj", 2019, "inspections")] == (16, True, "15", 2, "table")
    assert res[("zc_kjj", 2019, "inspection_plans")] == (2, False, None, 1, "text")
    # Table and text agree on 5: two sources, no conflict.
    assert res[("zc_zscqj", 2019, "penalty_case_files")] == (5, False, None, 2, "table")

    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute(
            "SELECT path, kind, format, origin, agency_id, year FROM document ORDER BY path"
        ).fetchall()
        statuses = con.execute("SELECT DISTINCT status FROM fact").fetchall()
        names = con.execute("SELECT alias FROM agency_alias WHERE agency_id = 'zc_kjj'").fetchall()
        spans = con.execute(
            "SELECT f.quote, substr(d.text, f.span_start + 1, f.span_end - f.span_start) "
            "FROM fact f JOIN document d USING (doc_id) WHERE f.method = 'text'"
        ).fetchall()
    assert docs == [
        (
            "reports/区科技局2019年度法治政府建设情况报告.txt",
            "report",
            "txt",
            "real",
            "zc_kjj",
            2019,
        ),
        ("reports/周村区科学技术局/" + SEED.name, "report", "txt", "real", "zc_kjj", 2018),
        ("tables/指标表.csv", "table", "csv", "real", "zc_kjj", 2019),
    ]
    assert statuses == [("unverified",)]
    assert ("区科技局",) in names and ("周村区科学技术局",) in names
    assert spans and all(q == t for q, t in spans)
    assert s.facts_per_indicator["inspections"] == 3
    assert "执法检查次数（inspections）：3 条" in s.report_zh()


def test_building_twice_gives_the_same_warehouse(tmp_path):
    data = make_corpus(tmp_path)
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build(data, a, workers=1)
    build(data, b, workers=1)
    assert contents(a) == contents(b)
    build(data, a, workers=1)  # and rebuilding over an existing warehouse
    assert contents(a) == contents(b)


def test_the_pool_gives_the_same_warehouse_as_one_process(tmp_path):
    data = make_corpus(tmp_path)
    for n in range(process.IN_PROCESS_MAX + 4):
        write(
            data / f"reports/more/区地震局{2000 + n}年度法治政府建设情况报告.txt",
            f"区地震局{2000 + n}年度法治政府建设情况报告\n\n{2000 + n}年，我局开展执法检查{n + 1}次。\n",
        )
    one, pool = tmp_path / "one.duckdb", tmp_path / "pool.duckdb"
    s1 = build(data, one, workers=1)
    s2 = build(data, pool, workers=2)
    assert s1.files_loaded == s2.files_loaded == 3 + process.IN_PROCESS_MAX + 4
    assert contents(one) == contents(pool)
    assert resolved(pool)[("zc_dzj", 2005, "inspections")][0] == 6


def test_the_same_report_under_two_names_counts_once(tmp_path):
    data = make_corpus(tmp_path)
    copy = write(data / "reports/副本/科技局报告(1).txt", SEED.read_bytes())
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    # the first path in sorted (code point) order is kept
    kept, dup = sorted(["reports/周村区科学技术局/" + SEED.name, "reports/副本/" + copy.name])
    assert s.files_loaded == 3 and s.files_seen == 4
    assert s.duplicates == [(dup, kept)]
    assert s.exit_code == 0
    assert "内容相同" in s.report_zh()
    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute("SELECT path, duplicate_paths FROM document WHERE year = 2018")
        assert docs.fetchall() == [(kept, dup)]
    assert resolved(db)[("zc_kjj", 2018, "inspections")] == (12, False, None, 1, "text")


def test_real_data_wins_over_a_demo_copy_of_the_same_file(tmp_path):
    data = make_corpus(tmp_path)
    write(data / "demo/区科技局2018.txt", SEED.read_bytes())
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    assert s.duplicates == [("demo/区科技局2018.txt", "reports/周村区科学技术局/" + SEED.name)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT DISTINCT origin FROM fact").fetchall() == [("real",)]


def test_two_sources_that_disagree_are_both_kept_and_flagged(tmp_path):
    data = make_corpus(tmp_path)
    write(
        data / "reports/区科技局2019年度法治政府建设情况报告（修订）.txt",
        REPORT_2019.replace("上传行政执法检查计划2件", "上传行政执法检查计划3件"),
    )
    # Demo data never outranks real data, and does not make it a conflict.
    write(
        data / "demo/区科技局2019年度法治政府建设情况报告.txt",
        REPORT_2019.replace("上传行政执法检查计划2件", "上传行政执法检查计划9件"),
    )
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        kept = con.execute(
            "SELECT value, origin FROM fact WHERE agency_id = 'zc_kjj' AND year = 2019 "
            "AND indicator_id = 'inspection_plans' ORDER BY value"
        ).fetchall()
    assert kept == [(2, "real"), (3, "real"), (9, "demo")]
    # Same level (real text): the earliest path wins, the other value is shown.
    assert resolved(db)[("zc_kjj", 2019, "inspection_plans")] == (2, True, "3", 3, "text")


def test_bad_files_are_rejected_with_a_reason_and_the_rest_loads(tmp_path):
    data = make_corpus(tmp_path)
    bad = {
        "reports/空白.txt": b"",
        "reports/乱码.txt": b"\x00\x01\x02binary\x00\xff" * 20,
        "reports/水利局.txt": "某某区水利局2018年度法治政府建设情况报告\n\n2018年，我局开展执法检查5次。\n",
        "reports/无年度.txt": "区科技局法治政府建设情况报告\n\n我局开展执法检查5次。\n",
        "reports/照片.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    }
    for rel, content in bad.items():
        write(data / rel, content)
    write(
        data / "tables/有问题的表.csv",
        "单位,年度,指标,数值\n区科技局,2020,inspections,7\n区科技局,2020,cases,很多\n"
        "水利局,2020,cases,3\n",
    )
    bad["tables/全错的表.csv"] = "单位,年度,指标,数值\n水利局,2020,cases,3\n"
    write(data / "tables/全错的表.csv", bad["tables/全错的表.csv"])
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)

    assert s.exit_code == 3
    assert s.files_seen == 3 + len(bad) + 1 and s.files_rejected == len(bad)
    assert s.files_loaded == 4
    reasons = dict(s.rejected)
    assert set(reasons) == set(bad)
    assert "没有一行可以载入" in reasons["tables/全错的表.csv"]
    assert "空" in reasons["reports/空白.txt"]
    assert "水利局" in reasons["reports/水利局.txt"]
    assert "年" in reasons["reports/无年度.txt"]
    assert all(r.strip() for r in reasons.values())
    problems = [r for p, r in s.problems if p == "tables/有问题的表.csv"]
    assert len(problems) == 2 and any("很多" in r for r in problems)
    assert any("水利局" in r for r in problems)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT path, reason FROM rejected_file ORDER BY ALL").fetchall()
        run = con.execute(
            "SELECT files_seen, files_loaded, files_rejected FROM load_run"
        ).fetchone()
    assert {p for p, _ in stored} == set(bad) | {"tables/有问题的表.csv"}
    assert any(p == "tables/全错的表.csv" and "水利局" in r for p, r in stored)
    assert len(stored) == len(bad) + 3  # each file, and each row set aside
    assert run == (s.files_seen, 4, len(bad))
    # the good row of the bad table, and everything else, loaded
    assert resolved(db)[("zc_kjj", 2020, "inspections")][0] == 7
    assert resolved(db)[("zc_kjj", 2018, "inspections")][0] == 12
    text = s.report_zh()
    assert "拒收" in text and "reports/空白.txt" in text and "很多" in text


def test_files_that_are_not_reports_are_not_looked_at(tmp_path):
    data = make_corpus(tmp_path)
    write(data / "README.md", "# 说明")
    write(data / "corrections.csv", "who,when\n")
    write(data / ".hidden.txt", "x")
    write(data / ".git/config", "x")
    write(data / "registry/notes.txt", "x")
    db = data / "warehouse.duckdb"
    write(data / "warehouse.duckdb.wal", b"x")
    write(data / "warehouse.duckdb.building-1", b"x")
    expected = [
        "reports/区科技局2019年度法治政府建设情况报告.txt",
        "reports/周村区科学技术局/" + SEED.name,
        "tables/指标表.csv",
    ]
    assert [p.relative_to(data).as_posix() for p in find_files(data, db)] == expected
    # the app's warehouse in the data folder, when a build writes another one elsewhere (the
    # tests' bundled build did, and refused it as a binary file)
    other = tmp_path / "elsewhere.duckdb"
    assert [p.relative_to(data).as_posix() for p in find_files(data, other)] == expected
    write(data / "reports/old.DuckDB", b"x")
    assert [p.relative_to(data).as_posix() for p in find_files(data, other)] == expected


def test_a_build_that_fails_midway_leaves_the_previous_warehouse(tmp_path, monkeypatch):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    before = db.read_bytes()
    write(data / "reports/新报告.txt", REPORT_2019.replace("2019", "2020"))

    def broken_load(con, rows):
        assert leftovers(db), "the temp file exists while loading"
        con.execute("INSERT INTO agency_alias VALUES ('x', 'y')")
        raise RuntimeError("disk full")

    monkeypatch.setattr(warehouse, "load", broken_load)
    with pytest.raises(RuntimeError, match="disk full"):
        build(data, db, workers=1)
    assert db.read_bytes() == before
    assert leftovers(db) == []
    assert (2020, "inspections") not in {(y, i) for (_, y, i) in resolved(db)}
    assert resolved(db)[("zc_kjj", 2018, "inspections")][0] == 12


def test_a_killed_build_leaves_a_temp_file_the_next_build_removes(tmp_path):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    before = db.read_bytes()
    code = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from etl import build, warehouse
        def die(con, rows):
            os._exit(9)   # killed while loading: no cleanup runs
        warehouse.load = die
        build.build(Path({str(data)!r}), Path({str(db)!r}), workers=1)
        """
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 9, r.stderr
    assert db.read_bytes() == before
    stale = leftovers(db)
    assert stale and all(n.startswith(f"w.duckdb{warehouse.TEMP_MARK}") for n in stale)
    build(data, db, workers=1)
    assert leftovers(db) == []


def test_a_reader_in_another_process_does_not_break_the_swap(tmp_path):
    data = make_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    build(data, db, workers=1)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, duckdb
                con = duckdb.connect({str(db)!r}, read_only=True)
                q = "SELECT count(*) FROM fact WHERE year = 2020"
                print(con.execute(q).fetchone()[0], flush=True)
                sys.stdin.readline()           # hold the connection during the rebuild
                print(con.execute(q).fetchone()[0], flush=True)
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "0"
        write(data / "reports/新报告.txt", REPORT_2019.replace("2019", "2020"))
        s = build(data, db, workers=1)  # would fail with a lock error if it opened db
        assert s.files_loaded == 4
        out, _ = reader.communicate("go\n", timeout=30)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0
    assert out.strip() == "0"  # the old reader kept its consistent old version
    assert resolved(db)[("zc_kjj", 2020, "inspections")][0] == 15  # a new reader sees the new
    assert leftovers(db) == []


def test_missing_data_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        build(tmp_path / "nope", tmp_path / "w.duckdb")


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX system")
def test_only_temp_files_of_dead_builds_are_cleaned_up(tmp_path):
    db = tmp_path / "w.duckdb"
    live = tmp_path / f"w.duckdb{warehouse.TEMP_MARK}{os.getppid()}"
    live.write_bytes(b"x")
    dead = tmp_path / f"w.duckdb{warehouse.TEMP_MARK}{_dead_pid()}"
    dead.write_bytes(b"x")
    assert warehouse.clean_stale(db) == [dead]
    assert live.exists()


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_bundled_demo_disagreement_is_flagged_not_hidden(tmp_path):
    # data/demo/README.md: the demo CSV says 15 inspections in 2021, the 2021 report 13.
    # The table wins, and the report's figure is listed beside it.
    db = tmp_path / "w.duckdb"
    build(ROOT / "data", db, workers=1)
    value, conflict, others, _, method = resolved(db)[("zc_kjj", 2021, "inspections")]
    assert (value, conflict, others, method) == (15, True, "13", "table")


def test_a_titleless_page_filed_under_agency_and_year_folders_loads(tmp_path):
    """Issue 11: a page that names neither agency nor year loads from its folders
    (data/reports/<registered agency>/<year>/), and the warehouse says where each came
    from; a report whose body speaks of another year loads under its title, noted."""
    data = make_corpus(tmp_path)
    write(data / "reports/周村区科学技术局/2021/网页正文.txt",
          "一、主要工作\n全年开展执法检查9次，检查企业30家，执法工作规范有序，群众满意度持续提高。\n")  # fmt: skip
    write(data / "reports/区科技局2017年度法治政府建设情况报告.txt",
          "区科技局2017年度法治政府建设情况报告\n\n2015年，我局开展执法检查7次。2015年底完成。\n")  # fmt: skip
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    assert s.rejected == []
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.path, d.agency_id, d.year, y.agency_source, y.year_source, y.note "
            "FROM document d JOIN document_year y USING (doc_id) ORDER BY d.path"
        ).fetchall()
    by_path = {r[0]: r[1:] for r in rows}
    page = by_path["reports/周村区科学技术局/2021/网页正文.txt"]
    assert page[:4] == ("zc_kjj", 2021, "folder", "folder") and page[4] is None
    noted = by_path["reports/区科技局2017年度法治政府建设情况报告.txt"]
    assert noted[:4] == ("zc_kjj", 2017, "title", "title")
    assert "2015年" in noted[4]
    assert resolved(db)[("zc_kjj", 2021, "inspections")][0] == 9


def test_a_parked_reports_numbers_are_kept_as_candidates(tmp_path):
    """A report set aside (an agency not in the registry) loses no number: each one is
    kept as a candidate of that file, with no agency and no year, until it is placed."""
    data = make_corpus(tmp_path)
    write(data / "reports/某某县农业局2019年度报告.txt",
          "某某县农业局2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查15次。\n")  # fmt: skip
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    assert any("未知单位" in reason for _, reason in s.rejected)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT agency_id, year, indicator_id, value, reason FROM candidate WHERE path = ?",
            ["reports/某某县农业局2019年度报告.txt"],
        ).fetchall()
    assert rows == [(None, None, "inspections", 15.0, "unidentified_document")]


def test_a_report_the_build_parks_keeps_the_start_of_its_text(tmp_path):
    # The text crosses from a worker as UTF-8 bytes (etl/process.py Doc); the excerpt of a
    # report the build itself parks (an agency not in the registry) is its text, decoded.
    data = make_corpus(tmp_path)
    text = "\u3000某某水利局2021年度法治政府建设情况报告\n\n全年开展执法检查9次。\n"
    doc = process.Doc("0123456789abcdef", "report", "txt", "utf-8", "标题", "某某水利局", 2021,
                      text.encode("utf-8"), process.NO_FACTS, [])  # fmt: skip
    assembly = Assembly(Registry.load(data), catalog.load(), Summary("", ""))
    got = assembly._check_doc(doc)
    assert isinstance(got, process.Failed) and got.kind == "unidentified"
    assert got.excerpt == text.strip() and got.doc_id == doc.doc_id
    assert doc.text_str() == text
