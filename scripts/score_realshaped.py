"""Score the extractor on the real-shaped documents (tests/realshaped/): precision, recall
and F1 of the facts against gold.jsonl, and coverage: the share of gold facts that came
out as a fact or, at least, as a candidate (a number kept with why it was set aside).

    python scripts/score_realshaped.py [--show] [--json] [--docs DIR]

Agencies match on their core (周村区知识产权局 = 区知识产权局 = 知识产权局), as a clerk
would read them; optional gold facts count neither way; a document marked {"none": true}
must yield nothing. Used by tests/test_realshaped.py; the figures go in the session note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "tests" / "realshaped"

# The kinds of body, longest first; the names one body goes by are made one.
SAME = (("科学技术委员会", "科技局"), ("科学技术局", "科技局"), ("科技创新局", "科技局"),
        ("市场监督管理局", "市场监管局"))  # fmt: skip
KINDS = ("知识产权局", "地震局", "气象局", "科技局", "市场监管局", "应急管理局", "司法局")


def core(agency: str | None) -> str:
    a = str(agency or "").strip()
    for long, short in SAME:
        a = a.replace(long, short)
    for k in KINDS:
        if a.endswith(k):
            return k
    return re.sub(r"^.*[省市区县]", "", a) or a


def key(doc: str, f: dict) -> tuple:
    return (Path(doc).name, core(f.get("agency")), int(f["year"]), f["indicator"],
            round(float(f["value"]), 6))  # fmt: skip


def predict(docs: Path) -> tuple[list[dict], list[dict], list[str]]:
    """(facts, candidates, refused) of every document, as `etl extract --json
    --candidates` prints them."""
    from etl.process import Failed, process_one
    from etl.registry import Registry

    registry = Registry.load(ROOT / "data")
    facts, cands, refused = [], [], []
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        r = process_one(path, registry, strict=False)
        if isinstance(r, Failed):
            refused.append(f"{path.name}: {r.reason}")
            found = r.candidate_records()
            cands += [c.as_json(path.name) for c in found]
            continue
        facts += [f.as_json(path.name) for f in r.facts if f.value is not None]
        cands += [c.as_json(path.name) for c in r.candidates]
    return facts, cands, refused


def score(gold_lines: list[dict], facts: list[dict], cands: list[dict]) -> dict:
    must, optional, none_docs = Counter(), Counter(), set()
    for g in gold_lines:
        if g.get("none"):
            none_docs.add(g["doc"])
            continue
        (optional if g.get("optional") else must)[key(g["doc"], g)] += 1
    docs = {k[0] for k in must} | {k[0] for k in optional} | none_docs
    pred = Counter(key(f["doc"], f) for f in facts if Path(f["doc"]).name in docs)
    pred_kept = pred - optional  # an optional fact found is neither right nor wrong
    tp = sum((pred_kept & must).values())
    fp = sum((pred_kept - must).values())
    fn = sum((must - pred).values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    # coverage: a gold fact found as a fact, or as a candidate of the same indicator and
    # value in its document (agency and year may be unknown there)
    loose = Counter((k[0], k[3], k[4]) for k in pred)
    for c in cands:
        if c.get("indicator"):
            loose[(Path(c["doc"]).name, c["indicator"], round(float(c["value"]), 6))] += 1
    missed = [k for k in (must - pred).elements() if loose[(k[0], k[3], k[4])] == 0]
    total = sum(must.values())
    return {
        "precision": round(p, 4), "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "coverage": round(1 - len(missed) / total, 4) if total else 1.0,
        "tp": tp, "fp": fp, "fn": fn, "gold": total, "docs": len(docs),
        "false_positives": sorted(map(list, (pred_kept - must).elements())),
        "missed": sorted(map(list, (must - pred).elements())),
        "not_even_candidates": sorted(map(list, missed)),
    }  # fmt: skip


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=DOCS)
    ap.add_argument("--show", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gold = [
        json.loads(x)
        for x in (args.docs / "gold.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    facts, cands, refused = predict(args.docs / "docs")
    s = score(gold, facts, cands)
    s["refused"] = refused
    if args.json:
        print(json.dumps(s, ensure_ascii=False))
        return 0
    print(f"precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
          f"coverage={s['coverage']:.3f} (tp {s['tp']}, fp {s['fp']}, fn {s['fn']}; "
          f"{s['gold']} gold facts in {s['docs']} documents; {len(refused)} refused)")  # fmt: skip
    if args.show:
        for name in ("refused", "false_positives", "missed", "not_even_candidates"):
            print(f"-- {name} ({len(s[name])})")
            for x in s[name]:
                print("  ", x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
