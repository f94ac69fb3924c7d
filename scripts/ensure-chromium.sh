#!/usr/bin/env bash
# Sourced by test-all.sh: exports CHROMIUM_PATH, installing Debian's chromium when it can.
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  return 0
fi
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    export CHROMIUM_PATH="$(command -v "$candidate")"
    echo "using $CHROMIUM_PATH"
    return 0
  fi
done
if npx --no-install playwright --version >/dev/null 2>&1 && node -e "
  const { chromium } = require('@playwright/test');
  process.exit(require('node:fs').existsSync(chromium.executablePath()) ? 0 : 1)" 2>/dev/null; then
  echo "using Playwright's own Chromium"
  return 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium (apt-get)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  export CHROMIUM_PATH=/usr/bin/chromium
  return 0
fi
cat >&2 <<'MSG'
The e2e tests need Chromium and none was found.
Install one of: Debian/Ubuntu `sudo apt-get install chromium`; or Playwright's build `npx playwright install chromium`;
or set CHROMIUM_PATH to a Chromium/Chrome executable.
MSG
exit 1
