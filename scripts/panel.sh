#!/usr/bin/env bash
# Starts the panel at http://127.0.0.1:8080 in Sandbox mode (the five providers
# simulated in the browser: no accounts or servers needed). Installs what is
# missing first. Extra arguments go to `trunk serve` (e.g. --release, --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh web
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
