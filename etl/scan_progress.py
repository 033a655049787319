"""Progress while scans are read: which page of which scan OCR is on (ScanPage).

A build reports progress per file, but a scan is read by OCR page by page, several seconds
a page (BENCHMARKS.md, "OCR of scans"): a twelve-page scan would hold the bar still for a
minute or more. The OCR reader announces each page it is about to read (etl.readers.ocr.
report_pages); this module carries those announcements to the build's progress callback,
from a worker process through a queue that the build polls while it waits for results,
or directly when the files are read in the build's own process.

A build's progress callback is called as progress(done, total) per file and as
progress(done, total, page) before each page of a scan, `done` then being the files
finished plus the share of the scan's pages before this one. `page` is a ScanPage: the
command line prints it (str: Chinese), the app words it in its language.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_mod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from etl.readers import ocr

POLL_SECONDS = 0.25  # how often the build looks for page announcements while it waits


@dataclass(frozen=True)
class ScanPage:
    """A page of a scan that OCR is about to read."""

    name: str  # the file's name
    page: int
    pages: int

    def __str__(self) -> str:
        return f"正在识别 {self.name} 第{self.page}/{self.pages}页"


class PageReports:
    """The pages of scans announced while a build reads its files, told to `progress`."""

    def __init__(self, progress: Callable | None, total: int):
        self.say = progress
        self.total = total
        self.files_done = 0  # set by the build as results come in
        self.queue = None
        self._shown = 0.0  # the bar never steps back when two workers read two scans

    def in_process(self) -> None:
        """Files read in this process: hear the OCR reader directly."""
        if self.say:
            ocr.report_pages(lambda path, page, pages: self._heard(path.name, page, pages))

    def for_workers(self):
        """A queue for worker processes to announce pages on (None when nobody listens)."""
        if self.say and self.queue is None:
            self.queue = multiprocessing.Queue()
        return self.queue

    def poll(self) -> None:
        """Tell the latest page announced by the workers, if any."""
        last = None
        while self.queue is not None:
            try:
                last = self.queue.get_nowait()
            except queue_mod.Empty:
                break
        if last is not None:
            self._heard(*last)

    def close(self) -> None:
        ocr.report_pages(None)
        if self.queue is not None:
            self.queue.close()
            self.queue = None

    def _heard(self, name: str, page: int, pages: int) -> None:
        done = max(self._shown, self.files_done + (page - 1) / max(pages, 1))
        self._shown = done
        self.say(done, self.total, ScanPage(name, page, pages))


def listen_in_worker(queue) -> None:
    """In a worker process: announce each page of a scan on the build's queue."""
    if queue is not None:
        ocr.report_pages(lambda path, page, pages: queue.put((Path(path).name, page, pages)))


def in_order(
    pool: Executor, fn: Callable, items: list, chunk: int, poll: Callable[[], None]
) -> Iterator:
    """fn over items in the pool, results in order (as pool.map), calling poll() every
    POLL_SECONDS while waiting for the next result."""
    futures = [pool.submit(_apply, fn, items[i : i + chunk]) for i in range(0, len(items), chunk)]
    for future in futures:
        while True:
            try:
                batch = future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                poll()
                continue
            poll()
            break
        yield from batch


def _apply(fn: Callable, items: Iterable) -> list:
    return [fn(item) for item in items]
