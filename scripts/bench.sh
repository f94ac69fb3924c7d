#!/usr/bin/env bash
# `npm run bench`: finds (or installs) Chromium the way `npm test` does, then runs the benchmark with any arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# shellcheck source=scripts/ensure-chromium.sh
source scripts/ensure-chromium.sh
exec node_modules/.bin/tsx scripts/bench/index.ts "$@"
