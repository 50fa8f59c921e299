#!/bin/sh
# Cross-compiles the C++ SIMD kernels for aarch64 (NEON) and runs simd_check under qemu.
#   sh native/cpp/test/cross/run-aarch64.sh   (needs g++-aarch64-linux-gnu and qemu-user-static)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../.."
out=${OUT:-$(mktemp -d)}
aarch64-linux-gnu-g++ -std=c++17 -O2 -ffp-contract=off -Wall -Wextra -I"$src" \
  "$here/simd_check.cc" "$src/support/cpu_features.cc" "$src/kernels/chunked.cc" \
  "$src/kernels/mandelbrot.cc" "$src/kernels/sum_squares.cc" "$src/kernels/square.cc" \
  "$src/kernels/monte_carlo_pi.cc" "$src/pool/job.cc" "$src/pool/pool.cc" "$src/pool/run.cc" \
  -static -pthread -o "$out/simd_check"
qemu-aarch64-static "$out/simd_check"
