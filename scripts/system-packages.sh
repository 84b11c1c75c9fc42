#!/usr/bin/env bash
# Installs (as root, with apt) or names (otherwise) the Debian packages DNQP Desktop needs.
#   scripts/system-packages.sh run    fonts and Qt's runtime libraries
#   scripts/system-packages.sh test   the same, plus what the tests use (poppler for PDFs, Xvfb)
# Development helper only: the product itself never shells out.
set -euo pipefail

purpose=${1:-run}

fonts=(fonts-noto-core fonts-lao fonts-liberation2 fonts-dejavu-core)
qt_runtime=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0
    libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
    libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1)
test_tools=(poppler-utils xvfb xauth)

wanted=("${fonts[@]}" "${qt_runtime[@]}")
if [ "$purpose" = test ]; then
    wanted+=("${test_tools[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian-based system: make sure these are installed (or their equivalents):"
    echo "  Lao fonts (Phetsarath OT or Noto Lao), Liberation Serif or Times New Roman, Noto Serif Khmer,"
    echo "  and Qt 6's xcb runtime libraries (libxcb-cursor, libxkbcommon-x11, libEGL, libGL, fontconfig)."
    exit 0
fi

missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
fi

echo "DNQP Desktop needs these system packages, which are not installed:" >&2
echo "  ${missing[*]}" >&2
echo "Install them with:" >&2
echo "  sudo apt-get install ${missing[*]}" >&2
exit 1
