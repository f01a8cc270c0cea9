# Volumes that do not belong to the image's user (10001): a bind mount of a host directory owned by
# another UID, fixed or refused before the database is touched; and the cost of --fix-ownership on a
# large volume that is already right.

OTHER_UID=2000
# The stand-in app: writes a file to the volume as the user it runs as.
WRITER=(sh -c 'echo "app runs as $(id -u):$(id -g)"; echo written >/data/by-app')
# The least privilege of compose.volumes.yaml's app-fixes-volume: root with only what the fix and the
# switch to the app's user need, and no way to gain more.
AS_ROOT_FIXING=(--user 0:0 --cap-drop ALL --cap-add CHOWN,DAC_OVERRIDE,FOWNER,SETUID,SETGID,KILL
                --security-opt no-new-privileges)

# other_users_dir VAR: a host directory with a few files, all owned by OTHER_UID, mode 0755.
other_users_dir() {
  local _dir
  scratch_dir _dir
  mkdir -p "$_dir/old/nested"
  echo old >"$_dir/old/file"
  echo old >"$_dir/old/nested/file"
  chown -R "$OTHER_UID:$OTHER_UID" "$_dir"
  chmod 0755 "$_dir"
  printf -v "$1" '%s' "$_dir"
}

history_tables() { pg "$1" "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'lockstep%'"; }

scenario_volume_wrong_owner() {
  local database dir out before
  pg_database database
  other_users_dir dir
  before="$(find "$dir" -printf '%P %u:%g %s\n' | sort)"
  create app -e "LOCKSTEP_URL=$(pg_url "$database")" -v "$dir:/data" -- exec --writable /data -- "${WRITER[@]}"
  start app
  expect_equal "exit code of exec as $APP_UID on a volume of $OTHER_UID" 8 "$(exit_code app)"
  out="$(logs app)"
  expect_contains "preflight" "$out" "FAIL  owner"
  expect_contains "preflight" "$out" "belongs to $OTHER_UID:$OTHER_UID, not to this process's user $APP_UID:$APP_GID"
  expect_contains "preflight" "$out" "fix: lockstep preflight --writable /data --owner $APP_UID:$APP_GID --fix-ownership"
  expect_contains "preflight" "$out" "The app was not started and nothing was migrated."
  expect_not_contains "app output" "$out" "app runs as"
  expect_equal "lockstep tables in the database" 0 "$(history_tables "$database")"
  expect_equal "the volume's entries (nothing written, nothing changed owner)" "$before" \
    "$(find "$dir" -printf '%P %u:%g %s\n' | sort)"
}

scenario_volume_fix_ownership() {
  local database dir out
  pg_database database
  other_users_dir dir
  create app "${AS_ROOT_FIXING[@]}" -e "LOCKSTEP_URL=$(pg_url "$database")" -v "$dir:/data" \
    -- exec --writable /data --fix-ownership --run-as app -- "${WRITER[@]}"
  start app
  expect_equal "exit code" 0 "$(exit_code app)"
  out="$(logs app)"
  expect_contains "app output" "$out" "app runs as $APP_UID:$APP_GID"
  expect_equal "owner of the file the app wrote" "$APP_UID:$APP_GID" "$(stat -c %u:%g "$dir/by-app")"
  expect_equal "entries not owned by the app after the fix" "" \
    "$(find "$dir" \( ! -uid "$APP_UID" -o ! -gid "$APP_GID" \) -printf '%P %u:%g\n')"
  expect_equal "migrations applied after the fix" 5 \
    "$(pg "$database" "SELECT count(*) FROM lockstep_history WHERE status = 'applied'")"
}

# A root file system that is read-only with nothing writable mounted on /tmp (Kubernetes'
# readOnlyRootFilesystem without an emptyDir there): SQLite on the volume still opens, because the
# image loads the driver's native library from /opt/lockstep/sqlite-native instead of unpacking it
# into /tmp (decision 0065).
scenario_volume_read_only_root() {
  local dir out
  scratch_dir dir
  chown "$APP_UID:$APP_GID" "$dir"
  create app --read-only --read-only-tmpfs=false -v "$dir:/data" -- \
    migrate --url jdbc:sqlite:/data/app.db --log-format text
  start app
  expect_equal "exit code of migrate on a read-only root" 0 "$(exit_code app)"
  out="$(logs app)"
  expect_contains "migrate" "$out" "to version 4"
  expect_equal "the database on the volume" "$APP_UID" "$(stat -c %u "$dir/app.db")"
}

