#!/usr/bin/env bash
# The concierge soak at the size issue 10 names: 1,000 clients each sending 1,000 messages
# through one concierge-server (ctest runs it with 100 each). Sizes by WIREKIT_SOAK_CLIENTS and
# WIREKIT_SOAK_MESSAGES; --asan runs the ASan/UBSan/LSan build (build-asan, made by
# scripts/test.sh --sanitize).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
for arg in "$@"; do
  case "$arg" in
    --asan) build=build-asan ;;
    *) echo "soak.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
[ -x "$build/bin/soak_tests" ] || { echo "soak.sh: build $build first" >&2; exit 2; }
export WIREKIT_SOAK_CLIENTS=${WIREKIT_SOAK_CLIENTS:-1000}
export WIREKIT_SOAK_MESSAGES=${WIREKIT_SOAK_MESSAGES:-1000}
ASAN_OPTIONS=detect_leaks=1 "$build/bin/soak_tests" --success --reporter compact | tail -3
