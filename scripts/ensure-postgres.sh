#!/usr/bin/env bash
# Sourced by test-all.sh: exports TEST_DATABASE_URL, starting this machine's PostgreSQL when none is given.
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  echo "using TEST_DATABASE_URL from the environment"
  return 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  cat >&2 <<'MSG'
PostgreSQL is needed for the store tests and was not found.
Either install it (Debian: apt-get install -y postgresql) or point TEST_DATABASE_URL at an empty database you own,
e.g. TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/m2m_test npm test
MSG
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Starting PostgreSQL needs root here. Run as root, or set TEST_DATABASE_URL to a database you own." >&2
  exit 1
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [[ -z "$cluster" ]]; then
  echo "No PostgreSQL cluster exists. Create one (pg_createcluster 15 main) or set TEST_DATABASE_URL." >&2
  exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'm2m_test') THEN
    CREATE ROLE m2m_test LOGIN PASSWORD 'm2m_test';
  END IF;
END \$\$;
SQL
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'm2m_console_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O m2m_test m2m_console_test"
# Whatever created it before, the test role must own it: each run creates and drops its own schema there.
su postgres -c "psql -p $port -q -c 'ALTER DATABASE m2m_console_test OWNER TO m2m_test'"
export TEST_DATABASE_URL="postgres://m2m_test:m2m_test@127.0.0.1:${port}/m2m_console_test"
echo "PostgreSQL ready on 127.0.0.1:${port} (database m2m_console_test)"
