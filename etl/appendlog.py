"""The append-only CSV files of data/ (corrections.csv, assignments.csv): one row appended at
a time, under an exclusive lock, so that two editors saving at once both land.

    append_row(path, columns, values) -> line number of the new row

The lock is `fcntl.flock` on a lock file beside the CSV (`.append.lock`, hidden, so the build
skips it). flock belongs to an open file, so it serialises threads of one process (each
append opens the lock file anew) as well as separate processes. Under the lock the file is
created with a BOM and the header if it is new or empty, a missing final newline is added,
and the row is written; nothing else in data/ waits on this lock. `read_text` takes the
same lock shared, so a reader (the build) never sees half a row.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

LOCK_NAME = ".append.lock"
TIMEOUT_S = 10.0
_POLL_S = 0.01
BOM = "\ufeff".encode()


class AppendBusy(RuntimeError):
    """The lock could not be had in time; str(e) says so in Chinese, with what to do."""


def lock_path(path: Path) -> Path:
    return Path(path).parent / LOCK_NAME


@contextlib.contextmanager
def locked(path: Path, *, shared: bool = False, timeout: float = TIMEOUT_S) -> Iterator[None]:
    """Hold the lock of the folder of `path` (exclusive, or shared for reading). Raises
    AppendBusy when it is still held by someone else after `timeout` seconds."""
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise AppendBusy(
                        f"无法保存到 {Path(path).name}：另一位编辑正在写入，等待 {timeout:g} 秒"
                        f"仍未完成（锁文件 {lock}）。请稍后再试；如果一直如此，请检查是否有"
                        "卡住的程序仍在写这个文件"
                    ) from None
                time.sleep(_POLL_S)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def append_row(
    path: Path, columns: Sequence[str], values: Sequence[str], *, timeout: float = TIMEOUT_S
) -> int:
    """Append one row (creating the file with a BOM and `columns` as its header if it is
    missing or empty), under the lock. Returns the line number of the row (the header
    is line 1) as `csv.reader.line_num` counts it: for a row with a line break in a
    value, the line it ends on (the line number the readers of these files report). Raises
    AppendBusy."""
    path = Path(path)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(values)
    row = buf.getvalue()
    with locked(path, timeout=timeout):
        with path.open("ab+") as fh:
            fh.seek(0)
            start = fh.read(len(BOM) + 1)
            if start in (b"", BOM):  # a new or empty file (or only a BOM): the header first
                head = io.StringIO(newline="")
                csv.writer(head, lineterminator="\n").writerow(columns)
                data = ("" if start else "\ufeff") + head.getvalue() + row
            else:  # make sure the last row ends with a newline
                fh.seek(-1, os.SEEK_END)
                data = row if fh.read(1) in (b"\n", b"\r") else "\n" + row
            fh.write(data.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        with path.open(encoding="utf-8-sig", newline="") as fh:
            r = csv.reader(fh)
            for _ in r:
                pass
            return r.line_num


def read_text(path: Path, *, timeout: float = TIMEOUT_S) -> str:
    """The file's text (UTF-8, BOM removed), read under the shared lock so that a row being
    appended is seen whole or not at all. Raises UnicodeDecodeError, FileNotFoundError.
    Where the lock cannot be had (a read-only folder, a writer stuck), it reads without it."""
    path = Path(path)
    try:
        with locked(path, shared=True, timeout=timeout):
            return path.read_text(encoding="utf-8-sig")
    except (OSError, AppendBusy):
        return path.read_text(encoding="utf-8-sig")
