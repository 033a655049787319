"""process._warm: the lines the build reads before its pool forks are read as a report
(a warm-up that failed, silently, would leave each worker to warm up on its own)."""

from __future__ import annotations

from pathlib import Path

from etl import pipeline, process
from etl.readers.dispatch import read_file


def test_the_warm_up_text_is_read_as_a_report():
    doc = read_file(Path("warm/区科技局/2020/warm.txt"), process._WARM_TEXT.encode())
    r = pipeline._report(doc, "warm", None, False, None)
    assert (r.agency, r.year) == ("区科技局", 2020)
    assert len(r.facts) >= 8 and r.claims  # facts, a pair, zeros and a claim were read
    process._warm(None)  # and the warm-up itself raises nothing
