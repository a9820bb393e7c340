#!/usr/bin/env bash
# Installs what is needed, builds, checks generated/ is fresh and formatted, and runs every
# test. Extra runs, each by a flag or its variable (CI=true turns all three on):
#   --sanitize (WIREKIT_SANITIZE=1)  the whole suite under ASan/UBSan in build-asan/
#   --tsan     (WIREKIT_TSAN=1)      runtime, end-to-end and hostile-peer tests under
#                                    ThreadSanitizer in build-tsan/
#   --fuzz     (WIREKIT_FUZZ=1)      every fuzz target for 20 s (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=${WIREKIT_SANITIZE:-0}
tsan=${WIREKIT_TSAN:-0}
fuzz=${WIREKIT_FUZZ:-0}
if [ "${CI:-}" = "true" ]; then sanitize=1 tsan=1 fuzz=1; fi
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --tsan) tsan=1 ;;
    --fuzz) fuzz=1 ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh
bash scripts/build.sh
jobs=$(nproc)
echo "== tests"
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== every C++ file is clang-format clean"
bash scripts/check_format.sh
if [ "$sanitize" = "1" ]; then
  echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  WIREKIT_BUILD_DIR=build-asan WIREKIT_BUILD_TYPE=Debug bash scripts/build.sh \
    -DWIREKIT_SANITIZE=ON -DWIREKIT_BUILD_BENCH=OFF -DWIREKIT_BUILD_EXAMPLES=OFF
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
if [ "$tsan" = "1" ]; then
  echo "== runtime, end-to-end and hostile-peer tests under ThreadSanitizer"
  tsan_tests=(runtime_tests e2e_tests hostile_tests replay_session_frames)
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIREKIT_TSAN=ON \
    -DWIREKIT_BUILD_BENCH=OFF >/dev/null
  cmake --build build-tsan -j "$jobs" --target "${tsan_tests[@]}"
  # Any report fails the run (halt_on_error); each executable runs all its cases.
  export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
  for t in runtime_tests e2e_tests hostile_tests; do
    echo "-- $t"
    "build-tsan/bin/$t"
  done
  build-tsan/bin/replay_session_frames fuzz/corpus/session_frames
fi
if [ "$fuzz" = "1" ]; then
  echo "== fuzz targets (clang, libFuzzer, ASan/UBSan)"
  bash scripts/fuzz.sh
fi
