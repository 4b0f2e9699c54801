#!/usr/bin/env bash
# Installs what CI's Arm64 leg needs to run linux-arm64 programs on an x64 machine: the user-mode
# emulator qemu-aarch64-static, and the arm64 C libraries a self-contained .NET app loads from the
# root it is given (-L /): the C and C++ runtimes and zlib for the runtime itself, and OpenSSL, which
# the xunit v3 runner loads to hash test case IDs. Quick and silent when all of it is installed
# already; exits non-zero, saying why, when it is missing and cannot be installed (not root, no apt).
set -euo pipefail

# Debian 13 renamed the OpenSSL library package for its 64-bit time_t transition.
libraries=(libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 zlib1g:arm64)

installed() { dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

missing=()
command -v qemu-aarch64-static > /dev/null || missing+=(qemu-user-static)
for package in "${libraries[@]}"; do
  installed "$package" || missing+=("$package")
done
installed libssl3:arm64 || installed libssl3t64:arm64 || missing+=(libssl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
  echo "arm64/install.sh: missing ${missing[*]}, and this machine cannot install them (needs root and apt-get)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -qq
ssl=libssl3:arm64
apt-cache show libssl3t64:arm64 > /dev/null 2>&1 && ssl=libssl3t64:arm64
apt-get install -y -qq --no-install-recommends qemu-user-static "${libraries[@]}" "$ssl" > /dev/null
command -v qemu-aarch64-static > /dev/null
