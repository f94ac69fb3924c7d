#!/usr/bin/env bash
# Secrets in tracked files: secretlint's recommended rules (.secretlintrc.json) over exactly what git tracks, so a
# key under data/ or a local .env is never read and a tracked one never missed. .secretlintignore lists the files
# whose credentials are public on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "secretlint scans the files git tracks: run it in a git checkout." >&2
  exit 1
fi
# --no-glob: paths such as app/api/credentials/[id]/route.ts are names, not patterns.
git ls-files -z | xargs -0 node_modules/.bin/secretlint --no-glob --format compact
echo "secretlint: $(git ls-files | wc -l) tracked files, no secrets found"
