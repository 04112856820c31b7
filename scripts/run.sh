#!/usr/bin/env bash
# Builds and runs the shop at http://127.0.0.1:3000 with the embedded defaults (a SQLite file
# under data/, and the Telegram simulator: SANDBOX=1 unless a BOT_TOKEN is configured).
# Settings: environment or .env (.env.example).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_node_modules
say "building (release)"
build_site
# The embedded defaults play Telegram with the local simulator; a configured bot (BOT_TOKEN in
# the environment or in .env) runs for real instead.
if [ -z "${BOT_TOKEN:-}" ] && ! grep -qsE '^[[:space:]]*BOT_TOKEN=[^[:space:]#]' .env; then
  export SANDBOX="${SANDBOX:-1}"
fi
say "starting the shop on http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec target/release/server
