#!/usr/bin/env bash
# The image's run time without a container runtime: a copy of the repository, `npm ci --omit=dev` as the
# Dockerfile's runtime stage does, then the Dockerfile's CMD until /health/ready answers 200, then
# SIGTERM and exit 0. npm's cache makes the install fast; the whole check stays under two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
server_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

tree=$(mktemp -d)
database="dentalpin_runtime_$$"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  psql "$server_url" -qc "drop database if exists $database" >/dev/null 2>&1 || true
  rm -rf "$tree"
}
trap cleanup EXIT

# What `COPY . .` would see: the tracked and new files, less .dockerignore's (node_modules, builds).
git ls-files --cached --others --exclude-standard -z | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | xargs -0 cp --parents -t "$tree"
cd "$tree"
npm ci --omit=dev --no-audit --no-fund --prefer-offline >/dev/null
for dev in vitest eslint prettier; do
  if [ -e "node_modules/$dev" ]; then echo "runtime tree: dev dependency $dev was installed" >&2; exit 1; fi
done

# The Dockerfile's CMD, exactly.
mapfile -t cmd < <(node -e '
  const line = require("fs").readFileSync(process.argv[1], "utf8").split("\n").find((l) => l.startsWith("CMD ["));
  for (const part of JSON.parse(line.slice(4))) console.log(part);
' "$root/Dockerfile")

psql "$server_url" -qc "create database $database" >/dev/null
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
NODE_ENV=production HOST=127.0.0.1 PORT="$port" APOLLO_TELEMETRY_DISABLED=1 DENTALPIN_LOG=warn \
  DATABASE_URL="${server_url%/*}/$database" DENTALPIN_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')" \
  "${cmd[@]}" >"$tree/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 150); do
  if node -e "fetch('http://127.0.0.1:$port/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    kill -TERM "$pid"
    if wait "$pid"; then
      echo "runtime tree: '${cmd[*]}' served from npm ci --omit=dev and stopped cleanly"
      exit 0
    fi
    echo "runtime tree: the server did not exit 0 on SIGTERM" >&2
    cat "$tree/serve.log" >&2
    exit 1
  fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
echo "runtime tree: '${cmd[*]}' did not become ready" >&2
cat "$tree/serve.log" >&2
exit 1
