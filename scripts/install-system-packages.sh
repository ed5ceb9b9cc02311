#!/usr/bin/env bash
# Debian/Ubuntu packages CertDesk needs: Qt's X11/Wayland libraries, CJK TrueType fonts for the
# screen and for embedding in certificate PDFs, Xvfb for screenshots, poppler for PDF checks,
# PostgreSQL (Debian 12: 15) for the sync server's tests (tests/helpers/postgres.py), LibreOffice Calc
# (headless, no GUI parts) to open the progress workbook as a user's spreadsheet program would.
set -euo pipefail
PACKAGES=(
  fonts-wqy-zenhei fonts-wqy-microhei
  libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libfontconfig1 libdbus-1-3
  xvfb xauth xdotool poppler-utils
  postgresql
  libreoffice-calc-nogui
)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-system-packages: not a Debian/Ubuntu system; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
