# The compose files of deploy/, run as they are under podman-compose, with the postgres:16 stand-in
# (deploy/test/stand-ins/build) as their database. Debian's podman-compose 1.0.3 differs from Docker
# Compose in two ways that matter here:
# - it parses `up --scale` but ignores it (containers/podman-compose#267, fixed in later releases), so
#   the suite also passes an override file with deploy.replicas, which it does read;
# - it ignores depends_on conditions (service_healthy, service_completed_successfully) and only
#   starts services in order: lockstep's own wait for the database (--connect-timeout) covers the
#   first; the second means the init-job pattern's apps start before the job has finished here.

COMPOSE_REPLICAS=4

# compose_project VAR: copies deploy/compose*.yaml into a scratch deploy/ folder with the secret
# they read (db-password.txt) and the scale override; VAR is that folder. The compose project of
# this scenario, lockstep-test-<run>-<scenario>, is taken down when the scenario ends.
compose_project() {
  local _compose_dir
  scratch_dir _compose_dir
  mkdir "$_compose_dir/deploy"
  cp "$REPO"/deploy/compose*.yaml "$_compose_dir/deploy/"
  (umask 022 && head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$_compose_dir/deploy/db-password.txt")
  printf 'services:\n  app:\n    deploy:\n      replicas: %s\n' "$COMPOSE_REPLICAS" >"$_compose_dir/deploy/scale.yaml"
  COMPOSE_PROJECT="lockstep-test-$RUN-$SCENARIO"
  on_exit compose_down "$COMPOSE_PROJECT"
  printf -v "$1" '%s' "$_compose_dir/deploy"
}

# compose DIR ARGS...: podman-compose in DIR with this scenario's project name.
compose() {
  local dir="$1"; shift
  (cd "$dir" && podman-compose -p "$COMPOSE_PROJECT" "$@")
}

# compose_down PROJECT: removes the project's containers, volumes and network (podman-compose 1.0.3's
# `down -v` leaves the network).
compose_down() {
  local label="label=io.podman.compose.project=$1"
  podman ps -aq --filter "$label" | xargs -r podman rm -f -t 0
  podman volume ls -q --filter "$label" | xargs -r podman volume rm -f
  podman network ls -q --filter "$label" | xargs -r podman network rm -f
}

# compose_container SERVICE N: the name podman-compose gives the Nth container of SERVICE.
compose_container() { printf '%s_%s_%s' "$COMPOSE_PROJECT" "$1" "$2"; }

# in_db SQL: a query inside the compose project's database container.
in_db() { podman exec "$(compose_container db 1)" psql -U app -d app -Atq -F ' ' -c "$1"; }

app_is_up() { podman logs "$1" 2>&1 | grep -q 'app on .* is up'; }

# expect_apps_up: every app replica says it is up.
expect_apps_up() {
  local i
  for i in $(seq "$COMPOSE_REPLICAS"); do
    wait_until 120 "$(compose_container app "$i") up" app_is_up "$(compose_container app "$i")"
  done
  expect_equal "app containers" "$COMPOSE_REPLICAS" \
    "$(podman ps -q --filter "label=io.podman.compose.project=$COMPOSE_PROJECT" --filter label=com.docker.compose.service=app | wc -l)"
}

scenario_compose_exec() {
  local dir
  compose_project dir
  compose "$dir" -f compose.exec.yaml -f scale.yaml up -d --scale "app=$COMPOSE_REPLICAS" >"$TMPDIR/up.log" 2>&1 \
    || fail "podman-compose up: $(tail -n 20 "$TMPDIR/up.log")"
  expect_apps_up
  expect_applied_once "$(in_db "$history_sql")"
  # `stop` sends SIGTERM; exec passes it to the app, whose trap exits 0, and returns its code.
  compose "$dir" -f compose.exec.yaml -f scale.yaml stop >/dev/null 2>&1
  local i
  for i in $(seq "$COMPOSE_REPLICAS"); do
    expect_equal "exit code of app $i after podman-compose stop" 0 \
      "$(podman inspect --format '{{.State.ExitCode}}' "$(compose_container app "$i")")"
  done
}

scenario_compose_init_job() {
  local dir
  compose_project dir
  compose "$dir" -f compose.yaml -f scale.yaml up -d --scale "app=$COMPOSE_REPLICAS" >"$TMPDIR/up.log" 2>&1 \
    || fail "podman-compose up: $(tail -n 20 "$TMPDIR/up.log")"
  local migrate
  migrate="$(compose_container migrate 1)"
  timeout 120 podman wait "$migrate" >/dev/null || fail "the migrate service did not finish within 120s"
  expect_equal "exit code of the migrate service" 0 "$(podman inspect --format '{{.State.ExitCode}}' "$migrate")"
  expect_applied_once "$(in_db "$history_sql")"
  expect_apps_up
}

# app-host-user: the image built with HOST_UID=HOST_GID=2000 (lib/image.sh) on a bind mount of a host
# directory owned by 2000; app-fixes-volume: root for the fix of a named volume, the app as `app`.
scenario_compose_volumes() {
  local dir
  compose_project dir
  install -d -o "$HOST_USER_UID" -g "$HOST_USER_UID" -m 0750 "$dir/data"
  (export HOST_UID="$HOST_USER_UID" HOST_GID="$HOST_USER_UID"
   compose "$dir" -f compose.volumes.yaml up -d app-host-user app-fixes-volume) >"$TMPDIR/up.log" 2>&1 \
    || fail "podman-compose up: $(tail -n 20 "$TMPDIR/up.log")"
  local host_user fixes
  host_user="$(compose_container app-host-user 1)"
  fixes="$(compose_container app-fixes-volume 1)"
  wait_until 120 "app-host-user started" test -s "$dir/data/started"
  wait_until 120 "app-fixes-volume started" fixed_volume_written
  expect_contains "app-host-user's id" "$(podman logs "$host_user" 2>&1)" "uid=$HOST_USER_UID(app) gid=$HOST_USER_UID(app)"
  expect_contains "app-fixes-volume's id" "$(podman logs "$fixes" 2>&1)" "uid=$APP_UID(app) gid=$APP_GID(app)"
  expect_equal "owner of app-host-user's file" "$HOST_USER_UID:$HOST_USER_UID" "$(stat -c %u:%g "$dir/data/started")"
  expect_equal "owner of app-fixes-volume's file" "$APP_UID:$APP_GID" "$(stat -c %u:%g "$(fixed_volume)/started")"
  expect_applied_once "$(in_db "$history_sql")"
}

fixed_volume() {
  podman volume inspect --format '{{.Mountpoint}}' \
    "$(podman volume ls -q --filter "label=io.podman.compose.project=$COMPOSE_PROJECT" | grep 'app-data$')"
}
fixed_volume_written() { test -s "$(fixed_volume)/started"; }
