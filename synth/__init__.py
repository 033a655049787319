"""Deterministic synthetic annual reports, for the demo corpus (scripts/make_demo_corpus.py)
and for the build benchmark (scripts/bench_etl.py). Not part of the ETL.

    synth/report.py       make_report: one report's text and the facts it must yield
    synth/templates.toml  the words of the reports (sentence templates, distractors …)
    synth/corpus.py       generate_corpus: many reports and their registry, in a folder
"""

from synth.corpus import generate_corpus, region_of
from synth.report import CONTRACT_IDS, Report, cn_int, make_report

__all__ = ["CONTRACT_IDS", "Report", "cn_int", "generate_corpus", "make_report", "region_of"]
