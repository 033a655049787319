#!/usr/bin/env python3
"""Check tests/realshaped/gold.jsonl against the documents in tests/realshaped/docs/.

usage: python3 tests/realshaped/check_gold.py [DIR]

DIR (default: this folder) holds gold.jsonl and docs/; tests/heldout is checked the same way
(python3 tests/realshaped/check_gold.py tests/heldout). A .docx document is read as its
paragraphs' text, one paragraph a line.

- every gold line names a document that exists (matched by basename, basenames unique);
- every document has gold lines (facts, or one {"none": true} line), and a "none" document has no facts;
- every indicator is one of the 24 contract ids;
- every quote occurs verbatim in its document (documents are UTF-8 or GB18030);
- every value occurs in its quote (an optional cut % may instead follow from the before/after days
  in its quote): as digits (half- or full-width), as Chinese numerals
  (十二, 两, 八成 = 80, 一半 = 50, 百分之百 = 100, 近百 = 100), or, for 0, as a zero in words (未, 无, 没有, 零…);
- no (doc, agency core, year, indicator) key carries two different must values;
- optional facts stay under 5%;
- the documents filed under docs/<单位>/<年度>/ name neither an agency nor a year in their text.
Exit status 0 when all checks pass.
"""

import contextlib
import json
import os
import re
import sys
import zipfile
from xml.etree import ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = {
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
}
DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000}
ZERO_WORDS = ("未", "无", "無", "没有", "沒有", "零", "0", "０")


def read_docx(path):
    """The text of a .docx: each paragraph's runs joined, one paragraph a line."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    paras = ("".join(t.text or "" for t in p.iter(w + "t")) for p in root.iter(w + "p"))
    return "\n".join(paras)


def read(path):
    if path.endswith(".docx"):
        return read_docx(path), "docx"
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def cn_to_int(s):
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in DIGITS:
            num = DIGITS[ch]
        elif ch in UNITS:
            u = UNITS[ch]
            if u == 10000:
                total += (section + num) * u
                section, num = 0, 0
            else:
                section += (num or 1) * u
                num = 0
    return total + section + num


def numbers_in(quote):
    q = quote.translate(str.maketrans("０１２３４５６７８９．％，", "0123456789.%,"))
    found = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", q):
        with contextlib.suppress(ValueError):
            found.add(float(m.group().replace(",", "")))
    for m in re.finditer(r"[零〇一二两兩三四五六七八九十百千万萬]+", q):
        v = cn_to_int(m.group())
        found.add(float(v))
        if q[m.end() : m.end() + 1] == "成":
            found.add(float(v * 10))
    if "一半" in q:
        found.add(50.0)
    if "百分之百" in q:
        found.add(100.0)
    if "近百" in q:
        found.add(100.0)
    return found


def derived_cut(g, v):
    """An optional cut % that the text does not state but that follows from 由A…至B (as in the dev set)."""
    if g.get("indicator") != "approval_time_cut_pct" or not g.get("optional"):
        return False
    nums = sorted(numbers_in(g.get("quote", "")), reverse=True)
    return any(abs((b - a) / b * 100 - v) < 0.5 for b in nums for a in nums if b > a > 0)


def core(agency):
    a = agency
    for long, short in (
        ("科学技术委员会", "科技局"),
        ("科学技术局", "科技局"),
        ("科技创新局", "科技局"),
        ("市场监督管理局", "市场监管局"),
    ):
        a = a.replace(long, short)
    return re.sub(r"^.*?[省市区县]", "", a) or a


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    here = os.path.abspath(args[0]) if args else HERE
    errors = []
    docs = {}
    for dirpath, _, files in os.walk(os.path.join(here, "docs")):
        for f in files:
            if f in docs:
                errors.append(f"basename {f} is not unique")
            docs[f] = os.path.join(dirpath, f)
    with open(os.path.join(here, "gold.jsonl"), encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    texts = {}
    for name, path in docs.items():
        texts[name] = read(path)[0]
    covered, none_docs, fact_docs = set(), set(), set()
    must_vals = {}
    facts = 0
    optional = 0
    for i, g in enumerate(gold, 1):
        where = f"gold line {i} ({g.get('doc')})"
        name = g.get("doc")
        if name not in docs:
            errors.append(f"{where}: no such document")
            continue
        covered.add(name)
        if g.get("none"):
            none_docs.add(name)
            continue
        fact_docs.add(name)
        facts += 1
        optional += bool(g.get("optional"))
        for field in ("agency", "year", "indicator", "value", "optional", "quote"):
            if field not in g:
                errors.append(f"{where}: missing {field}")
        if g.get("indicator") not in CONTRACT:
            errors.append(f"{where}: {g.get('indicator')} is not a contract indicator")
        quote = g.get("quote", "")
        if not quote or quote not in texts[name]:
            errors.append(f"{where}: quote not found verbatim: {quote!r}")
        v = float(g.get("value"))
        if v == 0:
            if not any(w in quote for w in ZERO_WORDS):
                errors.append(f"{where}: value 0 but no zero (digit or words) in quote {quote!r}")
        elif v not in numbers_in(quote) and not derived_cut(g, v):
            errors.append(f"{where}: value {g.get('value')} not in quote {quote!r}")
        if g.get("qualifier") not in (None, "at_least", "about"):
            errors.append(f"{where}: bad qualifier {g.get('qualifier')}")
        if not g.get("optional"):
            key = (name, core(g["agency"]), g["year"], g["indicator"])
            if key in must_vals and must_vals[key] != v:
                errors.append(f"{where}: {key} has two must values {must_vals[key]} and {v}")
            must_vals[key] = v
    for name in sorted(set(docs) - covered):
        errors.append(f"{name}: document has no gold line")
    for name in sorted(none_docs & fact_docs):
        errors.append(f"{name}: marked none but has facts")
    if facts and optional / facts >= 0.05:
        errors.append(f"optional share {optional}/{facts} is not under 5%")
    # documents filed under docs/<单位>/<年度>/ must not name an agency or a year
    for name, path in docs.items():
        rel = os.path.relpath(path, os.path.join(here, "docs"))
        parts = rel.split(os.sep)
        if len(parts) == 3:
            t = texts[name]
            if re.search(r"(19|20)\d\d", t):
                errors.append(f"{rel}: a year appears in a folder-only document")
            for word in ("周村", "科技局", "科学技术局", "知识产权局", "地震局", parts[0]):
                if word in t:
                    errors.append(f"{rel}: agency word {word} appears in a folder-only document")
    for e in errors:
        print("ERROR", e)
    print(
        f"{len(docs)} documents ({len(fact_docs)} with facts, {len(none_docs)} with none), "
        f"{facts} facts ({optional} optional, {optional / max(1, facts):.1%}); {len(errors)} errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
