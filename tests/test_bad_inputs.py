"""A data folder of ~200 files, a fifth of them bad: every good file loads, every bad file
is refused with a reason a user can act on, duplicates count once, and the bad files change
nothing in what the good files give."""

from __future__ import annotations

import io
import os
import random
import shutil
from pathlib import Path

import duckdb
import pytest
from docx import Document
from fpdf import FPDF

import synth
from etl.build import build
from etl.pipeline import MAX_REPORT_CHARS
from etl.readers.dispatch import MAX_BYTES

BUREAU = "周村区科学技术局"
N_REPORTS = 160
GOOD_TABLE = f"单位,年度,指标,数值\n{BUREAU},2016,inspections,7\n{BUREAU},2017,cases,3\n"
# Rows a user gets wrong; the two good rows still load.
PARTIAL_TABLE = (
    "单位,年度,指标,数值\n"
    f"{BUREAU},2020,inspection_plans,2\n"
    f"{BUREAU},二〇二〇,cases,4\n"
    f"{BUREAU},2020,contracts_reviewed,abc\n"
    f"不存在的单位,2020,cases,4\n"
    f"{BUREAU},2020,no_such_indicator,4\n"
    f"{BUREAU},2021,inspection_plans,5\n"
)
PARTIAL_PROBLEMS = ["不是年份", "不是数字", "未知单位", "未知指标"]
REPORT = "{title}\n\n{year}年，我局开展执法检查15次，办理行政处罚案件3件。\n"


def _docx_bytes(text: str) -> bytes:
    doc = Document()
    for line in text.split("\n"):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _scan_pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 80, style="F")  # a page with a picture and no text layer
    return bytes(pdf.output())


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as f:
        f.truncate(size)


