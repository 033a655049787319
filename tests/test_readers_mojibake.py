"""Mojibake: a report whose bytes were once read as Windows-1252 (or Latin-1) and saved
again, so its Chinese arrives as `ç§‘æŠ€å±€`. Read as it is, it gives no title, year or
fact and is refused for a reason that hides the cause; repaired, it gives what the clean
report gives. Ordinary text, with a stray × or é, is left exactly as it is.

The pages are our own (tests/html_pages.py); the damage is made the way a browser makes it."""

from __future__ import annotations

from pathlib import Path

import html_pages as hp
import pytest

from etl import pipeline
from etl.readers import mojibake
from etl.readers.text import decode
from etl.registry import Registry

DATA = Path(__file__).resolve().parents[1] / "data"
HOLES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # bytes Windows-1252 leaves undefined


def as_windows_1252(raw: bytes) -> str:
    """The bytes as a browser reads them as Windows-1252: its holes become C1 controls."""
    return "".join(chr(b) if b < 0x80 or b in HOLES else bytes([b]).decode("cp1252") for b in raw)


def as_latin_1(raw: bytes) -> str:
    return raw.decode("latin-1")


REPORT = hp.as_text(hp.LAW_TITLE, hp.LAW)

# name: (how the text was damaged, the codec of the bytes before)
DAMAGE = {
    "UTF-8 read as Windows-1252": (lambda s: as_windows_1252(s.encode("utf-8")), "utf-8"),
    "UTF-8 read as Latin-1": (lambda s: as_latin_1(s.encode("utf-8")), "utf-8"),
    "GBK read as Windows-1252": (lambda s: as_windows_1252(s.encode("gb18030")), "gb18030"),
    "GBK read as Latin-1": (lambda s: as_latin_1(s.encode("gb18030")), "gb18030"),
}


@pytest.fixture(scope="module")
def registry():
    return Registry.load(DATA)


def _facts(p) -> list[tuple]:
    return sorted((f.agency, f.year, f.indicator, f.value, f.quote) for f in p.facts)


@pytest.mark.parametrize("name", DAMAGE)
def test_a_damaged_report_gives_what_the_clean_one_gives(tmp_path, registry, name):
    damage, codec = DAMAGE[name]
    clean, bad = tmp_path / "clean.txt", tmp_path / "damaged.txt"
    clean.write_text(REPORT, encoding="utf-8")
    bad.write_text(damage(REPORT), encoding="utf-8")  # saved again, as UTF-8
    want = pipeline.process_file(clean, registry, strict=True)
    got = pipeline.process_file(bad, registry, strict=True)
    assert want.facts and _facts(got) == _facts(want)
    assert (got.agency, got.year) == (want.agency, want.year)
    assert got.encoding.startswith(codec) and "mojibake" in got.encoding


@pytest.mark.parametrize("name", ["UTF-8 read as Windows-1252", "GBK read as Latin-1"])
def test_a_damaged_web_page_gives_what_the_clean_page_gives(tmp_path, registry, name):
    damage, _ = DAMAGE[name]
    page = hp.as_page(hp.LAW_TITLE, hp.LAW_META, hp.LAW)
    clean, bad = tmp_path / "clean.html", tmp_path / "damaged.html"
    clean.write_text(page, encoding="utf-8")
    bad.write_text(damage(page), encoding="utf-8")
    want = pipeline.process_file(clean, registry, strict=True)
    got = pipeline.process_file(bad, registry, strict=True)
    assert want.facts and _facts(got) == _facts(want)


def test_a_lost_byte_costs_its_own_character_not_the_report():
    """A saver that could not map a byte wrote `?`: the rest is still repaired."""
    damaged = as_windows_1252(REPORT.encode("utf-8"))
    cut = damaged.index(as_windows_1252("执法".encode()))
    damaged = damaged[:cut] + "?" + damaged[cut + 1 :]  # the first byte of 执 lost
    fixed, codec = mojibake.repair(damaged)
    assert codec == "utf-8"
    assert hp.LAW_TITLE in fixed
    assert fixed.count("\ufffd") <= 2 and "执法" not in fixed[cut - 2 : cut + 4]


@pytest.mark.parametrize(
    "text",
    [
        REPORT,  # clean Chinese
        REPORT.replace(
            "。", "。长×宽 3×4，咖啡 café，温度 25°C，· 间隔号。", 3
        ),  # a few Western signs
        "Rapport annuel. Café, résumé, naïve, à côté, déjà vu, élève. " * 5,  # real French
        "Straße, Größe, Übung, schön, müde, Äpfel, Öl, weiß. " * 5,  # real German
    ],
    ids=["chinese", "chinese-with-signs", "french", "german"],
)
def test_ordinary_text_is_left_as_it_is(text):
    assert mojibake.repair(text) is None
    got, encoding = decode(text.encode("utf-8"))
    assert got == text.replace("\r\n", "\n") and encoding == "utf-8"
