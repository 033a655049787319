"""Table-driven sentence tests for the indicator extractor.

The cases live in tests/cases/*.tsv (text<TAB>expected<TAB>why): sentences.tsv, from the
body of the science bureau's 2018 report, and realshaped.tsv, written in the shapes of real
published reports of many bodies (see tests/realshaped/README.md). `expected` is the
complete multiset of facts with a value that the text must yield under the contract
(shared/spec/indicators.md), or `-` when it must yield none. Facts without a value
(mentions such as 多次) are ignored. A line `#@ agency=<reporting agency> year=<YYYY>` sets
the report the following cases come from (default 周村区科学技术局, 2018); `\t` and `\n`
in a text stand for a tab and a line break (a table row as a page saves it).

Expected item syntax: ``indicator=value`` with an optional ``~at_least`` / ``~about``
qualifier and an optional ``@<canonical agency name>`` (default: the reporting agency).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl import catalog

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES_FILE = CASES_DIR / "sentences.tsv"
REAL_FILE = CASES_DIR / "realshaped.tsv"
AGENCY = "周村区科学技术局"
YEAR = 2018
SUBORDINATES = ("周村区知识产权局", "周村区地震局")
QUALIFIERS = ("at_least", "about")

# The indicator ids come from the catalog (etl/catalog.toml), which tests/test_catalog.py
# holds against the contract (shared/spec/indicators.md).
CONTRACT_IDS = tuple(i.id for i in catalog.load().indicators)

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
    agency: str = AGENCY
    year: int = YEAR
    prefix: str = "L"

    @property
    def id(self) -> str:
        return f"{self.prefix}{self.line}"

    @property
    def negative(self) -> bool:
        return self.expected_raw == "-"


def parse_expected(raw: str, agency: str = AGENCY) -> list[Key]:
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
        out.append((m["ind"], float(m["val"]), m["ag"] or agency, m["q1"] or m["q2"]))
    return out


_CONTEXT = re.compile(r"^#@ agency=(?P<agency>\S+) year=(?P<year>\d{4})$")


def load_cases(path: Path = CASES_FILE, prefix: str = "L") -> list[Case]:
    cases: list[Case] = []
    header_seen = False
    agency, year = AGENCY, YEAR
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if m := _CONTEXT.match(line):
                agency, year = m["agency"], int(m["year"])
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                assert line == "text\texpected\twhy", f"line {lineno}: bad header {line!r}"
                header_seen = True
                continue
            fields = line.split("\t")
            assert len(fields) == 3, f"line {lineno}: expected 3 tab-separated fields"
            text, expected, why = fields
            text = text.replace("\\t", "\t").replace("\\n", "\n")
            cases.append(Case(lineno, text, expected.strip(), why.strip(), agency, year, prefix))
    return cases


CASES = load_cases()
REAL_CASES = load_cases(REAL_FILE, "R") if REAL_FILE.exists() else []


def load_known(path: Path = CASES_DIR / "realshaped_known.tsv") -> dict[str, str]:
    """Real-shaped cases known to fail yet: text -> why (a strict xfail each)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            text, why = line.split("\t")
            out[text] = why
    return out


KNOWN = load_known()


def _param(case: Case):
    if case.text in KNOWN:
        return pytest.param(
            case, id=case.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN[case.text])
        )
    return pytest.param(case, id=case.id)


def _fact_key(f) -> Key:
    return (f.indicator, float(f.value), f.agency, f.qualifier or None)


def _show(keys) -> str:
    return "\n".join(f"  {k}" for k in sorted(keys, key=str)) or "  (none)"


def check(case: Case) -> tuple[Counter, Counter]:
    """(missing, extra) facts of one case; asserts that quotes and spans are right."""
    from etl.extract import extract_text  # imported here: the file checks run without it

    expected = Counter(parse_expected(case.expected_raw, case.agency))
    facts = extract_text(case.text, case.agency, case.year)

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
        assert f.year == case.year, f"year {f.year} != {case.year}: {f}"
    got = Counter(_fact_key(f) for f in valued)
    return expected - got, got - expected


@pytest.mark.parametrize("case", [_param(c) for c in CASES + REAL_CASES])
def test_sentence(case: Case):
    missing, extra = check(case)
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


def test_real_shaped_case_file():
    """Issue 11: at least 300 new cases, half of them negative, every contract id among
    them, each known failure still in the file."""
    assert len(REAL_CASES) >= 300
    assert 2 * sum(c.negative for c in REAL_CASES) >= len(REAL_CASES)
    ids = {k[0] for c in REAL_CASES for k in parse_expected(c.expected_raw, c.agency)}
    assert ids == set(CONTRACT_IDS)
    for c in REAL_CASES:
        assert c.why.startswith("["), f"{c.id}: the why starts with its shape tag"
        for _ind, _val, _agency, qual in parse_expected(c.expected_raw, c.agency):
            assert qual is None or qual in QUALIFIERS
    texts = {c.text for c in REAL_CASES}
    assert set(KNOWN) <= texts, set(KNOWN) - texts
    assert len(KNOWN) <= len(REAL_CASES) // 20, "known failures stay under 5%"


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
