#!/usr/bin/env bash
# Checks the formatting (cargo fmt) and the lints (cargo clippy, warnings as errors, for the
# server and for the wasm app), then runs every test: unit, integration and storage tests
# (SQLite and PostgreSQL) with cargo, then the end-to-end tests in headless Chromium against
# the release build on a free port with a fresh database. A failed check does not stop the
# tests, so one run shows everything; it fails the run all the same. Ends with one line:
# "tests: N passed, M failed", where fmt and clippy count as one test each.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
set -e
ensure_wasm_target
ensure_rust_components
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

# The quick checks first: each ends "ok" or "failed" (its own output above says why), and the
# run goes on either way.
fmt="ok" clippy="ok"
say "cargo fmt --check"
cargo fmt --all --check || fmt="failed"
say "cargo clippy (server and app, all targets; then the app as wasm with hydrate)"
cargo clippy --workspace --all-targets --locked -- -D warnings || clippy="failed"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings || clippy="failed"
checks_passed=0 checks_failed=0
for outcome in "$fmt" "$clippy"; do
  if [ "$outcome" = ok ]; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); status=1; fi
done

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
  SANDBOX=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$work/e2e.db" RUST_LOG=info \
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

passed=$((checks_passed + cargo_passed + e2e_passed)) failed=$((checks_failed + cargo_failed + e2e_failed))
echo "checks: fmt $fmt, clippy $clippy"
echo "cargo: $cargo_passed passed, $cargo_failed failed"
echo "playwright: $e2e_passed passed, $e2e_failed failed"
[ "$passed" -gt 0 ] || { say "no test ran"; status=1; }
[ "$failed" -eq 0 ] || status=1
echo "tests: $passed passed, $failed failed"
exit "$status"
