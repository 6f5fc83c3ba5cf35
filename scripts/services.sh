#!/usr/bin/env bash
# Start the database servers the e2e tests (tests/e2e) run against — only those that are down.
#
#   PostgreSQL  PGHOST:PGPORT          (default 127.0.0.1:5432, user postgres, database test)
#   MariaDB     MYSQL_HOST:MYSQL_PORT  (default 127.0.0.1:3306, user root, database test)
#   Redis       REDIS_URL              (default redis://127.0.0.1:6379)
#
# Each server is probed first; one that answers is left alone. One that does not is started (local
# addresses only) and waited for, at most SERVICES_WAIT_SECONDS (default 30). Exits non-zero only when a
# server is still unreachable at the end, naming it.
set -uo pipefail

WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

PG_HOST="${PGHOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
PG_USER="${PGUSER:-postgres}"
PG_DATABASE="${PGDATABASE:-test}"

MY_HOST="${MYSQL_HOST:-127.0.0.1}"
MY_PORT="${MYSQL_PORT:-3306}"
MY_USER="${MYSQL_USER:-root}"
MY_DATABASE="${MYSQL_DATABASE:-test}"

REDIS_URL_VALUE="${REDIS_URL:-redis://127.0.0.1:6379}"
if [[ "$REDIS_URL_VALUE" =~ ^rediss?://([^@/]*@)?(\[[^]]+\]|[^:/]+)(:([0-9]+))? ]]; then
  REDIS_HOST="${BASH_REMATCH[2]}"
  REDIS_PORT="${BASH_REMATCH[4]:-6379}"
else
  REDIS_HOST=127.0.0.1
  REDIS_PORT=6379
fi
REDIS_HOST="${REDIS_HOST#[}"
REDIS_HOST="${REDIS_HOST%]}"

log() { printf 'services: %s\n' "$*"; }

# TCP probe without extra tools: bash's /dev/tcp, bounded by `timeout`.
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

is_local() {
  case "$1" in 127.0.0.1 | localhost | ::1 | 0.0.0.0) return 0 ;; *) return 1 ;; esac
}

pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

mariadb_up() {
  tcp_open "$MY_HOST" "$MY_PORT"
}

redis_up() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ "$(timeout 2 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
  else
    tcp_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}

pg_start() {
  command -v pg_ctlcluster >/dev/null 2>&1 || { log "PostgreSQL: pg_ctlcluster not found, cannot start it"; return 1; }
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$version" ]] || { log "PostgreSQL: no cluster under /etc/postgresql"; return 1; }
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

mariadb_start() {
  [[ -x /usr/sbin/mariadbd ]] || { log "MariaDB: /usr/sbin/mariadbd not found, cannot start it"; return 1; }
  # /run is a tmpfs: the socket directory is gone after a reboot.
  if [[ ! -d /run/mysqld ]] && id mysql >/dev/null 2>&1; then
    install -d -o mysql -g mysql /run/mysqld
  fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
}

redis_start() {
  command -v redis-server >/dev/null 2>&1 || { log "Redis: redis-server not found, cannot start it"; return 1; }
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
}

wait_up() {
  local name="$1" probe="$2" deadline=$((SECONDS + WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    "$probe" && return 0
    sleep 0.5
  done
  "$probe"
}

# ensure <name> <probe> <start> <host> <port>
ensure() {
  local name="$1" probe="$2" start="$3" host="$4" port="$5"
  if "$probe"; then
    log "$name is up on $host:$port"
    return 0
  fi
  if ! is_local "$host"; then
    log "$name is not reachable on $host:$port (not a local address, so not starting it)"
    return 1
  fi
  log "$name is down on $host:$port, starting it"
  "$start" || log "$name: the start command failed"
  if wait_up "$name" "$probe"; then
    log "$name is up on $host:$port"
    return 0
  fi
  log "$name is still unreachable on $host:$port after ${WAIT_SECONDS}s"
  return 1
}

# The tests expect a database `test` on each SQL server; create it when missing (no-op otherwise).
pg_database() {
  command -v psql >/dev/null 2>&1 || return 0
  local exists
  exists="$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" 2>/dev/null)"
  if [[ "$exists" != 1 ]]; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE \"$PG_DATABASE\"" >/dev/null 2>&1 &&
      log "PostgreSQL: created database $PG_DATABASE"
  fi
  return 0
}

mariadb_database() {
  local client
  client="$(command -v mariadb || command -v mysql)" || return 0
  MYSQL_PWD="${MYSQL_PASSWORD:-}" "$client" -h "$MY_HOST" -P "$MY_PORT" -u "$MY_USER" --protocol=TCP \
    -e "CREATE DATABASE IF NOT EXISTS \`$MY_DATABASE\`" >/dev/null 2>&1 || true
}

failed=()
ensure PostgreSQL pg_up pg_start "$PG_HOST" "$PG_PORT" && pg_database || failed+=("PostgreSQL ($PG_HOST:$PG_PORT)")
ensure MariaDB mariadb_up mariadb_start "$MY_HOST" "$MY_PORT" && mariadb_database || failed+=("MariaDB ($MY_HOST:$MY_PORT)")
ensure Redis redis_up redis_start "$REDIS_HOST" "$REDIS_PORT" || failed+=("Redis ($REDIS_HOST:$REDIS_PORT)")

# The Python frontend's e2e tests (tests/e2e/python) run SQLAlchemy, psycopg2, Flask and pandas under /usr/bin/python3.
# PyPI is not used: the Debian packages are installed (as root, apt-get update once) when one is missing.
PY_PACKAGES=(python3-sqlalchemy python3-psycopg2 python3-psycopg python3-flask python3-flask-sqlalchemy python3-pymysql python3-pytest python3-pandas)
python_packages() {
  local missing=() p
  for p in "${PY_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || { log "Python packages are installed"; return 0; }
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "Python packages missing (${missing[*]}); install them as root with apt-get"
    return 1
  fi
  log "installing ${missing[*]}"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}
python_packages || failed+=("Python packages not installed")

if ((${#failed[@]})); then
  log "unreachable: ${failed[*]}"
  exit 1
fi
exit 0
