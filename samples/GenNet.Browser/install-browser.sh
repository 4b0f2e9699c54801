#!/bin/sh
# Installs the headless browser the end-to-end test drives (tests/GenNet.Browser.Tests): Debian's
# chromium and the chromedriver that matches it. Nothing is downloaded when both are already there.
set -eu
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-browser.sh: chromium or chromedriver is missing and this user cannot install packages (not root, no sudo)." >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
