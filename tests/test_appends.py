"""Two editors saving at once both land: appends to data/corrections.csv and
data/assignments.csv go through one locked helper (etl.appendlog). Threads in several
processes append to the same new file at once, round after round; afterwards every row is
there exactly once, the header is there once, with one BOM, and the file reads back whole.
(With the lock taken out, this test failed on every run tried here: a second BOM and
header where two writers both found the file new.)"""

from __future__ import annotations

import csv
import fcntl
import io
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from etl import appendlog, assignments, corrections

PROCESSES = 4
THREADS = 3  # in each process
ROUNDS = 200  # each round, every writer appends one row to the same new file at once


def correction(who: str, n: int) -> dict:
    return {"agency": "周村区科学技术局", "year": 2019, "indicator": "inspections",
            "old_value": 16, "new_value": n, "status": "corrected",
            "reason": f"第{n}轮，含逗号,和“引号”", "who": who, "when": "2026-01-05 10:00",
            "source_doc": "tables/指标表.csv"}  # fmt: skip


def assignment(who: str, n: int) -> dict:
    return {"path": f"reports/{who}/{n}.txt", "doc_id": f"{n:016x}", "agency": "区地震局",
            "year": 2021, "who": who, "when": "2026-01-05 10:00", "reason": "据正文"}  # fmt: skip


# round r appends to round r's folder: corrections.csv on even rounds, assignments.csv on odd
KINDS = [
    (corrections.FILE_NAME, corrections.COLUMNS, corrections.append, correction, corrections.read),
    (assignments.FILE_NAME, assignments.COLUMNS, assignments.append, assignment, assignments.read),
]


def _writer_process(folder: str, name: str, start) -> None:
    """THREADS threads; in every round each waits for all writers of all processes, then
    appends its row. fsync is off here: it only makes the test slow; the lock is tested."""
    os.fsync = lambda fd: None

    def one(t: int) -> None:
        for r in range(ROUNDS):
            file_name, _, append, make, _ = KINDS[r % 2]
            start.wait()
            append(Path(folder, str(r), file_name), make(f"{name}-{t}", r))

    threads = [threading.Thread(target=one, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def read_back(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(appendlog.BOM) and raw.count(appendlog.BOM) == 1, raw[:40]
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_threads_and_processes_appending_at_once_all_land(tmp_path):
    ctx = multiprocessing.get_context("spawn")  # no inherited locks or threads
    start = ctx.Barrier(PROCESSES * THREADS)
    procs = [ctx.Process(target=_writer_process, args=(str(tmp_path), f"p{i}", start))
             for i in range(PROCESSES)]  # fmt: skip
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
        assert p.exitcode == 0, f"a writer process exited with {p.exitcode}"

    writers = sorted(f"p{i}-{t}" for i in range(PROCESSES) for t in range(THREADS))
    for r in range(ROUNDS):
        file_name, columns, _, _, read = KINDS[r % 2]
        path = tmp_path / str(r) / file_name
        rows = read_back(path)
        assert rows[0] == columns, f"round {r}: {rows[:2]}"
        assert columns not in rows[1:], f"round {r}: the header was written twice"
        assert all(len(x) == len(columns) for x in rows[1:]), f"round {r}: a torn row"
        assert sorted(x[columns.index("who")] for x in rows[1:]) == writers, f"round {r}"
        good, bad = read(path)  # the build reads every row as usable
        assert not bad and len(good) == len(writers), f"round {r}: {bad}"


def test_line_numbers_are_the_rows_lines(tmp_path):
    path = tmp_path / assignments.FILE_NAME
    first = assignments.append(path, assignment("张三", 1))
    # a reason with a line break takes two lines; the number is the one the readers report
    second = assignments.append(path, {**assignment("李四", 2), "reason": "两行\n理由"})
    third = assignments.append(path, assignment("王五", 3))
    assert (first, second, third) == (2, 4, 5)
    good, bad = assignments.read(path)
    assert [a.line for a in good] == [2, 4, 5] and not bad


def test_a_file_without_a_final_newline_gets_one_before_the_new_row(tmp_path):
    path = tmp_path / corrections.FILE_NAME
    corrections.append(path, correction("张三", 1))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # as Excel may leave it
    corrections.append(path, correction("李四", 2))
    rows = read_back(path)
    assert [r[7] for r in rows[1:]] == ["张三", "李四"]


def test_a_held_lock_gives_a_clear_chinese_error_in_time(tmp_path):
    path = tmp_path / corrections.FILE_NAME
    with open(appendlog.lock_path(path), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        t = time.monotonic()
        with pytest.raises(appendlog.AppendBusy) as e:
            appendlog.append_row(path, ["a"], ["1"], timeout=0.3)
        assert 0.3 <= time.monotonic() - t < 5
    assert "另一位编辑正在写入" in str(e.value) and "请稍后再试" in str(e.value)
    assert not path.exists(), "nothing is written without the lock"
    # once released, the next save goes through
    assert appendlog.append_row(path, ["a"], ["1"], timeout=0.3) == 2
