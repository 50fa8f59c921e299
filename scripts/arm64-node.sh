#!/usr/bin/env bash
# Unpacks Debian's arm64 Node (18, from bookworm) and its libraries into build/arm64-sysroot, to run
# the linux-arm64-gnu addons under qemu-aarch64-static (test/package/arm64-qemu.test.ts):
#   qemu-aarch64-static -L build/arm64-sysroot build/arm64-sysroot/usr/bin/node file.cjs
# Needs root for `dpkg --add-architecture arm64` + `apt-get update` (once); installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64 && apt-get update -q; }
mkdir -p build/arm64-debs && cd build/arm64-debs
pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances nodejs:arm64 \
  | grep -E '^\w' | grep ':arm64' | sort -u | grep -v -E 'debconf|perl|dpkg|base-files|tzdata|install-info|gcc-12-base')
# Debian's node loads some builtins from these architecture-independent packages.
apt-get download $pkgs node-acorn node-cjs-module-lexer node-undici
cd .. && rm -rf arm64-sysroot && mkdir arm64-sysroot
for d in arm64-debs/*.deb; do dpkg -x "$d" arm64-sysroot; done
qemu-aarch64-static -L "$PWD/arm64-sysroot" arm64-sysroot/usr/bin/node -p '`node ${process.version} ${process.arch}`'
