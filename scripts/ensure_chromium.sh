#!/usr/bin/env bash
# The dashboard's end-to-end test drives Debian's headless Chromium through chromedriver.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and chromedriver from the distribution's packages (dashboard e2e test)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "Chromium is missing: the dashboard test will be skipped. Install it with:" >&2
  echo "    sudo apt-get install -y chromium chromium-driver" >&2
fi
