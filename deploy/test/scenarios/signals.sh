# The replica that migrates is stopped (`podman stop`: SIGTERM, then SIGKILL after podman's 10s) or
# killed (`podman kill`: SIGKILL) in the middle of a slow migration, while a second replica waits for
# the lock. The migration runs outside a transaction, statement by statement, each step an INSERT
# into a table whose primary key would refuse a step run twice.

STEPS=6

# slow_migrations VAR: a folder with V1__slow_steps.sql (about $STEPS seconds), readable by the app.
slow_migrations() {
  local _dir _step
  scratch_dir _dir
  {
    echo '-- lockstep:no-transaction'
    echo 'CREATE TABLE IF NOT EXISTS steps (n int PRIMARY KEY);'
    for _step in $(seq "$STEPS"); do
      echo "INSERT INTO steps VALUES ($_step);"
      echo 'SELECT pg_sleep(1);'
    done
  } >"$_dir/V1__slow_steps.sql"
  chmod 0755 "$_dir"
  chmod 0644 "$_dir/V1__slow_steps.sql"
  printf -v "$1" '%s' "$_dir"
}

# two_replicas DATABASE MIGRATIONS: replica-a and replica-b, started at once, each `exec -- <app>`.
two_replicas() {
  local url replica
  url="$(pg_url "$1")"
  for replica in replica-a replica-b; do
    create "$replica" -e "LOCKSTEP_URL=$url" -e LOCKSTEP_LOCK_TIMEOUT=90s -v "$2:/migrations:ro" \
      -e LOCKSTEP_LOCATIONS=/migrations -- exec -- sh -c 'echo "app up on $HOSTNAME"'
  done
  start replica-a replica-b
}

# holder_midway DATABASE VAR: waits until a replica has done two statements of V1; VAR is its name.
holder_sql="SELECT split_part(replica, ':', 1) FROM lockstep_history WHERE status = 'running' AND statements_done >= 2"
holder_midway() {
  wait_until 60 "a replica two statements into V1" has_holder "$1"
  printf -v "$2" '%s' "$(pg "$1" "$holder_sql")"
}
has_holder() { [ -n "$(pg "$1" "$holder_sql")" ]; }

# the_other REPLICA: the replica that is not REPLICA.
the_other() { if [ "$1" = replica-a ]; then echo replica-b; else echo replica-a; fi; }

expect_finished_by() {
  local database="$1" replica="$2"
  expect_equal "exit code of $replica" 0 "$(exit_code "$replica" 90)"
  expect_contains "output of $replica" "$(logs "$replica")" "app up on $replica"
  expect_equal "rows left running" 0 "$(pg "$database" "SELECT count(*) FROM lockstep_history WHERE status = 'running'")"
  expect_equal "V1 applied" "1 $replica" \
    "$(pg "$database" "SELECT count(*), min(split_part(replica, ':', 1)) FROM lockstep_history WHERE status = 'applied'")"
  expect_equal "steps done, each once" "$STEPS $STEPS" "$(pg "$database" "SELECT count(*), count(DISTINCT n) FROM steps")"
}

scenario_stop_migrating_replica() {
  local database migrations holder other begun stopped_ms
  pg_database database
  slow_migrations migrations
  two_replicas "$database" "$migrations"
  holder_midway "$database" holder
  other="$(the_other "$holder")"

  begun="$(now_ms)"
  podman stop "$(name "$holder")" >/dev/null # podman's default: SIGTERM, SIGKILL after 10s
  stopped_ms=$(($(now_ms) - begun))
  expect_equal "exit code of the stopped $holder (143: stopped by SIGTERM, not killed)" 143 "$(exit_code "$holder")"
  local out
  out="$(logs "$holder")"
  expect_contains "log of the stopped $holder" "$out" "received SIGTERM"
  expect_not_contains "log of the stopped $holder" "$out" "app up on"
  expect_equal "rows of $holder left running" 0 \
    "$(pg "$database" "SELECT count(*) FROM lockstep_history WHERE status = 'running' AND replica LIKE '$holder:%'")"

  expect_finished_by "$database" "$other"
  expect_contains "log of $other" "$(logs "$other")" "Resuming V1__slow_steps.sql at statement"
  figure "podman stop took ${stopped_ms} ms (podman's grace: 10 s, lockstep's --stop-grace: 8 s)"
}

scenario_kill_migrating_replica() {
  local database migrations holder other
  pg_database database
  slow_migrations migrations
  two_replicas "$database" "$migrations"
  holder_midway "$database" holder
  other="$(the_other "$holder")"

  local killed_at
  killed_at="$(pg "$database" "SELECT statements_done FROM lockstep_history WHERE status = 'running'")"
  podman kill "$(name "$holder")" >/dev/null
  expect_equal "exit code of the killed $holder" 137 "$(exit_code "$holder")"

  local begun
  begun="$(now_ms)"
  expect_finished_by "$database" "$other"
  expect_contains "log of $other" "$(logs "$other")" "Resuming V1__slow_steps.sql at statement"
  figure "killed after statement ${killed_at} of $((2 * STEPS + 1)), the other replica finished $(($(now_ms) - begun)) ms later"
}
