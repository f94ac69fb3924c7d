#!/usr/bin/env bash
# `npm test`: every test — lint, dead code, format, types, secrets, unit + emulator + store (SQLite and PostgreSQL),
# then e2e in Chromium against the built app and the emulator; then the unit suite and the e2e specs that touch the
# runtime on Node 24 LTS. Starts what it needs (PostgreSQL, Chromium, Node 24) itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n==> %s\n' "$*"; }
runtime() { printf 'Node %s (%s)' "$(node --version)" "$(command -v node)"; }

step "lint"
npm run lint
step "dead code (knip: files, exports and dependencies nothing uses)"
npm run lint:dead-code
step "format (prettier)"
npm run format:check
step "typecheck"
npm run typecheck
step "secrets in tracked files (secretlint)"
npm run lint:secrets

step "PostgreSQL for the store suite"
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh
export REQUIRE_POSTGRES=1

step "unit, emulator and store tests on $(runtime)"
npx vitest run

step "Chromium for the e2e tests"
# shellcheck source=scripts/ensure-chromium.sh
source scripts/ensure-chromium.sh

step "build"
npm run build

step "e2e (Playwright, Chromium) on $(runtime)"
npx playwright test

if [[ $(node -p 'process.versions.node.split(".")[0]') == 24 ]]; then
  echo "npm test ran on Node 24 already: no second pass"
  exit 0
fi

# The same unit and e2e suites on Node 24 LTS. The build needs no second run (its output is plain JavaScript), but
# better-sqlite3's native addon is built for one Node ABI: this Node's build is kept aside and put back on exit,
# however the pass ends.
RUNTIME_SPECS=(
  e2e/foundation/sign-in-hardening.spec.ts
  e2e/roles/sign-out.spec.ts
  e2e/credentials/secret-leak.spec.ts
  e2e/credentials/kinds.spec.ts
  e2e/credentials/registry.spec.ts
  e2e/diagnostics/acme-reporter.spec.ts
  e2e/diagnostics/jwt-profile.spec.ts
  e2e/diagnostics/faults.spec.ts
  e2e/runs/test-all.spec.ts
  e2e/foundation/shutdown.spec.ts
)
step "Node 24 LTS"
pass_started=$SECONDS
# shellcheck source=scripts/node24.sh
source scripts/node24.sh
sqlite_addon_for_path
trap 'echo "putting back better-sqlite3 for $(runtime)"; sqlite_addon_for_path' EXIT
trap 'exit 130' INT TERM
(
  use_node24
  sqlite_addon_for_path
  step "unit, emulator and store tests on $(runtime)"
  npx vitest run
  # Playwright starts node_modules/.bin/next and tsx, which run the `node` first on the PATH: this one.
  # The full e2e suite ran on the first pass; here only the specs whose outcome the runtime can change: sign-in
  # (next-auth, cookies), crypto (envelopes, JWT-profile signing), SQLite (the native addon), outbound fetch
  # (undici, deadlines, faults), the run's event stream (SSE) and the process's shutdown.
  step "e2e specs that touch the runtime (Playwright, Chromium) on $(runtime)"
  npx playwright test "${RUNTIME_SPECS[@]}"
)
echo "Node 24 pass: $((SECONDS - pass_started)) s; npm test: $SECONDS s"
