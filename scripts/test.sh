#!/usr/bin/env bash
# Runs every test of the project: lint, the provider contract tests, the
# sandbox tests, the clients' lifecycles through the sandbox (in-process and
# over loopback), the wasm32 builds, the release build of the panel, the
# browser tests in headless Chromium, and the desktop app's tests and smoke
# run under Xvfb. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy"
cargo clippy -p providers -p sandbox -p conformance -p e2e --all-targets -- -D warnings
cargo clippy -p panel --target wasm32-unknown-unknown -- -D warnings

step "the provider core has no IO dependency"
io=$(cargo tree -p providers -e normal --prefix none | grep -E '^(reqwest|gloo[a-z_-]*|tokio|web-sys|hyper|surf|ureq) ' || true)
if [ -n "$io" ]; then echo "providers depends on IO crates:"; echo "$io"; exit 1; fi
echo "none"

step "native tests: provider contracts, sandbox, lifecycles through the sandbox"
cargo build -p sandbox
cargo test -p providers -p sandbox -p conformance

step "wasm32 builds of the core and the sandbox"
cargo build -p providers --target wasm32-unknown-unknown
cargo build -p sandbox --no-default-features --target wasm32-unknown-unknown

step "release build of the panel"
trunk build --release

step "browser tests (headless Chromium; screenshots and request logs in target/e2e/)"
rm -rf target/e2e/requests
cargo test -p e2e

step "documented endpoints the browser tests reached through the panel"
cargo run -q -p e2e --bin endpoint_coverage -- --strict

step "desktop app: lint, keychain/transport/signer tests, smoke run under Xvfb"
cargo clippy -p panel-desktop --all-targets -- -D warnings
scripts/desktop-test.sh

echo
echo "all tests passed"
