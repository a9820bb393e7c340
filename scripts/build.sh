#!/usr/bin/env bash
# Configures and builds wirekit into build/ (all executables land in build/bin/).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${WIREKIT_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${WIREKIT_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
