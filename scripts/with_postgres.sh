#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 + PostGIS cluster on a free loopback
# port under a temp dir; the cluster is stopped and removed afterwards, whatever happens.
# The command sees KMZB_TEST_DB=postgresql://kmzb@127.0.0.1:PORT/kmzb_test, and the
# directory of the cluster's Unix socket in KMZB_TEST_PGSOCKET.
# shared_buffers 1GB as a production server would have it (PostgreSQL's 128MB default holds
# too little of a million reports for the bench; docs/guide-admin.md).
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 is not installed (make setup installs it)" >&2; exit 1; }
dir=$(mktemp -d /tmp/kmzb-pg.XXXXXX)
chmod 755 "$dir"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() { "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U kmzb --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=1GB" start >/dev/null
"${as_pg[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U kmzb kmzb_test
"${as_pg[@]}" "$PGBIN/psql" -q -h 127.0.0.1 -p "$port" -U kmzb -d kmzb_test -c 'CREATE EXTENSION postgis' >/dev/null
export KMZB_TEST_DB="postgresql://kmzb@127.0.0.1:$port/kmzb_test"
export KMZB_TEST_PGSOCKET="$dir"
echo "PostgreSQL + PostGIS on 127.0.0.1:$port" >&2
"$@"
