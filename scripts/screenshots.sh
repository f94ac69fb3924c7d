#!/usr/bin/env bash
# Refreshes the README's screenshots (docs/screenshots/*.png) from the running app, through the e2e setup:
# the built app (`npm run build` first) and the emulator on the e2e ports, a fresh database, the demo admin.
# Pass the usual e2e environment (CHROMIUM_PATH, E2E_APP_PORT, E2E_EMULATOR_PORT) when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
SCREENSHOTS_DIR=docs/screenshots exec npx playwright test e2e/a11y/screenshots.spec.ts "$@"
