#!/usr/bin/env bash
# Builds the web UI and runs the desktop app (Tauri 2). Installs what is
# missing first. Arguments go to the app, e.g.
# `--sandbox-accounts http://127.0.0.1:8787` to add the loopback sandbox's accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh desktop
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release
exec cargo run -p panel-desktop -- "$@"
