# Four replicas started at once, each `lockstep exec -- <app>` with the image's example migrations:
# one migrates, the others wait for it; every migration is applied once and every app runs.

REPLICAS=4
# The stand-in app: says who it is and exits 0, which exec returns.
APP=(sh -c 'echo "app up on $HOSTNAME as $(id -u)"')

# start_replicas URL [PODMAN_OPTIONS...]: replica-1 .. replica-4, started at once.
start_replicas() {
  local url="$1"; shift
  local i replicas=()
  for i in $(seq "$REPLICAS"); do
    create "replica-$i" -e "LOCKSTEP_URL=$url" -e LOCKSTEP_CONNECT_TIMEOUT=30s -e LOCKSTEP_LOCK_TIMEOUT=90s "$@" \
      -- exec -- "${APP[@]}"
    replicas+=("replica-$i")
  done
  start "${replicas[@]}"
}

# expect_every_app_ran: each replica exited 0 after its app said it was up, as the image's user.
expect_every_app_ran() {
  local i
  for i in $(seq "$REPLICAS"); do
    expect_equal "exit code of replica-$i" 0 "$(exit_code "replica-$i")"
    expect_contains "output of replica-$i" "$(logs "replica-$i")" "app up on replica-$i as $APP_UID"
  done
}

scenario_replicas_postgresql() {
  local database
  pg_database database
  start_replicas "$(pg_url "$database")"
  expect_every_app_ran
  expect_applied_once "$(pg "$database" "$history_sql")"
  figure "$(pg "$database" "SELECT count(DISTINCT replica) FROM lockstep_history") of $REPLICAS replicas applied migrations"
}

scenario_replicas_mariadb() {
  local database
  mariadb_database database
  start_replicas "$(mariadb_url "$database")"
  expect_every_app_ran
  expect_applied_once "$(mariadb_query "$database" "$history_sql" | tr '\t' ' ')"
}

# SQLite on one named volume shared by the four containers of one host: the sidecar file lock works
# across containers because they share the host's kernel.
scenario_replicas_sqlite_volume() {
  local data
  volume data data
  start_replicas jdbc:sqlite:/data/app.db -v "$data:/data"
  expect_every_app_ran
  local file
  file="$(podman volume inspect --format '{{.Mountpoint}}' "$data")/app.db"
  expect_applied_once "$(sqlite3 -separator ' ' "$file" "$history_sql")"
}
