"""A build killed (SIGKILL, no clean-up) at any moment leaves the previous warehouse as it
was; the next build succeeds and leaves no temp files behind."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import synth
from etl import warehouse

ROOT = Path(__file__).resolve().parent.parent
N_REPORTS = 300
KILLS = 15
MIN_EACH = 3  # kills in each phase (reading/extracting, writing)
MAX_TRIES = 45
WRITING = "正在写入数据仓库"


def checksum(db: Path) -> tuple[int, str]:
    """(rows, sha256) of `resolved`, opened read-only."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT * FROM resolved ORDER BY ALL").fetchall()
        tables = {t for (t,) in con.execute("SHOW TABLES").fetchall()}
    assert {"agency", "document", "fact", "resolved", "rejected_file", "load_run"} <= tables
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


def start_build(data: Path, db: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--data", str(data), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        start_new_session=True,  # its own process group: the pool workers die with it
    )


def kill_group(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the build started above
    proc.wait()


def temp_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if warehouse.TEMP_MARK in p.name)


@pytest.mark.slow
def test_killed_builds_leave_the_previous_warehouse_intact(tmp_path):
    data = tmp_path / "data"
    synth.generate_corpus(data, N_REPORTS, seed=5)
    db = tmp_path / "w.duckdb"
    log = tmp_path / "build.log"

    t = time.perf_counter()
    first = start_build(data, db, log)
    assert first.wait(timeout=300) == 0, log.read_text(encoding="utf-8", errors="replace")
    full = time.perf_counter() - t
    before = checksum(db)
    assert before[0] > 1000

    rng = random.Random(2026)
    outcomes = {"killed_extracting": 0, "killed_writing": 0, "finished": 0}
    # At least KILLS tries, and on until both phases were hit MIN_EACH times: how often a
    # random moment lands in each phase depends on the machine's load, so the loop goes on
    # until the condition holds (bounded: MAX_TRIES).
    i = 0
    while i < MAX_TRIES and (
        i < KILLS or min(outcomes["killed_writing"], outcomes["killed_extracting"]) < MIN_EACH
    ):
        i += 1
        proc = start_build(data, db, log)
        t0 = time.perf_counter()
        # the random moments are what this test is about (a kill at any point), not a wait
        if i % 2:  # at a random moment before the write (start-up, reading, extracting)
            time.sleep(rng.uniform(0.05, 0.6 * full))
        else:  # in the write phase: from the message on, a random fraction of a second
            while proc.poll() is None and WRITING not in log.read_text("utf-8", "replace"):
                if time.perf_counter() - t0 > 300:
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.3))
        writing = WRITING in log.read_text("utf-8", "replace")
        if proc.poll() is not None:
            outcomes["finished"] += 1
            assert proc.returncode == 0
        else:
            kill_group(proc)
            outcomes["killed_writing" if writing else "killed_extracting"] += 1
        # the previous (or the identical new) warehouse: opens read-only, same content
        assert checksum(db) == before, (i, outcomes)

    assert min(outcomes["killed_writing"], outcomes["killed_extracting"]) >= MIN_EACH, outcomes
    final = start_build(data, db, log)
    assert final.wait(timeout=300) == 0, log.read_text(encoding="utf-8", errors="replace")
    assert checksum(db) == before
    assert temp_files(db) == []
    print(f"kills: {outcomes}; full build {full:.1f} s")
