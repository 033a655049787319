"""OCR of scans measured: seconds per page, and the facts a scan gives against its text.

Documents of tests/realshaped/docs/ are printed to PDF (fpdf2, Noto Sans CJK SC), their
pages rasterised at 200 dpi (pypdfium2), turned a few degrees and given noise where the
plan says so, saved as an image-only PDF (or PNG/JPEG), read through
`etl.pipeline.process_file` (so by etl/readers/ocr.py) and compared with the facts of the
text: a fact is (agency, year, indicator, value).

    .venv/bin/python scripts/bench_ocr.py [--docs all] [--json]

Default: the six scans of tests/test_ocr.py. --docs all: every document with facts, each
as an image-only PDF turned 2.5° with noise. Seconds per page are wall-clock time of the
OCR of one page (render + detect + recognise + lines) with the engine already loaded; the
engine's first page (loading the models) is reported apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.pipeline import Rejected, process_file  # noqa: E402
from etl.readers import ocr  # noqa: E402
from tests.test_ocr import CORPUS, DOCS, keys, make_scan  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", default="test", choices=["test", "all"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if ocr.engine_name() is None:
        print(ocr.MISSING, file=sys.stderr)
        return 2
    plan = CORPUS
    if args.docs == "all":
        plan = [(str(p.relative_to(DOCS)), 2.5, True, "pdf") for p in sorted(DOCS.rglob("*.txt"))]
    times: list[float] = []
    first = None
    orig = ocr._ocr_page

    def timed(image, name):
        nonlocal first
        t = time.perf_counter()
        out = orig(image, name)
        dt = time.perf_counter() - t
        if first is None:
            first = dt
        else:
            times.append(dt)
        return out

    ocr._ocr_page = timed
    wanted = got = extra = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, tilt, noise, kind in plan:
            folder = Path(tmp, Path(name).parent)
            folder.mkdir(parents=True, exist_ok=True)
            scan = make_scan(DOCS / name, folder, tilt, noise, kind)
            try:
                want = keys(process_file(DOCS / name, None, strict=False))
            except Rejected:
                continue
            try:
                have = keys(process_file(scan, None, strict=False))
            except Rejected as e:
                have = set()
                print(f"{name}: {e.reason[:60]}", file=sys.stderr)
            wanted, got, extra = (
                wanted + len(want),
                got + len(want & have),
                extra + len(have - want),
            )
            rows.append({"doc": name, "tilt": tilt, "kind": kind, "text_facts": len(want),
                         "recovered": len(want & have), "extra": len(have - want)})  # fmt: skip
    per_page = sum(times) / len(times) if times else float("nan")
    out = {"documents": len(rows), "pages": len(times) + 1, "first_page_s": round(first, 2),
           "seconds_per_page": round(per_page, 2), "text_facts": wanted, "recovered": got,
           "share": round(got / wanted, 4) if wanted else None, "extra": extra}  # fmt: skip
    if args.json:
        print(json.dumps({**out, "rows": rows}, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['doc']:<32} {r['kind']:<4} {r['tilt']:>5}°  {r['recovered']}/{r['text_facts']}"
                  f"  extra {r['extra']}")  # fmt: skip
        print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
