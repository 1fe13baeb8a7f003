#!/usr/bin/env bash
# What the tests need beyond npm packages: Debian's Chromium (browser tests drive it through
# playwright-core; no browser is ever downloaded), fonts with Vietnamese glyphs, and LibreOffice
# Writer (headless) to check that generated .docx documents convert to PDF.
set -euo pipefail
packages=(chromium fonts-liberation2 fonts-dejavu-core libreoffice-writer-nogui)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: missing ${missing[*]} and no apt-get here; install them, or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: missing ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "test-deps: installing ${missing[*]} from Debian…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
