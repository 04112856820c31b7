#!/usr/bin/env bash
# Runs every test: unit, integration and storage tests (SQLite and PostgreSQL) with cargo,
# then the end-to-end tests in headless Chromium against the release build on a free port
# with a fresh database. Ends with one line: "tests: N passed, M failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
set -e
ensure_wasm_target
ensure_chromium
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_node_modules
ensure_postgres
set +e

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
status=0

say "cargo test (unit, integration, storage on SQLite and PostgreSQL)"
cargo test --workspace --locked 2>&1 | tee "$work/cargo.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r cargo_passed cargo_failed < <(
  grep -E '^test result:' "$work/cargo.log" |
    sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/' |
    awk '{p += $1; f += $2} END {print p + 0, f + 0}')

e2e_passed=0 e2e_failed=0
say "building the release site"
if build_site; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  say "starting the shop on 127.0.0.1:$port with a fresh database"
  LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$work/e2e.db" RUST_LOG=info \
    target/release/server >"$work/server.log" 2>&1 &
  server_pid=$!
  rm -f end2end/playwright-report/results.json
  say "end-to-end tests in headless Chromium"
  (cd end2end && BASE_URL="http://127.0.0.1:$port" npx playwright test) || status=1
  if [ -f end2end/playwright-report/results.json ]; then
    read -r e2e_passed e2e_failed < <(node -e '
      const s = require("./end2end/playwright-report/results.json").stats;
      console.log(s.expected, s.unexpected + s.flaky)')
  else
    say "no Playwright report; the server log ends with:"; tail -n 30 "$work/server.log" >&2
    e2e_failed=1
  fi
else
  say "the release build failed"; status=1; e2e_failed=1
fi

passed=$((cargo_passed + e2e_passed)) failed=$((cargo_failed + e2e_failed))
echo "cargo: $cargo_passed passed, $cargo_failed failed"
echo "playwright: $e2e_passed passed, $e2e_failed failed"
[ "$passed" -gt 0 ] || { say "no test ran"; status=1; }
[ "$failed" -eq 0 ] || status=1
echo "tests: $passed passed, $failed failed"
exit "$status"
