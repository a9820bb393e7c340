#!/usr/bin/env bash
# Configures and builds wirekit into build/ (all executables land in build/bin/).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${WIREKIT_BUILD_DIR:-build}
# Line tables only (-g1): enough for perf, callgrind and symbolized stack traces, and a third
# less compile time than full debug information (set WIREKIT_DEBUG_FLAGS=-g for gdb).
# Warnings are errors here (WIREKIT_WERROR), not in a user's own cmake build of the tree.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${WIREKIT_BUILD_TYPE:-RelWithDebInfo} \
  -DWIREKIT_WERROR=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 ${WIREKIT_DEBUG_FLAGS:--g1} -DNDEBUG" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
