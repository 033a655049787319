"""vl-convert's engine started in a forked copy of the command while it reads the warehouse.

vl-convert's first drawing in a process starts its JavaScript engine (about 0.4 s of
processor time) and holds the GIL all that time, so a thread cannot hide it. The command
line's image (board/export_light.py) needs about 0.2 s of its own first (DuckDB's import,
the queries, the spec). So `python -m board export --format png|svg|pdf` forks at once,
before importing DuckDB: the child starts the engine and waits for the chart; the parent
reads the warehouse, sends the child the spec, and gets the file's bytes back. A fork
copies the already imported interpreter (no second start-up, unlike a new process), so on
a busy machine the two only take turns at the same work; with a free processor the
engine's start is hidden.

Anything that goes wrong in the child (no fork on this system, a crash, no font) leaves
the drawing to the parent, which says what is wrong as before. The fork is made only at
the start of a command's own process (one thread, neither DuckDB nor vl-convert loaded, so
no thread of theirs can hold a lock the child would wait on); called inside another
program (tests, a benchmark) it draws in the process. The request is one JSON
object {"spec", "fmt", "footnote", "banner", "font"} (the parent's CJK font file: another
one in the child means the parent draws); the answer is the bytes, then the child exits 0.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import sys
import threading
import time

from board import export_image, fonts


def can_fork() -> bool:
    """A fresh command: fork exists, one thread, no library with threads of its own loaded."""
    return (
        hasattr(os, "fork")
        and threading.active_count() == 1
        and not any(m in sys.modules for m in ("duckdb", "vl_convert", "pandas", "streamlit"))
    )


WAIT = 60.0  # seconds the command waits for its child before drawing the image itself


def _read_all(fd: int, wait: float | None = None) -> bytes:
    """Everything until the writer closes; TimeoutError after `wait` seconds."""
    chunks, end = [], None if wait is None else time.monotonic() + wait
    while True:
        if end is not None and not select.select([fd], [], [], max(0.0, end - time.monotonic()))[0]:
            raise TimeoutError
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _warm() -> None:
    """Start the engine, the Vega-Lite compiler and the font, on a tiny chart."""
    import vl_convert as vlc

    spec = {
        "data": {"values": [{"x": "中", "y": 1}]},
        "mark": "bar",
        "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}},
        "config": {"font": fonts.family()},
    }  # fmt: skip
    vlc.vegalite_to_svg(spec)


def _child(requests: int, answers: int) -> int:
    with contextlib.suppress(Exception):  # the parent's own drawing says what is wrong
        _warm()
    raw = _read_all(requests)
    if not raw:  # the parent did not need an image after all
        return 0
    req = json.loads(raw)
    if str(fonts.ensure().path) != req["font"]:
        return 1
    out = export_image.chart_bytes(req["spec"], req["fmt"], req["footnote"], req["banner"])
    _write_all(answers, out)
    return 0


class Ahead:
    """The forked drawer of one command: `draw(...)` once, then `close()` (always)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        if not can_fork():
            return
        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (req_r, req_w, ans_r, ans_w):
                os.close(fd)
            return
        if pid == 0:  # the child: never returns into the command
            code = 1
            try:
                os.close(req_w)
                os.close(ans_r)
                code = _child(req_r, ans_w)
            except BaseException:  # noqa: BLE001 - reported by the parent's own drawing
                code = 1
            finally:
                os._exit(code)
        os.close(req_r)
        os.close(ans_w)
        self.pid, self._req, self._ans = pid, req_w, ans_r

    def draw(self, spec: dict, fmt: str, footnote: str | None, banner: str | None) -> bytes:
        """The image's bytes, drawn by the child, else here."""
        font = fonts.find()  # no CJK font: FontMissing here, as when drawing here
        if self.pid is not None:
            req = {"spec": spec, "fmt": fmt, "footnote": footnote, "banner": banner,
                   "font": str(font.path)}  # fmt: skip
            try:
                _write_all(self._req, json.dumps(req, ensure_ascii=False).encode("utf-8"))
                os.close(self._req)
                self._req = -1
                out = _read_all(self._ans, WAIT)
                _, status = os.waitpid(self.pid, 0)
                self.pid = None
                if os.waitstatus_to_exitcode(status) == 0 and out:
                    return out
            except (OSError, TimeoutError):  # the child is ended by close()
                pass
        return export_image.chart_bytes(spec, fmt, footnote, banner)

    def close(self) -> None:
        """End the child if it is still there (a command that stopped early)."""
        for name in ("_req", "_ans"):
            fd = getattr(self, name, -1)
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
                setattr(self, name, -1)
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            self.pid = None
