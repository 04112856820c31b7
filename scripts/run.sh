#!/usr/bin/env bash
# Builds and runs the shop at http://127.0.0.1:3000 with the embedded defaults (a SQLite file
# under data/, sandbox mode without BOT_TOKEN). Settings: environment or .env (.env.example).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_node_modules
say "building (release)"
build_site
say "starting the shop on http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
exec target/release/server
