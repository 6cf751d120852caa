#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests that need a real server: created in a
# temp dir, listening on 127.0.0.1 only (on a free port), trust auth, one database
# `reachout`. `npm test` never needs it; `bash .ci/run` starts one.
#
#   bash scripts/postgres-test-server.sh run <command…>   start, run the command with the env below, remove
#   exports="$(bash scripts/postgres-test-server.sh start)" && eval "$exports"   start; prints the env as `export` lines
#   bash scripts/postgres-test-server.sh destroy <root>   stop and remove a cluster made by `start`
#   bash scripts/postgres-test-server.sh ctl <root> stop|start   what the server-restart test runs
#
# The env: REACHOUT_TEST_POSTGRES_URL (postgres://postgres@127.0.0.1:<port>/reachout),
# REACHOUT_TEST_POSTGRES_DATADIR, REACHOUT_TEST_POSTGRES_CTL (a command taking `stop` or
# `start`) and REACHOUT_TEST_POSTGRES_ROOT (the temp dir). The binaries come from
# REACHOUT_POSTGRES_BIN, default Debian's /usr/lib/postgresql/15/bin. initdb and
# postgres refuse to run as root: as root they run as the `postgres` user.
set -euo pipefail

script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
bin="${REACHOUT_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

pg_ctl_of() { # <root> <stop|start>
  local root=$1 action=$2
  case "$action" in
    stop) as_owner "$bin/pg_ctl" -D "$root/data" -m fast -w -t 60 stop > /dev/null ;;
    start) as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 start > /dev/null ;;
    *) echo "usage: $0 ctl <root> stop|start" >&2; exit 2 ;;
  esac
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "no PostgreSQL server binaries in $bin (set REACHOUT_POSTGRES_BIN)" >&2
    exit 1
  fi
  local root port
  root="$(mktemp -d "${TMPDIR:-/tmp}/reachout-pg.XXXXXX")"
  if [ "$(id -u)" = 0 ]; then chown postgres "$root"; fi
  as_owner "$bin/initdb" -D "$root/data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync > "$root/initdb.log" 2>&1 || {
    cat "$root/initdb.log" >&2
    exit 1
  }
  port="$(free_port)"
  # In the config file, so `ctl … start` brings it back on the same port and socket.
  cat >> "$root/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root'
CONF
  pg_ctl_of "$root" start || {
    cat "$root/server.log" >&2
    exit 1
  }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres reachout
  printf 'export REACHOUT_TEST_POSTGRES_ROOT=%q\n' "$root"
  printf 'export REACHOUT_TEST_POSTGRES_DATADIR=%q\n' "$root/data"
  printf 'export REACHOUT_TEST_POSTGRES_URL=%q\n' "postgres://postgres@127.0.0.1:$port/reachout"
  printf 'export REACHOUT_TEST_POSTGRES_CTL=%q\n' "bash $script ctl $root"
}

destroy() { # <root>
  local root=$1
  case "$root" in
    */reachout-pg.*) ;;
    *) echo "refusing to remove $root: not a cluster made by $0" >&2; exit 2 ;;
  esac
  if [ -f "$root/data/postmaster.pid" ]; then pg_ctl_of "$root" stop || true; fi
  rm -rf "$root"
}

command="${1:-}"
shift || true
case "$command" in
  start) start ;;
  destroy) destroy "$1" ;;
  ctl) pg_ctl_of "$1" "$2" ;;
  run)
    # Assigned first: a failed start then stops the script (`eval "$(…)"` would not).
    exports="$(start)"
    eval "$exports"
    trap 'destroy "$REACHOUT_TEST_POSTGRES_ROOT"' EXIT
    echo "PostgreSQL test server at $REACHOUT_TEST_POSTGRES_URL" >&2
    "$@"
    ;;
  *)
    sed -n '2,/^set /p' "$script" | grep '^#' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
