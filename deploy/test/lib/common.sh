# Helpers of the container suite, sourced by deploy/test/run and its scenarios.
#
# Every container, volume and network the suite makes is named lockstep-test-<RUN>-<scenario>-...
# (RUN: the pid of deploy/test/run), every database lockstep_ct_<RUN>_<scenario>_<n>: a scenario
# removes its own on exit, pass or fail, deploy/test/run what a scenario killed at its time bound
# left, and the next run what a killed run left.
# Commands that wait have explicit bounds, so a hung container fails its scenario instead of CI.

# shellcheck disable=SC2034 # the settings below are read by the scenarios

# podman's view of the host's loopback interface from a container on slirp4netns with
# allow_host_loopback: the host's PostgreSQL and MariaDB listen on 127.0.0.1 only
# (docs/decisions/0026-containers-reach-the-host-databases-through-slirp4netns.md).
HOST_LOOPBACK=10.0.2.2
NETWORK="slirp4netns:allow_host_loopback=true"
# What the suite keeps between runs besides images (the 100,000-file volume of volume-100k-files).
CACHE="${LOCKSTEP_TEST_CACHE:-/var/tmp/lockstep-test}"
APP_UID=10001
APP_GID=10001
# The image's user in lockstep-demo-host-user (lib/image.sh): a host user's UID and GID.
HOST_USER_UID=2000

log() { printf '    %s\n' "$*"; }

# fail MESSAGE: ends the scenario with MESSAGE (the scenario's log shows it).
fail() {
  printf 'FAILED: %s\n' "$*" >&2
  exit 1
}

# figure TEXT: a measured figure, printed after the scenario's ok line.
figure() { printf '%s\n' "$*" >>"$SCENARIO_FIGURES"; }

# on_exit COMMAND...: run COMMAND when the scenario ends (last registered, first run). Refused in a
# subshell (a command substitution), where the registration would be lost with the subshell.
on_exit() {
  if [ "$BASHPID" != "$SCENARIO_PID" ]; then
    printf 'BUG in the suite: on_exit %s in a subshell; set a variable instead of printing\n' "$*" >&2
    exit 1
  fi
  local quoted
  printf -v quoted '%q ' "$@"
  CLEANUP=("$quoted" "${CLEANUP[@]}")
}

# end_scenario STATUS: the scenario's EXIT trap: on failure the logs of its containers first, then
# every cleanup step.
end_scenario() {
  local container step
  if [ "$1" != 0 ]; then
    for container in $(podman ps -a --format '{{.Names}}' --filter "name=^lockstep-test-$RUN-$SCENARIO[-_]"); do
      printf -- '--- podman logs %s (exit %s)\n' "$container" "$(podman inspect --format '{{.State.ExitCode}}' "$container")"
      podman logs "$container" 2>&1 | grep -v 'unable to get systemd connection' | tail -n 30
    done
  fi
  for step in "${CLEANUP[@]}"; do
    eval "$step" >/dev/null 2>&1 || true
  done
  CLEANUP=()
}

# name SUFFIX: the name of one of this scenario's containers or volumes.
name() { printf 'lockstep-test-%s-%s-%s' "$RUN" "$SCENARIO" "$1"; }

# create NAME PODMAN_RUN_OPTIONS... -- ARGS...: a container of the lockstep image, not started yet:
# on the network that reaches the host's databases, with --init (as README "lockstep exec"
# asks), removed when the scenario ends. Automatic healthchecks need systemd timers, which this
# machine lacks: scenarios run `podman healthcheck run` themselves.
create() {
  local short="$1"; shift
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  on_exit podman rm -f -t 0 "$(name "$short")"
  podman create --name "$(name "$short")" --hostname "$short" \
    --init --network "$NETWORK" --health-interval disable "${options[@]}" "$IMAGE" "$@" >/dev/null
}

# start NAME...: starts these containers at once.
start() {
  local short pids=() pid
  for short in "$@"; do
    podman start "$(name "$short")" >/dev/null &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || fail "podman start of one of $* failed"
  done
}

# exit_code NAME [SECONDS]: waits (bounded, default 120s) for the container to stop; prints its exit code.
exit_code() {
  local container
  container="$(name "$1")"
  timeout "${2:-120}" podman wait "$container" >/dev/null || fail "$container did not stop within ${2:-120}s"
  podman inspect --format '{{.State.ExitCode}}' "$container"
}

