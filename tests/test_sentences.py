"""Table-driven sentence tests for the indicator extractor.

The cases live in tests/cases/sentences.tsv (text<TAB>expected<TAB>why). Each case is one
sentence or short passage from the body of the science bureau's 2018 report; `expected` is
the complete multiset of facts with a value that the text must yield under the contract
(shared/spec/indicators.md), or `-` when it must yield none. Facts without a value
(mentions such as 多次) are ignored.

Expected item syntax: ``indicator=value`` with an optional ``~at_least`` / ``~about``
qualifier and an optional ``@<canonical agency name>`` (default: the reporting agency).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

CASES_FILE = Path(__file__).resolve().parent / "cases" / "sentences.tsv"
AGENCY = "周村区科学技术局"
YEAR = 2018
SUBORDINATES = ("周村区知识产权局", "周村区地震局")
QUALIFIERS = ("at_least", "about")

# The 24 ids of the contract (shared/spec/indicators.md).
CONTRACT_IDS = (
    "inspections",
    "inspection_plans",
    "inspected_entities",
    "certified_officers",
    "cases",
    "penalty_case_files",
    "online_case_rate",
    "reconsideration_cases",
    "litigation_cases",
    "trainings",
    "training_attendance",
    "law_exam_pass_rate",
    "legal_meetings",
    "disclosures_proactive",
    "disclosure_requests",
    "approval_items",
    "approval_volume",
    "approval_time_cut_pct",
    "approval_days_before",
    "approval_days_after",
    "one_visit_items",
    "contracts_reviewed",
    "normative_documents",
    "legal_reviews",
)

MIN_CASES = 220
MIN_POSITIVE_PER_ID = 4

_ITEM = re.compile(
    r"^(?P<ind>[a-z_]+)=(?P<val>-?\d+(?:\.\d+)?)"
    r"(?:~(?P<q1>[a-z_]+))?(?:@(?P<ag>[^~@\s]+))?(?:~(?P<q2>[a-z_]+))?$"
)

Key = tuple[str, float, str, str | None]


@dataclass(frozen=True)
class Case:
    line: int
    text: str
    expected_raw: str
    why: str

    @property
    def id(self) -> str:
        return f"L{self.line}"

    @property
    def negative(self) -> bool:
        return self.expected_raw == "-"


def parse_expected(raw: str) -> list[Key]:
    """`-` -> []; otherwise items separated by ' ; '."""
    raw = raw.strip()
    if raw == "-":
        return []
    out: list[Key] = []
    for item in raw.split(" ; "):
        m = _ITEM.match(item.strip())
        if not m:
            raise ValueError(f"bad expected item {item!r}")
        if m["q1"] and m["q2"]:
            raise ValueError(f"two qualifiers in {item!r}")
        out.append((m["ind"], float(m["val"]), m["ag"] or AGENCY, m["q1"] or m["q2"]))
    return out


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    cases: list[Case] = []
    header_seen = False
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                assert line == "text\texpected\twhy", f"line {lineno}: bad header {line!r}"
                header_seen = True
                continue
            fields = line.split("\t")
            assert len(fields) == 3, f"line {lineno}: expected 3 tab-separated fields"
            text, expected, why = fields
            cases.append(Case(lineno, text, expected.strip(), why.strip()))
    return cases


CASES = load_cases()


def _fact_key(f) -> Key:
    return (f.indicator, float(f.value), f.agency, f.qualifier or None)


def _show(keys) -> str:
    return "\n".join(f"  {k}" for k in sorted(keys, key=str)) or "  (none)"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_sentence(case: Case):
    from etl.extract import extract_text  # imported here: the file checks run without it

    expected = Counter(parse_expected(case.expected_raw))
    facts = extract_text(case.text, AGENCY, YEAR)

    for f in facts:
        assert case.text[f.start : f.end] == f.quote, (
            f"quote does not match text[{f.start}:{f.end}]: {f.quote!r}"
        )
        if f.value is not None or f.num_end != f.num_start:
            assert f.start <= f.num_start < f.num_end <= f.end, (
                f"number span {f.num_start}:{f.num_end} not inside {f.start}:{f.end} ({f})"
            )

    valued = [f for f in facts if f.value is not None]
    for f in valued:
        assert f.year == YEAR, f"year {f.year} != {YEAR}: {f}"
    got = Counter(_fact_key(f) for f in valued)
    missing = expected - got
    extra = got - expected
    assert not missing and not extra, (
        f"{case.text}\n(why: {case.why})\nmissing:\n{_show(missing.elements())}"
        f"\nextra:\n{_show(extra.elements())}"
    )


# ---- checks of the case file itself -------------------------------------------------


def test_case_file_parses():
    for c in CASES:
        assert c.text.strip(), f"{c.id}: empty text"
        assert c.why, f"{c.id}: empty why"
        for ind, _val, agency, qual in parse_expected(c.expected_raw):
            assert ind in CONTRACT_IDS, f"{c.id}: {ind} is not a contract id"
            assert agency == AGENCY or agency in SUBORDINATES, f"{c.id}: unknown agency {agency}"
            assert qual is None or qual in QUALIFIERS, f"{c.id}: unknown qualifier {qual}"


def test_case_count():
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} cases"


def test_at_least_half_negative():
    negatives = sum(c.negative for c in CASES)
    assert 2 * negatives >= len(CASES), f"{negatives} negative of {len(CASES)}"


def test_every_contract_id_covered():
    per_id: Counter[str] = Counter()
    for c in CASES:
        for ind in {k[0] for k in parse_expected(c.expected_raw)}:
            per_id[ind] += 1
    thin = {i: per_id[i] for i in CONTRACT_IDS if per_id[i] < MIN_POSITIVE_PER_ID}
    assert not thin, f"ids with fewer than {MIN_POSITIVE_PER_ID} positive cases: {thin}"


def test_no_duplicate_texts():
    seen: dict[str, str] = {}
    dups = []
    for c in CASES:
        if c.text in seen:
            dups.append(f"{c.id} repeats {seen[c.text]}: {c.text}")
        seen.setdefault(c.text, c.id)
    assert not dups, "\n".join(dups)
