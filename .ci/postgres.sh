# shellcheck shell=bash
# Sourced by .ci/run (bash, set -euo pipefail): a PostgreSQL server on 127.0.0.1:5432 with a role and a
# database for the store tests, then ACCORD_TEST_POSTGRES pointing at it. Safe to run twice.

accord_pg_user="accord_test"
accord_pg_password="accord_test"
accord_pg_db="accord_test"
accord_pg_port="5432"

# The newest PostgreSQL that Debian's packages installed (postgresql-common's layout).
accord_pg_version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [ -z "$accord_pg_version" ]; then
    echo "postgres.sh: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
fi

# A fresh container may lack the cluster apt would have made (no systemd, or policy-rc.d forbade it).
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$accord_pg_version main"; then
    pg_createcluster "$accord_pg_version" main --port "$accord_pg_port" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$accord_pg_version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    pg_ctlcluster "$accord_pg_version" main start
fi

# Wait until it accepts connections (start returns before recovery has finished on a slow disk).
for _ in $(seq 1 30); do
    if su postgres -c "psql -qtA -p $accord_pg_port -c 'SELECT 1'" >/dev/null 2>&1; then
        break
    fi
    sleep 1
done

# Role and database, created only when missing; the password is set every time so a rerun repairs it.
su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -p $accord_pg_port" >/dev/null <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$accord_pg_user') THEN
        CREATE ROLE $accord_pg_user LOGIN;
    END IF;
END
\$\$;
ALTER ROLE $accord_pg_user WITH LOGIN PASSWORD '$accord_pg_password';
SQL
if [ -z "$(su postgres -c "psql -qtA -p $accord_pg_port -c \"SELECT 1 FROM pg_database WHERE datname = '$accord_pg_db'\"")" ]; then
    su postgres -c "createdb -p $accord_pg_port -O $accord_pg_user $accord_pg_db"
fi

export ACCORD_TEST_POSTGRES="postgresql://$accord_pg_user:$accord_pg_password@127.0.0.1:$accord_pg_port/$accord_pg_db"
unset accord_pg_user accord_pg_password accord_pg_db accord_pg_port accord_pg_version
