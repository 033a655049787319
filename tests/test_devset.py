"""The labelled dev set (../shared/devset) scored with its own scorer: the issue asks
precision >= 0.97 and recall >= 0.93. Skips where ../shared is absent."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from etl.pipeline import process_file
from etl.registry import Registry
from tests.conftest import DATA


def test_devset_precision_and_recall(shared_dir, tmp_path):
    registry = Registry.load(DATA)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted((shared_dir / "devset").glob("d*.txt")):
            for f in process_file(path, registry, strict=False).facts:
                out.write(json.dumps(f.as_json(str(path)), ensure_ascii=False) + "\n")
    res = subprocess.run(
        [sys.executable, str(shared_dir / "devset" / "score.py"),
         str(shared_dir / "devset" / "gold.jsonl"), str(pred), "--show"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    m = re.search(r"precision=([\d.]+) recall=([\d.]+)", res.stdout)
    assert m, res.stdout + res.stderr
    precision, recall = float(m.group(1)), float(m.group(2))
    assert precision >= 0.97 and recall >= 0.93, res.stdout
