#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster, then stops and removes the cluster.
#
#   Integrations/PostgresLedgerStore/Scripts/with-postgres.sh COMMAND [ARGS...]
#
# The cluster lives in a new temporary directory, owned by the `postgres` user (initdb and pg_ctl
# refuse to run as root), listens on 127.0.0.1 only, on a free port, with password
# authentication. The command sees POSTGRES_HOSTNAME, POSTGRES_PORT, POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, and POSTGRES_DATA_DIRECTORY (for tests that search the
# cluster's files for plaintext, or stop the server with `pg_ctl stop -m immediate`), and
# POSTGRES_BIN (initdb, pg_ctl, ... live there), and POSTGRES_RESTART (a script: `stop` stops the
# server immediately, `start` starts it again on the same port). Installs Debian's postgresql-15 when missing.
set -euo pipefail

if [[ ! -c /dev/null ]]; then
    echo "with-postgres: /dev/null is not a character device (something replaced it); initdb needs it" >&2
    exit 1
fi

bin=/usr/lib/postgresql/15/bin
if [[ ! -x $bin/initdb ]]; then
    echo "with-postgres: installing Debian's postgresql-15" >&2
    apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null
fi

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

root=$(mktemp -d /tmp/pdl-postgres.XXXXXX)
chmod 755 "$root"
data=$root/data
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
[[ $(id -u) -eq 0 ]] && chown postgres: "$root"

cleanup() {
    as_postgres "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$root"
}
trap cleanup EXIT

printf '%s\n' "$password" > "$root/password"
[[ $(id -u) -eq 0 ]] && chown postgres: "$root/password"
as_postgres "$bin/initdb" -D "$data" -U ledger --pwfile="$root/password" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
rm -f "$root/password"
options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c max_connections=200 -c fsync=on -c synchronous_commit=on"
# Tests that stop the server (`pg_ctl stop -m immediate`) start it again with this script.
cat > "$root/restart.sh" <<RESTART
#!/usr/bin/env bash
# Usage: restart.sh stop|start — an immediate stop (a crash, for PostgreSQL), or a start.
set -euo pipefail
run() { if [[ \$(id -u) -eq 0 ]]; then runuser -u postgres -- "\$@"; else "\$@"; fi; }
case "\$1" in
    stop) run "$bin/pg_ctl" -D "$data" -m immediate -w stop ;;
    start) run "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 -o "$options" start ;;
esac
RESTART
chmod 755 "$root/restart.sh"
"$root/restart.sh" start >/dev/null || { cat "$root/server.log" >&2; exit 1; }

export POSTGRES_HOSTNAME=127.0.0.1 POSTGRES_PORT=$port POSTGRES_USER=ledger POSTGRES_PASSWORD=$password
export POSTGRES_DB=postgres POSTGRES_DATA_DIRECTORY=$data POSTGRES_BIN=$bin POSTGRES_RESTART=$root/restart.sh
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port, data in $data" >&2
"$@"
