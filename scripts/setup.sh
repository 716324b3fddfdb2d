#!/usr/bin/env bash
# Installs what building and testing the panel needs, skipping whatever is
# already there: Debian packages, the wasm32 target, trunk, wasm-bindgen-cli
# (at Cargo.lock's version), and the npm tools (wasm-opt, ECharts).
#
#   scripts/setup.sh web     what `scripts/panel.sh` needs
#   scripts/setup.sh test    everything `scripts/test.sh` needs (default;
#                            includes the desktop profile)
#   scripts/setup.sh desktop what `scripts/desktop-test.sh` needs (the web
#                            build plus Tauri's WebKitGTK, keyring and Xvfb)
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-test}"
TRUNK_VERSION=0.21.14

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# clang builds secp256k1's C code for wasm32; pkg-config and libssl for native builds.
web_packages=(clang lld pkg-config libssl-dev)
# Headless browser tests.
test_packages=(chromium chromium-driver)
# The Tauri desktop app (WebKitGTK 4.1, GTK 3, libsoup 3, tray and xdo), the
# keyring backends (libdbus for Secret Service, keyutils for `keyctl session`;
# gnome-keyring, libsecret-tools and dbus-x11 to try Secret Service headless)
# and its smoke run (Xvfb, ImageMagick's `import`).
desktop_packages=(libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev libssl-dev pkg-config file
  libdbus-1-dev gnome-keyring libsecret-tools dbus-x11 keyutils xvfb imagemagick)

case "$profile" in
  web) apt_install "${web_packages[@]}" ;;
  test) apt_install "${web_packages[@]}" "${test_packages[@]}" "${desktop_packages[@]}" ;;
  desktop) apt_install "${web_packages[@]}" "${desktop_packages[@]}" ;;
  *) echo "usage: $0 [web|test|desktop]" >&2; exit 2 ;;
esac

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "cargo: installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  say "cargo: installing wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -f node_modules/echarts/dist/echarts.min.js ]; then
  say "npm: installing wasm-opt (binaryen 132) and ECharts"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ECharts is served from the panel's own public/ folder, never from a CDN.
mkdir -p public/vendor
cmp -s node_modules/echarts/dist/echarts.min.js public/vendor/echarts.min.js ||
  cp node_modules/echarts/dist/echarts.min.js public/vendor/echarts.min.js

say "setup done ($profile)"