def bad_files(rng: random.Random) -> list[tuple[str, bytes | None, str]]:
    """(relative path, content or None for the oversized sparse file, a key word of the
    reason). Several of each kind, with different bytes so that none is a duplicate."""
    good_docx = _docx_bytes(REPORT.format(title=f"{BUREAU}2019年度法治政府建设情况报告", year=2019))
    out: list[tuple[str, bytes | None, str]] = []
    for i in range(3):
        out.append((f"bad/empty-{i}.txt", b"" if i == 0 else b" \n" * i, "为空"))
        noise = bytes(rng.randrange(256) for _ in range(400)) + b"\x00\x01\x02" * 10
        out.append((f"bad/binary-{i}.txt", noise, "不是文本"))
        out.append(
            (f"bad/truncated-{i}.docx", good_docx[: len(good_docx) // (i + 2)], "Word 文件已损坏")
        )
        out.append((f"bad/scan-{i}.pdf", _scan_pdf_bytes() + b" " * i, "没有文字层"))
        out.append(
            (f"bad/undecodable-{i}.txt", b"report " + b"\xff\xfe\xfd" * (5 + i), "无法识别文件编码")
        )
        # no year in the title nor anywhere else (a body opening with 2019年 would name it)
        title = f"{BUREAU}年度法治政府建设情况报告{'（修订）' * i}"
        body = f"{title}\n\n全年，我局开展执法检查15次，办理行政处罚案件3件。\n"
        out.append((f"bad/no-year-{i}.txt", body.encode(), "没有写明年度"))
        title = f"某某县农业农村局{2017 + i}年度法治政府建设情况报告"
        out.append(
            (
                f"bad/unknown-agency-{i}.txt",
                REPORT.format(title=title, year=2017 + i).encode(),
                "未知单位",
            )
        )
        out.append(
            (f"bad/old-office-{i}.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(i + 8), "旧版")
        )
        out.append((f"bad/picture-{i}.txt", b"\x89PNG\r\n\x1a\n" + bytes([i]) * 50, "图片"))
        out.append(
            (
                f"bad/no-rows-{i}.csv",
                f"单位,年度,指标,数值\n某单位,20{i}x,x,y\n".encode(),
                "没有一行可以载入",
            )
        )
    out.append(("bad/huge.txt", None, "文件太大"))
    # Under the size limit, but no report is this long: set aside at once, not extracted
    # number by number for minutes while the rebuild waits.
    endless = f"{BUREAU}2021年度法治政府建设情况报告\n" + "12次" * (MAX_REPORT_CHARS // 3 + 1)
    out.append(("bad/endless-numbers.txt", endless.encode(), "文字过长"))
    return out


def write_good(data: Path) -> list[str]:
    """The good files (generated reports, a table); their paths relative to data."""
    synth.generate_corpus(data, N_REPORTS, seed=11, agencies=[BUREAU])
    (data / "tables").mkdir()
    (data / "tables/good.csv").write_text(GOOD_TABLE, encoding="utf-8")
    return sorted(
        p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and p.parts[len(data.parts)] != "registry"
    )


def facts_by_doc(db: Path, doc_ids: set[str] | None = None) -> set[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT doc_id, agency_id, year, indicator_id, value, unit, qualifier, quote, "
            "span_start, span_end, num_start, num_end, location, rule, method FROM fact"
        ).fetchall()
    return {r for r in rows if doc_ids is None or r[0] in doc_ids}


@pytest.mark.slow
def test_a_folder_with_a_fifth_bad_files(tmp_path):
    rng = random.Random(6)
    good_data = tmp_path / "good"
    good = write_good(good_data)
    mixed = tmp_path / "mixed"
    shutil.copytree(good_data, mixed)

    bad = bad_files(rng)
    for rel, content, _ in bad:
        p = mixed / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            _sparse(p, MAX_BYTES + 1)
        else:
            p.write_bytes(content)
    (mixed / "bad/partial.csv").write_text(PARTIAL_TABLE, encoding="utf-8")
    dups = rng.sample([g for g in good if g.endswith(".txt")], 8)
    for i, rel in enumerate(dups):
        (mixed / "copies").mkdir(exist_ok=True)
        shutil.copyfile(mixed / rel, mixed / f"copies/copy-{i}.txt")
    n_files = len(good) + len(bad) + 1 + len(dups)
    assert 190 <= n_files <= 220 and len(bad) + 1 + len(dups) >= n_files // 5

    s_good = build(good_data, tmp_path / "good.duckdb", workers=2)
    assert s_good.exit_code == 0 and s_good.files_loaded == len(good), s_good.rejected

    db = tmp_path / "mixed.duckdb"
    s = build(mixed, db, workers=2)
    assert s.exit_code == 3
    assert s.files_seen == n_files
    # every bad file refused, with the reason of its kind; nothing else refused
    rejected = dict(s.rejected)
    assert set(rejected) == {rel for rel, _, _ in bad}, set(rejected) ^ {r for r, _, _ in bad}
    for rel, _, word in bad:
        assert word in rejected[rel], (rel, rejected[rel])
    # the good files and the partly good table load; each copy counts once
    assert s.files_loaded == len(good) + 1
    assert len(s.duplicates) == len(dups)
    assert {p for pair in s.duplicates for p in pair} == set(dups) | {
        f"copies/copy-{i}.txt" for i in range(len(dups))
    }
    partial = [r for p, r in s.problems if p == "bad/partial.csv"]
    assert len(partial) == len(PARTIAL_PROBLEMS)
    for word in PARTIAL_PROBLEMS:
        assert any(word in r for r in partial), (word, partial)

    with duckdb.connect(str(db), read_only=True) as con:
        n_docs = con.execute("SELECT count(*) FROM document").fetchone()[0]
        n_rej = con.execute("SELECT count(DISTINCT path) FROM rejected_file").fetchone()[0]
        partial_doc = con.execute(
            "SELECT doc_id FROM document WHERE path = 'bad/partial.csv'"
        ).fetchone()[0]
        dup_paths = con.execute(
            "SELECT count(*) FROM document WHERE duplicate_paths IS NOT NULL"
        ).fetchone()[0]
    assert n_docs == len(good) + 1 and dup_paths == len(dups)
    assert n_rej == len(bad) + 1  # the bad files, and the rows of partial.csv

    # the facts of the good files are exactly those of the good files built alone
    alone = facts_by_doc(tmp_path / "good.duckdb")
    good_ids = {f[0] for f in alone}
    assert facts_by_doc(db, good_ids) == alone
    extra = facts_by_doc(db) - alone
    assert {f[0] for f in extra} == {partial_doc}
    assert sorted((f[2], f[3], f[4]) for f in extra) == [
        (2020, "inspection_plans", 2.0),
        (2021, "inspection_plans", 5.0),
    ]


# --- impossible values: what the build does today ----------------------------------------


def _one_file_build(tmp_path, rel: str, content: str):
    data = tmp_path / "data"
    synth.generate_corpus(data, 1, seed=3, agencies=[BUREAU])
    p = data / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(content, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    s = build(data, db, workers=1)
    with duckdb.connect(str(db), read_only=True) as con:
        facts = con.execute(
            "SELECT f.year, f.indicator_id, f.value FROM fact f JOIN document d USING (doc_id) "
            "WHERE d.path = ?",
            [rel],
        ).fetchall()
    problems = [r for path, r in s.rejected + s.problems if path == rel]
    return s, facts, problems


def test_a_negative_count_in_a_table_row_is_set_aside(tmp_path):
    table = f"单位,年度,指标,数值\n{BUREAU},2019,inspections,-3\n{BUREAU},2019,cases,4\n"
    s, facts, problems = _one_file_build(tmp_path, "t/neg.csv", table)
    assert facts == [(2019, "cases", 4.0)]
    assert len(problems) == 1 and "-3" in problems[0] and s.exit_code == 3


def test_a_rate_over_100_in_a_table_row_is_set_aside(tmp_path):
    table = f"单位,年度,指标,数值\n{BUREAU},2019,online_case_rate,140\n{BUREAU},2019,cases,4\n"
    s, facts, problems = _one_file_build(tmp_path, "t/rate.csv", table)
    assert facts == [(2019, "cases", 4.0)]
    assert len(problems) == 1 and "140" in problems[0]


def test_a_future_year_in_a_table_row_is_set_aside(tmp_path):
    table = f"单位,年度,指标,数值\n{BUREAU},2031,cases,4\n{BUREAU},2019,cases,4\n"
    s, facts, problems = _one_file_build(tmp_path, "t/future.csv", table)
    assert facts == [(2019, "cases", 4.0)]
    assert len(problems) == 1 and "2031" in problems[0]


def test_a_report_of_a_future_year_is_refused(tmp_path):
    text = f"{BUREAU}2031年度法治政府建设情况报告\n\n2031年，我局开展执法检查15次。\n"
    s, facts, problems = _one_file_build(tmp_path, "r/future.txt", text)
    assert facts == [] and len(problems) == 1 and "2031" in problems[0]


def test_a_rate_over_100_in_a_report_is_not_loaded(tmp_path):
    text = (
        f"{BUREAU}2019年度法治政府建设情况报告\n\n2019年，我局网上办案率140%，开展执法检查15次。\n"
    )
    s, facts, problems = _one_file_build(tmp_path, "r/rate.txt", text)
    assert ("online_case_rate" not in {i for _, i, _ in facts}) and problems


def test_a_negative_count_in_a_report_is_not_loaded_as_positive(tmp_path):
    text = f"{BUREAU}2019年度法治政府建设情况报告\n\n2019年，我局开展执法检查-3次。\n"
    s, facts, problems = _one_file_build(tmp_path, "r/neg.txt", text)
    assert (2019, "inspections", 3.0) not in facts and problems


def test_the_oversized_file_is_sparse_and_cheap(tmp_path):
    p = tmp_path / "huge.txt"
    _sparse(p, MAX_BYTES + 1)
    assert p.stat().st_size == MAX_BYTES + 1
    assert os.stat(p).st_blocks * 512 < 1024 * 1024
