"""`python -m etl build | extract | show | bench`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data/reports/周村区科学技术局/区科技局2018年度法治政府建设情况报告.txt"
REGISTRY = ROOT / "data/registry/agencies.csv"
REQUIRED_KEYS = {"doc", "agency", "year", "indicator", "value", "unit", "qualifier", "quote",
                 "start", "end"}  # fmt: skip


def etl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def corpus(tmp_path: Path, *, bad: bool = False) -> Path:
    data = tmp_path / "data"
    (data / "registry").mkdir(parents=True)
    (data / "registry/agencies.csv").write_bytes(REGISTRY.read_bytes())
    (data / "reports").mkdir()
    (data / "reports" / SEED.name).write_bytes(SEED.read_bytes())
    (data / "指标表.csv").write_text(
        "单位,年度,指标,数值\n区科技局,2019,执法检查次数,9\n", encoding="utf-8"
    )
    if bad:
        (data / "reports/空白.txt").write_bytes(b"")
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    data = corpus(tmp)
    db = tmp / "w.duckdb"
    r = etl("build", "--data", data, "--db", db)
    assert r.returncode == 0, r.stderr
    return db


def test_build_prints_a_chinese_summary_and_exits_0(tmp_path):
    data = corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    r = etl("build", "--data", data, "--db", db, "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert "共发现文件 2 个：载入 2 个，拒收 0 个" in r.stdout
    assert "执法检查次数（inspections）：2 条" in r.stdout
    assert "用时" in r.stdout
    assert "[" in r.stderr and "100%" in r.stderr  # the progress bar
    assert db.exists()


def test_build_with_a_bad_file_exits_3_and_says_why(tmp_path):
    data = corpus(tmp_path, bad=True)
    r = etl("build", "--data", data, "--db", tmp_path / "w.duckdb")
    assert r.returncode == 3, r.stderr
    assert "拒收 1 个" in r.stdout
    assert "reports/空白.txt" in r.stdout and "空" in r.stdout


def test_build_usage_errors_exit_2(tmp_path):
    r = etl("build", "--data", tmp_path / "nope", "--db", tmp_path / "w.duckdb")
    assert r.returncode == 2
    assert "数据文件夹不存在" in r.stderr and "nope" in r.stderr
    assert not (tmp_path / "w.duckdb").exists()
    assert etl("build", "--workers", "0").returncode == 2
    assert etl("build", "--no-such-option").returncode == 2
    assert etl().returncode == 2


def test_build_if_missing_leaves_an_existing_warehouse_alone(tmp_path):
    data = corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"not rebuilt")
    r = etl("build", "--data", data, "--db", db, "--if-missing")
    assert r.returncode == 0
    assert len(r.stdout.strip().splitlines()) == 1 and "已存在" in r.stdout
    assert db.read_bytes() == b"not rebuilt"
    db.unlink()
    r = etl("build", "--data", data, "--db", db, "--if-missing")
    assert r.returncode == 0 and "载入 2 个" in r.stdout


def test_show_prints_the_resolved_value_as_json(built):
    r = etl("show", "--agency", "区科技局", "--year", "2018", "--indicator", "执法检查次数",
            "--db", built)  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["agency"] == "周村区科学技术局"
    assert (out["year"], out["indicator"], out["value"], out["unit"]) == (
        2018,
        "inspections",
        12,
        "次",
    )
    assert out["source"] == "reports/" + SEED.name
    assert out["quote"] == "开展执法检查12次"
    assert out["status"] == "unverified" and out["conflict"] is False
    assert out["other_values"] is None and out["qualifier"] is None

    r = etl("show", "--agency", "周村区知识产权局", "--year", "2018", "--indicator",
            "penalty_case_files", "--db", built)  # fmt: skip
    assert r.returncode == 0 and json.loads(r.stdout)["value"] == 4


def test_show_exit_1_when_there_is_no_value_and_2_for_usage_errors(built, tmp_path):
    r = etl("show", "--agency", "区科技局", "--year", "2030", "--indicator", "inspections",
            "--db", built)  # fmt: skip
    assert r.returncode == 1 and r.stdout == "" and "没有数据" in r.stderr
    r = etl("show", "--agency", "区科技局", "--year", "2018", "--indicator", "inspections",
            "--db", tmp_path / "missing.duckdb")  # fmt: skip
    assert r.returncode == 2 and "python -m etl build" in r.stderr
    r = etl("show", "--agency", "水利局", "--year", "2018", "--indicator", "inspections",
            "--db", built)  # fmt: skip
    assert r.returncode == 2 and "水利局" in r.stderr
    assert etl("show", "--agency", "区科技局", "--year", "去年", "--indicator", "x").returncode == 2
    assert etl("show", "--year", "2018", "--indicator", "inspections").returncode == 2


def test_extract_json_lines_have_the_keys_and_quotes_match_the_text(tmp_path):
    empty = tmp_path / "没有指标.txt"
    empty.write_text("区科技局2020年度法治政府建设情况报告\n\n我局认真学习。\n", encoding="utf-8")
    r = etl("extract", SEED, empty, "--json")
    assert r.returncode == 0, r.stderr
    text = SEED.read_bytes().decode("utf-8")
    facts = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(facts) >= 9
    for f in facts:
        assert f.keys() >= REQUIRED_KEYS
        assert f["doc"] == str(SEED)
        assert f["quote"] == text[f["start"] : f["end"]]
    got = {(f["agency"], f["indicator"]): f["value"] for f in facts}
    assert got[("周村区科学技术局", "inspections")] == 12
    assert got[("周村区地震局", "approval_items")] == 2
    assert "执法检查" in r.stdout  # Chinese as is, not \\u escapes


def test_extract_an_unreadable_file_exits_3_after_the_others(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    r = etl("extract", empty, SEED, "--json")
    assert r.returncode == 3
    assert len(r.stdout.splitlines()) >= 9  # the good file still printed
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(empty) in lines[0] and "空" in lines[0]


def test_extract_without_json_prints_a_readable_table():
    r = etl("extract", SEED)
    assert r.returncode == 0, r.stderr
    assert "执法检查次数" in r.stdout and "12次" in r.stdout and "周村区地震局" in r.stdout


def test_extract_of_a_table_says_what_it_set_aside_and_why(tmp_path):
    """A table's rows and columns set aside are printed under its facts (before, only its
    facts: a table that gave none said （没有提取到指标） and nothing of why)."""
    table = tmp_path / "统计.csv"
    table.write_text(
        "执法工作统计\n年度,执法检查（次）,其中：双随机抽查（次）\n2022,7,3\n", encoding="utf-8"
    )
    r = etl("extract", table)
    assert r.returncode == 0, r.stderr
    assert "（没有提取到指标）" in r.stdout and "✗ 表格：找不到这张表属于哪个单位" in r.stdout
    table.write_text(
        "区科技局执法工作统计\n年度,执法检查（次）,其中：双随机抽查（次）\n2022,7,3\n",
        encoding="utf-8",
    )
    r = etl("extract", table)
    assert "周村区科学技术局  2022  执法检查次数  7次" in r.stdout
    assert "✗ C列：表头“其中：双随机抽查（次）”是前一列“执法检查（次）”中的一部分" in r.stdout
    assert "✗" not in etl("extract", SEED).stdout  # a report's output is as before


@pytest.mark.slow
def test_bench_prints_one_json_object(tmp_path):
    r = etl("bench", "--reports", "40", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"reports", "seconds", "reports_per_s", "scan_seconds", "ratio_to_scan"} <= out.keys()
    assert out["reports"] >= 40


CANDIDATE_KEYS = {"candidate", "doc", "agency", "year", "indicator", "value", "unit", "reason",
                  "quote", "start", "end"}  # fmt: skip


def test_extract_candidates_lists_every_number_set_aside_with_why(tmp_path):
    """Issue 11: no number with an indicator's words is dropped silently. A report's
    delta, stock, part and other body's figure come out as candidates with their reason;
    an unidentified report's numbers come out with no agency and no year."""
    report = tmp_path / "区科技局2019年度法治政府建设情况报告.txt"
    report.write_text(
        "区科技局2019年度法治政府建设情况报告\n\n"
        "2019年，我局开展执法检查12次，比上年增加3次。截至年底累计办理案件45件。"
        "全年办理案件5件，其中结案4件。区司法局开展执法检查20次。\n",
        encoding="utf-8",
    )
    page = tmp_path / "网页.txt"  # no agency anywhere, no folder to name it
    page.write_text(
        "全年开展执法检查8次，执法工作规范有序，群众满意度持续提高。\n", encoding="utf-8"
    )
    r = etl("extract", report, page, "--json", "--candidates")
    assert r.returncode == 3, r.stderr  # the page is refused, and says why
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    facts = {(x["indicator"], x["value"]) for x in lines if not x.get("candidate")}
    assert facts == {("inspections", 12), ("cases", 5)}
    cands = [x for x in lines if x.get("candidate")]
    for c in cands:
        assert set(c) >= CANDIDATE_KEYS, c
        text = (report if c["doc"] == str(report) else page).read_text(encoding="utf-8")
        assert text[c["start"] : c["end"]] == c["quote"]
    got = {(Path(c["doc"]).name, c["indicator"], c["value"], c["reason"]) for c in cands}
    assert got == {
        (report.name, "inspections", 3, "delta"),
        (report.name, "cases", 45, "stock"),
        (report.name, "cases", 4, "part"),
        (report.name, "inspections", 20, "other_body"),
        (page.name, "inspections", 8, "unidentified_document"),
    }
    unplaced = next(c for c in cands if c["reason"] == "unidentified_document")
    assert unplaced["agency"] is None and unplaced["year"] is None
    assert "无法确定" in r.stderr


def test_the_warehouse_keeps_candidates_per_report(tmp_path):
    data = corpus(tmp_path)
    (data / "reports/区科技局2019年度法治政府建设情况报告.txt").write_text(
        "区科技局2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查12次，比上年增加3次。\n",
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    r = etl("build", "--data", data, "--db", db, "--workers", "1")
    assert r.returncode == 0, r.stderr
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT c.path, c.agency_id, c.year, c.indicator_id, c.value, c.reason, c.quote "
            "FROM candidate c JOIN document d USING (doc_id) WHERE c.reason = 'delta'"
        ).fetchall()
    assert ("reports/区科技局2019年度法治政府建设情况报告.txt", "zc_kjj", 2019, "inspections",
            3.0, "delta", "比上年增加3次") in rows  # fmt: skip
