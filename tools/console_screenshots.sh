#!/usr/bin/env bash
# Regenerates docs/console-*.png: runs the console's browser test (headless Chromium against
# build/stepsim, or $STEPSIM_BIN) with STEPSIM_SCREENSHOT_DIR=docs. Build stepsim first.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "console_screenshots: $chromium is missing (apt-get install chromium, or set CHROMIUM_BIN)" >&2
  exit 1
fi
STEPSIM_SCREENSHOT_DIR=docs node --test tests/clients/js/console.test.mjs
ls -l docs/console-*.png
