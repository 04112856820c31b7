#!/usr/bin/env bash
# Runs every benchmark and prints its figures beside the machine's baseline (or a peer) from the
# same run, then all of them in one table (each part prints `FIGURE|what|figure|baseline or
# peer|ratio|target` lines, gathered here):
#   - initData validation vs two HMAC-SHA256 (criterion, server/benches/init_data.rs), and vs
#     the Node peer @telegram-apps/init-data-node on the same initData (end2end/bench/init-data-peer.mjs)
#   - paid orders per second through the webhook, the pre-checkout answer's p99 and the server's
#     peak memory, on SQLite and PostgreSQL, vs each engine's raw rate of single-row
#     transactions (server/benches/payments.rs)
#   - the first open of the storefront, bytes transferred compressed vs the 250 KB budget
#     (end2end/bench/first-open.mjs in headless Chromium against the release build)
# Figures only: nothing here fails a build except a broken benchmark or a blown budget.
#   - requests per second (and p99) of GET /api/products and the server-rendered /shop vs a bare
#     axum handler, under the same load (server/benches/http.rs)
# Usage: scripts/bench.sh [init_data] [payments] [http] [first_open]   (no argument: all four)
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
figures=$(mktemp)
table() {
  [ -s "$figures" ] || return 0
  say "all figures ($(nproc) cores, $(date -u +%Y-%m-%d))"
  echo "| what | figure | baseline or peer, same run | ratio | target |"
  echo "|---|---|---|---|---|"
  sed 's/^FIGURE|/| /; s/$/ |/; s/|/ | /g; s/  */ /g' "$figures"
}

if run init_data; then
  say "criterion: initData validation"
  sample=$(mktemp)
  INIT_DATA_SAMPLE="$sample" cargo bench -p server --bench init_data -- --noplot 2>&1 | grep -E '^init_data|time:'
  say "the Node peer: @telegram-apps/init-data-node validate() on the same initData"
  peer=$(cd end2end && node bench/init-data-peer.mjs "$sample" | sed -n 's/^PEER_NS //p')
  # The targets are ratios within the same run: printed from the medians.
  node -e '
    const median = (name) => require(`${process.argv[1]}/${name}/new/estimates.json`).median.point_estimate;
    const validate = median("validate (parse, HMAC, user JSON, age)"), baseline = median("baseline_ two HMAC-SHA256");
    const peer = Number(process.argv[2]);
    console.log(`validation ${(validate / 1000).toFixed(2)} µs = ${(validate / baseline).toFixed(2)}× the baseline (${baseline.toFixed(0)} ns), medians`);
    console.log(`FIGURE|initData validation|${(validate / 1000).toFixed(2)} µs|two HMAC-SHA256: ${(baseline / 1000).toFixed(2)} µs|${(validate / baseline).toFixed(2)}× the baseline|about 2×`);
    console.log(`FIGURE|initData validation vs the Node peer|${(validate / 1000).toFixed(2)} µs|@telegram-apps/init-data-node: ${(peer / 1000).toFixed(2)} µs|${(peer / validate).toFixed(1)}× faster|≥ 10× faster`);
  ' "$REPO_ROOT/target/criterion/init_data" "$peer" | tee -a "$figures.raw"
  rm -f "$sample"
fi
if run payments; then
  say "payments through the webhook"
  cargo bench -p server --bench payments | tee -a "$figures.raw"
fi
if run http; then
  say "read throughput: the catalog and the rendered storefront vs a bare axum handler"
  cargo bench -p server --bench http | tee -a "$figures.raw"
fi
trap 'grep "^FIGURE|" "$figures.raw" > "$figures" 2>/dev/null; table; rm -f "$figures" "$figures.raw"' EXIT
run first_open || exit 0

say "building the release site"
build_site
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SANDBOX=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" DATABASE_URL="sqlite://$work/bench.db" target/release/server \
  >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; grep "^FIGURE|" "$figures.raw" > "$figures" 2>/dev/null; table; rm -f "$figures" "$figures.raw"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
say "first open of the storefront"
(cd end2end && BASE_URL="http://127.0.0.1:$port" node bench/first-open.mjs) | tee -a "$figures.raw"
