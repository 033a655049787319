#!/usr/bin/env bash
# Debian packages that some tests need: Chromium (browser tests) and a CJK font (Chinese in
# the browser's screenshots; without it every Chinese glyph is drawn as a box). Idempotent.
# As root it installs them; as another user it prints the command, and the tests that
# need them skip with that reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# LibreOffice converts old Office and WPS files (.doc .wps .odt .xls .et .ods) for the ETL
# (etl/readers/office.py); without it they are set aside naming these packages, and their tests skip
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer libreoffice-calc)
# ... and its Impress renders the meeting pack (tests/test_deck_native.py: the PPTX in
# LibreOffice, to PDF, with real glyphs); without it that test skips, naming this package
[ -e /usr/lib/libreoffice/share/.registry/impress.xcd ] || need+=(libreoffice-impress)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -qi "Noto Sans CJK"; }; then
  need+=(fonts-noto-cjk)
fi
# libGL and GLib for opencv-python, which rapidocr-onnxruntime (OCR of scans) loads; without
# them scans are set aside and the OCR tests skip, saying so
if command -v ldconfig >/dev/null 2>&1; then
  ldconfig -p | grep -q "libGL.so.1 " || need+=(libgl1)
  ldconfig -p | grep -q "libglib-2.0.so.0 " || need+=(libglib2.0-0)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null) \
    || echo "could not install ${need[*]}; the browser tests will skip"
else
  echo "Browser tests need: sudo apt-get install -y ${need[*]}  (they skip until then)"
fi
exit 0
