#!/usr/bin/env bash
# `npm test`: every test — lint, types, secrets, unit + emulator + store (SQLite and PostgreSQL), then e2e in Chromium
# against the built app and the emulator. Starts what it needs (PostgreSQL, Chromium) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n==> %s\n' "$*"; }

step "lint"
npm run lint
step "typecheck"
npm run typecheck
step "secrets in tracked files (secretlint)"
npm run lint:secrets

step "PostgreSQL for the store suite"
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh
export REQUIRE_POSTGRES=1

step "unit, emulator and store tests"
npx vitest run

step "Chromium for the e2e tests"
# shellcheck source=scripts/ensure-chromium.sh
source scripts/ensure-chromium.sh

step "build"
npm run build

step "e2e (Playwright, Chromium)"
npx playwright test
