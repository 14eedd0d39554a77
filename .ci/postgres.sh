# shellcheck shell=bash
# Sourced by .ci/run (bash, set -euo pipefail): a PostgreSQL server on 127.0.0.1 with a role and a database
# for the store tests, then ACCORD_TEST_POSTGRES pointing at it. Safe to run twice. Needs root (or sudo).

accord_pg_user="accord_test"
accord_pg_password="accord_test"
accord_pg_db="accord_test"

accord_pg_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
accord_pg_psql() { accord_pg_as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtAX -p $accord_pg_port $*"; }

# The newest PostgreSQL that Debian's packages installed (postgresql-common's layout).
accord_pg_version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$accord_pg_version" ]; then
    echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql: apt-get install postgresql" >&2
    return 1
fi

# A fresh container may lack the cluster apt would have made (policy-rc.d, or a removed one).
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$accord_pg_version" '$1 == v && $2 == "main" {found=1} END {exit !found}'; then
    accord_pg_as_root pg_createcluster "$accord_pg_version" main >/dev/null
fi
# Its port (5432 unless another cluster had it when it was made) and whether it runs.
accord_pg_port="$(pg_lsclusters -h | awk -v v="$accord_pg_version" '$1 == v && $2 == "main" {print $3}')"
if ! pg_lsclusters -h | awk -v v="$accord_pg_version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    accord_pg_as_root pg_ctlcluster "$accord_pg_version" main start
fi

# Wait until it accepts connections (start can return before recovery has finished on a slow disk).
for _ in $(seq 1 30); do
    if accord_pg_psql "-c 'SELECT 1'" >/dev/null 2>&1; then
        break
    fi
    sleep 1
done

# Role and database, created only when missing; the password is set every time so a rerun repairs it.
accord_pg_psql "-c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$accord_pg_user') THEN CREATE ROLE $accord_pg_user LOGIN; END IF; END \\\$\\\$\"" >/dev/null
accord_pg_psql "-c \"ALTER ROLE $accord_pg_user WITH LOGIN PASSWORD '$accord_pg_password'\"" >/dev/null
if [ -z "$(accord_pg_psql "-c \"SELECT 1 FROM pg_database WHERE datname = '$accord_pg_db'\"")" ]; then
    accord_pg_as_root su postgres -c "createdb -p $accord_pg_port -O $accord_pg_user $accord_pg_db"
fi

export ACCORD_TEST_POSTGRES="postgresql://$accord_pg_user:$accord_pg_password@127.0.0.1:$accord_pg_port/$accord_pg_db"
unset accord_pg_user accord_pg_password accord_pg_db accord_pg_port accord_pg_version
unset -f accord_pg_as_root accord_pg_psql
