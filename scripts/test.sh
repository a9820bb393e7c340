#!/usr/bin/env bash
# Installs what is needed, builds, checks generated/ is fresh and formatted, and runs every
# test. With --sanitize (or WIREKIT_SANITIZE=1) it also runs the suite under ASan/UBSan in
# build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
jobs=$(nproc)
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== every C++ file is clang-format clean"
bash scripts/check_format.sh
if [ "${1:-}" = "--sanitize" ] || [ "${WIREKIT_SANITIZE:-0}" = "1" ]; then
  echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  WIREKIT_BUILD_DIR=build-asan WIREKIT_BUILD_TYPE=Debug bash scripts/build.sh \
    -DWIREKIT_SANITIZE=ON -DWIREKIT_BUILD_BENCH=OFF -DWIREKIT_BUILD_EXAMPLES=OFF
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
