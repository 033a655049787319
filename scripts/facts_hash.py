"""A hash of what extraction gives on N generated reports: the invariant to keep while
making extraction faster (any change to a fact, candidate, claim or identity moves it).

    python scripts/facts_hash.py [N] [--all]

Prints the count and the first 16 hex digits of a SHA-256. Without --all: the facts only
(2,000 reports gave `22751 17f254c2bb7d353e` and 5,000 `57138 83e43858fc4fcc6c` from
2026-11-29 to 2026-11-30); with --all: facts, candidates, claims, the identity and the
reasons of refused files (2,000: `30255 73af06cfbc4703ce` until 2026-11-30 morning, then
`30255 d5d07aeb9e64a8d8`: 没有立案查处 marks its whole negation as the zero's span; then
`30255 dbc1a54abe80969c`: a 其中-part without a word of its own is set aside as a part of
its total's indicator, not as ambiguous). The corpus is synth's, seed 1.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.pipeline import Rejected, process_file  # noqa: E402
from etl.registry import Registry  # noqa: E402
from synth import generate_corpus  # noqa: E402


def digest(n: int, everything: bool) -> tuple[int, str]:
    h, count = hashlib.sha256(), 0
    with tempfile.TemporaryDirectory(prefix="facts-hash-") as tmp:
        data = Path(tmp)
        generate_corpus(data, n, 1)
        registry = Registry.load(data)
        for p in sorted(data.rglob("*.txt")):
            try:
                r = process_file(p, registry, strict=False)
            except Rejected as e:
                if everything:
                    h.update(repr((p.name, e.reason, [vars(x) for x in e.candidates])).encode())
                continue
            if not everything:
                for f in r.facts:
                    h.update(repr((p.name, f.agency, f.year, f.indicator, f.value, f.qualifier,
                                   f.quote, f.start, f.end, f.location, f.rule)).encode())  # fmt: skip
                    count += 1
                continue
            h.update(repr((p.name, r.title, r.agency, r.year, r.year_source, r.agency_source,
                           r.notes, r.problems)).encode())  # fmt: skip
            for x in (*r.facts, *r.candidates, *r.claims):
                h.update(repr(sorted(vars(x).items())).encode())
                count += 1
    return count, h.hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=2000, help="reports (default 2000)")
    ap.add_argument("--all", action="store_true", help="candidates, claims and identity too")
    args = ap.parse_args()
    count, hexdigest = digest(args.n, args.all)
    print(count, hexdigest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
