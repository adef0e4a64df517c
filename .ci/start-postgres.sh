#!/usr/bin/env bash
# Bring up a local PostgreSQL server for harmwatch's tests and print the DSN.
#
# Idempotent: on a fresh Debian machine (run as root) it installs PostgreSQL
# from Debian's packages, creates and starts the default cluster, and creates
# a test role and database; on a machine where any of that is already done it
# only does what is missing. Safe to run twice.
#
# Everything it says goes to stderr; the only line on stdout is the DSN, so:
#     export HARMWATCH_TEST_PG="$(bash .ci/start-postgres.sh)"
# and, when the tests are done (optional; the server otherwise keeps running):
#     bash .ci/start-postgres.sh --stop
#
# Settings (environment):
#     HARMWATCH_PG_USER      role to create        (default harmwatch)
#     HARMWATCH_PG_PASSWORD  its password          (default harmwatch)
#     HARMWATCH_PG_DB        database to create    (default harmwatch_test)
#     HARMWATCH_PG_POSTGIS   1 = also install PostGIS and enable it in the database
#                            (best effort; harmwatch does not need it)
set -euo pipefail

PG_USER="${HARMWATCH_PG_USER:-harmwatch}"
PG_PASSWORD="${HARMWATCH_PG_PASSWORD:-harmwatch}"
PG_DB="${HARMWATCH_PG_DB:-harmwatch_test}"
WANT_POSTGIS="${HARMWATCH_PG_POSTGIS:-0}"

log() { echo "start-postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

if [ "${1:-}" = --stop ]; then
    command -v pg_lsclusters >/dev/null 2>&1 || exit 0
    pg_lsclusters -h | while read -r ver name _port status _rest; do
        if [ "$status" = online ]; then
            log "stopping cluster $ver/$name"
            pg_ctlcluster "$ver" "$name" stop >&2 || log "could not stop $ver/$name"
        fi
    done
    exit 0
fi

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts the server as the postgres user)"

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=600 update -q >&2
        apt_updated=1
    fi
    log "apt-get install $*"
    apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@" >&2
}

newest_version() {
    # The newest PostgreSQL major version whose server binaries are installed.
    local v
    v=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
        echo "$v"
    fi
}

# 1. Install the server if it is not there.
PG_VERSION="$(newest_version)"
if [ -z "$PG_VERSION" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql postgresql-contrib
    PG_VERSION="$(newest_version)"
    [ -n "$PG_VERSION" ] || die "PostgreSQL server binaries not found after installing"
fi
log "PostgreSQL $PG_VERSION"

if [ "$WANT_POSTGIS" = 1 ] && [ ! -e "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]; then
    apt_install "postgresql-$PG_VERSION-postgis-3" || log "PostGIS not installed (optional)"
fi

# 2. Make sure a cluster exists (package install normally creates 'main'; some images skip it).
CLUSTER="$(pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v {print $2; exit}')"
if [ -z "$CLUSTER" ]; then
    CLUSTER=main
    log "creating cluster $PG_VERSION/$CLUSTER"
    pg_createcluster "$PG_VERSION" "$CLUSTER" >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3; exit}')"

# 3. Start it if it is down. pg_ctlcluster runs the server as its owner (postgres) and works
#    without systemd, which containers usually lack.
status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4; exit}')"
if [ "$status" != online ]; then
    log "starting cluster $PG_VERSION/$CLUSTER on port $PG_PORT"
    pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2 \
        || { tail -n 30 "/var/log/postgresql/postgresql-$PG_VERSION-$CLUSTER.log" >&2 || true;
             die "the cluster did not start"; }
fi

for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
        break
    fi
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || die "server not accepting connections on 127.0.0.1:$PG_PORT"

# 4. The role and the database (as the postgres superuser over the local socket). The
#    database uses the C collation, so text sorts by code point as SQLite's BINARY does.
psql_admin() {
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}
sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = $(sql_literal "$PG_USER")")" != 1 ]; then
    log "creating role $PG_USER"
    psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD $(sql_literal "$PG_PASSWORD")" >&2
else
    # Keep the password in step with the settings, in case they changed.
    psql_admin -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD $(sql_literal "$PG_PASSWORD")" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = $(sql_literal "$PG_DB")")" != 1 ]; then
    log "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >&2
fi
# A throwaway test database: commits need not wait for the disk (many short DDL transactions).
psql_admin -c "ALTER DATABASE \"$PG_DB\" SET synchronous_commit = off" >&2
if [ "$WANT_POSTGIS" = 1 ] && [ -e "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]; then
    psql_admin -d "$PG_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2 || log "PostGIS not enabled"
fi

# 5. Check the DSN really works over TCP with the password, then print it.
DSN="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
PGPASSWORD="$PG_PASSWORD" psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" \
    -tAc "SELECT 1" >/dev/null || die "cannot log in as $PG_USER to $PG_DB over TCP"
log "ready"
echo "$DSN"
