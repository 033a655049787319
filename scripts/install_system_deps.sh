#!/usr/bin/env bash
# Debian packages that some tests need: Chromium (browser tests) and a CJK font (Chinese in
# the browser's screenshots; without it every Chinese glyph is drawn as a box). Idempotent.
# As root it installs them; as another user it prints the command, and the tests that
# need them skip with that reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -qi "Noto Sans CJK"; }; then
  need+=(fonts-noto-cjk)
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
