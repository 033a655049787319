"""A corpus of synthetic reports for benchmarks and tests: generate_corpus writes n reports
of made-up districts (ten years of figures per agency, with trends, zeros, bounds and
gaps) and their registry into a data folder, deterministically from a seed."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from synth.report import (
    ZERO_TEMPLATES,
    Figures,
    Report,
    _pick,
    _randint,
    agency_kind,
    district_of,
    make_report,
)

# --------------------------------------------------------------------------- corpus

_DISTRICT_CHARS = "东西南北中新安平河山林泉川江湖源阳城海华丰永宁兴和广长清明金石桥龙凤云"
REGISTRY_COLUMNS = ["agency_id", "name_zh", "short_zh", "name_en", "short_en", "parent_id",
                    "kind", "sort_order", "aliases", "region"]  # fmt: skip
# Made-up provinces and cities for the generated districts (a region picker needs them)
_REGION_CHARS = "苍澜岚澄溪岭嘉禾临沅汀浦朔滨"
_REGION_PAIRS = [a + b for a in _REGION_CHARS for b in _REGION_CHARS if a != b]
DISTRICTS_PER_CITY, CITIES_PER_PROVINCE = 10, 15
YEARS = tuple(range(2016, 2026))

# (indicator, low, high, share of years present) by agency kind
_PROFILE = {
    "sci": [("inspections", 6, 20, 0.9), ("inspection_plans", 1, 3, 0.6),
            ("inspected_entities", 15, 80, 0.4), ("certified_officers", 4, 15, 0.4),
            ("cases", 0, 15, 0.8), ("online_case_rate", 90, 100, 0.5),
            ("reconsideration_cases", 0, 2, 0.6), ("litigation_cases", 0, 2, 0.5),
            ("trainings", 3, 15, 0.85), ("training_attendance", 40, 400, 0.35),
            ("law_exam_pass_rate", 90, 100, 0.3), ("legal_meetings", 1, 6, 0.5),
            ("disclosures_proactive", 20, 200, 0.8), ("disclosure_requests", 0, 6, 0.7),
            ("approval_items", 1, 8, 0.4), ("approval_volume", 10, 300, 0.3),
            ("one_visit_items", 1, 8, 0.4), ("approval_days", 0, 0, 0.5),
            ("contracts_reviewed", 1, 8, 0.6), ("normative_documents", 0, 2, 0.4),
            ("legal_reviews", 2, 15, 0.5)],
    "ip": [("inspections", 2, 12, 0.85), ("inspected_entities", 5, 60, 0.3),
           ("cases", 0, 10, 0.8), ("penalty_case_files", 1, 6, 0.7),
           ("online_case_rate", 90, 100, 0.4), ("certified_officers", 2, 8, 0.3),
           ("trainings", 1, 6, 0.5), ("disclosures_proactive", 5, 60, 0.5),
           ("disclosure_requests", 0, 3, 0.5), ("reconsideration_cases", 0, 1, 0.4),
           ("litigation_cases", 0, 1, 0.4)],
    "eq": [("approval_items", 1, 4, 0.8), ("approval_volume", 5, 60, 0.5),
           ("one_visit_items", 1, 4, 0.5), ("approval_days", 0, 0, 0.7),
           ("inspections", 1, 6, 0.6), ("trainings", 1, 4, 0.4),
           ("certified_officers", 2, 6, 0.3), ("disclosures_proactive", 5, 40, 0.4),
           ("disclosure_requests", 0, 2, 0.4)],
}  # fmt: skip
_SUB_IN_BUREAU = {
    "ip": {"inspections", "cases", "penalty_case_files"},
    "eq": {"approval_items", "approval_volume", "one_visit_items", "approval_days_before",
           "approval_days_after", "approval_time_cut_pct", "inspections"},
}  # fmt: skip
_XXGK_INDS = {"disclosures_proactive", "disclosure_requests", "reconsideration_cases",
              "litigation_cases", "normative_documents"}  # fmt: skip


def _series(rng: random.Random, name: str) -> dict[int, Figures]:
    """Ten years of figures for one agency, with trends, zeros, bounds and gaps."""
    out: dict[int, Figures] = {y: {} for y in YEARS}
    for ind, lo, hi, share in _PROFILE[agency_kind(name)]:
        if ind == "approval_days":
            before = _pick(rng, [20, 20, 15, 30, 10, 60])
            after = before
            for y in YEARS:
                step = [a for a in range(1, after) if (before - a) * 100 % before == 0]
                if step and rng.random() < 0.6:
                    after = _pick(rng, step[-3:])
                if after < before and rng.random() < share:
                    out[y][(name, "approval_days_before")] = (before, None)
                    out[y][(name, "approval_days_after")] = (after, None)
                    out[y][(name, "approval_time_cut_pct")] = (
                        (before - after) * 100 // before,
                        None,
                    )
            continue
        base = rng.uniform(lo, hi)
        slope = rng.uniform(-0.05, 0.15) * (hi - lo)
        for k, y in enumerate(YEARS):
            if rng.random() > share:
                continue
            if hi <= 100 and lo >= 90:  # a rate
                v = 100 if rng.random() < 0.7 else _randint(rng, lo, 99)
                qual = "at_least" if v < 100 and rng.random() < 0.4 else None
            else:
                v = round(min(hi * 1.5, max(lo, base + slope * k + rng.gauss(0, (hi - lo) / 8))))
                if lo == 0 and rng.random() < 0.3:
                    v = 0
                qual = None
                if v >= 10 and rng.random() < 0.08:
                    v, qual = (v // 10) * 10, "at_least"
                elif v >= 100 and rng.random() < 0.15:
                    v, qual = round(v, -1), "about"
            if v == 0 and ind not in ZERO_TEMPLATES:
                v = max(lo, 1)
            out[y][(name, ind)] = (v, qual)
        if ind == "one_visit_items":  # never more one-visit items than items
            for y in YEARS:
                items = out[y].get((name, "approval_items"))
                if (name, ind) in out[y] and items and out[y][(name, ind)][0] > items[0]:
                    out[y][(name, ind)] = (items[0], None)
    return out


def _district_names(rng: random.Random):
    """Endless distinct made-up district names: two characters first, then three."""
    chars = _DISTRICT_CHARS
    pool = [a + b for a in chars for b in chars if a != b]
    rng.shuffle(pool)
    extra = [a + b + c for a in chars[:12] for b in chars for c in chars if len({a, b, c}) == 3]
    rng.shuffle(extra)
    for p in pool + extra:
        yield p + ("县" if rng.random() < 0.2 else "区")


def _safe(title: str) -> str:
    return re.sub(r'[\\/:*?"<>|]', "_", title)


def generate_corpus(out_dir: Path, n_reports: int, seed: int = 0,
                    agencies: list[str] | None = None) -> list[Report]:  # fmt: skip
    """Write n_reports .txt reports under out_dir/<agency>/<year>/<title>.txt (about 1 in 10
    in GB18030, a few with CRLF line ends or full-width digits) and
    out_dir/registry/agencies.csv listing every agency used. Each bureau gets ten years
    (2016-2025) of figures, a 法治政府建设 report a year, now and then a 信息公开 report, and
    its IP and earthquake bureaus (same district) now and then their own reports.
    `agencies`: the bureaus to use first (canonical names); generated ones follow if more
    reports are needed. Returns the reports, each with `path` set."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    given = list(dict.fromkeys(agencies or []))
    generated = (d + "科学技术局" for d in _district_names(rng))
    registry: list[dict] = []
    reports: list[Report] = []
    dirs: set[Path] = set()
    used: set[str] = set()
    while len(reports) < n_reports:
        bureau = given.pop(0) if given else next(generated)
        if bureau in used:
            continue
        district = district_of(bureau)
        subs = [district + "知识产权局", district + "地震局"] if district else []
        subs = [s for s in subs if s not in used]
        used.update([bureau, *subs])
        registry.extend(
            _registry_rows(sum(r["kind"] == "bureau" for r in registry) + 1, bureau, subs)
        )
        arng = random.Random(f"{seed}:{bureau}")
        series = {name: _series(arng, name) for name in [bureau, *subs]}
        name_forms = [bureau, district + "科技局"] if district else [bureau]
        for y in YEARS:
            figs: Figures = {}
            prev: Figures = {}
            for name in [bureau, *subs]:
                figs.update(series[name][y])
                prev.update(series[name].get(y - 1, {}))
            slots = [(bureau, "fazhi")]
            if arng.random() < 0.45:
                slots.append((bureau, "xxgk"))
            slots += [(s, "fazhi") for s in subs if arng.random() < 0.25]
            for agency, style in slots:
                if len(reports) >= n_reports:
                    break
                mine = agency == bureau
                rep = _bench_report(arng, agency, y, figs, prev, subs if mine else [], style,
                                    name_forms if mine else [agency])  # fmt: skip
                rep.path = f"{_safe(agency)}/{y}/{_safe(rep.title)}.txt"
                _write(out_dir / rep.path, rep, arng, dirs)
                reports.append(rep)
    reg = out_dir / "registry" / "agencies.csv"
    reg.parent.mkdir(parents=True, exist_ok=True)
    with reg.open("w", encoding="utf-8", newline="") as fh:
        wr = csv.DictWriter(fh, fieldnames=REGISTRY_COLUMNS, lineterminator="\n")
        wr.writeheader()
        wr.writerows(registry)
    return reports


