#!/usr/bin/env bash
# Tests the desktop app (src-tauri): builds it, runs its native tests with a
# real keychain backend (kernel keyutils, in a fresh session keyring), then a
# smoke run: the app under Xvfb against the loopback sandbox, waiting until
# the web view reports every account's fleet loaded, and a screenshot in
# target/e2e/desktop.png (the app's output in target/e2e/desktop-app.log).
# Installs what is missing first.
#
#   scripts/desktop-test.sh            everything
#   scripts/desktop-test.sh --smoke    only the build and the smoke run
set -euo pipefail
cd "$(dirname "$0")/.."

only_smoke=false
[ "${1:-}" = "--smoke" ] && only_smoke=true

scripts/setup.sh desktop
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[1;31mdesktop-test: %s\033[0m\n' "$*" >&2; exit 1; }

# Tauri embeds dist/ when it compiles the app, so it must exist first.
if [ ! -f dist/index.html ]; then
  step "web build (dist/ is missing)"
  trunk build --release
fi

step "build: the sandbox and the desktop app"
cargo build -p sandbox -p panel-desktop

if ! $only_smoke; then
  step "native tests (keyutils in a fresh session keyring)"
  keyctl session - cargo test -p panel-desktop -- --include-ignored
fi

step "smoke run under Xvfb"
work=$(mktemp -d)
service="vps-panel-smoke-$$"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    # The app runs in a process group of its own (its WebKit helpers too).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 1
  for pid in "${pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  [ -f "$work/app.log" ] && mkdir -p target/e2e && cp "$work/app.log" target/e2e/desktop-app.log
  # The smoke run's keychain entries (its own service name) go too.
  keyctl session - sh -c '
    ring=$(keyctl get_persistent @s 2>/dev/null) || exit 0
    for key in $(keyctl rlist "$ring" 2>/dev/null); do
      case "$(keyctl rdescribe "$key" 2>/dev/null)" in
        *"@'"$service"'") keyctl invalidate "$key" ;;
      esac
    done' >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

setsid target/debug/sandbox --port 0 >"$work/sandbox.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  grep -q "listening on" "$work/sandbox.log" && break
  sleep 0.1
done
sandbox=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/sandbox.log" | head -n 1) ||
  fail "the sandbox did not start: $(cat "$work/sandbox.log")"
echo "sandbox at $sandbox"

# -displayfd: Xvfb picks a free display and writes its number.
setsid Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(head -n 1 "$work/display")"
echo "Xvfb on $DISPLAY"

ready="$work/ready"
setsid keyctl session - env \
  PANEL_KEYSTORE=keyutils PANEL_KEYSTORE_SERVICE="$service" PANEL_READY_FILE="$ready" \
  WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1 \
  target/debug/panel-desktop --sandbox-accounts "$sandbox" >"$work/app.log" 2>&1 &
app=$!
pids+=("$app")

waited=0
until [ -s "$ready" ]; do
  if ! kill -0 "$app" 2>/dev/null; then
    cat "$work/app.log" >&2
    fail "the desktop app exited before its fleet loaded"
  fi
  if [ "$waited" -ge 90 ]; then
    mkdir -p target/e2e
    import -window root target/e2e/desktop-timeout.png 2>/dev/null || true
    tail -n 40 "$work/app.log" >&2
    fail "no fleet after 90 s (no write to PANEL_READY_FILE); screen in target/e2e/desktop-timeout.png"
  fi
  sleep 1
  waited=$((waited + 1))
done
echo "fleet loaded after ${waited} s: $(cat "$ready") servers"
sleep 2
mkdir -p target/e2e
import -window root target/e2e/desktop.png
echo "screenshot: target/e2e/desktop.png"

echo
echo "desktop tests passed"
