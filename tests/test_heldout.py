"""The extractor on the held-out documents (tests/heldout/: written in the shapes of 34
more real reports, and scored blind before anything was fitted to them — F1 0.931 then, see
tests/heldout/README.md; a second round, h16–h23, F1 0.837 blind; a third, h24–h29, F1 0.923 blind), measured as tests/test_realshaped.py measures its corpus, by
scripts/score_realshaped.py, and once more by the team's scorer (../shared/devset/score.py)
where that checkout stands beside this one. The floors keep what the fixes that followed
the blind score won; the blind score itself is the README's, and stays the figure to quote."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "score_realshaped.py"
HELDOUT = ROOT / "tests" / "heldout"
SHARED_SCORER = ROOT.parent / "shared" / "devset" / "score.py"


def test_held_out_documents_precision_recall_and_coverage():
    r = subprocess.run([sys.executable, str(SCRIPT), "--json", "--docs", str(HELDOUT)],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)  # fmt: skip
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    shown = {k: s[k] for k in ("precision", "recall", "coverage", "false_positives", "missed")}
    # 15 of the first round, 8 of the second (h16–h23), 6 of the third (h24–h29), two .docx among them
    assert s["gold"] >= 255 and s["docs"] == 29, "the corpus is all there (a .docx among them)"
    assert s["precision"] >= 0.97, shown
    assert s["recall"] >= 0.97, shown
    assert s["coverage"] >= 0.99, shown


def test_documents_that_say_nothing_measurable_yield_nothing():
    """A people's congress inspecting the bureau, a rectification notice: no fact at all."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import score_realshaped as sr

    gold = [json.loads(x) for x in (HELDOUT / "gold.jsonl").read_text("utf-8").splitlines() if x]
    none = {g["doc"] for g in gold if g.get("none")}
    assert len(none) == 2
    facts, _, _ = sr.predict(HELDOUT / "docs")
    assert [f for f in facts if f["doc"] in none] == []


def test_gold_file_checks():
    """Quotes verbatim, values in their quotes, contract ids, optional share under 5%."""
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "realshaped" / "check_gold.py"),
                        str(HELDOUT)], capture_output=True, text=True, timeout=60)  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="the team's scorer (../shared) is absent")
def test_the_teams_scorer_agrees(tmp_path):
    """`python -m etl extract … --json` scored by ../shared/devset/score.py, as the README
    says to: the figure the team compares between projects."""
    files = sorted(str(p) for p in (HELDOUT / "docs").iterdir() if p.is_file())
    out = subprocess.run([sys.executable, "-m", "etl", "extract", *files, "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)  # fmt: skip
    pred = tmp_path / "heldout.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    r = subprocess.run([sys.executable, str(SHARED_SCORER), str(HELDOUT / "gold.jsonl"),
                        str(pred), "--min-f1", "0.97"], capture_output=True, text=True,
                       timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