def region_of(k: int, district: str) -> str:
    """省/市/区县 of the k-th generated bureau (from 1): ten districts a city, fifteen
    cities a province, so the 45,000-report benchmark spans about sixteen provinces."""
    city = (k - 1) // DISTRICTS_PER_CITY
    province = city // CITIES_PER_PROVINCE
    p = _REGION_PAIRS[province % len(_REGION_PAIRS)] + "省"
    c = _REGION_PAIRS[(province * CITIES_PER_PROVINCE + city % CITIES_PER_PROVINCE + 7)
                      % len(_REGION_PAIRS)] + "市"  # fmt: skip
    return f"{p}/{c}/{district}"


def _registry_rows(k: int, bureau: str, subs: list[str]) -> list[dict]:
    district = district_of(bureau)
    region = region_of(k, district or bureau)
    bid = f"b{k:05d}_kjj"
    rows = [{
        "agency_id": bid, "name_zh": bureau,
        "short_zh": (district + "科技局") if district else bureau,
        "name_en": f"District {k:05d} Science and Technology Bureau",
        "short_en": f"D{k:05d} Science", "parent_id": "", "kind": "bureau",
        "sort_order": k * 10,
        "aliases": "|".join(dict.fromkeys(
            [bureau, *([district + "科技局"] if district else [])])),
        "region": region,
    }]  # fmt: skip
    for j, sub in enumerate(subs, start=1):
        tag, en, short, kind = (
            ("zscqj", "Intellectual Property Office", "IP Office", "subordinate")
            if agency_kind(sub) == "ip"
            else ("dzj", "Earthquake Bureau", "Earthquake Bureau", "internal")
        )
        rows.append({
            "agency_id": f"b{k:05d}_{tag}", "name_zh": sub, "short_zh": sub,
            "name_en": f"District {k:05d} {en}", "short_en": f"D{k:05d} {short}",
            "parent_id": bid, "kind": kind, "sort_order": k * 10 + j, "aliases": sub,
            "region": region,
        })  # fmt: skip
    return rows