# 100 directories of 1,000 files, owned by the app already. Each start runs as root with
# --fix-ownership (the entrypoint of app-fixes-volume); the figure is the time from `podman start`
# to the first passing healthcheck (the image's HEALTHCHECK: /health/ready), on an empty volume and
# on the 100,000 files, the first time (no marker: every entry is read) and the next (the marker).
# Measured, never asserted; what is asserted is that the next fix reads only the top entries.
scenario_volume_100k_files() {
  local database empty big
  pg_database database
  scratch_dir empty
  hundred_thousand_files big
  chown "$APP_UID:$APP_GID" "$empty"
  chmod 0750 "$empty"

  # Migrate once first, so that each measured start does the same work: nothing pending. Then three
  # rounds of a first fix, then an empty volume and a next fix in turns (the machine is shared and
  # noisy, and a start right after the first fix pays for it); the figures are the medians.
  local round startup check empty_ms=() first_ms=() next_ms=() check_ms=()
  measure_start warm-up "$database" "$empty" startup check
  for round in 1 2 3; do
    rm -f "$big/.lockstep-ownership"
    measure_start "first-fix-$round" "$database" "$big" startup check
    first_ms+=("$startup")
    if [ "$round" = 2 ]; then
      measure_start "next-fix-$round" "$database" "$big" startup check
      next_ms+=("$startup")
      check_ms+=("$check")
    fi
    measure_start "empty-$round" "$database" "$empty" startup check
    empty_ms+=("$startup")
    if [ "$round" != 2 ]; then
      measure_start "next-fix-$round" "$database" "$big" startup check
      next_ms+=("$startup")
      check_ms+=("$check")
    fi
  done

  # The same fix once more, on its own, to read what it did (exec prints a preflight only on failure).
  create fix-report --user 0:0 -v "$big:/data" -- \
    preflight --writable /data --owner "$APP_UID:$APP_GID" --fix-ownership --json
  podman start --attach "$(name fix-report)" >"$TMPDIR/preflight.json" 2>"$TMPDIR/preflight.err" \
    || fail "preflight --fix-ownership on the 100,000 files: $(cat "$TMPDIR/preflight.json" "$TMPDIR/preflight.err")"
  local incremental changed visited elapsed
  read -r incremental changed visited elapsed <<<"$(python3 -c '
import json, sys
fix = json.load(open(sys.argv[1]))["directories"][0]["ownershipFix"]
print(fix["incremental"], fix["changed"], fix["visited"], fix["elapsedMs"])' "$TMPDIR/preflight.json")"
  expect_equal "the fix with a marker is incremental" True "$incremental"
  expect_equal "entries changed" 0 "$changed"
  [ "$visited" -lt 1000 ] || fail "the fix with a marker read $visited entries of 100,000"

  figure "start to healthy, median of 3: $(median "${empty_ms[@]}") ms on an empty volume, $(median "${first_ms[@]}") ms on 100,000 files at the first fix (every entry read), $(median "${next_ms[@]}") ms at the next (the marker)"
  figure "one healthcheck on the 100,000 files: $(median "${check_ms[@]}") ms; a fix with the marker reads ${visited} of 100,000 entries in ${elapsed} ms"
}

# measure_start NAME DATABASE DIR STARTUP CHECK: starts exec as root with --fix-ownership on DIR,
# waits for the healthcheck to pass, runs it once more, stops the container; STARTUP is set to the
# milliseconds from start to healthy, CHECK to those of the second healthcheck.
measure_start() {
  local _short="$1" _database="$2" _dir="$3" _begun _healthy _checked
  create "$_short" "${AS_ROOT_FIXING[@]}" -e "LOCKSTEP_URL=$(pg_url "$_database")" -v "$_dir:/data" \
    -- exec --writable /data --fix-ownership --run-as app -- sh -c 'trap "exit 0" TERM; while :; do sleep 0.2; done'
  _begun="$(now_ms)"
  start "$_short"
  wait_until 60 "$_short healthy" podman healthcheck run "$(name "$_short")"
  _healthy="$(now_ms)"
  podman healthcheck run "$(name "$_short")" >/dev/null || fail "$_short: the second healthcheck failed"
  _checked="$(now_ms)"
  podman stop -t 10 "$(name "$_short")" >/dev/null
  expect_equal "exit code of $_short after podman stop" 0 "$(exit_code "$_short")"
  podman rm "$(name "$_short")" >/dev/null
  printf -v "$4" '%s' "$((_healthy - _begun))"
  printf -v "$5" '%s' "$((_checked - _healthy))"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

# hundred_thousand_files VAR: the tree of 100,000 empty files owned by the app, made once and kept
# for the next runs in $CACHE (creating 100,000 files takes from 5 s to 2 minutes on a busy shared
# disk); without the marker of an earlier fix, so the first fix of a run reads every entry. One run
# at a time uses it.
hundred_thousand_files() {
  local _tree="$CACHE/volume-100k"
  mkdir -p "$CACHE"
  exec 7>"$CACHE/volume-100k.lock"
  flock 7
  if [ ! -f "$_tree.complete" ]; then
    rm -rf "$_tree"
    mkdir -p "$_tree"
    python3 - "$_tree" "$APP_UID" "$APP_GID" <<'PYTHON'
import os, sys
top, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for d in range(100):
    directory = os.path.join(top, "d%03d" % d)
    os.mkdir(directory)
    for f in range(1000):
        path = os.path.join(directory, "f%04d" % f)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o644))
        os.chown(path, uid, gid)
    os.chown(directory, uid, gid)
PYTHON
    touch "$_tree.complete"
  fi
  rm -f "$_tree/.lockstep-ownership"
  chown "$APP_UID:$APP_GID" "$_tree"
  chmod 0750 "$_tree"
  expect_equal "files in $_tree" 100000 "$(find "$_tree" -type f | wc -l)"
  printf -v "$1" '%s' "$_tree"
}
