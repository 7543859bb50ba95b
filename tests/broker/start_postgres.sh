#!/bin/sh
# Start a throw-away PostgreSQL server for the broker tests and print its URL.
#
#   eval "$(tests/broker/start_postgres.sh)"   # sets POLYPACT_TEST_POSTGRES_URL
#   tests/broker/start_postgres.sh stop        # stops it and removes its data
#
# The server listens on a unix socket in its folder only (no TCP port, so nothing to guess
# or collide with), with trust authentication for the local user "postgres". Data lives
# in $POLYPACT_PG_DIR (default /tmp/polypact-pg). Needs Debian's postgresql package; run
# as root (the server itself runs as the postgres user) or as the postgres user.
set -eu
DIR="${POLYPACT_PG_DIR:-/tmp/polypact-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "start_postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() {
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if [ "${1:-start}" = stop ]; then
    [ -d "$DIR/data" ] && as_pg "'$BIN/pg_ctl' -D '$DIR/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$DIR"
    exit 0
fi
if [ ! -d "$DIR/data" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "'$BIN/initdb' -D '$DIR/data' -U postgres --auth=trust -E UTF8 >/dev/null"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DIR/data' status" >/dev/null 2>&1; then
    as_pg "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w \
        -o \"-c listen_addresses='' -k $DIR -c max_connections=300 -c fsync=off\" start" >/dev/null
fi
echo "export POLYPACT_TEST_POSTGRES_URL='postgresql://postgres@/postgres?host=$DIR'"
