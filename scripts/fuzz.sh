#!/usr/bin/env bash
# Fuzzes what strangers can send the shop, with the property tests of server/tests/api/fuzz/
# (proptest on stable Rust) run for millions of inputs instead of `cargo test`'s few thousand:
#   init_data/arbitrary, init_data/near_valid, init_data/respelled — the initData validator;
#   update/decode — the Update decoder;  webhook/post — the webhook over HTTP (fewer: each
#   input is a request to a real server).
# Prints each property's figure (inputs run, seconds, inputs/s) and the whole run's time; fails
# with the smallest failing input if a property breaks.
# Usage: scripts/fuzz.sh [cases per property, default 1000000] [webhook cases, default 50000]
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
set -e
cases="${1:-1000000}"
webhook_cases="${2:-50000}"
say "fuzzing: $cases inputs per property, $webhook_cases for the webhook (debug build)"
cargo test -p server --test api --no-run
started=$(date +%s)
PROPTEST_CASES="$cases" FUZZ_WEBHOOK_CASES="$webhook_cases" \
  cargo test -p server --test api fuzz:: -- --nocapture 2>&1 | grep -E '^fuzz:|panicked|minimal failing|test result'
status=${PIPESTATUS[0]}
say "fuzzing took $(( $(date +%s) - started )) s"
exit "$status"
