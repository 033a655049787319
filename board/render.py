"""A second process that draws the command line's image, started before it is needed.

vl-convert's first drawing in a process starts its JavaScript engine (0.3 s of processor
time, more on a busy machine), and it holds the GIL all that time, so a thread cannot hide
it. `python -m board export --format png|svg|pdf` therefore starts this module as a process
of its own at once, when a processor is free (`worth_it`): it imports vl-convert, registers
the CJK font and draws a small chart while the command imports pandas and Altair and reads
the warehouse; then it draws the real chart it is sent. Anything that goes wrong here (no
process, a crash, no font) falls back to drawing in the command's own
process, which says what is wrong as before.

The request is one JSON object on stdin, {"spec", "footnote", "banner", "fmt", "scale",
"font"} (the command's CJK font file: another one here means the command draws it);
the answer is the file's bytes on stdout and exit status 0. Closing stdin without a
request (the command stopped early) ends the process quietly.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys

from etl.paths import ROOT


def worth_it() -> bool:
    """Whether a second process can run beside the command: two processors or more, and
    fewer busy than there are (the load average). On a machine whose processors are all
    busy the two processes would only take turns, and the second one costs about 0.2 s
    of processor time (its own start, and the small chart that warms it up)."""
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):  # no load average here (Windows): assume a free core
        load = 0.0
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) >= 2 and load <= (cpus or 1) - 1


class Renderer:
    """The render process of one command: `render(...)` once, or `close()` unused."""

    def __init__(self) -> None:
        try:
            self._proc: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "board.render"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                cwd=ROOT,
            )  # fmt: skip
        except OSError:
            self._proc = None

    def render(self, spec: dict, fmt: str, footnote: str | None, banner: str | None,
               scale: float | None = None) -> bytes:  # fmt: skip
        """The image's bytes, drawn by the render process, else here."""
        from board import export_image, fonts

        scale = export_image.SCALE if scale is None else scale
        font = fonts.find()  # no CJK font: FontMissing here, as when drawing here
        proc, self._proc = self._proc, None
        if proc is not None:
            req = {"spec": spec, "fmt": fmt, "footnote": footnote, "banner": banner,
                   "scale": scale, "font": str(font.path)}  # fmt: skip
            try:
                out, _ = proc.communicate(json.dumps(req, ensure_ascii=False).encode("utf-8"))
                if proc.returncode == 0 and out:
                    return out
            except OSError:
                proc.kill()
                proc.wait()
        return export_image.chart_bytes(spec, fmt, footnote, banner, scale=scale)

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()


def _warm() -> None:
    """Start vl-convert's engine, the Vega-Lite compiler and the font, on a tiny chart."""
    import vl_convert as vlc

    from board import fonts

    family = fonts.family()
    spec = {
        "data": {"values": [{"x": "中", "y": 1}]},
        "mark": "bar",
        "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}},
        "config": {"font": family},
    }  # fmt: skip
    vlc.svg_to_png(vlc.vegalite_to_svg(spec), scale=1)


def main() -> int:
    with contextlib.suppress(Exception):  # the real drawing below says what is wrong
        _warm()
    raw = sys.stdin.buffer.read()
    if not raw:
        return 0
    from board import export_image, fonts

    req = json.loads(raw)
    try:
        if str(fonts.ensure().path) != req["font"]:
            return 1  # not the font the command chose: it draws the image itself
        out = export_image.chart_bytes(req["spec"], req["fmt"], req["footnote"], req["banner"],
                                       scale=req["scale"])  # fmt: skip
    except Exception:  # noqa: BLE001 - the command draws it itself, and reports the error
        return 1
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
