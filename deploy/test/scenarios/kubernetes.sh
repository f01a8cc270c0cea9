# The Kubernetes manifests, without a cluster (none here): deploy/test/kubernetes-objects checks that
# no two define the same object, that selectors do not overlap, and that each folder defines what its
# workloads use (the Secret, the headless Service). Then the same check on copies made wrong on
# purpose, which it must refuse: a check that cannot fail proves nothing.

scenario_kubernetes_objects() {
  local out copy
  out="$("$REPO/deploy/test/kubernetes-objects" "$REPO/deploy/kubernetes")" || fail "$out"
  log "$out"

  scratch_dir copy
  cp -r "$REPO/deploy/kubernetes/." "$copy/"
  cp "$copy/exec/app-exec.yaml" "$copy/init-job/app-exec.yaml"   # the same Deployment in two folders
  rm "$copy/exec-volume/db-secret.yaml"                          # a Secret that is used but not shown
  if out="$("$REPO/deploy/test/kubernetes-objects" "$copy")"; then
    fail "kubernetes-objects passed manifests it must refuse: $out"
  fi
  expect_contains "the duplicate" "$out" "Deployment default/app-exec is defined again"
  expect_contains "the missing Secret" "$out" "StatefulSet app-volume uses Secret app-volume-db, which its folder"
  local count
  count="$(find "$REPO/deploy/kubernetes" -name '*.yaml' | wc -l)"
  figure "$count manifests in $(find "$REPO/deploy/kubernetes" -mindepth 1 -type d | wc -l) folders, applied by no cluster (none here)"
}
