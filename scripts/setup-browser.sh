#!/usr/bin/env bash
# Installs what the dashboard's browser tests need, when missing: Debian's chromium (used by playwright-core at
# /usr/bin/chromium; playwright's own browser download is not reachable here) and CJK fonts for the Chinese UI.
# Runs as root (CI and development machines) or with sudo; never fails the build: without chromium the
# browser tests skip and say why.
set -uo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-browser: chromium and fonts-noto-cjk present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "setup-browser: not root and no sudo: cannot install ${missing[*]}; browser tests will skip" >&2
    exit 0
  fi
fi

echo "setup-browser: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq || ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "setup-browser: apt-get could not install ${missing[*]}; browser tests will skip" >&2
fi
exit 0