# logs NAME: the container's stdout and stderr.
logs() { podman logs "$(name "$1")" 2>&1; }

# volume VAR SUFFIX: a named volume, removed when the scenario ends; its name goes to VAR.
# (Functions that register cleanup set a variable instead of printing: a command substitution would
# run them in a subshell, and the registration would be lost. Their locals are named after them so
# that they never hide the caller's variable.)
volume() {
  local _volume_name
  _volume_name="$(name "$2")"
  podman volume create "$_volume_name" >/dev/null
  on_exit podman volume rm -f "$_volume_name"
  printf -v "$1" '%s' "$_volume_name"
}

# scratch_dir VAR: a host directory for bind mounts, removed when the scenario ends; its path goes to VAR.
scratch_dir() {
  local _scratch_dir
  _scratch_dir="$(mktemp -d "${TMPDIR:-/tmp}/lockstep-test-$RUN-XXXXXX")"
  on_exit rm -rf "$_scratch_dir"
  printf -v "$1" '%s' "$_scratch_dir"
}

# --- the host's databases (never reconfigured: each scenario makes its own database and drops it) -----

DATABASE_COUNT=0
psql_admin() { psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@" </dev/null; }
mariadb_admin() { mariadb -h127.0.0.1 -P3306 -uroot --skip-ssl -N -B "$@" </dev/null; }

# pg_database VAR: creates a PostgreSQL database for this scenario, dropped when it ends; its name goes to VAR.
pg_database() {
  DATABASE_COUNT=$((DATABASE_COUNT + 1))
  local _pg_database="lockstep_ct_${RUN}_${SCENARIO//-/_}_$DATABASE_COUNT"
  psql_admin -c "CREATE DATABASE $_pg_database" >/dev/null
  on_exit psql_admin -c "DROP DATABASE IF EXISTS $_pg_database WITH (FORCE)"
  printf -v "$1" '%s' "$_pg_database"
}

# pg DATABASE SQL: one query against the host's PostgreSQL, rows on stdout.
pg() { psql -h 127.0.0.1 -p 5432 -U postgres -d "$1" -v ON_ERROR_STOP=1 -Atq -F ' ' -c "$2" </dev/null; }

# pg_url DATABASE: the JDBC URL of that database as a container sees it.
pg_url() { printf 'jdbc:postgresql://%s:5432/%s?user=postgres' "$HOST_LOOPBACK" "$1"; }

# mariadb_database VAR: the same on the host's MariaDB.
mariadb_database() {
  DATABASE_COUNT=$((DATABASE_COUNT + 1))
  local _mariadb_database="lockstep_ct_${RUN}_${SCENARIO//-/_}_$DATABASE_COUNT"
  mariadb_admin -e "CREATE DATABASE $_mariadb_database" >/dev/null
  on_exit mariadb_admin -e "DROP DATABASE IF EXISTS $_mariadb_database"
  printf -v "$1" '%s' "$_mariadb_database"
}

mariadb_query() { mariadb -h127.0.0.1 -P3306 -uroot --skip-ssl -N -B "$1" -e "$2" </dev/null; }

mariadb_url() { printf 'jdbc:mariadb://%s:3306/%s?user=root&sslMode=disable' "$HOST_LOOPBACK" "$1"; }

# --- assertions ---------------------------------------------------------------------------------------

# The history of the image's example migrations (examples/db/migration), one "version status" per row.
history_sql="SELECT coalesce(version, ''), status FROM lockstep_history WHERE type <> 'BASELINE' ORDER BY installed_rank"

# expect_applied_once ROWS: ROWS (from history_sql) show each example migration applied once, nothing else.
expect_applied_once() {
  expect_equal "history (version status, one row per migration)" \
    "$(printf '%s\n' '1 applied' '2 applied' '3 applied' '4 applied' ' applied')" "$1"
}

# expect_equal WHAT EXPECTED ACTUAL
expect_equal() {
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

# expect_contains WHAT TEXT NEEDLE
expect_contains() {
  case "$2" in
    *"$3"*) ;;
    *) fail "$1: [$3] not found in: $2" ;;
  esac
}

expect_not_contains() {
  case "$2" in
    *"$3"*) fail "$1: [$3] found in: $2" ;;
    *) ;;
  esac
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1s until it succeeds.
wait_until() {
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${seconds}s"
    sleep 0.1
  done
}

# now_ms: wall clock in milliseconds, for the figures the suite reports (never asserted).
now_ms() { date +%s%3N; }
