#!/usr/bin/env bash
# Creates .venv with the given Python. Debian splits the venv module out of python3; as root this
# installs python3-venv when it is missing, otherwise it says what to install.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}

if "$python" -m venv "$venv" >/dev/null 2>&1; then
    exit 0
fi
rm -rf "$venv"
version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python3-venv"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3-venv "python${version}-venv" >/dev/null 2>&1 \
        || apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$python" -m venv "$venv"
    exit 0
fi
echo "Python cannot create a virtual environment here. Install it with:" >&2
echo "  sudo apt-get install python3-venv" >&2
exit 1
