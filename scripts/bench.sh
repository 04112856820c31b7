#!/usr/bin/env bash
# Runs every benchmark and prints its figures beside the machine's baseline from the same run:
#   - initData validation vs two HMAC-SHA256 (criterion, server/benches/init_data.rs)
#   - paid orders per second through the webhook and the pre-checkout answer's p99 vs the raw
#     rate of single-row SQLite transactions (server/benches/payments.rs)
#   - the first open of the storefront, bytes transferred compressed vs the 250 KB budget
#     (end2end/bench/first-open.mjs in headless Chromium against the release build)
# Figures only: nothing here fails a build except a broken benchmark or a blown budget.
# Usage: scripts/bench.sh [init_data] [payments] [first_open]   (no argument: all three)
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
set -e
ensure_wasm_target
ensure_chromium
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_node_modules
parts=("$@")
run() { [ ${#parts[@]} -eq 0 ] || [[ " ${parts[*]} " == *" $1 "* ]]; }

if run init_data; then
  say "criterion: initData validation"
  cargo bench -p server --bench init_data -- --noplot 2>&1 | grep -E '^init_data|time:'
  # The target is a ratio to the baseline measured in the same run: print it from the medians.
  node -e '
    const median = (name) => require(`${process.argv[1]}/${name}/new/estimates.json`).median.point_estimate;
    const validate = median("validate (parse, HMAC, user JSON, age)"), baseline = median("baseline_ two HMAC-SHA256");
    console.log(`validation ${(validate / 1000).toFixed(2)} µs = ${(validate / baseline).toFixed(2)}× the baseline (${baseline.toFixed(0)} ns), medians`);
  ' "$REPO_ROOT/target/criterion/init_data"
fi
if run payments; then
  say "payments through the webhook"
  cargo bench -p server --bench payments
fi
run first_open || exit 0

say "building the release site"
build_site
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SANDBOX=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$work/bench.db" target/release/server \
  >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
say "first open of the storefront"
(cd end2end && BASE_URL="http://127.0.0.1:$port" node bench/first-open.mjs)