def _bench_report(rng, agency, year, figs, prev, subs, style, name_forms) -> Report:
    chosen: Figures = {}
    for (a, ind), v in figs.items():
        if a == agency:
            if style == "xxgk" and ind not in _XXGK_INDS:
                continue
            chosen[(a, ind)] = v
        elif a in subs and ind in _SUB_IN_BUREAU.get(agency_kind(a), ()):
            chosen[(a, ind)] = v
    # a stated cut % now and then only; otherwise it is derivable (optional)
    for a in [agency, *subs]:
        if (a, "approval_time_cut_pct") in chosen and rng.random() < 0.5:
            del chosen[(a, "approval_time_cut_pct")]
    return make_report(
        agency, year, chosen, rng, subs, style, title_name=_pick(rng, name_forms),
        refs={s: s for s in subs}, prev=prev,
    )  # fmt: skip


_FULL = str.maketrans("0123456789%", "０１２３４５６７８９％")


def _write(path: Path, rep: Report, rng: random.Random, dirs: set[Path]) -> None:
    if path.parent not in dirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        dirs.add(path.parent)
    text = rep.text
    r = rng.random()
    if r < 0.03:  # full-width digits in the body
        head, _, body = text.partition("\n")
        text = head + "\n" + body.translate(_FULL)
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.1:
        rep.encoding = "gb18030"
    with open(path, "wb") as fh:
        fh.write(text.encode(rep.encoding))
