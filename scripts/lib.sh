# Shared set-up for scripts/run.sh and scripts/test.sh: each ensure_* installs what is
# missing and skips what is present, so both commands work on a brand-new machine of our kind
# (rustup, cargo, node and apt present; nothing else). Sourced, not run.
# shellcheck shell=bash

CARGO_LEPTOS_VERSION=0.3.10 # 0.3.11's lockfile needs rustc 1.96 (../shared/toolchain.md)
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
[ -n "${CI:-}" ] && export CARGO_TERM_COLOR=never

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "apt-get is missing; install $* by hand"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$APT_UPDATED" ]; then $sudo apt-get update -qq || die "apt-get update failed"; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32 target: present"
  else
    say "wasm32 target: installing"; rustup target add wasm32-unknown-unknown
  fi
}

# rustfmt and clippy for scripts/test.sh's checks; in rustup's default profile, so usually present.
ensure_rust_components() {
  local component
  for component in rustfmt clippy; do
    if rustup component list --installed | grep -q "^$component-"; then
      say "$component: present"
    else
      say "$component: installing"; rustup component add "$component"
    fi
  done
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then say "chromium: present"; else say "chromium: installing (Debian)"; apt_install chromium; fi
}

ensure_cargo_leptos() {
  if [ "$(cargo leptos --version 2>/dev/null)" = "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    say "cargo-leptos $CARGO_LEPTOS_VERSION: present"; return
  fi
  say "cargo-leptos $CARGO_LEPTOS_VERSION: installing (about 15 min on 2 cores)"
  # Its own release profile (fat LTO, one codegen unit) would take far longer to build.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
}

ensure_wasm_bindgen() {
  local version
  version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$REPO_ROOT/Cargo.lock")
  [ -n "$version" ] || die "no wasm-bindgen in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $version" ]; then
    say "wasm-bindgen $version: present"; return
  fi
  say "wasm-bindgen $version: installing"
  # No --locked: its lockfile pins a webpki-roots the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$version" --force
}

# Playwright and npm binaryen's wasm-opt (Debian's binaryen breaks the wasm: never use it).
ensure_node_modules() {
  local dir="$REPO_ROOT/end2end"
  if [ -d "$dir/node_modules" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    say "npm packages: present"
  else
    say "npm packages: installing"; (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

# Writes <file>.br (brotli quality 11) and <file>.gz (gzip 9) beside the built site's wasm, JS
# and CSS; the server serves them instead of compressing on the fly (server/src/http/assets.rs).
# Node's zlib, because node is here anyway and Debian's brotli package is not.
# --split: the pages after the storefront become wasm chunks loaded on first visit
# (app/src/pages/lazy.rs), so the storefront's first open stays within its budget.
build_site() {
  cargo leptos build --release --split || return 1
  node -e '
    const zlib = require("zlib"), fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    for (const name of fs.readdirSync(dir).filter((n) => /\.(wasm|js|css)$/.test(n))) {
      const file = path.join(dir, name), data = fs.readFileSync(file);
      const br = zlib.brotliCompressSync(data, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
      fs.writeFileSync(file + ".br", br);
      fs.writeFileSync(file + ".gz", zlib.gzipSync(data, { level: 9 }));
      console.error(`==> precompressed ${name}: ${data.length} B, br ${br.length} B`);
    }' "$REPO_ROOT/target/site/pkg"
}

pg_answers() { # url
  if command -v pg_isready >/dev/null; then pg_isready -q -d "$1" -t 3; else (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; fi
}

# Exports TEST_POSTGRES_URL: the given one, else the local server, else a freshly installed one.
ensure_postgres() {
  if [ -n "${TEST_POSTGRES_URL:-}" ]; then say "postgres: TEST_POSTGRES_URL is set"; return; fi
  local local_url="postgres://postgres@127.0.0.1:5432/test"
  if pg_answers "$local_url" || pg_answers "postgres://postgres@127.0.0.1:5432/postgres"; then
    say "postgres: using the server on 127.0.0.1:5432"
    psql "postgres://postgres@127.0.0.1:5432/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'test'" 2>/dev/null | grep -q 1 ||
      psql "postgres://postgres@127.0.0.1:5432/postgres" -qc "CREATE DATABASE test" >/dev/null 2>&1 || true
    export TEST_POSTGRES_URL="$local_url"
    return
  fi
  say "postgres: none answers; installing Debian's postgresql"
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [ -n "$version" ] || die "postgresql installed but no cluster found in /etc/postgresql"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
  local i; for i in $(seq 1 30); do pg_answers "postgres://127.0.0.1:5432/postgres" && break; sleep 1; done
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'test'\"" | grep -q 1 || su postgres -c "createdb test"
  export TEST_POSTGRES_URL="postgres://postgres:postgres@127.0.0.1:5432/test"
  pg_answers "$TEST_POSTGRES_URL" || die "PostgreSQL does not answer at 127.0.0.1:5432"
}
