#!/bin/sh
# Full-screen Chromium for the kiosk and wall displays (flags: shared/docs/kiosk-and-display.md).
# Waits until the page's server answers, so a screen never shows a browser error page at boot.
set -eu
url="${DAWR_SCREEN_URL:?set DAWR_SCREEN_URL}"
until curl -fsS -o /dev/null "$url"; do sleep 2; done
profile="${XDG_RUNTIME_DIR:-/tmp}/dawr-chromium-profile"
rm -rf "$profile"
exec /usr/bin/chromium \
  --kiosk --noerrdialogs --disable-pinch --overscroll-history-navigation=0 \
  --hide-crash-restore-bubble --autoplay-policy=no-user-gesture-required \
  --disable-session-crashed-bubble --disable-translate --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" "$url"
