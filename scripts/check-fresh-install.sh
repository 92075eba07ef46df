#!/usr/bin/env bash
# The fresh-machine path, checked on this machine: `npm ci` with the PC/SC headers out of reach (as on a Debian
# machine with only Node and npm, where the optional `smartcard` binding cannot compile), then `npm start` from
# that install — the demo must come up, its kiosk answering with the card reader absent. Then a second
# `npm start`, timed: with nothing changed it builds nothing (target: its addresses in 10 s or less).
# Used by .ci/run before `npm test` (which installs the system packages and builds what was skipped here).
set -euo pipefail
cd "$(dirname "$0")/.."

pcsc_headers=/usr/include/PCSC
if [ -d "$pcsc_headers" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
    echo "check-fresh-install: the PC/SC headers are installed and hiding them needs root and unshare" >&2
    exit 1
  fi
  empty=$(mktemp -d)
  echo "▶ npm ci with $pcsc_headers hidden (a private mount namespace): the install must not need libpcsclite-dev"
  unshare -m bash -c "mount --bind '$empty' '$pcsc_headers' && npm ci --no-audit --no-fund"
  rmdir "$empty"
else
  echo "▶ npm ci (this machine has no PC/SC headers)"
  npm ci --no-audit --no-fund
fi
if node -e "require('smartcard')" 2>/dev/null; then
  echo "check-fresh-install: smartcard built although the PC/SC headers were out of reach: the check proves nothing" >&2
  exit 1
fi
echo "✓ npm ci succeeded without the PC/SC headers (the smartcard binding was skipped)"

data=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
kport=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
hport=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
export DAWR_PORT=$port DAWR_KIOSK_PORT=$kport DAWR_HUB_PORT=$hport DAWR_DATA_DIR=$data

# Starts `npm start`, waits (at most $1 s) for the last address line, prints how long that took.
start_demo() {
  local limit=$1 began
  began=$(date +%s%N)
  # Its own process group, so that Ctrl-C (SIGINT) reaches the demo itself and not only npm, as in a terminal.
  setsid npm start >"$data/demo.out" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 $((limit * 4))); do
    grep -q '^  Hub: national ' "$data/demo.out" && break
    kill -0 "$demo_pid" 2>/dev/null || break
    sleep 0.25
  done
  if ! grep -q '^  Hub: national ' "$data/demo.out"; then
    cat "$data/demo.out" >&2
    echo "check-fresh-install: npm start did not print its addresses within $limit s" >&2
    kill -INT -- "-$demo_pid" 2>/dev/null || true
    exit 1
  fi
  elapsed_ms=$((($(date +%s%N) - began) / 1000000))
}

stop_demo() {
  kill -INT -- "-$demo_pid" 2>/dev/null || true
  wait "$demo_pid" 2>/dev/null || true
  # Nothing of the demo may outlive it (the next start reuses its ports).
  for _ in $(seq 1 40); do
    pgrep -g "$demo_pid" >/dev/null || return 0
    sleep 0.25
  done
  echo "check-fresh-install: the demo did not stop on Ctrl-C within 10 s" >&2
  pkill -KILL -g "$demo_pid" || true
  exit 1
}

echo "▶ npm start from that install"
start_demo 300
health=$(curl -fsS "http://127.0.0.1:$kport/health")
page=$(curl -fsS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$kport/")
if ! grep -q '"cardReader":"absent"' <<<"$health" && ! grep -q '"cardReader":"unavailable"' <<<"$health"; then
  echo "check-fresh-install: the kiosk should report its card reader absent, it said: $health" >&2
  stop_demo
  exit 1
fi
[ "$page" = 200 ] || { echo "check-fresh-install: the kiosk's start page answered $page" >&2; stop_demo; exit 1; }
echo "✓ the demo started in ${elapsed_ms} ms; the kiosk answers and reports its card reader absent: $health"
# The demo branch syncs with the demo hub: its health says so once the first exchange is done.
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"connected":true' && break
  sleep 0.25
done
if ! curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"connected":true'; then
  echo "check-fresh-install: the demo branch did not reach the demo hub: $(curl -fsS "http://127.0.0.1:$port/healthz")" >&2
  stop_demo
  exit 1
fi
echo "✓ the demo branch syncs with the demo hub"
stop_demo

echo "▶ npm start again (nothing changed: nothing to build)"
start_demo 60
stop_demo
if grep -q 'built in' "$data/demo.out"; then
  cat "$data/demo.out" >&2
  echo "check-fresh-install: the second npm start rebuilt an app although nothing changed" >&2
  exit 1
fi
echo "✓ second npm start: its addresses in ${elapsed_ms} ms (target ≤ 10 000 ms)"
rm -rf "$data"
