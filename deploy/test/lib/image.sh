# Builds the images of deploy/Dockerfile that the suite runs, unless this machine has them for the
# same sources already (sourced by deploy/test/run).
#
#   localhost/lockstep-demo:src-<hash>   the image as `podman build -f deploy/Dockerfile .` makes it,
#                                        also tagged lockstep-demo (the compose files' name)
#   localhost/lockstep-demo-host-user    the same with --build-arg HOST_UID=2000 HOST_GID=2000, for
#                                        compose.volumes.yaml's app-host-user
#
# <hash> covers every file the Dockerfile reads and the base images it starts from, so a change in
# any of them builds again. The build itself is the Dockerfile's, unchanged: --format docker only
# keeps its HEALTHCHECK (the OCI format has none), --pull=never because no registry is reachable.

# sources_hash REPO: a hash of the Dockerfile's inputs (without build output) and of its base images.
sources_hash() {
  local repo="$1"
  {
    (cd "$repo" && find deploy/Dockerfile deploy/Dockerfile.dockerignore .mvn mvnw pom.xml lockstep-core lockstep-cli \
        examples/db/migration -type f -not -path '*/target/*' -print0 | sort -z | xargs -0 sha256sum)
    podman image inspect --format '{{.Id}}' docker.io/library/eclipse-temurin:17-jdk docker.io/library/eclipse-temurin:17-jre
  } | sha256sum | cut -c1-16
}

# build_image REPO LOG: sets IMAGE to the image to run; builds it (output in LOG) when needed.
build_image() {
  local repo="$1" build_log="$2" hash image
  hash="$(sources_hash "$repo")"
  image="localhost/lockstep-demo:src-$hash"
  exec 8>/tmp/lockstep-test-image.lock
  flock 8
  if podman image exists "$image" && podman image exists "localhost/lockstep-demo-host-user:src-$hash"; then
    printf '==> reusing %s (its sources have not changed)\n' "$image"
  else
    printf '==> building %s from deploy/Dockerfile (log: %s)\n' "$image" "$build_log"
    local begun=$SECONDS
    local build=(podman build --pull=never --format docker --ignorefile "$repo/deploy/Dockerfile.dockerignore"
                 -f "$repo/deploy/Dockerfile")
    "${build[@]}" -t "$image" "$repo" >"$build_log" 2>&1 || return 1
    "${build[@]}" --build-arg "HOST_UID=$HOST_USER_UID" --build-arg "HOST_GID=$HOST_USER_UID" \
      -t "localhost/lockstep-demo-host-user:src-$hash" "$repo" >>"$build_log" 2>&1 || return 1
    printf '==> built the images in %ss\n' "$((SECONDS - begun))"
  fi
  podman tag "$image" localhost/lockstep-demo:latest
  podman tag "localhost/lockstep-demo-host-user:src-$hash" localhost/lockstep-demo-host-user:latest
  # Images of older sources: removed unless a container (of a run still going) uses them; so are the
  # untagged layers of builds older than a day (the recent ones are the next build's cache).
  podman images --format '{{.Repository}}:{{.Tag}}' \
    | grep -E '^localhost/lockstep-demo(-host-user)?:src-' | grep -v ":src-$hash\$" \
    | xargs -r podman rmi >/dev/null 2>&1 || true
  podman image prune -f --filter until=24h >/dev/null 2>&1 || true
  exec 8>&-
  IMAGE="$image"
}
